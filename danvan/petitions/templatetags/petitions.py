from django import template

register = template.Library()


@register.filter
def overdue(petition, day) -> bool:
    """The clock runs and the due date has passed (the same rule as the list's "quá hạn" filter)."""
    return petition.is_overdue(day)


@register.filter
def valid_today(row, day) -> bool:
    return row.is_valid_on(day)
