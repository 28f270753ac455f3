"""Writes to Party organisations, bodies, people and positions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .. import audit, dates
from ..errors import ConflictError
from ..models import Body, BodyType, PartyOrg, PartyOrgType, Person, Position, Unit
from ..permissions import Cap, can, require
from ..text import fold, person_sort_key, sort_key
from . import party_org_versions as versions
from .common import check_day, check_period, fmt, optional_text, required_name, save_versioned

ORG_FIELDS = ["name", "type", "parent", "unit", "is_upper_grassroots", "valid_from", "valid_to", "note"]
BODY_FIELDS = ["name", "type", "abbreviation", "parent", "unit", "email", "valid_from", "valid_to", "note"]
PERSON_FIELDS = [
    "full_name",
    "gender",
    "birth_year",
    "unit",
    "is_party_member",
    "committee_title",
    "phone",
    "email",
    "is_active",
]
POSITION_FIELDS = ["title", "body", "unit", "valid_from", "valid_to"]


def _check_attached(unit: Unit, valid_from: datetime.date, field: str = "unit") -> None:
    if not unit.is_valid_on(valid_from):
        raise ValidationError(
            {field: _("%(unit)s không có hiệu lực vào ngày %(day)s.") % {"unit": unit, "day": fmt(valid_from)}}
        )


def _check_parent_chain(obj: models.Model, parent, actor, valid_from: datetime.date, field: str = "parent") -> None:
    """A superior must be visible to the actor, exist when the object begins, and not be the object itself
    or one of its own subordinates."""
    if parent is None:
        return
    if not can(actor, Cap.VIEW, parent.unit):
        raise ValidationError({field: _("Không tìm thấy đơn vị cấp trên đã chọn trong địa bàn của bạn.")})
    if not parent.is_valid_on(valid_from):
        raise ValidationError(
            {field: _("%(parent)s không có hiệu lực vào ngày %(day)s.") % {"parent": parent, "day": fmt(valid_from)}}
        )
    seen = set()
    while parent is not None:
        if obj.pk is not None and parent.pk == obj.pk:
            raise ValidationError({field: _("Không thể chọn chính nó hoặc đơn vị cấp dưới của nó làm cấp trên.")})
        if parent.pk in seen:
            break
        seen.add(parent.pk)
        parent = parent.parent


def _created(actor, obj, *, cap: Cap, fields: list[str]):
    require(actor, cap, obj.unit)
    obj.save()
    audit.record_create(actor=actor, obj=obj, fields=fields, unit=obj.unit)
    return obj


def _updated(actor, obj, *, cap: Cap, fields: list[str], expected_version: int | None, before: dict):
    require(actor, cap, obj.unit)  # the new place too, when it moves
    save_versioned(obj, expected_version, [*fields, "search_text", "sort_key"])
    audit.record_update(actor=actor, obj=obj, before=before, fields=fields, unit=obj.unit)
    return obj


# --- Party organisations --------------------------------------------------------------------------------


def _party_org_fill(
    obj: PartyOrg,
    *,
    actor,
    name: str,
    org_type: PartyOrgType,
    unit: Unit,
    parent: PartyOrg | None,
    is_upper_grassroots: bool,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    note: str,
) -> None:
    """A Party organisation is attached to a unit that exists when it begins; its superior may not be itself or
    one of its own subordinates."""
    obj.name = required_name(name)
    obj.type, obj.unit, obj.parent = org_type, unit, parent
    obj.is_upper_grassroots = is_upper_grassroots
    obj.note = optional_text(note, "note", 5000, multiline=True)
    check_period(valid_from, valid_to)
    obj.valid_from, obj.valid_to = valid_from, valid_to
    _check_attached(unit, valid_from)
    _check_parent_chain(obj, parent, actor, valid_from)
    obj.search_text, obj.sort_key = fold(obj.name), sort_key(obj.name)


@transaction.atomic
def party_org_create(
    *,
    actor,
    name: str,
    org_type: PartyOrgType,
    unit: Unit,
    parent: PartyOrg | None = None,
    is_upper_grassroots: bool = False,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
) -> PartyOrg:
    """Create a Party organisation (đảng bộ, chi bộ, tổ đảng) attached to a unit that exists when the
    organisation begins, with its first version. A unit's top organisation (a Đảng ủy xã formed after a merger)
    takes in, from its first day, the cells of its villages left with an ended superior."""
    obj = PartyOrg()
    _party_org_fill(
        obj,
        actor=actor,
        name=name,
        org_type=org_type,
        unit=unit,
        parent=parent,
        is_upper_grassroots=is_upper_grassroots,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    _created(actor, obj, cap=Cap.MANAGE_ORGS, fields=ORG_FIELDS)
    versions.first_version(obj)
    versions.adopt_orphans(actor=actor, org=obj)
    return obj


@transaction.atomic
def party_org_update(
    *,
    actor,
    party_org: PartyOrg,
    expected_version: int | None,
    name: str,
    org_type: PartyOrgType,
    unit: Unit,
    parent: PartyOrg | None = None,
    is_upper_grassroots: bool = False,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
) -> PartyOrg:
    """Correct a Party organisation; its superior may not be itself or one of its own subordinates. The correction
    applies to its period in force today (a dated change is party_org_change)."""
    before = audit.snapshot(party_org, ORG_FIELDS)
    require(actor, Cap.MANAGE_ORGS, party_org.unit)  # the current place, before moving it elsewhere
    _party_org_fill(
        party_org,
        actor=actor,
        name=name,
        org_type=org_type,
        unit=unit,
        parent=parent,
        is_upper_grassroots=is_upper_grassroots,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    versions.correct(party_org)
    return _updated(
        actor, party_org, cap=Cap.MANAGE_ORGS, fields=ORG_FIELDS, expected_version=expected_version, before=before
    )


_UNSET = object()


@transaction.atomic
def party_org_change(
    *,
    actor,
    party_org: PartyOrg,
    day: datetime.date,
    expected_version: int | None = None,
    name: str | None = None,
    org_type: PartyOrgType | None = None,
    parent: PartyOrg | None | object = _UNSET,
    unit: Unit | None = None,
    is_upper_grassroots: bool | None = None,
) -> PartyOrg:
    """From `day` on, the organisation is renamed, retyped, moved under another superior or another unit, or
    becomes (or stops being) the upper-level committee over grassroots organisations; the days before keep what
    it was (its versions). Only the given values change."""
    require(actor, Cap.MANAGE_ORGS, party_org.unit)
    check_day(day, "day")
    if expected_version is not None and expected_version != party_org.version:
        raise ConflictError()
    changes = {}
    if name is not None:
        changes["name"] = required_name(name)
    if org_type is not None:
        changes["type_id"] = org_type.pk
    if unit is not None:
        _check_attached(unit, day)
        require(actor, Cap.MANAGE_ORGS, unit)
        changes["unit_id"] = unit.pk
    if parent is not _UNSET:
        _check_parent_chain(party_org, parent, actor, day)
        changes["parent_id"] = parent.pk if parent is not None else None
    if is_upper_grassroots is not None:
        changes["is_upper_grassroots"] = is_upper_grassroots
    before_unit = party_org.unit
    changed = versions.apply_change(party_org, day, changes)
    if changed:
        verb = _("Thay đổi từ ngày %(day)s") % {"day": fmt(day)}
        versions.record(actor, party_org, changed, verb)
        if before_unit.pk != party_org.unit_id:
            party_org.refresh_from_db()
    return party_org


# --- Bodies ---------------------------------------------------------------------------------------------


def _body_fill(
    obj: Body,
    *,
    actor,
    name: str,
    body_type: BodyType,
    unit: Unit,
    abbreviation: str,
    parent: Body | None,
    email: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    note: str,
) -> None:
    obj.name = required_name(name)
    obj.type, obj.unit, obj.parent = body_type, unit, parent
    obj.abbreviation = optional_text(abbreviation, "abbreviation", 30)
    obj.email = optional_text(email, "email", 254)
    obj.note = optional_text(note, "note", 5000, multiline=True)
    check_period(valid_from, valid_to)
    obj.valid_from, obj.valid_to = valid_from, valid_to
    _check_attached(unit, valid_from)
    _check_parent_chain(obj, parent, actor, valid_from)
    obj.search_text, obj.sort_key = fold(f"{obj.name} {obj.abbreviation}"), sort_key(obj.name)


@transaction.atomic
def body_create(
    *,
    actor,
    name: str,
    body_type: BodyType,
    unit: Unit,
    abbreviation: str = "",
    parent: Body | None = None,
    email: str = "",
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
) -> Body:
    """Create a body (cấp ủy, Ban Dân vận, UBND, UB MTTQ, department...) of a unit."""
    obj = Body()
    _body_fill(
        obj,
        actor=actor,
        name=name,
        body_type=body_type,
        unit=unit,
        abbreviation=abbreviation,
        parent=parent,
        email=email,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    return _created(actor, obj, cap=Cap.MANAGE_ORGS, fields=BODY_FIELDS)


@transaction.atomic
def body_update(
    *,
    actor,
    body: Body,
    expected_version: int | None,
    name: str,
    body_type: BodyType,
    unit: Unit,
    abbreviation: str = "",
    parent: Body | None = None,
    email: str = "",
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
) -> Body:
    """Correct a body of a unit."""
    before = audit.snapshot(body, BODY_FIELDS)
    require(actor, Cap.MANAGE_ORGS, body.unit)
    _body_fill(
        body,
        actor=actor,
        name=name,
        body_type=body_type,
        unit=unit,
        abbreviation=abbreviation,
        parent=parent,
        email=email,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    return _updated(
        actor, body, cap=Cap.MANAGE_ORGS, fields=BODY_FIELDS, expected_version=expected_version, before=before
    )


# --- People ---------------------------------------------------------------------------------------------


def _person_fill(
    obj: Person,
    *,
    full_name: str,
    unit: Unit,
    gender: str,
    birth_year: int | None,
    is_party_member: bool,
    committee_title: str,
    phone: str,
    email: str,
    is_active: bool,
    user,
) -> None:
    obj.full_name = required_name(full_name, "full_name")
    obj.unit, obj.gender, obj.is_party_member, obj.is_active = unit, gender, is_party_member, is_active
    if birth_year is not None and not 1900 <= birth_year <= dates.today().year:
        raise ValidationError({"birth_year": _("Năm sinh không hợp lệ.")})
    obj.birth_year = birth_year
    obj.committee_title = optional_text(committee_title, "committee_title", 200)
    obj.phone = optional_text(phone, "phone", 30)
    obj.email = optional_text(email, "email", 254)
    if user is not None:
        obj.user = user


def _person_index(obj: Person) -> None:
    obj.search_text = fold(f"{obj.full_name} {obj.email} {obj.phone}")
    obj.sort_key = person_sort_key(obj.full_name)


@transaction.atomic
def person_create(
    *,
    actor,
    full_name: str,
    unit: Unit,
    gender: str = "",
    birth_year: int | None = None,
    is_party_member: bool = False,
    committee_title: str = "",
    phone: str = "",
    email: str = "",
    is_active: bool = True,
    user=None,
) -> Person:
    """Create a person (cán bộ) of a unit in force today. Only the minimum personal data is kept
    (Nghị định 13/2023)."""
    obj = Person()
    _person_fill(
        obj,
        full_name=full_name,
        unit=unit,
        gender=gender,
        birth_year=birth_year,
        is_party_member=is_party_member,
        committee_title=committee_title,
        phone=phone,
        email=email,
        is_active=is_active,
        user=user,
    )
    if not unit.is_valid_on(dates.today()):
        raise ValidationError({"unit": _("%(unit)s không còn hiệu lực.") % {"unit": unit}})
    _person_index(obj)
    return _created(actor, obj, cap=Cap.MANAGE_PEOPLE, fields=PERSON_FIELDS)


@transaction.atomic
def person_update(
    *,
    actor,
    person: Person,
    expected_version: int | None,
    full_name: str,
    unit: Unit,
    gender: str = "",
    birth_year: int | None = None,
    is_party_member: bool = False,
    committee_title: str = "",
    phone: str = "",
    email: str = "",
    is_active: bool = True,
    user=None,
) -> Person:
    """Correct a person (cán bộ). Only the minimum personal data is kept (Nghị định 13/2023)."""
    before = audit.snapshot(person, PERSON_FIELDS)
    require(actor, Cap.MANAGE_PEOPLE, person.unit)
    _person_fill(
        person,
        full_name=full_name,
        unit=unit,
        gender=gender,
        birth_year=birth_year,
        is_party_member=is_party_member,
        committee_title=committee_title,
        phone=phone,
        email=email,
        is_active=is_active,
        user=user,
    )
    _person_index(person)
    return _updated(
        actor, person, cap=Cap.MANAGE_PEOPLE, fields=PERSON_FIELDS, expected_version=expected_version, before=before
    )


# --- Positions ------------------------------------------------------------------------------------------


def _position_fill(
    obj: Position,
    *,
    actor,
    title: str,
    body: Body | None,
    unit: Unit | None,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
) -> None:
    """A position is held in a body valid when it begins, or over a unit; that body or place must be the
    actor's too (it may be a predecessor: history)."""
    obj.title = required_name(title, "title")
    unit = body.unit if body is not None else unit
    if unit is None:
        raise ValidationError({"body": _("Chọn cơ quan hoặc địa bàn của chức vụ.")})
    check_period(valid_from, valid_to)
    if body is not None and not body.is_valid_on(valid_from):
        raise ValidationError(
            {"body": _("%(body)s không có hiệu lực vào ngày %(day)s.") % {"body": body, "day": fmt(valid_from)}}
        )
    _check_attached(unit, valid_from, "body" if body else "unit")
    require(actor, Cap.MANAGE_PEOPLE, unit, allow_past=True)
    obj.body, obj.unit, obj.valid_from, obj.valid_to = body, unit, valid_from, valid_to


@transaction.atomic
def position_create(
    *,
    actor,
    person: Person,
    title: str,
    body: Body | None = None,
    unit: Unit | None = None,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Position:
    """Record a position held by a person in a body (or over a unit, e.g. trưởng thôn)."""
    require(actor, Cap.MANAGE_PEOPLE, person.unit)
    obj = Position(person=person)
    _position_fill(obj, actor=actor, title=title, body=body, unit=unit, valid_from=valid_from, valid_to=valid_to)
    obj.save()
    audit.record_create(
        actor=actor, obj=obj, fields=POSITION_FIELDS, unit=person.unit, verb=_("Chức vụ của %(p)s") % {"p": person}
    )
    return obj


@transaction.atomic
def position_update(
    *,
    actor,
    position: Position,
    expected_version: int | None,
    title: str,
    body: Body | None = None,
    unit: Unit | None = None,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Position:
    """Correct a position held by a person."""
    person = position.person
    require(actor, Cap.MANAGE_PEOPLE, person.unit)
    before = audit.snapshot(position, POSITION_FIELDS)
    _position_fill(
        position,
        actor=actor,
        title=title,
        body=body,
        unit=unit,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    save_versioned(position, expected_version, POSITION_FIELDS)
    audit.record_update(actor=actor, obj=position, before=before, fields=POSITION_FIELDS, unit=person.unit)
    return position
