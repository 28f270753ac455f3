import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from ..exporting import wants_export  # noqa: F401 - the list views ask here
from ..forms import date_field


def paginate(request, queryset, per_page: int | None = None):
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    params.pop("xuat", None)
    return page, params.urlencode()


def parse_day(value: str | None) -> datetime.date | None:
    """A dd/mm/yyyy query parameter, or None when absent or invalid."""
    if not value:
        return None
    field = date_field("", required=False)
    try:
        return field.clean(value)
    except Exception:  # noqa: BLE001 - any bad input simply means "no date"
        return None


def render_list(request, template: str, context: dict):
    """A list page, or only its results when htmx asks (search as you type, paging)."""
    if request.htmx and request.htmx.target == "results":
        template = f"{template}#results"
    return render(request, template, context)
