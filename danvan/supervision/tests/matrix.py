"""This module's URLs in the access matrix (danvan/core/tests/test_access_matrix.py)."""

from danvan.core.tests.test_access_matrix_shapes import ALL, GROUP_ADMIN, GROUP_MANAGE, GROUP_READ, GROUP_RECORD

from .factories import build_group


def prepare(world):
    build_group(world)  # once per test module: each test's changes are rolled back


MATRIX = {
    "supervision:group_list": (lambda w: {}, ALL),
    "supervision:group_create": (lambda w: {}, GROUP_ADMIN),
    "supervision:group_detail": (lambda w: {"pk": w.extra["group"].pk}, GROUP_READ),
    "supervision:team_create": (lambda w: {"pk": w.extra["group"].pk}, GROUP_MANAGE),
    "supervision:coverage": (lambda w: {"pk": w.extra["group"].pk}, GROUP_READ),
    "supervision:assignment_create": (lambda w: {"pk": w.extra["team"].pk}, GROUP_MANAGE),
    "supervision:attendance_list": (lambda w: {}, ALL),
    "supervision:attendance_create": (lambda w: {}, GROUP_RECORD),
    "supervision:report_matrix": (lambda w: {"pk": w.extra["group"].pk}, GROUP_READ),
    "supervision:report_list": (lambda w: {}, ALL),
    "supervision:report_create": (lambda w: {}, GROUP_RECORD),
    "supervision:report_detail": (lambda w: {"pk": w.extra["report"].pk}, GROUP_READ),
    "supervision:report_edit": (lambda w: {"pk": w.extra["report"].pk}, GROUP_MANAGE),
    "supervision:report_action": (None, "POST only: covered by test_monthly_reports.py"),
    "supervision:plan_create": (lambda w: {"pk": w.extra["group"].pk}, GROUP_MANAGE),
    "supervision:plan_detail": (lambda w: {"pk": w.extra["plan"].pk}, GROUP_READ),
    "supervision:task_status": (None, "POST only: covered by test_plans_and_activities.py"),
    "supervision:activity_list": (lambda w: {}, ALL),
    "supervision:decision_add": (lambda w: {"pk": w.extra["group"].pk}, GROUP_MANAGE),
    "supervision:team_edit": (lambda w: {"pk": w.extra["team"].pk}, GROUP_MANAGE),
    "supervision:assignment_end": (lambda w: {"pk": w.extra["assignment"].pk}, GROUP_MANAGE),
    "supervision:activity_create": (lambda w: {}, GROUP_RECORD),
    "supervision:raised_list": (lambda w: {}, ALL),
}
