"""Expected answers per cast member, shared by every module's access-matrix entries."""

from danvan.conftest import CAST

ALL = {"editor_a": 200, "viewer_a": 200, "user_b": 200, "district_user": 200, "admin": 200, "anonymous": 302}
IN_A = {"editor_a": 200, "viewer_a": 200, "user_b": 404, "district_user": 200, "admin": 200, "anonymous": 302}
EDIT_A = {"editor_a": 200, "viewer_a": 403, "user_b": 404, "district_user": 403, "admin": 200, "anonymous": 302}
CREATE = {"editor_a": 200, "viewer_a": 403, "user_b": 200, "district_user": 403, "admin": 200, "anonymous": 302}
ADMIN = {"editor_a": 403, "viewer_a": 403, "user_b": 403, "district_user": 403, "admin": 200, "anonymous": 302}
PUBLIC = dict.fromkeys(CAST, 200)
ADMIN_IN_A = {**ADMIN}
# A working group of the district: the district user manages it; communes do not see it.
GROUP_READ = {"editor_a": 404, "viewer_a": 404, "user_b": 404, "district_user": 200, "admin": 200, "anonymous": 302}
GROUP_MANAGE = {**GROUP_READ}
GROUP_ADMIN = {"editor_a": 200, "viewer_a": 403, "user_b": 200, "district_user": 200, "admin": 200, "anonymous": 302}
# Recording attendance needs a team in a group of the user's units.
GROUP_RECORD = {"editor_a": 403, "viewer_a": 403, "user_b": 403, "district_user": 200, "admin": 200, "anonymous": 302}
# Kiến nghị: intake and the desk (committee office, standing committee); an item raised in commune A.
PETITION_RECORD = {
    "editor_a": 200,
    "viewer_a": 403,
    "user_b": 200,
    "district_user": 200,
    "admin": 200,
    "anonymous": 302,
}
# Dân vận khéo: the mass-mobilisation side (committee office, standing committee) manages and evaluates;
# commune officers and the Front register.
EMULATION_MANAGE = {**PETITION_RECORD}
# An initiative of commune A: its committee office, the district's standing committee and administrators.
MANAGE_A = {"editor_a": 200, "viewer_a": 403, "user_b": 404, "district_user": 200, "admin": 200, "anonymous": 302}
# An import job of editor_a: only its owner (and administrators); roles without registration get 403.
OWN_JOB = {"editor_a": 200, "viewer_a": 403, "user_b": 404, "district_user": 403, "admin": 200, "anonymous": 302}
