"""The standard cast and a small world, built through the services, for every module's tests.

World (all from 01/01/2016): tỉnh P > huyện D > xã A (thôn A1, A2) and xã B (thôn B1).
Cast: editor_a (Văn phòng cấp ủy, xã A), viewer_a (Xem báo cáo, xã A), user_b (Văn phòng cấp ủy, xã B),
district_user (Thường trực cấp ủy, huyện D), admin (superuser), and the anonymous client.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from danvan.core.access import loader_actor
from danvan.core.models import BodyType, PartyOrgType, Role, Unit, UnitType
from danvan.core.services import accounts, orgs, units

START = datetime.date(2016, 1, 1)
PASSWORD = "cast-password-1"


@dataclass
class World:
    province: Unit
    district: Unit
    commune_a: Unit
    commune_b: Unit
    village_a1: Unit
    village_a2: Unit
    village_b1: Unit
    body_a: object
    body_b: object
    party_org_a: object
    party_org_b: object
    person_a: object
    person_b: object
    users: dict
    extra: dict = field(default_factory=dict)  # what other modules' fixtures add


def unit_type(code: str) -> UnitType:
    return UnitType.objects.get(code=code)


def make_user(username: str, *, superuser: bool = False):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, first_name=username)
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save()
    return user


def grant(user, role_code: str, unit: Unit, valid_from=START):
    return accounts.membership_create(
        actor=loader_actor(), user=user, role=Role.objects.get(code=role_code), unit=unit, valid_from=valid_from
    )


def build_world() -> World:
    province = units.unit_create(
        actor=loader_actor(), name="Phú Thịnh", unit_type=unit_type("province"), parent=None, valid_from=START
    )
    district = units.unit_create(
        actor=loader_actor(), name="Đông Sơn", unit_type=unit_type("rural_district"), parent=province, valid_from=START
    )
    commune_a = units.unit_create(
        actor=loader_actor(), name="An Lộc", unit_type=unit_type("commune"), parent=district, valid_from=START
    )
    commune_b = units.unit_create(
        actor=loader_actor(), name="Bình Lộc", unit_type=unit_type("commune"), parent=district, valid_from=START
    )
    village = unit_type("village")
    a1 = units.unit_create(
        actor=loader_actor(), name="Đông Thượng", unit_type=village, parent=commune_a, valid_from=START
    )
    a2 = units.unit_create(actor=loader_actor(), name="Tây Hạ", unit_type=village, parent=commune_a, valid_from=START)
    b1 = units.unit_create(actor=loader_actor(), name="Bắc Sơn", unit_type=village, parent=commune_b, valid_from=START)
    people_committee = BodyType.objects.get(code="people_committee")
    body_a = orgs.body_create(
        actor=loader_actor(), name="UBND xã An Lộc", body_type=people_committee, unit=commune_a, valid_from=START
    )
    body_b = orgs.body_create(
        actor=loader_actor(), name="UBND xã Bình Lộc", body_type=people_committee, unit=commune_b, valid_from=START
    )
    commune_org = PartyOrgType.objects.get(code="commune_party_org")
    org_a = orgs.party_org_create(
        actor=loader_actor(), name="Đảng bộ xã An Lộc", org_type=commune_org, unit=commune_a, valid_from=START
    )
    org_b = orgs.party_org_create(
        actor=loader_actor(), name="Đảng bộ xã Bình Lộc", org_type=commune_org, unit=commune_b, valid_from=START
    )
    person_a = orgs.person_create(actor=loader_actor(), full_name="Nguyễn Thị An", unit=commune_a)
    person_b = orgs.person_create(actor=loader_actor(), full_name="Trần Văn Bình", unit=commune_b)
    users = {
        "editor_a": make_user("editor_a"),
        "viewer_a": make_user("viewer_a"),
        "user_b": make_user("user_b"),
        "district_user": make_user("district_user"),
        "admin": make_user("admin", superuser=True),
    }
    grant(users["editor_a"], "committee_office", commune_a)
    grant(users["viewer_a"], "viewer", commune_a)
    grant(users["user_b"], "committee_office", commune_b)
    grant(users["district_user"], "standing_committee", district)
    return World(
        province, district, commune_a, commune_b, a1, a2, b1, body_a, body_b, org_a, org_b, person_a, person_b, users
    )
