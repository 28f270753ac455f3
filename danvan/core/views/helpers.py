from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string


def paginate(request, queryset, per_page: int | None = None):
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("trang"))
    params = request.GET.copy()
    params.pop("trang", None)
    params.pop("xuat", None)
    return page, params.urlencode()


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
