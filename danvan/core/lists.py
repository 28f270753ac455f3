"""One kit for every list page: declared filters, one form template, paging, the htmx partial and the Excel
export of every matching row.

    class ReportListing(Listing):
        identifier = "bao-cao-thang"                 # the export's file name and its worker identity
        title = _("Báo cáo tháng")
        filters = (Search(), UnitTree(), Choice("trang_thai", _("Trạng thái"), MonthlyReport.Status.choices,
                                                arg="status"))
        columns = (Column(_("Tháng"), lambda r: r.period.strftime("%m/%Y")), ...)

        def rows(self, user, *, q="", unit=None, status=""):
            return selectors.report_list(user=user, q=q, unit=unit, status=status)   # the registry decides

    def report_list(request):
        return list_page(request, ReportListing(), "supervision/report_list.html", {...})

The filters read the query string (`?q=...&don_vi=...&nam=...`) into the keyword arguments of `rows`; a value
that does not parse (a unit outside the user's scope, a year typed by hand) is shown as an error next to its
field and ignored, never a server error. `list_page` renders `core/_filters.html` (the form) and the page's
`results` partial (`{% partialdef results %}`) for htmx; `?xuat=xlsx` answers through `core.exporting` (now
when small, in the worker with progress when large). A listing is an `Exporter`: register it with
`@exporter` so a large export can be rebuilt by the worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import dates, exporting
from .exporting import Column, Exporter
from .pickers import UnitChoiceField, bind_unit_fields

SEARCH_LABEL = _("Tìm (gõ có dấu hoặc không dấu)")
UNIT_LABEL = _("Đơn vị (gồm trực thuộc)")
YEAR_LABEL = _("Năm")
ALL = _("Tất cả")

__all__ = ["Choice", "Column", "Day", "Filter", "Flag", "Listing", "Search", "UnitTree", "Year", "list_page"]

# --- Filters ---------------------------------------------------------------------------------------------------


class Filter:
    """One query parameter of a list: its form field and the keyword argument of `Listing.rows` it fills."""

    kind = "field"
    width = "col-6 col-md-3"

    def __init__(self, param: str, label, *, arg: str | None = None):
        self.param = param
        self.label = label
        self.arg = arg or param

    def field(self, user) -> forms.Field:  # pragma: no cover - abstract
        raise NotImplementedError

    def value(self, cleaned) -> Any:
        return cleaned


class Search(Filter):
    """Accent-insensitive search: "duong" finds "đường" (core.search)."""

    kind = "search"
    width = "col-12 col-md-4"

    def __init__(self, param: str = "q", label=SEARCH_LABEL, *, arg: str = "q", placeholder=""):
        super().__init__(param, label, arg=arg)
        self.placeholder = placeholder

    def field(self, user):
        attrs = {"autocomplete": "off", "maxlength": "200", "type": "search"}
        if self.placeholder:
            attrs["placeholder"] = str(self.placeholder)
        return forms.CharField(label=self.label, required=False, widget=forms.TextInput(attrs=attrs))

    def value(self, cleaned):
        return (cleaned or "").strip()[:200]  # a longer text is cut, as the input itself does


class UnitTree(Filter):
    """A unit of the user's scope and everything below it (server-side picker at national scale)."""

    width = "col-12 col-md-4"

    def __init__(self, param: str = "don_vi", label=UNIT_LABEL, *, arg: str = "unit"):
        super().__init__(param, label, arg=arg)

    def field(self, user):
        return UnitChoiceField(label=self.label, purpose="view", required=False)


class Year(Filter):
    width = "col-6 col-md-2"

    def __init__(self, param: str = "nam", label=YEAR_LABEL, *, arg: str = "year", first: int = 2007):
        super().__init__(param, label, arg=arg)
        self.first = first

    def field(self, user):
        years = [(str(y), str(y)) for y in range(dates.today().year + 1, self.first - 1, -1)]
        return forms.TypedChoiceField(
            label=self.label, required=False, choices=[("", _("Tất cả")), *years], coerce=int, empty_value=None
        )


class Choice(Filter):
    def __init__(self, param: str, label, choices, *, arg: str | None = None, empty=ALL):
        super().__init__(param, label, arg=arg)
        self.choices = choices
        self.empty = empty

    def field(self, user):
        choices = self.choices(user) if callable(self.choices) else self.choices
        return forms.ChoiceField(label=self.label, required=False, choices=[("", self.empty), *choices])


class Day(Filter):
    width = "col-6 col-md-2"

    def field(self, user):
        from .forms import date_field

        return date_field(self.label, required=False)


class Flag(Filter):
    kind = "flag"
    width = "col-auto"

    def field(self, user):
        return forms.BooleanField(label=self.label, required=False)


class FilterForm(forms.Form):
    """The bound filters of one list page (core/_filters.html renders it)."""

    def __init__(self, data, *, user, filters: Sequence[Filter]):
        super().__init__(data)
        self.declared = {f.param: f for f in filters}
        for f in filters:
            self.fields[f.param] = f.field(user)
        bind_unit_fields(self, user)

    def entries(self):
        return [(self[name], f) for name, f in self.declared.items()]

    def values(self) -> dict:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {f.arg: f.value(cleaned.get(name)) for name, f in self.declared.items() if name in cleaned}


# --- A list ----------------------------------------------------------------------------------------------------


class Listing(Exporter):
    """A list page's rows, filters and export columns. `rows(user, **values)` goes through the module's
    selectors (the access registry decides what the user sees)."""

    filters: Sequence[Filter] = ()

    def rows(self, user, **values):  # pragma: no cover - abstract
        raise NotImplementedError

    def form(self, user, params) -> FilterForm:
        return FilterForm(params, user=user, filters=self.filters)

    def queryset(self, user, params):
        return self.rows(user, **self.form(user, params).values())


def list_page(request, listing: Listing, template: str, context: dict | None = None):
    """The list, its results partial for htmx, or its export."""
    from .views.helpers import paginate, render_list

    if exporting.wants_export(request):
        return exporting.respond(request, listing)
    form = listing.form(request.user, request.GET)
    values = form.values()
    page, params = paginate(request, listing.rows(request.user, **values))
    return render_list(
        request,
        template,
        {
            "page": page,
            "params": params,
            "filter_form": form,
            "listing": listing,
            "filters": values,
            "export_link": bool(listing.identifier),
            **(context or {}),
        },
    )
