import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string

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
    """A list page, or only its results when htmx asks (search as you type, paging); then the page's Excel
    link (core/_export_link.html, when the page has one: `export_link` in the context) is swapped too, so that it
    exports what the filters now show."""
    if request.htmx and request.htmx.target == "results":
        response = render(request, f"{template}#results", context)
        if context.get("export_link"):
            link = render_to_string("core/_export_link.html", {"params": context["params"], "oob": True}, request)
            response.content += link.encode()
        return response
    return render(request, template, context)
