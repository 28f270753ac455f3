from django import template

register = template.Library()

ICONS = {
    "on_time": "check-lg",
    "late": "clock",
    "returned": "arrow-return-left",
    "missing": "x-lg",
    "not_due": "hourglass-split",
}


@register.filter
def state_icon(state) -> str:
    """Bootstrap icon of a report-matrix state (colour is not the only signal)."""
    return ICONS.get(state or "", "dot")
