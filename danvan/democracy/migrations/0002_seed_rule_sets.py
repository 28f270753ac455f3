"""The two instruments on grassroots democracy and what each requires (domain.md §5), seeded as reference data.

Rows are matched by code (safe to re-run); names and notes edited by administrators are kept. Rules the
domain brief marks unverified are seeded with `needs_verification`, shown to administrators to confirm.
"""

import datetime

from django.db import migrations

ORDINANCE_START = datetime.date(2007, 7, 1)
ORDINANCE_END = datetime.date(2023, 6, 30)
LAW_START = datetime.date(2023, 7, 1)
DISTRICT_END = datetime.date(2025, 6, 30)
COMMUNE_ONLY = datetime.date(2025, 7, 1)

PL = "pl-34-2007"
LAW = "luat-10-2022"

RULE_SETS = [
    {
        "code": PL,
        "name": "Pháp lệnh Thực hiện dân chủ ở xã, phường, thị trấn số 34/2007/PL-UBTVQH11",
        "short_name": "Pháp lệnh 34/2007",
        "valid_from": ORDINANCE_START,
        "valid_to": ORDINANCE_END,
        "voting_bases": "households,voters",
        "village_head_term_months": 30,
        "board_term_months": 24,
        "dialogue_required": False,
        "recognition_working_days": 3,
        "needs_verification": True,
        "note": "Cơ sở biểu quyết: cử tri hoặc cử tri đại diện hộ gia đình; kết quả báo cáo ngay, UBND xã xử lý trong "
        "3 ngày làm việc (Điều 19). Chưa đối chiếu: ngày hiệu lực 01/07/2007, nhiệm kỳ trưởng thôn 2,5 năm, "
        "nhiệm kỳ Ban TTND 2 năm (Luật Thanh tra 2010), thời hạn chuẩn bị bầu trưởng thôn.",
    },
    {
        "code": LAW,
        "name": "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (Nghị định 59/2023/NĐ-CP, 61/2023/NĐ-CP)",
        "short_name": "Luật 10/2022",
        "valid_from": LAW_START,
        "valid_to": None,
        "voting_bases": "households",
        "village_head_term_months": 60,
        "board_term_months": 60,
        "dialogue_required": True,
        "recognition_working_days": 3,
        "needs_verification": True,
        "note": "Hiệu lực 01/07/2023. Bầu trưởng thôn: kế hoạch trước 20 ngày, tổ bầu cử trước 10 ngày, thông báo trước "
        "7 ngày (NĐ 59/2023). Ban TTND ít nhất 5 thành viên, nhiệm kỳ theo nhiệm kỳ trưởng thôn; gửi kế hoạch kiểm "
        "tra trước 5 ngày làm việc. Đối thoại hằng năm: thông báo trước 7 ngày, công bố kết quả trong 10 ngày (Luật "
        "72/2025/QH15 Điều 43). Chưa đối chiếu: nhiệm kỳ 5 năm, thời hạn công nhận kết quả biểu quyết, nghĩa vụ "
        "đối thoại trước 2025.",
    },
]

FORMS = [
    # code, name, is_loudspeaker, valid_from
    ("niem-yet", "Niêm yết tại trụ sở HĐND, UBND xã", False, ORDINANCE_START),
    ("loa-truyen-thanh", "Hệ thống loa truyền thanh của xã", True, ORDINANCE_START),
    (
        "qua-truong-thon",
        "Thông qua trưởng thôn, tổ trưởng tổ dân phố (họp cộng đồng, họp đoàn thể)",
        False,
        ORDINANCE_START,
    ),
    ("thong-bao-ho", "Thông báo trực tiếp, thông báo bằng văn bản đến từng hộ", False, LAW_START),
    ("tin-nhan", "Tin nhắn đến đại diện hộ gia đình", False, LAW_START),
    ("mang-xa-hoi", "Nhóm mạng xã hội hợp pháp của cộng đồng", False, LAW_START),
    ("cong-thong-tin", "Cổng, trang thông tin điện tử của xã", False, LAW_START),
]
PL_FORMS = ["niem-yet", "loa-truyen-thanh", "qua-truong-thon"]
LAW_FORMS = [code for code, *_rest in FORMS]

# code, group, name, recurrence (months, None = when arising), loudspeaker required, unverified
PL_ITEMS = [
    (
        "pl-cc-01",
        "Kế hoạch, ngân sách",
        "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế; "
        "dự toán, quyết toán ngân sách hằng năm của xã",
        12,
        False,
        True,
    ),
    (
        "pl-cc-02",
        "Dự án, đất đai",
        "Dự án, công trình đầu tư, thứ tự ưu tiên, tiến độ; phương án đền bù, hỗ trợ giải phóng mặt bằng, tái định cư",
        None,
        False,
        True,
    ),
    (
        "pl-cc-03",
        "Dự án, đất đai",
        "Quy hoạch, kế hoạch sử dụng đất chi tiết và phương án điều chỉnh; quy hoạch khu dân cư",
        None,
        False,
        True,
    ),
    (
        "pl-cc-04",
        "Cán bộ, thủ tục",
        "Nhiệm vụ, quyền hạn của cán bộ xã trực tiếp giải quyết công việc của Nhân dân",
        12,
        False,
        True,
    ),
    (
        "pl-cc-05",
        "Tài chính, đóng góp",
        "Quản lý, sử dụng các loại quỹ, khoản đầu tư, tài trợ; các khoản huy động Nhân dân đóng góp",
        12,
        False,
        True,
    ),
    (
        "pl-cc-06",
        "Tài chính, đóng góp",
        "Chủ trương, kế hoạch vay vốn cho Nhân dân; kết quả bình xét hộ nghèo được vay vốn",
        None,
        False,
        True,
    ),
    (
        "pl-cc-07",
        "Địa giới",
        "Đề án thành lập mới, nhập, chia đơn vị hành chính, điều chỉnh địa giới hành chính",
        None,
        False,
        True,
    ),
    (
        "pl-cc-08",
        "Thanh tra, tín nhiệm",
        "Kết quả thanh tra, kiểm tra, giải quyết vụ việc tiêu cực, tham nhũng của cán "
        "bộ xã, thôn; kết quả lấy phiếu tín nhiệm Chủ tịch, Phó Chủ tịch HĐND, UBND xã",
        None,
        False,
        True,
    ),
    (
        "pl-cc-09",
        "Ý kiến Nhân dân",
        "Nội dung và kết quả tiếp thu ý kiến của Nhân dân đối với việc chính quyền xã đưa ra lấy ý kiến",
        None,
        False,
        True,
    ),
    (
        "pl-cc-10",
        "Tài chính, đóng góp",
        "Đối tượng, mức thu các loại phí, lệ phí, nghĩa vụ tài chính khác do xã trực tiếp thu",
        12,
        False,
        True,
    ),
    (
        "pl-cc-11",
        "Cán bộ, thủ tục",
        "Quy định về thủ tục hành chính, giải quyết công việc liên quan đến Nhân dân do xã trực tiếp thực hiện",
        12,
        False,
        True,
    ),
]

LAW_ITEMS = [
    (
        "cc-01",
        "Kế hoạch, ngân sách",
        "Kế hoạch phát triển kinh tế - xã hội hằng năm, phương án chuyển dịch cơ cấu kinh tế và kết quả thực hiện",
        12,
        False,
        False,
    ),
    (
        "cc-02",
        "Kế hoạch, ngân sách",
        "Ngân sách xã: dự toán, quyết toán; tình hình thực hiện quý, 6 tháng, năm; kết "
        "quả thực hiện kiến nghị của Kiểm toán nhà nước",
        3,
        False,
        False,
    ),
    (
        "cc-03",
        "Dự án, đất đai",
        "Dự án đầu tư và tiến độ; phương án thu hồi đất, bồi thường, tái định cư; quỹ đất "
        "công ích; quy hoạch xây dựng liên quan đến xã",
        None,
        False,
        False,
    ),
    (
        "cc-04",
        "Cán bộ, thủ tục",
        "Nhiệm vụ, quyền hạn của cán bộ, công chức xã trực tiếp giải quyết công việc của Nhân dân",
        12,
        False,
        True,
    ),
    ("cc-05", "Cán bộ, thủ tục", "Thủ tục hành chính do xã giải quyết", 12, False, True),
    ("cc-06", "Tài chính, đóng góp", "Các quỹ, chương trình, khoản huy động Nhân dân đóng góp", 12, False, True),
    (
        "cc-07",
        "Chính sách, hỗ trợ",
        "Chương trình vay vốn, hỗ trợ (giảm nghèo, trợ giúp xã hội, bảo hiểm y tế, nhà ở) "
        "và danh sách đối tượng thụ hưởng",
        None,
        True,
        True,
    ),
    (
        "cc-08",
        "Thanh tra, tín nhiệm",
        "Kết quả thanh tra, kiểm tra, giải quyết vụ việc tham nhũng, tiêu cực",
        None,
        True,
        True,
    ),
    ("cc-09", "Thanh tra, tín nhiệm", "Kết quả lấy phiếu tín nhiệm Chủ tịch, Phó Chủ tịch UBND xã", None, True, True),
    ("cc-10", "Ý kiến Nhân dân", "Kết quả tiếp thu ý kiến của Nhân dân", None, True, True),
    (
        "cc-11",
        "Tài chính, đóng góp",
        "Đối tượng, mức thu phí, lệ phí và các khoản thu khác do xã trực tiếp thu",
        12,
        True,
        True,
    ),
    ("cc-12", "Khác", "Thông tin khác theo quy định của pháp luật hoặc xã thấy cần thiết", None, True, True),
]

# code, kind, name, allows online, [(scope, numerator, denominator, inclusive, recogniser, unverified, from, to)]
PL_MATTERS = [
    (
        "pl-qd-01",
        "ordinary",
        "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình phúc lợi công cộng do Nhân dân đóng góp",
        False,
        [("village", 1, 2, False, "ubnd_xa", True, None, None), ("commune", 1, 2, False, "ubnd_xa", True, None, None)],
    ),
    (
        "pl-qd-02",
        "ordinary",
        "Các công việc khác trong nội bộ cộng đồng dân cư phù hợp với pháp luật",
        False,
        [("village", 1, 2, False, "ubnd_xa", True, None, None)],
    ),
    (
        "pl-qd-03",
        "ordinary",
        "Hương ước, quy ước của thôn, tổ dân phố",
        False,
        [("village", 1, 2, False, "ubnd_huyen", False, None, None)],
    ),
    (
        "pl-qd-04",
        "head_election",
        "Bầu, miễn nhiệm, bãi nhiệm trưởng thôn, tổ trưởng tổ dân phố",
        False,
        [("village", 1, 2, False, "ubnd_xa", False, None, None)],
    ),
    (
        "pl-qd-05",
        "board_election",
        "Bầu, miễn nhiệm, bãi nhiệm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
        False,
        [("village", 1, 2, False, "mttq_xa", False, None, None)],
    ),
]

LAW_MATTERS = [
    (
        "qd-01",
        "ordinary",
        "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng do Nhân dân đóng "
        "góp toàn bộ hoặc một phần",
        False,
        [("village", 1, 2, False, "ubnd_xa", True, None, None), ("commune", 2, 3, True, "ubnd_xa", True, None, None)],
    ),
    (
        "qd-02",
        "ordinary",
        "Thu, chi, quản lý các khoản đóng góp của Nhân dân ngoài quy định của pháp luật; quỹ, tài "
        "sản cộng đồng được giao",
        False,
        [("village", 1, 2, False, "ubnd_xa", True, None, None)],
    ),
    (
        "qd-03",
        "ordinary",
        "Nội dung hương ước, quy ước của cộng đồng dân cư",
        False,
        [
            ("village", 1, 2, False, "ubnd_huyen", True, None, DISTRICT_END),
            ("village", 1, 2, False, "ubnd_xa", True, COMMUNE_ONLY, None),
        ],
    ),
    (
        "qd-04",
        "head_election",
        "Bầu, miễn nhiệm, bãi nhiệm Trưởng thôn, Tổ trưởng tổ dân phố",
        False,
        [("village", 1, 2, False, "ubnd_xa", True, None, None)],
    ),
    (
        "qd-05",
        "board_election",
        "Bầu, miễn nhiệm, bãi nhiệm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
        False,
        [("village", 1, 2, False, "ubnd_xa", True, None, None)],
    ),
    (
        "qd-06",
        "ordinary",
        "Các công việc tự quản khác trong nội bộ cộng đồng dân cư không trái pháp luật, phong tục "
        "tập quán, đạo đức xã hội",
        True,
        [("village", 1, 2, False, "ubnd_xa", True, None, None)],
    ),
]

PL_CONSULTATION_MATTERS = [
    (
        "pl-yk-01",
        "Dự thảo kế hoạch phát triển kinh tế - xã hội của xã; phương án chuyển dịch cơ cấu kinh tế, ngành "
        "nghề; đề án định canh, định cư, vùng kinh tế mới",
    ),
    ("pl-yk-02", "Dự thảo quy hoạch, kế hoạch sử dụng đất chi tiết và phương án điều chỉnh"),
    (
        "pl-yk-03",
        "Dự thảo kế hoạch triển khai chương trình, dự án trên địa bàn; chủ trương, phương án đền bù, hỗ trợ "
        "giải phóng mặt bằng, tái định cư",
    ),
    ("pl-yk-04", "Dự thảo đề án thành lập mới, nhập, chia đơn vị hành chính, điều chỉnh địa giới hành chính"),
    ("pl-yk-05", "Những nội dung khác cần lấy ý kiến Nhân dân theo yêu cầu của cơ quan nhà nước có thẩm quyền"),
]
PL_CONSULTATION_FORMS = [
    ("pl-ht-01", "Họp thôn, tổ dân phố"),
    ("pl-ht-02", "Phát phiếu lấy ý kiến tới hộ gia đình"),
    ("pl-ht-03", "Hòm thư góp ý"),
]
LAW_CONSULTATION_MATTERS = [
    (
        "yk-01",
        "Dự thảo kế hoạch phát triển kinh tế - xã hội của xã, phương án chuyển dịch cơ cấu kinh tế, kế hoạch tái "
        "định cư, vùng kinh tế mới",
        False,
    ),
    ("yk-02", "Dự thảo quy hoạch sử dụng đất cấp trên, việc sử dụng quỹ đất giao cho UBND xã", False),
    (
        "yk-03",
        "Chủ trương đầu tư, xây dựng, đất đai, xử lý chất thải, môi trường, phương án bồi thường, tái định cư của "
        "dự án công lớn hoặc ảnh hưởng đến cộng đồng",
        False,
    ),
    (
        "yk-04",
        "Đề án thành lập, giải thể, nhập, chia, điều chỉnh địa giới, đặt tên đơn vị hành chính; thôn, tổ dân phố",
        False,
    ),
    ("yk-05", "Dự thảo quyết định của UBND xã ảnh hưởng đến lợi ích cộng đồng (môi trường, y tế, trật tự...)", False),
    ("yk-06", "Dự thảo quy hoạch, nhiệm vụ quy hoạch xây dựng xã, điểm dân cư nông thôn", False),
    ("yk-07", "Dự thảo quy chế thực hiện dân chủ ở xã", True),
    ("yk-08", "Dự thảo quyết định áp dụng với người, nhóm người cụ thể (lấy ý kiến qua đối thoại)", True),
    ("yk-09", "Nội dung khác theo quy định của pháp luật hoặc xã thấy cần thiết", True),
]
LAW_CONSULTATION_FORMS = [
    ("ht-a", "a) Hội nghị đối thoại giữa UBND xã với Nhân dân"),
    ("ht-b", "b) Họp cộng đồng dân cư"),
    ("ht-c", "c) Phát phiếu lấy ý kiến hộ gia đình"),
    ("ht-d", "d) Hòm thư góp ý, đường dây nóng"),
    ("ht-dd", "đ) Qua Ban công tác Mặt trận và các tổ chức chính trị - xã hội"),
    ("ht-e", "e) Qua cổng, trang thông tin điện tử của xã"),
    ("ht-g", "g) Qua mạng viễn thông, mạng xã hội hợp pháp"),
    ("ht-h", "h) Đối thoại trực tiếp với người chịu tác động"),
]

UNVERIFIED_TEXT = "Chưa đối chiếu với văn bản chính thức (domain.md §5)."


def _item(model, code, defaults):
    obj, created = model.objects.get_or_create(code=code, defaults=defaults)
    if not created:
        for key in ("valid_from", "valid_to"):
            setattr(obj, key, defaults[key])
        obj.save(update_fields=["valid_from", "valid_to"])
    return obj


def seed(apps, schema_editor):
    RuleSet = apps.get_model("democracy", "RuleSet")
    DisclosureForm = apps.get_model("democracy", "DisclosureForm")
    DisclosureItem = apps.get_model("democracy", "DisclosureItem")
    DecisionMatter = apps.get_model("democracy", "DecisionMatter")
    VoteRule = apps.get_model("democracy", "VoteRule")
    ConsultationMatter = apps.get_model("democracy", "ConsultationMatter")
    ConsultationForm = apps.get_model("democracy", "ConsultationForm")

    sets = {}
    for position, row in enumerate(RULE_SETS):
        data = dict(row)
        code = data.pop("code")
        sets[code] = _item(RuleSet, code, {**data, "position": position})
    forms = {}
    for position, (code, name, loudspeaker, start) in enumerate(FORMS):
        forms[code] = _item(
            DisclosureForm,
            code,
            {"name": name, "is_loudspeaker": loudspeaker, "position": position, "valid_from": start, "valid_to": None},
        )
    for rule_set, rows, allowed in ((PL, PL_ITEMS, PL_FORMS), (LAW, LAW_ITEMS, LAW_FORMS)):
        rs = sets[rule_set]
        for position, (code, group, name, recurrence, loudspeaker, unverified) in enumerate(rows):
            item = _item(
                DisclosureItem,
                code,
                {
                    "rule_set": rs,
                    "group": group,
                    "name": name,
                    "position": position + 1,
                    "min_days": 30,
                    "loudspeaker_required": loudspeaker,
                    "loudspeaker_min_days": 3,
                    "recurrence_months": recurrence,
                    "valid_from": rs.valid_from,
                    "valid_to": rs.valid_to,
                    "needs_verification": unverified,
                    "note": UNVERIFIED_TEXT if unverified else "",
                },
            )
            item.forms.set([forms[code] for code in allowed])
    for rule_set, rows in ((PL, PL_MATTERS), (LAW, LAW_MATTERS)):
        rs = sets[rule_set]
        for position, (code, kind, name, online, rules) in enumerate(rows):
            matter = _item(
                DecisionMatter,
                code,
                {
                    "rule_set": rs,
                    "kind": kind,
                    "name": name,
                    "position": position + 1,
                    "allows_online": online,
                    "valid_from": rs.valid_from,
                    "valid_to": rs.valid_to,
                },
            )
            for number, (scope, num, den, inclusive, recogniser, unverified, start, end) in enumerate(rules, 1):
                percent = "2/3" if den == 3 else f"{100 * num // den}%"
                _item(
                    VoteRule,
                    f"{code}-{number}",
                    {
                        "matter": matter,
                        "name": f"{name[:120]} ({scope}, {'từ' if inclusive else 'trên'} {percent})",
                        "scope": scope,
                        "numerator": num,
                        "denominator": den,
                        "inclusive": inclusive,
                        "recogniser": recogniser,
                        "position": number,
                        "valid_from": start or rs.valid_from,
                        "valid_to": end or rs.valid_to,
                        "needs_verification": unverified,
                        "note": UNVERIFIED_TEXT if unverified else "",
                    },
                )
    for position, (code, name) in enumerate(PL_CONSULTATION_MATTERS):
        _item(
            ConsultationMatter,
            code,
            {
                "rule_set": sets[PL],
                "name": name,
                "position": position + 1,
                "valid_from": ORDINANCE_START,
                "valid_to": ORDINANCE_END,
                "needs_verification": True,
                "note": UNVERIFIED_TEXT,
            },
        )
    for position, (code, name) in enumerate(PL_CONSULTATION_FORMS):
        _item(
            ConsultationForm,
            code,
            {
                "rule_set": sets[PL],
                "name": name,
                "position": position + 1,
                "valid_from": ORDINANCE_START,
                "valid_to": ORDINANCE_END,
                "needs_verification": True,
                "note": UNVERIFIED_TEXT,
            },
        )
    for position, (code, name, unverified) in enumerate(LAW_CONSULTATION_MATTERS):
        _item(
            ConsultationMatter,
            code,
            {
                "rule_set": sets[LAW],
                "name": name,
                "position": position + 1,
                "valid_from": LAW_START,
                "valid_to": None,
                "needs_verification": unverified,
                "note": UNVERIFIED_TEXT if unverified else "",
            },
        )
    for position, (code, name) in enumerate(LAW_CONSULTATION_FORMS):
        _item(
            ConsultationForm,
            code,
            {"rule_set": sets[LAW], "name": name, "position": position + 1, "valid_from": LAW_START, "valid_to": None},
        )


class Migration(migrations.Migration):
    dependencies = [("democracy", "0001_democracy")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
