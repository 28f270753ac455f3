"""The rows of a democracy list page, as its listing shows them (democracy/listings.py)."""

from django import template

register = template.Library()


@register.filter
def shown_by(page, listing) -> list[tuple[str, list, str]]:
    """(address, cells, a line under the first cell) of each record of the page."""
    return [listing.display(obj) for obj in page]
