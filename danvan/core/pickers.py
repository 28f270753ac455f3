"""Unit pickers that stay usable at national scale.

A unit field lists its choices inline while they are few (a commune's villages); beyond
`INLINE_LIMIT` the page carries only the selected units and a search box that asks the server
(`core:unit_options`, accent-insensitive, scoped) for matching units as the user types. The choices
themselves come from a named *purpose*, so the form and the search endpoint apply the same rule.

A picker of a dated record (`dated(form, "raised_on")` before `bind_unit_fields`) offers the units that existed
on the record's day, named as then with today's name beside a changed one: "xã Tiến Lộc (nay thuộc xã Can Lộc)",
"xã Đồng Lộc (nay là thị trấn Đồng Lộc)". The labels of a page's units take two queries (core.names). What the
field accepts is unchanged: the record's service decides whether the unit fits its day, with its own message.
"""

import datetime
import json
from collections.abc import Callable

from django import forms
from django.urls import reverse

from . import dates, names, permissions
from .models import Unit
from .permissions import Cap

INLINE_LIMIT = 200


def unit_label(unit: Unit) -> str:
    parent = f" – {unit.parent.full_name}" if unit.parent_id and unit.parent else ""
    return f"{unit.full_name}{parent}"


def labels_as_of(units, day: datetime.date | None) -> dict[int, str]:
    """{unit id: its picker label on `day`}: name and parent as of then, and "(nay là …)" / "(nay thuộc …)"
    when that is not today's name. Two queries for any number of units; today's labels when `day` is None."""
    units = list(units)
    if day is None:
        return {u.pk: unit_label(u) for u in units}
    ids = [u.pk for u in units]
    then = names.names_as_of(ids, day)
    notes = names.now_notes(ids, day, then=then)
    labels = {}
    for unit in units:
        found = then.get(unit.pk)
        if found is None:
            labels[unit.pk] = unit_label(unit)
            continue
        label = f"{found.full_name} – {found.parent.full_name}" if found.parent else found.full_name
        labels[unit.pk] = f"{label} {notes[unit.pk]}" if unit.pk in notes else label
    return labels


def writable_units(user, cap: Cap, **filters):
    """Units that exist today in which `user` may use `cap`, highest levels first, Vietnamese order."""
    units = Unit.objects.valid_on(dates.today()).select_related("type", "parent__type").filter(**filters)
    ids = permissions.scope_unit_ids(user, cap, writable=True)
    return (units if ids is None else units.filter(pk__in=ids)).order_by("level__rank", "sort_key")


def visible_units(user):
    units = Unit.objects.select_related("type", "parent__type")
    return permissions.restrict(units, user, "pk").order_by("level__rank", "sort_key")


PURPOSES: dict[str, Callable] = {
    "view": visible_units,
    "manage_units": lambda user: writable_units(user, Cap.MANAGE_UNITS),
    "manage_units_parents": lambda user: writable_units(user, Cap.MANAGE_UNITS, level__rank__lt=4),
    "manage_units_villages": lambda user: writable_units(user, Cap.MANAGE_UNITS, level__rank=4),
    "manage_orgs": lambda user: writable_units(user, Cap.MANAGE_ORGS),
    "manage_people": lambda user: writable_units(user, Cap.MANAGE_PEOPLE),
    "manage_people_history": lambda user: permissions.restrict(
        Unit.objects.select_related("type", "parent__type"), user, "pk", Cap.MANAGE_PEOPLE
    ).order_by("level__rank", "sort_key"),
    "manage_memberships": lambda user: writable_units(user, Cap.MANAGE_MEMBERSHIPS),
}


def register(purpose: str, queryset_for_user: Callable) -> None:
    """Modules add their own purposes (e.g. the communes a working group may be assigned)."""
    PURPOSES.setdefault(purpose, queryset_for_user)


class _PickerMixin:
    template_name = "core/widgets/unit_picker.html"
    purpose = "view"

    def get_context(self, name, value, attrs):
        iterator = self.choices
        queryset = getattr(iterator, "queryset", None)
        searchable = queryset is not None and queryset[: INLINE_LIMIT + 1].count() > INLINE_LIMIT
        if searchable:
            selected = [v for v in (value if isinstance(value, list | tuple) else [value]) if v not in (None, "")]
            field = iterator.field
            empty = [("", field.empty_label)] if getattr(field, "empty_label", None) is not None else []
            chosen = list(queryset.filter(pk__in=selected))
            labels = labels_as_of(chosen, getattr(field, "as_of", None))
            self.choices = empty + [(u.pk, labels[u.pk]) for u in chosen]
        try:
            context = super().get_context(name, value, attrs)
        finally:
            self.choices = iterator
        context["widget"].update(
            searchable=searchable,
            purpose=self.purpose,
            options_url=reverse("core:unit_options"),
            single=not self.allow_multiple_selected,
            as_of=getattr(getattr(iterator, "field", None), "as_of", None),
            date_name=getattr(self, "date_name", ""),
        )
        return context


class UnitPicker(_PickerMixin, forms.Select):
    pass


class UnitMultiPicker(_PickerMixin, forms.SelectMultiple):
    pass


class _DatedChoices(forms.models.ModelChoiceIterator):
    """A dated picker's choices: only the units that existed on the field's day, labelled as of then (the
    labels of all the units rendered are loaded at once)."""

    def __iter__(self):
        day = getattr(self.field, "as_of", None)
        if day is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        units = list(self.queryset.filter(pk__in=Unit.objects.valid_on(day).values("pk")))
        self.field.labels = labels_as_of(units, day)
        for unit in units:
            yield self.choice(unit)


class _DatedField:
    iterator = _DatedChoices
    as_of: datetime.date | None = None
    labels: dict[int, str] = {}

    def label_from_instance(self, obj: Unit) -> str:
        return self.labels.get(obj.pk) or unit_label(obj)


class UnitChoiceField(_DatedField, forms.ModelChoiceField):
    widget = UnitPicker

    def __init__(self, *, purpose: str, **kwargs):
        self.purpose = purpose
        super().__init__(queryset=Unit.objects.none(), **kwargs)
        self.widget.purpose = purpose


class UnitMultipleChoiceField(_DatedField, forms.ModelMultipleChoiceField):
    widget = UnitMultiPicker

    def __init__(self, *, purpose: str, **kwargs):
        self.purpose = purpose
        super().__init__(queryset=Unit.objects.none(), **kwargs)
        self.widget.purpose = purpose


def record_day(form: forms.Form, date_field: str) -> datetime.date:
    """The day of the record a form is about: the date typed (a bound form), else its initial value or the
    record's own (an edit), else today."""
    field = form.fields[date_field]
    if form.is_bound:
        try:
            typed = field.to_python(form.data.get(form.add_prefix(date_field)))
        except forms.ValidationError:
            typed = None
        if isinstance(typed, datetime.date):
            return typed
    initial = form.initial.get(date_field, field.initial)
    initial = initial() if callable(initial) else initial
    if isinstance(initial, datetime.date):
        return initial
    return (dates.parse(initial) if isinstance(initial, str) else None) or dates.today()


def dated(form: forms.Form, date_field: str, *unit_fields: str) -> None:
    """The unit pickers of `form` (all, or those named) offer the units of the record's day (`record_day`).

    When the date is changed on the page, htmx asks `core:unit_options` for the picker's options of the new
    day (server-side, no script of ours: the CSP allows none inline); a search box sends the date it shows."""
    day = record_day(form, date_field)
    date_name = form.add_prefix(date_field)
    for name, field in form.fields.items():
        if isinstance(field, UnitChoiceField | UnitMultipleChoiceField) and (not unit_fields or name in unit_fields):
            field.as_of = day
            field.widget.date_name = date_name
            if form.auto_id and "%s" in str(form.auto_id):
                target = str(form.auto_id) % form.add_prefix(name)
                params = {
                    "muc_dich": field.purpose,
                    "ten": form.add_prefix(name),
                    "don": "" if isinstance(field, UnitMultipleChoiceField) else "1",
                    "ngay_ten": date_name,
                    "tat_ca": "1",
                }
                form.fields[date_field].widget.attrs.update(
                    {
                        "hx-get": reverse("core:unit_options"),
                        "hx-trigger": "change",
                        "hx-target": f"#{target}",
                        "hx-swap": "innerHTML",
                        "hx-include": f"#{target}",
                        "hx-vals": json.dumps(params),
                    }
                )


def bind_unit_fields(form: forms.Form, user) -> None:
    """Give every unit field of `form` the choices its purpose allows `user`."""
    for field in form.fields.values():
        if isinstance(field, UnitChoiceField | UnitMultipleChoiceField):
            field.queryset = PURPOSES[field.purpose](user)
