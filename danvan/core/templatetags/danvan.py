from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from danvan.core.text import roman

register = template.Library()


@register.filter(name="roman")
def roman_filter(value):
    """{{ conference.quarter|roman }} -> "I" (quarters in Roman numerals, as official texts write them)."""
    try:
        return roman(int(value))
    except (TypeError, ValueError):
        return value


@register.filter
def vndate(value):
    return date_format(value, "d/m/Y") if value else ""


@register.simple_tag
def period(obj, start="valid_from", end="valid_to"):
    """ "01/01/2016 – 30/06/2025", or "01/01/2016 – nay" while still valid."""
    begin, finish = getattr(obj, start), getattr(obj, end)
    return f"{vndate(begin)} – {vndate(finish) if finish else _('nay')}"


@register.filter
def bs(bound_field):
    """Render a form field's widget with Bootstrap classes and the invalid state."""
    widget = bound_field.field.widget
    kind = widget.__class__.__name__
    if kind in ("CheckboxInput",):
        css = "form-check-input"
    elif kind in ("Select", "SelectMultiple"):
        css = "form-select"
    else:
        css = "form-control"
    if bound_field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    if bound_field.errors:
        attrs["aria-describedby"] = f"{bound_field.auto_id}_errors"
    if kind == "SelectMultiple":
        attrs["size"] = "8"
    return bound_field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(bound_field):
    return bound_field.field.widget.__class__.__name__ == "CheckboxInput"


@register.filter
def named(unit, names):
    """`{{ unit|named:names }}`: the unit's full name from a `core.names.names_as_of` map (one query for the
    page), falling back to the name it carries."""
    if unit is None:
        return ""
    found = names.get(getattr(unit, "pk", unit)) if names else None
    return found.full_name if found is not None else str(unit)


@register.filter
def names_note(day):
    """`{{ as_of|names_note }}`: "Tên đơn vị theo thời điểm 31/12/2016"."""
    from danvan.core.names import note

    return note(day) if day else ""


@register.filter
def name_on(unit, day):
    """`{{ row.unit|name_on:row.held_on }}`: the unit's name on the record's day, from the versions its list
    prefetched (`core.names.with_versions`)."""
    from danvan.core.names import name_on as lookup

    return lookup(unit, day)
