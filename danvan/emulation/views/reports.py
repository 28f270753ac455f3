"""Statistics tables A–E of the movement: the page with its charts, one table at a time as Excel
(emulation/listings.py), and a printable report."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from danvan.core import dates, names
from danvan.core.views.helpers import render_list

from .. import listings
from .. import statistics as stats


def _params(options: dict) -> str:
    params = f"nam={options['year']}&theo={options['theo']}"
    return params + (f"&don_vi={options['unit'].pk}" if options["unit"] else "")


def _title(options: dict) -> str:
    return _("Báo cáo kết quả phong trào thi đua “Dân vận khéo” năm %(y)s") % {"y": options["year"]}


@login_required
def statistics(request):
    def page(form, options):
        names.relabel([options["unit"]], stats.year_end(options["year"]))  # the unit as of 31/12 of the year
        report = stats.report(user=request.user, year=options["year"], unit=options["unit"], by=options["by"])
        table_a, trend = report["tables"]["a"], report["trend"]
        context = {
            **options,
            **report,
            "title": _title(options),
            "params": _params(options),
            "filter_form": form,
            "field_peak": max([r.values["registered"] for r in table_a.details] + [1]),
            "trend_peak": max([y["registered"] for y in trend] + [1]),
        }
        return render_list(request, "emulation/statistics.html", context)

    return listings.report_page(request, page)


@login_required
def statistics_print(request):
    export = listings.ReportTableExport()
    options = export.options(export.form(request.user, request.GET))
    names.relabel([options["unit"]], stats.year_end(options["year"]))
    report = stats.report(user=request.user, year=options["year"], unit=options["unit"], by=options["by"])
    return render(
        request,
        "emulation/statistics_print.html",
        {**options, **report, "title": _title(options), "params": _params(options), "printed_on": dates.today()},
    )
