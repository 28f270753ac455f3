from django import template

register = template.Library()


@register.filter
def split(value: str) -> list[str]:
    return value.split()


@register.filter
def field(form, name: str):
    """The bound field `name` of `form`, or None when the form does not have it (e.g. no attachments on edit)."""
    return form[name] if name in form.fields else None


@register.filter
def number(value) -> str:
    """A decimal without trailing zeros: 7.50 -> 7.5, 8.00 -> 8."""
    if value is None:
        return ""
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")
