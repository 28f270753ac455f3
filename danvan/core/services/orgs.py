"""Writes to Party organisations, bodies, people and positions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .. import audit
from ..models import Body, BodyType, PartyOrg, PartyOrgType, Person, Position, Unit
from ..permissions import Cap, can, require, today
from ..text import fold, person_sort_key, sort_key
from .common import check_period, fmt, optional_text, required_name, save_versioned

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


def _save(actor, obj, *, cap: Cap, fields: list[str], expected_version: int | None, creating: bool, before=None):
    require(actor, cap, obj.unit)
    if creating:
        obj.save()
        audit.record_create(actor=actor, obj=obj, fields=fields, unit=obj.unit)
    else:
        save_versioned(obj, expected_version, [*fields, "search_text", "sort_key"])
        audit.record_update(actor=actor, obj=obj, before=before, fields=fields, unit=obj.unit)
    return obj


# --- Party organisations --------------------------------------------------------------------------------


@transaction.atomic
def party_org_save(
    *,
    actor,
    party_org: PartyOrg | None = None,
    expected_version: int | None = None,
    name: str,
    org_type: PartyOrgType,
    unit: Unit,
    parent: PartyOrg | None = None,
    is_upper_grassroots: bool = False,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
) -> PartyOrg:
    """Create or correct a Party organisation (đảng bộ, chi bộ, tổ đảng) attached to a unit that exists
    when the organisation begins; its superior may not be itself or one of its own subordinates."""
    creating = party_org is None
    obj = party_org or PartyOrg()
    before = None if creating else audit.snapshot(obj, ORG_FIELDS)
    if not creating:
        require(actor, Cap.MANAGE_ORGS, obj.unit)  # the current place, before moving it elsewhere
    obj.name = required_name(name)
    obj.type, obj.unit, obj.parent = org_type, unit, parent
    obj.is_upper_grassroots = is_upper_grassroots
    obj.note = optional_text(note, "note", 5000, multiline=True)
    check_period(valid_from, valid_to)
    obj.valid_from, obj.valid_to = valid_from, valid_to
    _check_attached(unit, valid_from)
    _check_parent_chain(obj, parent, actor, valid_from)
    obj.search_text, obj.sort_key = fold(obj.name), sort_key(obj.name)
    return _save(
        actor,
        obj,
        cap=Cap.MANAGE_ORGS,
        fields=ORG_FIELDS,
        expected_version=expected_version,
        creating=creating,
        before=before,
    )


# --- Bodies ---------------------------------------------------------------------------------------------


@transaction.atomic
def body_save(
    *,
    actor,
    body: Body | None = None,
    expected_version: int | None = None,
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
    """Create or correct a body (cấp ủy, Ban Dân vận, UBND, UB MTTQ, department...) of a unit."""
    creating = body is None
    obj = body or Body()
    before = None if creating else audit.snapshot(obj, BODY_FIELDS)
    if not creating:
        require(actor, Cap.MANAGE_ORGS, obj.unit)
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
    return _save(
        actor,
        obj,
        cap=Cap.MANAGE_ORGS,
        fields=BODY_FIELDS,
        expected_version=expected_version,
        creating=creating,
        before=before,
    )


# --- People ---------------------------------------------------------------------------------------------


@transaction.atomic
def person_save(
    *,
    actor,
    person: Person | None = None,
    expected_version: int | None = None,
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
    """Create or correct a person (cán bộ). Only the minimum personal data is kept (Nghị định 13/2023)."""
    creating = person is None
    obj = person or Person()
    before = None if creating else audit.snapshot(obj, PERSON_FIELDS)
    if not creating:
        require(actor, Cap.MANAGE_PEOPLE, obj.unit)
    obj.full_name = required_name(full_name, "full_name")
    obj.unit, obj.gender, obj.is_party_member, obj.is_active = unit, gender, is_party_member, is_active
    if birth_year is not None and not 1900 <= birth_year <= today().year:
        raise ValidationError({"birth_year": _("Năm sinh không hợp lệ.")})
    obj.birth_year = birth_year
    obj.committee_title = optional_text(committee_title, "committee_title", 200)
    obj.phone = optional_text(phone, "phone", 30)
    obj.email = optional_text(email, "email", 254)
    if user is not None:
        obj.user = user
    if not unit.is_valid_on(today()) and creating:
        raise ValidationError({"unit": _("%(unit)s không còn hiệu lực.") % {"unit": unit}})
    obj.search_text = fold(f"{obj.full_name} {obj.email} {obj.phone}")
    obj.sort_key = person_sort_key(obj.full_name)
    return _save(
        actor,
        obj,
        cap=Cap.MANAGE_PEOPLE,
        fields=PERSON_FIELDS,
        expected_version=expected_version,
        creating=creating,
        before=before,
    )


@transaction.atomic
def position_save(
    *,
    actor,
    person: Person,
    position: Position | None = None,
    expected_version: int | None = None,
    title: str,
    body: Body | None = None,
    unit: Unit | None = None,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Position:
    """Record or correct a position held by a person in a body (or over a unit, e.g. trưởng thôn)."""
    require(actor, Cap.MANAGE_PEOPLE, person.unit)
    creating = position is None
    obj = position or Position(person=person)
    before = None if creating else audit.snapshot(obj, POSITION_FIELDS)
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
    # The body or place of the position must be the actor's too (it may be a predecessor: history).
    require(actor, Cap.MANAGE_PEOPLE, unit, allow_past=True)
    obj.body, obj.unit, obj.valid_from, obj.valid_to = body, unit, valid_from, valid_to
    if creating:
        obj.save()
        audit.record_create(
            actor=actor, obj=obj, fields=POSITION_FIELDS, unit=person.unit, verb=_("Chức vụ của %(p)s") % {"p": person}
        )
    else:
        save_versioned(obj, expected_version, POSITION_FIELDS)
        audit.record_update(actor=actor, obj=obj, before=before, fields=POSITION_FIELDS, unit=person.unit)
    return obj
