"""Demo "Dân vận khéo" registry of Can Lộc. For 2015 exactly the article's 441 models: 197 in the economy,
39 in defence and security, 92 in culture and society, 34 in government, 40 in Party building and 39 in the
political mass organisations, registered by the 23 communes and by the district's agencies and mass
organisations, all evaluated at the end of the year (most effective, some not yet, a few stopped), the best
praised at the year-end conference and some awarded; a district criteria sheet with evaluators' sheets for a
sample. For 2016 the registrations in progress: many continue a 2015 model, some replicate one. Names and
people are illustrative."""

import datetime
import random

from django.core.exceptions import ValidationError

from danvan.core import demo_data
from danvan.core.access import loader_actor
from danvan.core.models import Body, Unit, UnitLevel, UnitVersion

from . import services
from .models import AwardForm, Field, Initiative, SubjectType

D = datetime.date
SEED = 2015

# Field code → (count in 2015, name templates, subject types).
FIELDS_2015 = [
    (
        "dvk-kinh-te",
        197,
        [
            "Dân vận khéo trong dồn điền đổi thửa ở {v}",
            "Tổ hợp tác chăn nuôi lợn an toàn sinh học {v}",
            "Vận động Nhân dân hiến đất làm đường giao thông nông thôn {v}",
            "Cánh đồng mẫu lớn trồng lúa chất lượng cao {v}",
            "Vườn mẫu nông thôn mới {v}",
            "Tổ liên kết trồng rau an toàn {v}",
            "Vận động làm kênh mương nội đồng {v}",
            "Hộ gia đình thoát nghèo bền vững {v}",
        ],
        ["chinh-quyen", "doan-the", "mttq"],
    ),
    (
        "dvk-quoc-phong-an-ninh",
        39,
        [
            "Thôn {v} không có tội phạm và tệ nạn xã hội",
            "Tổ tự quản an ninh trật tự {v}",
            "Camera an ninh khu dân cư {v}",
            "Dân quân tự vệ giúp dân làm đường {v}",
        ],
        ["luc-luong-vu-trang", "chinh-quyen"],
    ),
    (
        "dvk-van-hoa-xa-hoi",
        92,
        [
            "Khu dân cư văn hóa kiểu mẫu {v}",
            "Đám cưới văn minh, tiết kiệm ở {v}",
            "Tổ thu gom rác thải {v}",
            "Câu lạc bộ dân ca ví, giặm {v}",
            "Khuyến học, khuyến tài dòng họ ở {v}",
            "Đường hoa, đường cờ {v}",
        ],
        ["mttq", "doan-the", "truong-hoc"],
    ),
    (
        "dvk-chinh-quyen",
        34,
        [
            "Cán bộ một cửa thân thiện, tận tình với dân",
            "Đối thoại trực tiếp với Nhân dân về đất đai",
            "Tiếp dân ngoài giờ hành chính",
            "Công khai thủ tục hành chính tại nhà văn hóa {v}",
        ],
        ["chinh-quyen", "co-quan"],
    ),
    (
        "dvk-xay-dung-dang",
        40,
        [
            "Chi bộ {v} trong sạch, vững mạnh",
            "Đảng viên giúp đỡ hộ nghèo ở {v}",
            "Sinh hoạt chi bộ chuyên đề hiệu quả ở {v}",
            "Đảng viên gương mẫu nơi cư trú {v}",
        ],
        ["cap-uy-chi-bo"],
    ),
    (
        "dvk-doan-the",
        39,
        [
            "Chi hội phụ nữ {v} tiết kiệm giúp nhau",
            "Thanh niên tình nguyện giúp dân {v}",
            "Cựu chiến binh làm kinh tế giỏi ở {v}",
            "Nông dân giúp nhau giảm nghèo {v}",
        ],
        ["doan-the", "mttq"],
    ),
]

# District agencies and mass organisations (BODIES keys of the core demo) and what they register.
DISTRICT_REGISTRANTS = {
    "dvk-kinh-te": ["hnd-huyen", "phong-nnptnt", "hlhpn-huyen"],
    "dvk-quoc-phong-an-ninh": ["hccb-huyen", "ubnd-huyen"],
    "dvk-van-hoa-xa-hoi": ["phong-vhtt", "huyen-doan", "hlhpn-huyen", "mttq-huyen"],
    "dvk-chinh-quyen": ["phong-noi-vu", "phong-tnmt", "phong-ldtbxh", "phong-tckh"],
    "dvk-xay-dung-dang": ["vp-hu", "bdv-hu"],
    "dvk-doan-the": ["hnd-huyen", "hlhpn-huyen", "huyen-doan", "hccb-huyen", "ldld-huyen"],
}
DISTRICT_NAMES = [
    "{b}: đổi mới phương thức vận động hội viên",
    "{b}: cán bộ sát dân, hiểu dân",
    "{b}: nói dân hiểu, làm dân tin",
    "{b}: đồng hành cùng cơ sở xây dựng nông thôn mới",
    "{b}: giúp dân tháo gỡ khó khăn",
]
COMMUNE_SHARE = 0.86
SITUATION = "Thực trạng ở {u} trước năm 2015 còn nhiều khó khăn, Nhân dân chưa đồng thuận."
METHOD = "Họp dân, tuyên truyền trên loa truyền thanh, cán bộ, đảng viên gương mẫu đi trước, vận động từng hộ."


def _villages(commune: Unit) -> list[str]:
    """The commune's villages as named in 2015 (they have since moved to the communes of 2025)."""
    versions = UnitVersion.objects.valid_on(D(2015, 6, 1)).filter(parent=commune).select_related("type")
    names = [f"{v.type.prefix} {v.name}" for v in versions.order_by("unit__sort_key")[:12]]
    return names or [commune.full_name]


def _unique(name: str, used: set, unit_key) -> str:
    base, n = name, 2
    while (unit_key, name.casefold()) in used:
        name = f"{base} ({n})"
        n += 1
    used.add((unit_key, name.casefold()))
    return name


def _field_sheet(ctx):
    return services.sheet_create(
        actor=loader_actor(),
        name="Tiêu chí đánh giá mô hình, điển hình “Dân vận khéo” giai đoạn 2015–2020",
        unit=ctx.units["district"],
        mode="scored",
        year_from=2015,
        year_to=2020,
        note="Ban Dân vận Huyện ủy ban hành; 5 tiêu chuẩn, thang 100 điểm.",
        criteria=[
            {"text": "Sáng tạo, tiết kiệm thời gian, chi phí", "max_score": 10, "weight": 3},
            {"text": "Người đứng đầu vận động Nhân dân tự giác chấp hành", "max_score": 10, "weight": 2},
            {"text": "Huy động được nhiều lực lượng cùng tham gia", "max_score": 10, "weight": 2},
            {"text": "Hài hòa lợi ích Nhà nước, tập thể và cá nhân", "max_score": 10, "weight": 1.5},
            {"text": "Bền vững, có khả năng nhân rộng", "max_score": 10, "weight": 1.5},
        ],
        grades=[
            {"min_total": 85, "label": "Xuất sắc", "result": "effective"},
            {"min_total": 65, "label": "Tốt", "result": "effective"},
            {"min_total": 50, "label": "Đạt", "result": "effective"},
            {"min_total": 0, "label": "Chưa đạt", "result": "not_effective"},
        ],
    )


def load(ctx) -> None:
    if Initiative.objects.filter(year=2015).exists():
        return
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    fields = {f.code: f for f in Field.objects.all()}
    subjects = {s.code: s for s in SubjectType.objects.all()}
    levels = {lv.code: lv for lv in UnitLevel.objects.all()}
    communes = [ctx.units[c["key"]] for c in demo_data.COMMUNES if c["key"] in ctx.units][:23]
    villages = {c.pk: _villages(c) for c in communes}
    sheet = _field_sheet(ctx)
    used: set = set()
    made_2015: list[Initiative] = []
    for code, count, templates, subject_codes in FIELDS_2015:
        for n in range(count):
            kind = rng.choices(["model", "collective_exemplar", "individual_exemplar"], [82, 11, 7])[0]
            if rng.random() < COMMUNE_SHARE:
                unit = communes[n % len(communes)] if n < 2 * len(communes) else rng.choice(communes)
                village = rng.choice(villages[unit.pk])
                name = rng.choice(templates).format(v=village)
                body, level = None, levels["village" if "{v}" in name and rng.random() < 0.6 else "commune"]
                subject = subjects[rng.choice(subject_codes)]
                leader_unit = unit
            else:
                body = Body.objects.get(pk=ctx.bodies[rng.choice(DISTRICT_REGISTRANTS[code])].pk)
                unit = ctx.units["district"]
                name = rng.choice(DISTRICT_NAMES).format(b=body.name)
                level = levels["district"]
                subject = subjects[
                    "cap-uy-chi-bo"
                    if body.type.code in ("party_office", "mass_mobilization")
                    else "doan-the"
                    if body.type.code in ("mass_organization", "front")
                    else "co-quan"
                ]
                leader_unit = unit
            name = _unique(name, used, (unit.pk, body.pk if body else None))
            registered = D(2015, rng.randint(1, 3), rng.randint(1, 28))
            initiative = services.initiative_create(
                actor=loader_actor(),
                year=2015,
                name=name,
                kind=kind,
                field=fields[code],
                unit=unit,
                body=body,
                subject_type=subject,
                level=level,
                situation=SITUATION.format(u=leader_unit.full_name),
                objectives="Tạo sự đồng thuận của Nhân dân; hoàn thành chỉ tiêu năm 2015.",
                method=METHOD,
                area=leader_unit.full_name,
                forces="Cấp ủy lãnh đạo, chính quyền chỉ đạo, MTTQ và các đoàn thể phối hợp.",
                resources="Nhân dân đóng góp ngày công; ngân sách hỗ trợ một phần.",
                timeline="Từ quý I đến hết năm 2015; sơ kết 6 tháng.",
                outputs="Kết quả đo đếm được theo mục tiêu đăng ký.",
                sustainability="Duy trì và nhân rộng ra các thôn trong xã.",
                leader=rng.choice(["Nguyễn Văn Hùng", "Trần Thị Hoa", "Lê Văn Nam", "Phan Thị Lan", "Võ Đình Sơn"]),
                registered_on=registered,
            )
            made_2015.append(initiative)
    _cycle_2015(made_2015, rng, sheet, ctx)
    _replications_2015(made_2015, rng)
    _registrations_2016(made_2015, rng, ctx)


def _advance(i: Initiative, *, to: str, result: str = "", rng) -> None:
    year = i.year
    services.initiative_approve(
        actor=loader_actor(),
        initiative=i,
        expected_version=i.version,
        on=i.registered_on + datetime.timedelta(days=rng.randint(5, 20)),
    )
    if to == "approved":
        return
    services.initiative_launch(
        actor=loader_actor(),
        initiative=i,
        expected_version=i.version,
        launched_on=i.approved_on + datetime.timedelta(days=rng.randint(3, 30)),
    )
    if to == "implementing":
        return
    if result == "stopped" and rng.random() < 0.6:
        services.initiative_conclude(
            actor=loader_actor(),
            initiative=i,
            expected_version=i.version,
            result="stopped",
            evaluated_on=D(year, 6, 20),
            note="Không đủ nguồn lực để tiếp tục.",
        )
        return
    services.initiative_review(
        actor=loader_actor(),
        initiative=i,
        expected_version=i.version,
        reviewed_on=D(year, 7, rng.randint(1, 20)),
        note="Sơ kết 6 tháng: các nội dung đăng ký đang được triển khai theo kế hoạch.",
    )
    if to == "reviewed":
        return
    services.initiative_conclude(
        actor=loader_actor(),
        initiative=i,
        expected_version=i.version,
        result=result,
        evaluated_on=D(year, 12, rng.randint(1, 15)),
        note={
            "effective": "Mô hình đạt hiệu quả, được Nhân dân đồng tình.",
            "not_effective": "Chưa rõ kết quả, cần tiếp tục củng cố.",
            "stopped": "Dừng thực hiện sau sơ kết.",
        }[result],
    )


def _cycle_2015(made, rng, sheet, ctx) -> None:
    praise = AwardForm.objects.get(code="bieu-duong-hoi-nghi")
    district_award = AwardForm.objects.get(code="giay-khen-ubnd-huyen")
    province_award = AwardForm.objects.get(code="bang-khen-ubnd-tinh")
    effective = []
    criteria = list(sheet.criteria.all())
    for i in made:
        result = rng.choices(["effective", "not_effective", "stopped"], [78, 15, 7])[0]
        _advance(i, to="evaluated", result=result, rng=rng)
        if rng.random() < 0.15 and i.state in ("evaluated",) and i.reviewed_on:
            base = {"effective": 8, "not_effective": 4, "stopped": 3}[result]
            for evaluator in ("Ban Dân vận Huyện ủy", "UB MTTQ huyện"):
                answers = {c.pk: min(10, max(0, base + rng.choice([-1, 0, 0, 1]))) for c in criteria}
                services.evaluation_create(
                    actor=loader_actor(),
                    initiative=i,
                    sheet=sheet,
                    answers=answers,
                    evaluated_on=i.evaluated_on,
                    evaluator_name=evaluator,
                    comment="Đánh giá theo bộ tiêu chí của huyện.",
                    internal_note="Đề nghị xem xét khen thưởng." if base >= 8 else "Cần kiểm tra lại số liệu.",
                )
        if result == "effective":
            effective.append(i)
    honoured = rng.sample(effective, 46)
    services.conference_create(
        actor=loader_actor(),
        unit=ctx.units["district"],
        title="Hội nghị biểu dương điển hình “Dân vận khéo” năm 2015",
        held_on=D(2015, 12, 28),
        year_from=2015,
        year_to=2015,
        honoured=honoured,
        note="Ban Thường vụ Huyện ủy Can Lộc tổ chức.",
    )
    for i in honoured[:18]:
        form = province_award if i in honoured[:3] else district_award
        body = ctx.bodies["ubnd-tinh" if form is province_award else "ubnd-huyen"]
        services.award_create(
            actor=loader_actor(),
            initiative=i,
            form=form,
            recipient_kind="individual" if i.kind == "individual_exemplar" else "collective",
            recipient=i.leader if i.kind == "individual_exemplar" else i.registrant,
            decision_number=f"{rng.randint(100, 999)}/QĐ-UBND",
            decided_on=D(2015, 12, 30),
            awarding_body=body,
        )
    for i in honoured[18:22]:
        services.award_create(
            actor=loader_actor(),
            initiative=i,
            form=praise,
            recipient_kind="household",
            recipient=f"Hộ gia đình ông {i.leader}",
            decided_on=D(2015, 12, 28),
        )


def _replications_2015(made, rng) -> None:
    """A few 2015 registrations copy an effective model of another commune (registered later in the year)."""
    effective = [i for i in made if i.result == "effective" and i.body_id is None]
    for copy in rng.sample([i for i in made if i.body_id is None and i.result], 25):
        origin = rng.choice(
            [o for o in effective if o.unit_id != copy.unit_id and o.field_id == copy.field_id] or effective
        )
        Initiative.objects.filter(pk=copy.pk).update(replicates=origin)


def _registrations_2016(made, rng, ctx) -> None:
    continued = [i for i in made if i.result == "effective" and rng.random() < 0.62]
    for previous in continued:
        i = services.initiative_create(
            actor=loader_actor(),
            year=2016,
            name=previous.name,
            kind=previous.kind,
            field=previous.field,
            unit=previous.unit,
            body=previous.body,
            subject_type=previous.subject_type,
            level=previous.level,
            situation=previous.situation,
            objectives="Duy trì kết quả năm 2015, mở rộng phạm vi.",
            method=previous.method,
            area=previous.area,
            forces=previous.forces,
            resources=previous.resources,
            timeline="Năm 2016; sơ kết tháng 7.",
            outputs=previous.outputs,
            sustainability=previous.sustainability,
            leader=previous.leader,
            registered_on=D(2016, rng.randint(1, 3), rng.randint(1, 28)),
            continues=previous,
        )
        _in_progress(i, rng)
    effective = [i for i in made if i.result == "effective" and i.body_id is None]
    fields = {f.code: f for f in Field.objects.all()}
    for origin in rng.sample(effective, 40):
        commune = rng.choice([c for c in {x.unit for x in made if x.body_id is None} if c.pk != origin.unit_id])
        try:
            i = services.initiative_create(
                actor=loader_actor(),
                year=2016,
                name=f"{origin.name.split(' ở ')[0]} (học tập {origin.unit.full_name})",
                kind="model",
                field=fields[origin.field.code],
                unit=commune,
                subject_type=origin.subject_type,
                level=origin.level,
                method=origin.method,
                registered_on=D(2016, 3, rng.randint(1, 28)),
                replicates=origin,
            )
        except ValidationError:  # a name clash in the same commune: skip that one
            continue
        _in_progress(i, rng)


def _in_progress(i: Initiative, rng) -> None:
    roll = rng.random()
    if roll < 0.08:
        services.initiative_return(
            actor=loader_actor(),
            initiative=i,
            expected_version=i.version,
            reason="Bổ sung nguồn lực và lộ trình cụ thể.",
        )
    elif roll < 0.2:
        return  # waiting for approval
    elif roll < 0.35:
        _advance(i, to="approved", rng=rng)
    elif roll < 0.75:
        _advance(i, to="implementing", rng=rng)
    else:
        _advance(i, to="reviewed", result="effective", rng=rng)
