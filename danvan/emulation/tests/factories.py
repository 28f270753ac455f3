"""Initiatives around the cast's world, taken through the yearly cycle by the services (as the system)."""

import datetime
from dataclasses import dataclass

from danvan.core.access import loader_actor
from danvan.core.models import UnitLevel
from danvan.core.tests.cast import grant, make_user
from danvan.emulation import services
from danvan.emulation.models import CriteriaSheet, Field, Initiative, SubjectType

D = datetime.date


def field(code: str = "dvk-kinh-te") -> Field:
    return Field.objects.get(code=code)


def make_initiative(
    world,
    *,
    name: str = "Dân vận khéo trong dồn điền đổi thửa",
    year: int = 2016,
    kind: str = "model",
    field_code: str = "dvk-kinh-te",
    unit=None,
    subject: str = "chinh-quyen",
    level: str | None = None,
    to: str = "registered",
    result: str = "effective",
    actor=None,
    **extra,
) -> Initiative:
    """An initiative of `year` registered for `unit` (commune A by default) and taken to state `to`
    (registered, returned, approved, implementing, reviewed, evaluated) with `result` when evaluated."""
    unit = unit or world.commune_a
    initiative = services.initiative_create(
        actor=actor or loader_actor(),
        year=year,
        name=name,
        kind=kind,
        field=field(field_code),
        unit=unit,
        subject_type=SubjectType.objects.get(code=subject),
        level=UnitLevel.objects.get(code=level or unit.level.code),
        registered_on=extra.pop("registered_on", D(year, 2, 1)),
        **extra,
    )
    step = ["registered", "approved", "implementing", "reviewed", "evaluated"]
    if to == "returned":
        return services.initiative_return(
            actor=loader_actor(),
            initiative=initiative,
            expected_version=initiative.version,
            reason="Bổ sung nguồn lực.",
        )
    for state in step[1 : step.index(to) + 1]:
        v = initiative.version
        if state == "approved":
            services.initiative_approve(
                actor=loader_actor(), initiative=initiative, expected_version=v, on=D(year, 2, 10)
            )
        elif state == "implementing":
            services.initiative_launch(
                actor=loader_actor(), initiative=initiative, expected_version=v, launched_on=D(year, 3, 1)
            )
        elif state == "reviewed":
            services.initiative_review(
                actor=loader_actor(),
                initiative=initiative,
                expected_version=v,
                reviewed_on=D(year, 7, 1),
                note="Sơ kết 6 tháng.",
            )
        elif state == "evaluated":
            services.initiative_conclude(
                actor=loader_actor(),
                initiative=initiative,
                expected_version=v,
                result=result,
                evaluated_on=D(year, 12, 1),
            )
    initiative.refresh_from_db()
    return initiative


def scored_sheet(
    world, *, unit=None, year_from: int = 2015, name: str = "Tiêu chí đánh giá mô hình Dân vận khéo"
) -> CriteriaSheet:
    """Five weighted criteria (max 10 each, weights 2,2,2,1,1 → maximum 80) and three grades."""
    return services.sheet_create(
        actor=loader_actor(),
        name=name,
        unit=unit or world.district,
        mode="scored",
        year_from=year_from,
        criteria=[
            {"text": "Sáng tạo, tiết kiệm thời gian, chi phí", "max_score": 10, "weight": 2},
            {"text": "Vận động Nhân dân tự giác chấp hành", "max_score": 10, "weight": 2},
            {"text": "Huy động được nhiều lực lượng", "max_score": 10, "weight": 2},
            {"text": "Hài hòa lợi ích", "max_score": 10, "weight": 1},
            {"text": "Bền vững, nhân rộng được", "max_score": 10, "weight": 1},
        ],
        grades=[
            {"min_total": 64, "label": "Xuất sắc", "result": "effective"},
            {"min_total": 48, "label": "Khá", "result": "effective"},
            {"min_total": 0, "label": "Chưa đạt", "result": "not_effective"},
        ],
    )


@dataclass
class EmulationCast:
    officer_a: object  # commune officer of A: registers, no evaluation
    front_a: object  # UB MTTQ xã A: registers and evaluates
    mass_d: object  # Ban Dân vận huyện: sees and manages the district


def build_cast(world) -> EmulationCast:
    officer = make_user("officer_a")
    grant(officer, "commune_officer", world.commune_a)
    front = make_user("front_a")
    grant(front, "commune_front", world.commune_a)
    mass = make_user("mass_d")
    grant(mass, "mass_mobilization", world.district)
    return EmulationCast(officer, front, mass)
