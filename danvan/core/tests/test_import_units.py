"""The official unit list imported: the packaged lists and the 2025 arrangement, files in the official
layout, idempotence, the difference of a later list, the bad-input cases and who may import."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction

from danvan.core import selectors
from danvan.core.access import loader_actor
from danvan.core.imports import files, units_import
from danvan.core.models import (
    AuditEntry,
    Membership,
    Reorganization,
    Role,
    Succession,
    Unit,
    UnitRollup,
    UnitVersion,
)

D = datetime.date
TODAY = D(2026, 1, 1)
CAN_LOC = {  # new code: (name, predecessors' codes), 1665/NQ-UBTVQH15 (docs/research/issue-13-units.md)
    "18406": ("Can Lộc", {"18406", "18415", "18427"}),
    "18484": ("Đồng Lộc", {"18478", "18484", "18487"}),
    "18466": ("Gia Hanh", {"18433", "18463", "18466"}),
    "18436": ("Trường Lưu", {"18436", "18439", "18454"}),
    "18418": ("Tùng Lộc", {"18418", "18445"}),
    "18481": ("Xuân Lộc", {"18475", "18481", "18490"}),
}


@pytest.fixture(scope="module")
def ha_tinh(django_db_setup, django_db_blocker):
    """Hà Tĩnh (42) imported once from the packaged data for the module, rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = units_import(actor=loader_actor(), province="42")
        yield result
        transaction.set_rollback(True)


def communes_on(day, **filters):
    return UnitVersion.objects.valid_on(day).filter(unit__level__code="commune", **filters)


def commune(code, day):
    return communes_on(day).get(code=code).unit


def test_ha_tinh_has_209_communes_in_12_districts_before_and_69_after_the_arrangement(ha_tinh, db):
    assert communes_on(D(2025, 6, 30), parent__parent__code="42").count() == 209
    assert UnitVersion.objects.valid_on(D(2025, 6, 30)).filter(unit__level__code="district").count() == 12
    today = communes_on(TODAY)
    assert today.count() == today.filter(parent__code="42").count() == 69
    assert set(today.values_list("type__code", flat=True)) == {"commune", "ward"}
    assert not UnitVersion.objects.valid_on(TODAY).filter(unit__level__code="district").exists()
    assert not communes_on(D(2025, 6, 30)).filter(name="Trung Lộc").exists()  # merged before 2025
    assert ha_tinh.counts["ended"] == 207 + 12


def test_the_six_communes_of_old_can_loc_with_their_predecessors(ha_tinh, db):
    for code, (name, old_codes) in CAN_LOC.items():
        unit = commune(code, TODAY)
        assert (unit.name, unit.type.code, unit.valid_from) == (name, "commune", D(2025, 7, 1))
        successions = Succession.objects.filter(successor=unit).select_related("reorganization")
        olds = {UnitVersion.objects.valid_on(D(2025, 6, 30)).get(unit=s.predecessor).code for s in successions}
        assert olds == old_codes
        assert {s.reorganization.legal_basis for s in successions} == {"1665/NQ-UBTVQH15"}
        assert all(s.is_primary for s in successions)
    # A code is kept per version: 18406 was thị trấn Nghèn, is now xã Can Lộc (another unit).
    nghen = commune("18406", D(2016, 1, 1))
    assert nghen.full_name == "thị trấn Nghèn" and nghen.valid_to == D(2025, 6, 30)
    assert commune("18406", TODAY) != nghen
    # xã Tùng Lộc took Thuần Thiện's code, not Tùng Lộc's.
    assert commune("18418", D(2025, 6, 30)).name == "Thuần Thiện"


def test_a_2016_record_rolls_up_to_thi_tran_nghen_then_and_to_xa_can_loc_today(ha_tinh, db):
    nghen = commune("18406", D(2016, 1, 1))
    can_loc = commune("18406", TODAY)

    def target(day):
        return (
            UnitRollup.objects.filter(unit=nghen, target_level__code="commune", is_primary=True)
            .exclude(valid_from__gt=day)
            .exclude(valid_to__lt=day)
            .get()
            .target
        )

    assert target(D(2016, 6, 1)) == nghen
    assert target(D(2026, 6, 1)) == can_loc
    assert selectors.unit_successors(nghen, as_of=D(2026, 6, 1)) == [can_loc]


def test_a_divided_commune_is_a_split_with_one_primary_successor_to_review(ha_tinh, db):
    ky_loi = commune("18796", D(2025, 6, 30))
    split = Reorganization.objects.get(kind="split", units=ky_loi)
    successions = list(split.successions.filter(predecessor=ky_loi))
    assert len(successions) == 3 and sum(s.is_primary for s in successions) == 1
    assert "CẦN RÀ SOÁT" in split.note and "isDefaultNewWard" in split.note


def test_the_end_of_the_district_level_and_its_legal_basis(ha_tinh, db):
    event = Reorganization.objects.get(kind="dissolve_level")
    assert event.legal_basis == "Nghị quyết 203/2025/QH15; Luật 72/2025/QH15"
    assert event.successions.count() == 12 and event.effective_date == D(2025, 7, 1)


def test_importing_again_changes_nothing_and_the_import_is_one_audit_entry(ha_tinh, db):
    entries = AuditEntry.objects.filter(verb="Nhập danh mục đơn vị hành chính")
    assert entries.count() == 1 and entries.get().changes["new"] == [None, ha_tinh.counts["new"]]
    before = (Unit.objects.count(), UnitVersion.objects.count(), Reorganization.objects.count())
    again = units_import(actor=loader_actor(), province="42")
    assert not any(again.counts.get(k) for k in ("new", "renamed", "moved", "ended", "events", "successions"))
    assert (Unit.objects.count(), UnitVersion.objects.count(), Reorganization.objects.count()) == before
    assert entries.count() == 1


def test_a_dry_run_prints_the_difference_and_writes_nothing(ha_tinh, db):
    out = io.StringIO()
    entries = AuditEntry.objects.count()
    call_command("import_units", "--province", "40", "--dry-run", stdout=out)
    assert "Chạy thử" in out.getvalue() and "+ tỉnh Nghệ An (40)" in out.getvalue()
    assert not Unit.objects.filter(code="40").exists() and AuditEntry.objects.count() == entries


def _csv(tmp_path, lines, name="list.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


def _ha_tinh_2026(tmp_path, change):
    lines = ["Mã,Tên,Cấp,Mã cấp trên", "42,Tỉnh Hà Tĩnh,Tỉnh,"]
    for version in communes_on(TODAY).select_related("type").order_by("code"):
        lines.append(f"{version.code},{version.type.name} {version.name},{version.type.name},42")
    return _csv(tmp_path, change(lines))


def test_a_later_list_applies_only_its_difference(ha_tinh, db, tmp_path):
    def change(lines):
        lines = [line.replace("Xã Gia Hanh,", "Xã Gia Hanh Mới,") for line in lines if not line.startswith("18481,")]
        return [*lines, "99991,Phường Thử Nghiệm,Phường,42"]

    path = _ha_tinh_2026(tmp_path, change)
    day = D(2026, 3, 1)
    result = units_import(actor=loader_actor(), source=path, rows=files.read(path), day=day, legal_basis="NQ thử")
    assert (result.counts["new"], result.counts["renamed"], result.counts["ended"]) == (1, 1, 1)
    assert result.counts["unchanged"] == 69 - 2 + 1
    gia_hanh = commune("18466", day)
    assert gia_hanh.name == "Gia Hanh Mới"
    assert communes_on(day - datetime.timedelta(days=1)).get(code="18466").name == "Gia Hanh"
    assert gia_hanh.versions.get(valid_from=day).reorganization.legal_basis == "NQ thử"
    assert not communes_on(day).filter(code="18481").exists()
    assert communes_on(day).filter(parent__code="42").count() == 69
    again = units_import(actor=loader_actor(), source=path, rows=files.read(path), day=day)
    assert not any(again.counts.get(k) for k in ("new", "renamed", "moved", "ended"))


BAD = {
    "duplicate": (
        ["Mã,Tên,Cấp,Mã cấp trên", "42,Tỉnh Hà Tĩnh,Tỉnh,", "99001,Xã A,Xã,42", "99001,Xã B,Xã,42"],
        "Dòng 4, cột A (Mã): mã 99001 trùng với dòng 3",
    ),
    "unknown parent": (["Mã,Tên,Cấp,Mã cấp trên", "99001,Xã A,Xã,777"], "Dòng 2, cột “Mã cấp trên”: không tìm thấy"),
    "cycle": (["Mã,Tên,Cấp,Mã cấp trên", "99001,Xã A,Xã,99002", "99002,Xã B,Xã,99001"], "vòng lặp cấp trên"),
    "ends before it starts": (
        ["Mã,Tên,Cấp,Mã cấp trên,Hiệu lực từ,Hiệu lực đến", "99001,Xã A,Xã,42,01/03/2026,01/02/2026"],
        "Dòng 2, cột F (Hiệu lực đến): đơn vị kết thúc",
    ),
    "code reused on the same date": (
        ["Mã,Tên,Cấp,Mã cấp trên,Hiệu lực từ", "99001,Xã A,Xã,42,01/03/2026", "99001,Xã B,Xã,42,01/03/2026"],
        "được dùng lại cùng ngày 01/03/2026",
    ),
    "divided without a primary": (
        ["Mã,Tên,Cấp,Mã cấp trên,Đơn vị cũ", "99001,Xã A,Xã,42,18466", "99002,Xã B,Xã,42,18466"],
        "Dòng 3, cột E (Đơn vị cũ): đơn vị 18466 được chia cho 2 đơn vị nhưng có 0",
    ),
    "formula": (["Mã,Tên,Cấp,Mã cấp trên", "=1+1,Xã A,Xã,42"], "Dòng 2, cột A (Mã): ô chứa công thức"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_files_are_refused_with_row_and_column_and_nothing_applied(ha_tinh, db, tmp_path, case):
    lines, message = BAD[case]
    path = _csv(tmp_path, lines)
    before = (Unit.objects.count(), UnitVersion.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as error:
        units_import(actor=loader_actor(), source=path, rows=files.read(path), day=D(2026, 3, 1))
    assert any(message in m for m in error.value.messages), error.value.messages
    assert (Unit.objects.count(), UnitVersion.objects.count(), AuditEntry.objects.count()) == before


def test_a_formula_cell_in_a_workbook_and_files_that_are_not_workbooks_or_too_big(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Mã", "Tên", "Cấp", "Mã cấp trên"])
    book.active.append(["99001", '=CONCAT("Xã ", "A")', "Xã", "42"])
    book.save(tmp_path / "f.xlsx")
    with pytest.raises(ValidationError, match="Dòng 2, cột B"):
        files.read(str(tmp_path / "f.xlsx"))
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ValidationError, match="không phải Excel"):
        files.read(str(tmp_path / "x.xlsx"))
    big = tmp_path / "big.csv"
    with open(big, "wb") as handle:
        handle.truncate(files.MAX_BYTES + 1)
    with pytest.raises(ValidationError, match="lớn hơn 50 MB"):
        files.read(str(big))


def test_only_the_loader_a_superuser_or_national_unit_managers_may_import(ha_tinh, db):
    user = get_user_model().objects.create_user("canbo", password="x")
    Membership.objects.create(
        user=user,
        role=Role.objects.get(code="administrator"),
        unit=Unit.objects.get(code="42"),
        valid_from=D(2020, 1, 1),
    )
    with pytest.raises(PermissionDenied):
        units_import(actor=user, province="42")
    with pytest.raises(TypeError):
        units_import(actor=None, province="42")


def test_the_whole_country(db):
    """Both lists and the arrangement: 63 provinces, 696 districts and 10,035 communes on 30/06/2025; 34 and
    3,321 (2,621 xã, 687 phường, 13 đặc khu) from 01/07/2025. About 25 s on SQLite."""
    units_import(actor=loader_actor())
    before, after = D(2025, 6, 30), D(2025, 7, 1)
    level = UnitVersion.objects.valid_on(before).values_list("unit__level__code", flat=True)
    assert [list(level).count(c) for c in ("province", "district", "commune")] == [63, 696, 10035]
    today = communes_on(after)
    assert today.count() == 3321 and today.filter(type__code="special_zone").count() == 13
    assert UnitVersion.objects.valid_on(after).filter(unit__level__code="province").count() == 34
    merges = Reorganization.objects.filter(kind="merge", legal_basis="Nghị quyết 202/2025/QH15")
    assert merges.count() == 23
    hcmc = Unit.objects.get(code="79", level__code="province")
    assert hcmc.successions_in.filter(predecessor__level__code="province").count() == 2  # Bình Dương, BR-VT
