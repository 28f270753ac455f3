"""Demo data: Can Lộc district, Hà Tĩnh province, as in early 2016, plus its later reorganisations.

Pure data, read by the demo loader; no Django imports. Facts are public sources on Can Lộc and general knowledge:
a comment here cites the source where one was found, and says what is unverified.

What is verified and what is not:

- The 23 commune-level units of 2016 are those the 2018–2020 reorganisations start from (names: general
  knowledge, unverified).
- VILLAGE NAMES ARE ILLUSTRATIVE AND NOT VERIFIED: plausible Hà Tĩnh-style names chosen for the demo,
  except those of Đồng Lộc (see the comment there). Names are unique across the district so that a
  reference "village:<commune key>:<village name>" stays unambiguous after villages move in a merger.
- ALL PEOPLE ARE FICTITIOUS. Any likeness to a real official is chance. Term dates are approximate.
- Statistical codes: the province's, the district's and the communes' of 30/06/2025 as the statistics office lists
  them (vietnamadminunits 1.0.4, docs/imports.md); Trung Lộc's (18472) from the 2023 list. The seven communes
  merged in 2020 (Tiến Lộc, Kim/Song/Trường Lộc, Khánh/Vĩnh/Yên Lộc) have no code: no list here goes back that far.
- From 01/07/2025 the units are not written here: the loader runs `danvan import_units --province 42` (the
  packaged lists and the 2025 arrangement: Hà Tĩnh's 69 communes, the end of the district level). NEW_COMMUNES
  names the six communes that cover old Can Lộc, and the loader refuses to go on if the import disagrees.

References used across the module (the loader resolves them):

- unit keys: a commune "key" below, or a "new_successor" key created by a merge in REORGANIZATIONS;
- body references: a BODIES "key", or "commune:<commune key>:<kind>" for a body built from
  COMMUNE_BODY_TEMPLATES;
- village references: "village:<commune key>:<village name>" (the commune the village had in 2016);
- user scopes: "province", "district", "commune:<commune key>", "village:<commune key>:<village name>".

Dates are ISO strings; every "valid_to" is the inclusive last day; None means still valid.
"""

# Hand-laid tables read better than the formatter's one-key-per-line layout (which doubles the file).
# fmt: off

PROVINCE = {"name": "Hà Tĩnh", "type": "province", "code": "42"}
# Code 443 is the statistics office's (vietnamadminunits 1.0.4: huyện Can Lộc, 443).
DISTRICT = {"name": "Can Lộc", "type": "rural_district", "code": "443"}

# The district stopped operating at the end of this day (two-tier local government from 1/7/2025).
DISTRICT_LAST_DAY = "2025-06-30"

# "xã"/"thị trấn" as it precedes a commune name in labels ("UBND xã Thiên Lộc").
COMMUNE_TYPE_PREFIX = {"commune": "xã", "town": "thị trấn"}
# "thôn"/"tổ dân phố" as it precedes a village name. Hà Tĩnh towns also say "khối phố"; one label is
# used here because the law groups all urban residential groups as "tổ dân phố".
VILLAGE_TYPE_PREFIX = {"village": "thôn", "residential_group": "tổ dân phố"}


def _villages(kind, *names):
    return [{"name": name, "type": kind} for name in names]


# The 23 commune-level units of 2016: thị trấn Nghèn and 22 xã.
# Some names start with Đ, Â, Ư or Ô so that Vietnamese collation (Đ after D, Â after A...) is exercised.
COMMUNES = [
    {"key": "nghen", "name": "Nghèn", "code": "18406", "type": "town", "villages": _villages(
        "residential_group", "Trung Tiến", "Tiến Thọ", "Phúc Sơn", "Đông Huề", "Nam Sơn", "Thượng Phú")},
    # Đồng Lộc: the nine names are the tổ dân phố listed in the 2018 proposal to make the xã a town
    # [found: http://atv.org.vn/tin-tuc/tin-trong-nuoc/ha-tinh-cu-tri-tan-thanh-viec-thanh-lap-thi-tran-dong-loc-3731.html].
    # That the 2016 thôn bore the same names is an assumption (unverified). All nine are kept (not 4–7).
    {"key": "dong-loc", "name": "Đồng Lộc", "code": "18484", "type": "commune", "villages": _villages(
        "village", "Tân Hương", "Thượng Liên", "Trung Thành", "Tùng Liên", "Bắc Mỹ", "Nam Mỹ",
        "Kim Thành", "Kiến Thành", "Khe Thờ")},
    {"key": "gia-hanh", "name": "Gia Hanh", "code": "18463", "type": "commune", "villages": _villages(
        "village", "Hồng Lạc", "Gia Phú", "Hạ Hanh", "Thượng Hanh", "Ước Lễ")},
    {"key": "khanh-loc", "name": "Khánh Lộc", "type": "commune", "villages": _villages(
        "village", "Khánh Hòa", "Khánh Thọ", "Đông Khánh", "Phú Mỹ")},
    {"key": "kim-loc", "name": "Kim Lộc", "type": "commune", "villages": _villages(
        "village", "Kim Đài", "Kim Thịnh", "Bình Minh", "Hòa Bình")},
    {"key": "my-loc", "name": "Mỹ Lộc", "code": "18487", "type": "commune", "villages": _villages(
        "village", "Mỹ Hòa", "Mỹ Thịnh", "Quyết Thắng", "Tân Thành", "Sơn Hà")},
    {"key": "phu-loc", "name": "Phú Lộc", "code": "18454", "type": "commune", "villages": _villages(
        "village", "Phú Hòa", "Phú Thọ", "Phú Xuân", "Ân Phú", "Bắc Phú")},
    {"key": "quang-loc", "name": "Quang Lộc", "code": "18481", "type": "commune", "villages": _villages(
        "village", "Quang Hà", "Quang Vinh", "Đông Quang Trung", "Tây Quang Trung", "Bình An")},
    {"key": "song-loc", "name": "Song Lộc", "type": "commune", "villages": _villages(
        "village", "Song Hải", "Song Tiến", "Phúc Hải", "Đại Tiến")},
    {"key": "son-loc", "name": "Sơn Lộc", "code": "18490", "type": "commune", "villages": _villages(
        "village", "Sơn Bằng", "Sơn Thủy", "Tân Sơn", "Hồng Sơn", "Đông Sơn")},
    {"key": "thanh-loc", "name": "Thanh Lộc", "code": "18433", "type": "commune", "villages": _villages(
        "village", "Thanh Hòa", "Thanh Long", "Thanh Tân", "Đông Thanh", "Minh Hương")},
    # The 2021 NTM report counts 10 villages in Thiên Lộc (https://vietnam.vn/hatinh/?p=4489); the demo keeps 7.
    {"key": "thien-loc", "name": "Thiên Lộc", "code": "18415", "type": "commune", "villages": _villages(
        "village", "Thiên Phú", "Thiên Thịnh", "Vĩnh Đông", "Thuận Hòa", "Phú Lập", "Hồng Lộc", "Xuân Hòa")},
    {"key": "thuan-thien", "name": "Thuần Thiện", "code": "18418", "type": "commune", "villages": _villages(
        "village", "Thuần Hậu", "Thuần Chính", "Trung Hậu", "Phượng Thiện", "Đông Thiện")},
    {"key": "thuong-loc", "name": "Thượng Lộc", "code": "18478", "type": "commune", "villages": _villages(
        "village", "Yên Thượng", "Thượng Xuân", "Ô Lâm", "Vĩnh Thịnh", "Đông Thượng")},
    {"key": "thuong-nga", "name": "Thường Nga", "code": "18439", "type": "commune", "villages": _villages(
        "village", "Thượng Nga", "Nga Lộc", "Nga Hải", "Trung Nga", "Tân Tiến")},
    {"key": "tien-loc", "name": "Tiến Lộc", "type": "commune", "villages": _villages(
        "village", "Tiến Hòa", "Tiến Thành", "Tiến Mỹ", "Đồng Quế", "Phúc Tiến")},
    {"key": "trung-loc", "name": "Trung Lộc", "code": "18472", "type": "commune", "villages": _villages(
        "village", "Trung Sơn", "Trung Bình", "Trung Hòa", "Ứng Thiên", "Bắc Trung")},
    {"key": "truong-loc", "name": "Trường Lộc", "type": "commune", "villages": _villages(
        "village", "Trường Xuân", "Trường Thịnh", "Hòa Thuận", "Đông Trường")},
    {"key": "tung-loc", "name": "Tùng Lộc", "code": "18445", "type": "commune", "villages": _villages(
        "village", "Tùng Sơn", "Tùng Châu", "Tùng Anh", "Hậu Tùng", "Âu Lạc")},
    {"key": "vinh-loc", "name": "Vĩnh Lộc", "type": "commune", "villages": _villages(
        "village", "Vĩnh Hòa", "Vĩnh Phúc", "Vĩnh Xuân", "Hòa Lạc")},
    {"key": "vuong-loc", "name": "Vượng Lộc", "code": "18427", "type": "commune", "villages": _villages(
        "village", "Vượng Hòa", "Vượng Thịnh", "Đông Vượng", "Tân Vượng", "Phú Vượng")},
    {"key": "xuan-loc", "name": "Xuân Lộc", "code": "18475", "type": "commune", "villages": _villages(
        "village", "Xuân Tiến", "Xuân Thịnh", "Xuân Sơn", "Trường Sơn", "Đại Hòa")},
    {"key": "yen-loc", "name": "Yên Lộc", "type": "commune", "villages": _villages(
        "village", "Yên Mỹ", "Yên Thành", "Yên Bình", "Yên Hòa")},
]

_NQ_819 = "819/NQ-UBTVQH14"
_NQ_819_NOTE = ("Nghị quyết 819/NQ-UBTVQH14 ngày 21/11/2019; ngày hiệu lực 01/01/2020 theo hiểu biết chung, "
                "chưa đối chiếu văn bản.")

# Re-arrangements in date order. After a merge the loader moves the villages of absorbed communes under
# the successor; nothing about that is described here.
REORGANIZATIONS = [
    # Đồng Lộc became a thị trấn in 2018, not "after 2020" as first assumed; two sources give:
    # NQ 536/NQ-UBTVQH14 of 11/7/2018, in force that day, on the whole area and population of xã Đồng Lộc
    # [found: https://baohatinh.vn/print/81155df30ff22ba38b546cb175177/158398.htm ;
    #  https://dantocmiennui.baotintuc.vn/uy-ban-thuong-vu-quoc-hoi-tag30353.html]. After it the district
    # had 23 units = 21 xã + 2 thị trấn, which also fits the "16 xã + 2 thị trấn" count after the 2020 merges.
    {
        "kind": "upgrade",
        "legal_basis": "536/NQ-UBTVQH14",
        "effective_date": "2018-07-11",
        "unit": "dong-loc",
        "old_type": "commune",
        "new_type": "town",
        # The 2018 proposal turned the thôn into tổ dân phố; the loader may retype the villages.
        "new_village_type": "residential_group",
        "note": "Thành lập thị trấn Đồng Lộc trên cơ sở toàn bộ diện tích, dân số xã Đồng Lộc.",
    },
    {
        "kind": "merge",
        "legal_basis": _NQ_819,
        "effective_date": "2020-01-01",
        "predecessors": ["tien-loc", "nghen"],
        "successor": "nghen",  # existing unit absorbs Tiến Lộc and keeps its key and name
        "note": "Nhập xã Tiến Lộc vào thị trấn Nghèn. " + _NQ_819_NOTE,
    },
    {
        "kind": "merge",
        "legal_basis": _NQ_819,
        "effective_date": "2020-01-01",
        "predecessors": ["kim-loc", "song-loc", "truong-loc"],
        "new_successor": {"key": "kim-song-truong", "name": "Kim Song Trường", "type": "commune", "code": "18436"},
        "note": "Thành lập xã Kim Song Trường. " + _NQ_819_NOTE,
    },
    {
        "kind": "merge",
        "legal_basis": _NQ_819,
        "effective_date": "2020-01-01",
        "predecessors": ["khanh-loc", "vinh-loc", "yen-loc"],
        "new_successor": {"key": "khanh-vinh-yen", "name": "Khánh Vĩnh Yên", "type": "commune", "code": "18466"},
        # The name is found in later lists; which three xã formed it is general knowledge only.
        "note": "Thành lập xã Khánh Vĩnh Yên (thành phần chưa xác minh). " + _NQ_819_NOTE,
    },
    # Trung Lộc is in no list of 2025: the statistics office's list of 30/06/2025 (vietnamadminunits 1.0.4) has
    # 17 Can Lộc communes and gives TT Đồng Lộc the alias "xã Trung Lộc"; vietnam-provinces snapshots have
    # Trung Lộc in May 2023 and not in January 2025 (docs/research/issue-13-units.md §2). So it was merged into
    # TT Đồng Lộc by Hà Tĩnh's 2023–2025 arrangement. The resolution's number and day are NOT verified: the
    # basis below is generic and the day (01/01/2025) an assumption, both said in the note.
    {
        "kind": "merge",
        "legal_basis": ("Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp huyện, cấp xã tỉnh Hà Tĩnh giai đoạn 2023–2025 "
                        "(số hiệu chưa đối chiếu)"),
        "effective_date": "2025-01-01",
        "predecessors": ["trung-loc", "dong-loc"],
        "successor": "dong-loc",
        "note": "Nhập xã Trung Lộc vào thị trấn Đồng Lộc. Số hiệu nghị quyết chưa đối chiếu; ngày hiệu lực "
                "01/01/2025 là giả định (xã Trung Lộc còn trong danh mục 5/2023, không còn trong danh mục 1/2025).",
    },
    # 01/07/2025 (the end of the district level, 1665/NQ-UBTVQH15 for the communes) is the import's, not
    # written here: see NEW_COMMUNES.
]

# The six communes that cover old Can Lộc from 01/07/2025 (Nghị quyết 1665/NQ-UBTVQH15 of 16/6/2025), as the
# import makes them: key, name, official code (Decision 19/2025/QĐ-TTg, from vietnamadminunits 1.0.4) and the
# communes of 30/06/2025 they were formed from. The loader checks the import against this table. Codes are taken
# from one predecessor, not always the namesake (xã Tùng Lộc has Thuần Thiện's 18418).
NEW_COMMUNES = [
    {"key": "xa-can-loc", "name": "Can Lộc", "code": "18406", "from": ["nghen", "thien-loc", "vuong-loc"]},
    {"key": "xa-dong-loc", "name": "Đồng Lộc", "code": "18484", "from": ["thuong-loc", "dong-loc", "my-loc"]},
    {"key": "xa-gia-hanh", "name": "Gia Hanh", "code": "18466",
     "from": ["thanh-loc", "gia-hanh", "khanh-vinh-yen"]},
    {"key": "xa-truong-luu", "name": "Trường Lưu", "code": "18436",
     "from": ["kim-song-truong", "thuong-nga", "phu-loc"]},
    {"key": "xa-tung-loc", "name": "Tùng Lộc", "code": "18418", "from": ["thuan-thien", "tung-loc"]},
    {"key": "xa-xuan-loc", "name": "Xuân Lộc", "code": "18481", "from": ["xuan-loc", "quang-loc", "son-loc"]},
]
# What the loader imports: the province's code after 01/07/2025 (Hà Tĩnh was not merged).
IMPORT_PROVINCE = "42"

# --- Party organisations -------------------------------------------------------------------------------
# Generic description; the loader generates one row per commune and per village from the templates.

PROVINCE_PARTY_ORG = "Đảng bộ tỉnh Hà Tĩnh"
DISTRICT_PARTY_ORG = "Đảng bộ huyện Can Lộc"
COMMUNE_PARTY_ORG_TEMPLATES = {"commune": "Đảng bộ xã {name}", "town": "Đảng bộ thị trấn {name}"}
VILLAGE_CELL_TEMPLATES = {"village": "Chi bộ thôn {name}", "residential_group": "Chi bộ tổ dân phố {name}"}

# Chi bộ cơ sở in district agencies, directly under the district Party committee until 30/6/2025.
# Which agencies had a cell of their own (rather than a joint cell) is not verified.
DISTRICT_AGENCY_CELLS = [
    {"key": "cb-vphu", "name": "Chi bộ Văn phòng Huyện ủy"},
    {"key": "cb-khoi-dan", "name": "Chi bộ Khối Dân vận và Mặt trận huyện"},
    {"key": "cb-nnptnt", "name": "Chi bộ Phòng Nông nghiệp và Phát triển nông thôn"},
    {"key": "cb-tckh", "name": "Chi bộ Phòng Tài chính - Kế hoạch"},
    {"key": "cb-noi-vu", "name": "Chi bộ Phòng Nội vụ"},
    {"key": "cb-tnmt", "name": "Chi bộ Phòng Tài nguyên và Môi trường"},
]

# Kind codes for party organisations, with their labels.
PARTY_ORG_KINDS = {
    "province_party_org": "Đảng bộ tỉnh",
    "district_party_org": "Đảng bộ huyện",
    "commune_party_org": "Đảng bộ xã",
    "grassroots_party_org": "Đảng bộ cơ sở",
    "grassroots_cell": "Chi bộ cơ sở",
    "affiliated_cell": "Chi bộ trực thuộc",
    "party_group": "Tổ đảng",
}

# The tree in one place. "upper_grassroots_until"/"upper_grassroots_from": the period in which the org
# is the upper-level committee directly over grassroots organisations: the district
# before 7/2025, the commune from 7/2025 (Quy định 298-QĐ/TW): the Đảng bộ of the six communes of 2025 (their
# village cells move under them). Only the Can Lộc area gets Party organisations and bodies; the rest of Hà
# Tĩnh, which the import brings, has units only.
PARTY_ORGS = {
    "province": {"name": PROVINCE_PARTY_ORG, "kind": "province_party_org", "parent": None},
    "district": {"name": DISTRICT_PARTY_ORG, "kind": "district_party_org", "parent": "province",
                 "valid_to": DISTRICT_LAST_DAY, "upper_grassroots_until": DISTRICT_LAST_DAY},
    # Đảng bộ xã/thị trấn are đảng bộ cơ sở under the district (general knowledge).
    "commune": {"templates": COMMUNE_PARTY_ORG_TEMPLATES, "kind": "commune_party_org", "parent": "district",
                "upper_grassroots_from": "2025-07-01"},
    # Village cells are chi bộ trực thuộc the commune đảng ủy.
    "village": {"templates": VILLAGE_CELL_TEMPLATES, "kind": "affiliated_cell", "parent": "commune"},
    "district_agency_cells": {"items": DISTRICT_AGENCY_CELLS, "kind": "grassroots_cell", "parent": "district",
                              "valid_to": DISTRICT_LAST_DAY},
}

# --- Bodies --------------------------------------------------------------------------------------------

BODY_KINDS = {
    "party_committee": "Cấp ủy",
    "standing_committee": "Ban Thường vụ",
    "mass_mobilization": "Ban Dân vận",
    "propaganda_mass_mobilization": "Ban Tuyên giáo và Dân vận",
    "party_office": "Văn phòng cấp ủy",
    "party_building": "Ban xây dựng đảng",
    "people_committee": "UBND",
    "people_council": "HĐND",
    "front": "UB MTTQ",
    "mass_organization": "Đoàn thể",
    "department": "Phòng/Ban chuyên môn",
}

_D = DISTRICT_LAST_DAY

# "parent" (optional) names the body a board or department belongs to.
BODIES = [
    # Province. Hà Tĩnh was not merged with another province in 2025 (general knowledge, unverified), so
    # these bodies run on.
    {"key": "tu", "name": "Tỉnh ủy Hà Tĩnh", "kind": "party_committee", "abbreviation": "TU",
     "level": "province"},
    {"key": "btv-tu", "name": "Ban Thường vụ Tỉnh ủy Hà Tĩnh", "kind": "standing_committee",
     "abbreviation": "BTVTU", "level": "province", "parent": "tu"},
    # The Tuyên giáo and Dân vận commissions were merged in early 2025; the exact day in Hà Tĩnh is
    # unverified (1/3/2025 assumed).
    {"key": "bdv-tu", "name": "Ban Dân vận Tỉnh ủy Hà Tĩnh", "kind": "mass_mobilization",
     "abbreviation": "BDVTU", "level": "province", "parent": "tu", "valid_to": "2025-02-28"},
    {"key": "btgdv-tu", "name": "Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Tĩnh",
     "kind": "propaganda_mass_mobilization", "abbreviation": "BTGDVTU", "level": "province", "parent": "tu",
     "valid_from": "2025-03-01"},
    {"key": "vp-tu", "name": "Văn phòng Tỉnh ủy Hà Tĩnh", "kind": "party_office", "abbreviation": "VPTU",
     "level": "province", "parent": "tu"},
    {"key": "ubnd-tinh", "name": "UBND tỉnh Hà Tĩnh", "kind": "people_committee", "abbreviation": "UBND",
     "level": "province"},
    {"key": "mttq-tinh", "name": "UB MTTQ tỉnh Hà Tĩnh", "kind": "front", "abbreviation": "MTTQ",
     "level": "province"},

    # District: all end with the district on 30/6/2025. In many districts the Ban Tuyên giáo and Ban Dân
    # vận Huyện ủy were also merged in early 2025 (general knowledge, unverified); not modelled here.
    {"key": "hu", "name": "Huyện ủy Can Lộc", "kind": "party_committee", "abbreviation": "HU",
     "level": "district", "valid_to": _D},
    {"key": "btv-hu", "name": "Ban Thường vụ Huyện ủy Can Lộc", "kind": "standing_committee",
     "abbreviation": "BTVHU", "level": "district", "parent": "hu", "valid_to": _D},
    {"key": "bdv-hu", "name": "Ban Dân vận Huyện ủy Can Lộc", "kind": "mass_mobilization",
     "abbreviation": "BDVHU", "level": "district", "parent": "hu", "valid_to": _D},
    {"key": "vp-hu", "name": "Văn phòng Huyện ủy Can Lộc", "kind": "party_office", "abbreviation": "VPHU",
     "level": "district", "parent": "hu", "valid_to": _D},
    {"key": "ubnd-huyen", "name": "UBND huyện Can Lộc", "kind": "people_committee", "abbreviation": "UBND",
     "level": "district", "valid_to": _D},
    {"key": "hdnd-huyen", "name": "HĐND huyện Can Lộc", "kind": "people_council", "abbreviation": "HĐND",
     "level": "district", "valid_to": _D},
    {"key": "mttq-huyen", "name": "UB MTTQ huyện Can Lộc", "kind": "front", "abbreviation": "MTTQ",
     "level": "district", "valid_to": _D},
    {"key": "hnd-huyen", "name": "Hội Nông dân huyện Can Lộc", "kind": "mass_organization",
     "abbreviation": "HND", "level": "district", "valid_to": _D},
    {"key": "hlhpn-huyen", "name": "Hội Liên hiệp Phụ nữ huyện Can Lộc", "kind": "mass_organization",
     "abbreviation": "HLHPN", "level": "district", "valid_to": _D},
    {"key": "huyen-doan", "name": "Huyện đoàn Can Lộc", "kind": "mass_organization", "abbreviation": "HĐ",
     "level": "district", "valid_to": _D},
    {"key": "hccb-huyen", "name": "Hội Cựu chiến binh huyện Can Lộc", "kind": "mass_organization",
     "abbreviation": "HCCB", "level": "district", "valid_to": _D},
    {"key": "ldld-huyen", "name": "Liên đoàn Lao động huyện Can Lộc", "kind": "mass_organization",
     "abbreviation": "LĐLĐ", "level": "district", "valid_to": _D},
    # Specialised departments of UBND huyện with their 2016 names; the early-2025 renames and merges of
    # district departments are not modelled.
    {"key": "phong-nnptnt", "name": "Phòng Nông nghiệp và Phát triển nông thôn huyện Can Lộc",
     "kind": "department", "abbreviation": "NN&PTNT", "level": "district", "parent": "ubnd-huyen",
     "valid_to": _D},
    {"key": "phong-tckh", "name": "Phòng Tài chính - Kế hoạch huyện Can Lộc", "kind": "department",
     "abbreviation": "TC-KH", "level": "district", "parent": "ubnd-huyen", "valid_to": _D},
    {"key": "phong-noi-vu", "name": "Phòng Nội vụ huyện Can Lộc", "kind": "department", "abbreviation": "NV",
     "level": "district", "parent": "ubnd-huyen", "valid_to": _D},
    {"key": "phong-vhtt", "name": "Phòng Văn hóa và Thông tin huyện Can Lộc", "kind": "department",
     "abbreviation": "VH&TT", "level": "district", "parent": "ubnd-huyen", "valid_to": _D},
    {"key": "phong-tnmt", "name": "Phòng Tài nguyên và Môi trường huyện Can Lộc", "kind": "department",
     "abbreviation": "TN&MT", "level": "district", "parent": "ubnd-huyen", "valid_to": _D},
    {"key": "phong-ldtbxh", "name": "Phòng Lao động - Thương binh và Xã hội huyện Can Lộc",
     "kind": "department", "abbreviation": "LĐ-TB&XH", "level": "district", "parent": "ubnd-huyen",
     "valid_to": _D},
]

# One set per commune-level unit; referenced as "commune:<commune key>:<kind>". {prefix} comes from
# COMMUNE_TYPE_PREFIX, so Đồng Lộc's bodies are renamed "... thị trấn Đồng Lộc" by the 2018 upgrade.
COMMUNE_BODY_TEMPLATES = [
    {"kind": "party_committee", "name": "Đảng ủy {prefix} {name}", "abbreviation": "ĐU"},
    {"kind": "people_committee", "name": "UBND {prefix} {name}", "abbreviation": "UBND"},
    {"kind": "people_council", "name": "HĐND {prefix} {name}", "abbreviation": "HĐND"},
    {"kind": "front", "name": "UB MTTQ {prefix} {name}", "abbreviation": "MTTQ"},
]

# --- People --------------------------------------------------------------------------------------------
# Fictitious. Party congress terms are taken as 1/8/2015 and 1/8/2020 (approximate, unverified).
# Village heads of a tổ dân phố are titled "Tổ trưởng tổ dân phố". Members of the Ban Thanh tra nhân dân
# point at the UB MTTQ xã, which steers the board (general knowledge); the board itself is INSPECTION_BOARDS.


def _pos(body, title, valid_from, valid_to=None):
    return {"body": body, "title": title, "valid_from": valid_from, "valid_to": valid_to}


def _person(key, full_name, gender, birth_year, is_party_member, committee_title, *positions):
    return {"key": key, "full_name": full_name, "gender": gender, "birth_year": birth_year,
            "is_party_member": is_party_member, "committee_title": committee_title,
            "positions": list(positions)}


_BTV = "Ủy viên Ban Thường vụ Huyện ủy"
_HUV = "Huyện ủy viên"
_TT = "commune:thien-loc:front"
_DL = "commune:dong-loc:people_committee"
_CL = "commune:xa-can-loc:people_committee"
_TTND = "Ban Thanh tra nhân dân xã Thiên Lộc"

PEOPLE = [
    # District leadership and district bodies.
    _person("le-quang-truong", "Lê Quang Trường", "Nam", 1965, True, "Tỉnh ủy viên",
            _pos("hu", "Bí thư Huyện ủy", "2015-08-01", "2020-07-31"),
            _pos("bdv-tu", "Phó Trưởng Ban Dân vận Tỉnh ủy", "2020-09-01", "2025-02-28")),
    # Continues at the province after the district ends.
    _person("tran-huu-phuc", "Trần Hữu Phúc", "Nam", 1970, True, "Tỉnh ủy viên",
            _pos("hu", "Phó Bí thư Thường trực Huyện ủy", "2015-08-01", "2020-07-31"),
            _pos("hu", "Bí thư Huyện ủy", "2020-08-01", _D),
            _pos("hdnd-huyen", "Chủ tịch HĐND huyện", "2021-06-01", _D),
            _pos("vp-tu", "Phó Chánh Văn phòng Tỉnh ủy", "2025-07-01")),
    _person("phan-dinh-son", "Phan Đình Sơn", "Nam", 1966, True, _BTV,
            _pos("hu", "Phó Bí thư Huyện ủy", "2015-08-01", "2020-07-31"),
            _pos("ubnd-huyen", "Chủ tịch UBND huyện", "2015-08-01", "2020-07-31")),
    _person("nguyen-cong-thanh", "Nguyễn Công Thành", "Nam", 1976, True, _BTV,
            _pos("hu", "Phó Bí thư Huyện ủy", "2020-08-01", _D),
            _pos("ubnd-huyen", "Chủ tịch UBND huyện", "2020-08-01", _D)),
    _person("vo-thi-thanh-ha", "Võ Thị Thanh Hà", "Nữ", 1975, True, _BTV,
            _pos("bdv-hu", "Trưởng Ban Dân vận Huyện ủy", "2015-08-01", "2020-07-31"),
            _pos("hu", "Phó Bí thư Thường trực Huyện ủy", "2020-08-01", _D),
            _pos("btgdv-tu", "Phó Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy", "2025-07-01")),
    _person("dinh-xuan-hoa", "Đinh Xuân Hòa", "Nam", 1972, True, _BTV,
            _pos("bdv-hu", "Trưởng Ban Dân vận Huyện ủy", "2020-08-01", _D)),
    _person("au-thi-minh-nguyet", "Âu Thị Minh Nguyệt", "Nữ", 1980, True, _HUV,
            _pos("bdv-hu", "Phó Trưởng Ban Dân vận Huyện ủy", "2015-10-01", _D),
            _pos("btgdv-tu", "Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy", "2025-07-01")),
    _person("duong-van-tuan", "Dương Văn Tuấn", "Nam", 1974, True, _HUV,
            _pos("vp-hu", "Chánh Văn phòng Huyện ủy", "2015-09-01", _D),
            _pos("vp-tu", "Chuyên viên Văn phòng Tỉnh ủy", "2025-07-01")),
    _person("bui-thi-lan", "Bùi Thị Lan", "Nữ", 1988, True, "",
            _pos("vp-hu", "Chuyên viên Văn phòng Huyện ủy", "2014-03-01", _D),
            _pos("vp-tu", "Chuyên viên Văn phòng Tỉnh ủy, phụ trách công nghệ thông tin", "2025-07-01")),
    _person("hoang-thi-thu", "Hoàng Thị Thu", "Nữ", 1970, True, _BTV,
            _pos("mttq-huyen", "Chủ tịch UB MTTQ huyện", "2014-09-01", _D)),
    _person("dau-quang-vinh", "Đậu Quang Vinh", "Nam", 1975, True, _HUV,
            _pos("phong-nnptnt", "Trưởng phòng Nông nghiệp và Phát triển nông thôn", "2014-06-01", _D),
            _pos("ubnd-tinh", "Phó Chi cục trưởng Chi cục Phát triển nông thôn", "2025-07-01")),
    _person("pham-van-luong", "Phạm Văn Lương", "Nam", 1966, True, _HUV,
            _pos("hdnd-huyen", "Phó Chủ tịch HĐND huyện", "2016-06-01", _D)),
    _person("thai-van-ky", "Thái Văn Kỳ", "Nam", 1969, True, _HUV,
            _pos("hnd-huyen", "Chủ tịch Hội Nông dân huyện", "2013-07-01", "2023-06-30")),
    _person("ngo-thi-hoa", "Ngô Thị Hoa", "Nữ", 1978, True, _HUV,
            _pos("hlhpn-huyen", "Chủ tịch Hội Liên hiệp Phụ nữ huyện", "2016-05-01", _D)),
    _person("ho-duc-anh", "Hồ Đức Anh", "Nam", 1988, True, _HUV,
            _pos("huyen-doan", "Bí thư Huyện đoàn", "2015-03-01", "2020-12-31")),
    _person("cao-xuan-binh", "Cao Xuân Bình", "Nam", 1958, True, _HUV,
            _pos("hccb-huyen", "Chủ tịch Hội Cựu chiến binh huyện", "2012-10-01", "2018-09-30")),

    # Communes.
    _person("phan-van-duc", "Phan Văn Đức", "Nam", 1977, True, "",
            _pos("commune:nghen:people_committee", "Chủ tịch UBND thị trấn Nghèn", "2015-12-01", _D),
            _pos(_CL, "Phó Chủ tịch UBND xã Can Lộc", "2025-07-01")),
    _person("le-thi-thuy", "Lê Thị Thủy", "Nữ", 1990, True, "",
            _pos("commune:nghen:people_committee", "Công chức Văn phòng - Thống kê thị trấn Nghèn",
                 "2014-08-01", _D),
            _pos(_CL, "Công chức Văn phòng - Thống kê xã Can Lộc", "2025-07-01")),
    _person("tran-thi-hien", "Trần Thị Hiền", "Nữ", 1972, True, "",
            _pos("commune:nghen:front", "Chủ tịch UB MTTQ thị trấn Nghèn", "2014-10-01", _D)),
    _person("nguyen-dinh-khoa", "Nguyễn Đình Khoa", "Nam", 1973, True, "",
            _pos("commune:thien-loc:people_committee", "Chủ tịch UBND xã Thiên Lộc", "2015-11-01", _D)),
    _person("vo-van-thanh", "Võ Văn Thành", "Nam", 1968, True, "",
            _pos(_TT, "Chủ tịch UB MTTQ xã Thiên Lộc", "2014-10-01", _D),
            _pos("commune:xa-can-loc:front", "Phó Chủ tịch UB MTTQ xã Can Lộc", "2025-07-01")),
    # Kim Lộc ends with the 2020 merge; the same person chairs the new xã Kim Song Trường.
    _person("dang-van-hai", "Đặng Văn Hải", "Nam", 1971, True, "",
            _pos("commune:kim-loc:people_committee", "Chủ tịch UBND xã Kim Lộc", "2015-12-01", "2019-12-31"),
            _pos("commune:kim-song-truong:people_committee", "Chủ tịch UBND xã Kim Song Trường",
                 "2020-01-01", _D)),
    # Same body across the 2018 upgrade; only the title changes.
    _person("luong-thi-nga", "Lương Thị Nga", "Nữ", 1974, True, "",
            _pos(_DL, "Chủ tịch UBND xã Đồng Lộc", "2015-12-01", "2018-07-10"),
            _pos(_DL, "Chủ tịch UBND thị trấn Đồng Lộc", "2018-07-11", _D),
            _pos("commune:xa-dong-loc:people_committee", "Chủ tịch UBND xã Đồng Lộc", "2025-07-01")),
    _person("hoang-van-minh", "Hoàng Văn Minh", "Nam", 1979, True, "",
            _pos("commune:tung-loc:people_committee", "Chủ tịch UBND xã Tùng Lộc", "2016-06-01", _D),
            _pos("commune:xa-tung-loc:people_committee", "Chủ tịch UBND xã Tùng Lộc", "2025-07-01")),
    _person("doan-thi-kim-oanh", "Đoàn Thị Kim Oanh", "Nữ", 1976, True, "",
            _pos("commune:khanh-loc:front", "Chủ tịch UB MTTQ xã Khánh Lộc", "2014-10-01", "2019-12-31"),
            _pos("commune:khanh-vinh-yen:front", "Chủ tịch UB MTTQ xã Khánh Vĩnh Yên", "2020-01-01", _D)),
    _person("chu-van-quy", "Chu Văn Quý", "Nam", 1965, True, "",
            _pos("commune:vuong-loc:front", "Chủ tịch UB MTTQ xã Vượng Lộc", "2014-10-01", "2024-09-30")),

    # Village heads.
    _person("bui-van-cuong", "Bùi Văn Cường", "Nam", 1967, True, "",
            _pos("village:nghen:Trung Tiến", "Tổ trưởng tổ dân phố", "2015-01-01")),
    _person("nguyen-thi-lien", "Nguyễn Thị Liên", "Nữ", 1971, True, "",
            _pos("village:thien-loc:Vĩnh Đông", "Trưởng thôn", "2015-01-01")),
    _person("le-dinh-tu", "Lê Đình Tú", "Nam", 1963, True, "",
            _pos("village:tien-loc:Tiến Hòa", "Trưởng thôn", "2014-12-01", "2019-12-31")),
    _person("dang-xuan-truong", "Đặng Xuân Trường", "Nam", 1969, False, "",
            _pos("village:dong-loc:Trung Thành", "Trưởng thôn", "2015-01-01", "2018-07-10"),
            _pos("village:dong-loc:Trung Thành", "Tổ trưởng tổ dân phố", "2018-07-11")),
    _person("phan-huu-tri", "Phan Hữu Trí", "Nam", 1960, True, "",
            _pos("village:kim-loc:Kim Đài", "Trưởng thôn", "2015-01-01")),

    # Ban Thanh tra nhân dân xã Thiên Lộc: five members, one per village (see INSPECTION_BOARDS), until the
    # commune ends; the head is taken to lead the board of xã Can Lộc (its election is not in the demo).
    _person("duong-thi-hai-yen", "Dương Thị Hải Yến", "Nữ", 1975, True, "",
            _pos(_TT, "Trưởng " + _TTND, "2015-07-01", _D),
            _pos("commune:xa-can-loc:front", "Trưởng Ban Thanh tra nhân dân xã Can Lộc", "2025-07-01")),
    _person("vo-dinh-nhan", "Võ Đình Nhân", "Nam", 1962, True, "",
            _pos(_TT, "Phó Trưởng " + _TTND, "2015-07-01", _D)),
    _person("dinh-thi-thao", "Đinh Thị Thảo", "Nữ", 1983, False, "",
            _pos(_TT, "Thành viên " + _TTND, "2015-07-01", _D)),
    _person("au-van-tien", "Âu Văn Tiến", "Nam", 1958, True, "",
            _pos(_TT, "Thành viên " + _TTND, "2015-07-01", _D)),
    _person("tran-quoc-viet", "Trần Quốc Việt", "Nam", 1980, False, "",
            _pos(_TT, "Thành viên " + _TTND, "2015-07-01", _D)),
]

# The board's composition by village. The term is left open: under Luật Thanh tra 2010 it was 2 years,
# under Luật 10/2022/QH15 it follows the village head's term; the demo does not renew it.
INSPECTION_BOARDS = [
    {
        "key": "bttnd-thien-loc",
        "commune": "thien-loc",
        "name": _TTND,
        "valid_from": "2015-07-01",
        "members": [
            {"person": "duong-thi-hai-yen", "role": "head", "village": "Thiên Phú"},
            {"person": "vo-dinh-nhan", "role": "deputy", "village": "Thiên Thịnh"},
            {"person": "dinh-thi-thao", "role": "member", "village": "Thuận Hòa"},
            {"person": "au-van-tien", "role": "member", "village": "Phú Lập"},
            {"person": "tran-quoc-viet", "role": "member", "village": "Hồng Lộc"},
        ],
    },
]

# --- Demo users ----------------------------------------------------------------------------------------
# One per role code. "scope" is the current scope. District-level roles carry a "history": the district
# until it ended, then the province, which since 7/2025 sends working groups to the communes itself
# (Luật 72/2025/QH15, two-tier local government). Commune users likewise: their commune until 30/6/2025, then
# the commune of 2025 it went into; a village head keeps the village (it moved with its commune). Passwords are
# the loader's business.



def _commune_then(old, new):
    return [
        {"scope": f"commune:{old}", "valid_from": "2016-01-01", "valid_to": _D},
        {"scope": f"commune:{new}", "valid_from": "2025-07-01", "valid_to": None},
    ]


def _district_then_province():
    return [
        {"scope": "district", "valid_from": "2016-01-01", "valid_to": _D},
        {"scope": "province", "valid_from": "2025-07-01", "valid_to": None},
    ]


DEMO_USERS = [
    {"username": "thuongtruc", "full_name": "Trần Hữu Phúc", "role": "standing_committee",
     "scope": "province", "person": "tran-huu-phuc", "history": _district_then_province(),
     "note_vi": "Thường trực Huyện ủy (đến 30/6/2025), sau đó cấp tỉnh."},
    {"username": "doancongtac", "full_name": "Đậu Quang Vinh", "role": "working_group_member",
     "scope": "province", "person": "dau-quang-vinh", "history": _district_then_province(),
     "note_vi": "Thành viên đoàn/tổ công tác chỉ đạo cơ sở."},
    {"username": "bandanvan", "full_name": "Âu Thị Minh Nguyệt", "role": "mass_mobilization",
     "scope": "province", "person": "au-thi-minh-nguyet", "history": _district_then_province(),
     "note_vi": "Ban Dân vận Huyện ủy, từ 01/7/2025 Ban Tuyên giáo và Dân vận Tỉnh ủy."},
    {"username": "vanphong", "full_name": "Dương Văn Tuấn", "role": "committee_office",
     "scope": "province", "person": "duong-van-tuan", "history": _district_then_province(),
     "note_vi": "Văn phòng Huyện ủy, từ 01/7/2025 Văn phòng Tỉnh ủy."},
    {"username": "ubnd.nghen", "full_name": "Lê Thị Thủy", "role": "commune_officer",
     "scope": "commune:xa-can-loc", "person": "le-thi-thuy", "history": _commune_then("nghen", "xa-can-loc"),
     "note_vi": "Cán bộ UBND thị trấn Nghèn (đến 30/6/2025), nay UBND xã Can Lộc."},
    {"username": "mttq.thienloc", "full_name": "Võ Văn Thành", "role": "commune_front",
     "scope": "commune:xa-can-loc", "person": "vo-van-thanh", "history": _commune_then("thien-loc", "xa-can-loc"),
     "note_vi": "UB MTTQ xã Thiên Lộc (đến 30/6/2025), nay xã Can Lộc."},
    {"username": "truongthon", "full_name": "Bùi Văn Cường", "role": "village_head",
     "scope": "village:nghen:Trung Tiến", "person": "bui-van-cuong",
     "note_vi": "Tổ trưởng tổ dân phố Trung Tiến (thị trấn Nghèn, nay xã Can Lộc)."},
    {"username": "banttnd", "full_name": "Dương Thị Hải Yến", "role": "inspection_board",
     "scope": "commune:xa-can-loc", "person": "duong-thi-hai-yen",
     "history": _commune_then("thien-loc", "xa-can-loc"),
     "note_vi": "Trưởng Ban Thanh tra nhân dân xã Thiên Lộc (đến 30/6/2025), nay xã Can Lộc."},
    {"username": "xem", "full_name": "Phạm Văn Lương", "role": "viewer",
     "scope": "province", "person": "pham-van-luong", "history": _district_then_province(),
     "note_vi": "Chỉ xem báo cáo."},
    # Not a district role: administers the whole installation from the start.
    {"username": "quantri", "full_name": "Bùi Thị Lan", "role": "administrator",
     "scope": "province", "person": "bui-thi-lan",
     "note_vi": "Quản trị hệ thống (cán bộ Văn phòng phụ trách công nghệ thông tin)."},
]
