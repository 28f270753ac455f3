"""Validation shared by the registration form and the Excel import."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.core import dates
from danvan.core.models import Body, PartyOrg, Unit, UnitLevel
from danvan.core.services.common import Errors, check_day, fmt, optional_text
from danvan.core.text import clean_text, fold

from .. import selectors
from ..models import Field, Initiative, Kind
from .common import EARLIEST_YEAR, ITEM_FIELDS, MAX_NAME, MAX_TEXT

# --- validation shared by the form and the Excel import ----------------------------------------------------


def check_values(data: dict, *, day: datetime.date | None = None) -> dict:
    """The registration values on their own (no database): lengths, year, dates, kind, links present.
    Returns the cleaned values; raises one ValidationError with every problem."""
    day = day or dates.today()
    errors = Errors()
    cleaned = dict(data)
    year = data.get("year")
    if year in (None, ""):
        errors.add("year", _("Vui lòng nhập năm đăng ký."))
    else:
        try:
            year = int(year)
        except (TypeError, ValueError):
            errors.add("year", _("Năm đăng ký phải là số, ví dụ 2016."))
            year = None
        if year is not None and year > day.year:
            errors.add("year", _("Năm %(y)s chưa đến: chỉ đăng ký cho năm nay hoặc các năm trước.") % {"y": year})
        elif year is not None and year < EARLIEST_YEAR:
            errors.add("year", _("Phong trào bắt đầu từ năm %(y)s.") % {"y": EARLIEST_YEAR})
    cleaned["year"] = year
    try:
        name = clean_text(data.get("name"))
        if not name:
            raise ValidationError({"name": _("Vui lòng nhập tên mô hình, điển hình.")})
        cleaned["name"] = optional_text(name, "name", MAX_NAME)
    except ValidationError as error:
        errors.take(error)
    if data.get("kind") not in Kind.values:
        errors.add("kind", _("Vui lòng chọn loại: mô hình, điển hình tập thể hoặc điển hình cá nhân."))
    for key, message in (
        ("field", _("Vui lòng chọn lĩnh vực.")),
        ("unit", _("Vui lòng chọn địa bàn đăng ký.")),
        ("subject_type", _("Vui lòng chọn loại chủ thể.")),
        ("level", _("Vui lòng chọn cấp quản lý.")),
    ):
        if data.get(key) is None:
            errors.add(key, message)
    for key in ITEM_FIELDS:
        try:
            cleaned[key] = optional_text(data.get(key), key, MAX_TEXT, multiline=True)
        except ValidationError as error:
            errors.take(error)
    for key, limit in (("leader", 200), ("leader_phone", 30)):
        try:
            cleaned[key] = optional_text(data.get(key), key, limit)
        except ValidationError as error:
            errors.take(error)
    registered_on = data.get("registered_on")
    if registered_on is None:  # today for this year's registrations; records of past years: their 1 January
        registered_on = day if not year or year >= day.year else datetime.date(year, 1, 1)
    try:
        check_day(registered_on, "registered_on")
        if registered_on > day:
            errors.add("registered_on", _("Ngày đăng ký không được sau hôm nay."))
        elif year and registered_on.year > year:
            errors.add("registered_on", _("Ngày đăng ký phải trong năm %(y)s hoặc trước đó.") % {"y": year})
    except ValidationError as error:
        errors.take(error)
    cleaned["registered_on"] = registered_on
    launched_on = data.get("launched_on")
    try:
        check_day(launched_on, "launched_on")
        if launched_on and launched_on > day:
            errors.add("launched_on", _("Ngày ra mắt không được sau hôm nay."))
        elif launched_on and launched_on < registered_on:
            errors.add(
                "launched_on",
                _("Ngày ra mắt (%(l)s) không được trước ngày đăng ký (%(r)s).")
                % {"l": fmt(launched_on), "r": fmt(registered_on)},
            )
    except ValidationError as error:
        errors.take(error)
    cleaned["launched_on"] = launched_on
    errors.raise_if_any()
    return cleaned


def check_relations(cleaned: dict, *, instance: Initiative | None = None) -> None:
    """What needs the database: the field belongs to the unit's set for the year, the body or Party
    organisation belongs to the unit, the links point to the right years, no duplicate registration."""
    errors = Errors()
    unit: Unit = cleaned["unit"]
    year = cleaned["year"]
    field: Field = cleaned["field"]
    if unit.level.rank < 1:
        errors.add("unit", _("Chọn tỉnh, xã, thôn hoặc đơn vị cụ thể, không chọn cấp Trung ương."))
    if not selectors.fields_for(unit, year).filter(pk=field.pk).exists():
        errors.add(
            "field",
            _("Lĩnh vực “%(f)s” không thuộc bộ lĩnh vực áp dụng cho %(u)s năm %(y)s.")
            % {"f": field.name, "u": unit.full_name, "y": year},
        )
    body: Body | None = cleaned.get("body")
    if body is not None and body.unit_id != unit.pk:
        errors.add("body", _("Cơ quan, đoàn thể phải thuộc %(u)s.") % {"u": unit.full_name})
    org: PartyOrg | None = cleaned.get("party_org")
    if org is not None and org.unit_id != unit.pk:
        errors.add("party_org", _("Tổ chức đảng phải thuộc %(u)s.") % {"u": unit.full_name})
    if body is not None and org is not None:
        errors.add("party_org", _("Chọn cơ quan, đoàn thể hoặc tổ chức đảng, không chọn cả hai."))
    level: UnitLevel = cleaned["level"]
    if level.rank < 1:
        errors.add("level", _("Cấp quản lý là tỉnh, huyện, xã hoặc thôn."))
    origin: Initiative | None = cleaned.get("replicates")
    if origin is not None:
        if instance is not None and origin.pk == instance.pk:
            errors.add("replicates", _("Mô hình không thể nhân rộng từ chính nó."))
        elif origin.year > year:
            errors.add("replicates", _("Mô hình gốc phải đăng ký từ năm %(y)s trở về trước.") % {"y": year})
    previous: Initiative | None = cleaned.get("continues")
    if previous is not None:
        if previous.year >= year:
            errors.add("continues", _("Mô hình tiếp tục phải là mô hình của năm trước."))
        else:
            others = Initiative.objects.filter(continues=previous, year=year)
            if instance is not None:
                others = others.exclude(pk=instance.pk)
            if others.exists():
                errors.add(
                    "continues",
                    _("Mô hình “%(n)s” đã được đăng ký tiếp tục trong năm %(y)s.") % {"n": previous.name, "y": year},
                )
    if is_duplicate(unit=unit, year=year, name=cleaned["name"], body=body, party_org=org, exclude=instance):
        errors.add(
            "name",
            _("%(u)s đã đăng ký mô hình “%(n)s” năm %(y)s.")
            % {"u": body.name if body else unit.full_name, "n": cleaned["name"], "y": year},
        )
    errors.raise_if_any()


def is_duplicate(*, unit, year, name, body=None, party_org=None, exclude=None) -> bool:
    """Same registrant, year and name (accents, case and spaces aside)."""
    rows = Initiative.objects.filter(unit=unit, year=year, body=body, party_org=party_org)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    key = fold(name)
    return any(fold(other) == key for other in rows.values_list("name", flat=True))
