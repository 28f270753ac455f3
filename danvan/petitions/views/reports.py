"""The registry's statistics: the page and its table in Excel (listings.StatisticsExport)."""

from django.contrib.auth.decorators import login_required

from danvan.core import exporting
from danvan.core.views.helpers import render_list

from .. import listings, statistics

# --- statistics ---------------------------------------------------------------------------------------------


@login_required
def petition_statistics(request):
    form, start, end, by = listings.statistics_filters(request.user, request.GET)
    export = listings.STATISTICS[by]()
    if exporting.wants_export(request):
        return exporting.respond(request, export)
    rows, total = export.rows_and_total(request.user, request.GET)
    months = statistics.monthly(user=request.user, start=start, end=end)
    peak = max([max(m["received"], m["resolved"], m["answered"]) for m in months] + [1])
    return render_list(
        request,
        "petitions/statistics.html",
        {
            "rows": rows,
            "total": total,
            "first": export.first,
            "by": by,
            "start": start,
            "end": end,
            "months": months,
            "peak": peak,
            "headers": export.headers()[1:],
            "params": request.GET.urlencode(),
            "filter_form": form,
            "export_link": True,
        },
    )
