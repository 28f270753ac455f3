"""Unit pickers that stay usable at national scale.

A unit field lists its choices inline while they are few (a commune's villages); beyond
`INLINE_LIMIT` the page carries only the selected units and a search box that asks the server
(`core:unit_options`, accent-insensitive, scoped) for matching units as the user types. The choices
themselves come from a named *purpose*, so the form and the search endpoint apply the same rule.
"""

from collections.abc import Callable

from django import forms
from django.urls import reverse

from . import dates, permissions
from .models import Unit
from .permissions import Cap

INLINE_LIMIT = 200


def unit_label(unit: Unit) -> str:
    parent = f" – {unit.parent.full_name}" if unit.parent_id and unit.parent else ""
    return f"{unit.full_name}{parent}"


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
            self.choices = empty + [(u.pk, unit_label(u)) for u in queryset.filter(pk__in=selected)]
        try:
            context = super().get_context(name, value, attrs)
        finally:
            self.choices = iterator
        context["widget"].update(
            searchable=searchable,
            purpose=self.purpose,
            options_url=reverse("core:unit_options"),
            single=not self.allow_multiple_selected,
        )
        return context


class UnitPicker(_PickerMixin, forms.Select):
    pass


class UnitMultiPicker(_PickerMixin, forms.SelectMultiple):
    pass


class UnitChoiceField(forms.ModelChoiceField):
    widget = UnitPicker

    def __init__(self, *, purpose: str, **kwargs):
        self.purpose = purpose
        super().__init__(queryset=Unit.objects.none(), **kwargs)
        self.widget.purpose = purpose

    def label_from_instance(self, obj: Unit) -> str:
        return unit_label(obj)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = UnitMultiPicker

    def __init__(self, *, purpose: str, **kwargs):
        self.purpose = purpose
        super().__init__(queryset=Unit.objects.none(), **kwargs)
        self.widget.purpose = purpose

    def label_from_instance(self, obj: Unit) -> str:
        return unit_label(obj)


def bind_unit_fields(form: forms.Form, user) -> None:
    """Give every unit field of `form` the choices its purpose allows `user`."""
    for field in form.fields.values():
        if isinstance(field, UnitChoiceField | UnitMultipleChoiceField):
            field.queryset = PURPOSES[field.purpose](user)
