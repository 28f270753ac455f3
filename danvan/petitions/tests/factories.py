"""Bodies, officers and routing rules around the cast's world, for the registry's tests."""

import datetime
from dataclasses import dataclass

from danvan.core.access import loader_actor
from danvan.core.models import BodyType, MonitoringField, Role, UnitLevel
from danvan.core.services import accounts, orgs
from danvan.core.tests.cast import make_user
from danvan.petitions import services
from danvan.petitions.models import RoutingRule

D = datetime.date


@dataclass
class Desk:
    agriculture: object  # Phòng Nông nghiệp huyện (district)
    district_committee: object  # UBND huyện, parent of the department
    province_dept: object  # Sở Nông nghiệp (province)
    officer: object  # officer of the department (membership on behalf of the body)
    chief: object  # officer of UBND huyện (the superior body)
    economy: object  # monitoring field
    culture: object


def build_desk(world) -> Desk:
    uy_ban = BodyType.objects.get(code="people_committee")
    dept = BodyType.objects.get(code="department")
    district_committee = orgs.body_create(
        actor=loader_actor(),
        name="UBND huyện Đông Sơn",
        body_type=uy_ban,
        unit=world.district,
        valid_from=D(2016, 1, 1),
    )
    agriculture = orgs.body_create(
        actor=loader_actor(),
        name="Phòng Nông nghiệp và Phát triển nông thôn",
        body_type=dept,
        unit=world.district,
        parent=district_committee,
        valid_from=D(2016, 1, 1),
    )
    province_dept = orgs.body_create(
        actor=loader_actor(),
        name="Sở Nông nghiệp tỉnh Phú Thịnh",
        body_type=dept,
        unit=world.province,
        valid_from=D(2016, 1, 1),
    )
    officer = make_user("officer_agri")
    chief = make_user("chief_ubnd")
    role = Role.objects.get(code="body_officer")
    accounts.membership_create(
        actor=loader_actor(), user=officer, role=role, unit=world.district, body=agriculture, valid_from=D(2016, 1, 1)
    )
    accounts.membership_create(
        actor=loader_actor(),
        user=chief,
        role=role,
        unit=world.district,
        body=district_committee,
        valid_from=D(2016, 1, 1),
    )
    economy = MonitoringField.objects.get(code="economy")
    culture = MonitoringField.objects.get(code="culture_society")
    services.routing_rule_create(
        actor=loader_actor(), scope=world.district, body=agriculture, field=economy, valid_from=D(2016, 1, 1)
    )
    services.routing_rule_create(
        actor=loader_actor(), scope=world.district, body=district_committee, valid_from=D(2016, 1, 1)
    )
    return Desk(agriculture, district_committee, province_dept, officer, chief, economy, culture)


def commune_level():
    return UnitLevel.objects.get(code="commune")


__all__ = ["RoutingRule"]
