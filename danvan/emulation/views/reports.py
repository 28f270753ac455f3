"""Statistics tables A–E of the movement: the page with its charts, one table at a time as Excel, and a
printable report."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core import dates, permissions
from danvan.core.exporting import xlsx_response
from danvan.core.models import Unit
from danvan.core.pickers import UnitChoiceField, bind_unit_fields
from danvan.core.views.helpers import wants_export

from .. import statistics as stats
from ..services import EARLIEST_YEAR

BY = {"linh-vuc": "field", "nhom": "group"}


class UnitFilterForm(forms.Form):
    don_vi = UnitChoiceField(label=gettext_lazy("Đơn vị (gồm trực thuộc)"), purpose="view", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bind_unit_fields(self, user)


def _options(request) -> dict:
    """Year (nam), unit in scope (don_vi: outside the scope it is ignored), breakdown (theo)."""
    get = request.GET
    current = dates.today().year
    year = int(get["nam"]) if get.get("nam", "").isdigit() else current
    if not EARLIEST_YEAR <= year <= current:
        year = current
    unit = None
    if get.get("don_vi", "").isdigit():
        units = Unit.objects.filter(pk=int(get["don_vi"])).select_related("type")
        unit = permissions.restrict(units, request.user, "pk").first()
    theo = get.get("theo") if get.get("theo") in BY else "linh-vuc"
    return {"year": year, "unit": unit, "theo": theo, "by": BY[theo]}


def _params(options: dict) -> str:
    params = f"nam={options['year']}&theo={options['theo']}"
    return params + (f"&don_vi={options['unit'].pk}" if options["unit"] else "")


def _title(options: dict) -> str:
    return _("Báo cáo kết quả phong trào thi đua “Dân vận khéo” năm %(y)s") % {"y": options["year"]}


@login_required
def statistics(request):
    options = _options(request)
    scope = {"user": request.user, "year": options["year"], "unit": options["unit"], "by": options["by"]}
    if wants_export(request):
        code = request.GET.get("bang") if request.GET.get("bang") in stats.TABLES else "a"
        table = stats.table(code, **scope)
        return xlsx_response(
            f"dan-van-kheo-{options['year']}-bang-{code}",
            table.title,
            [_("STT"), table.first, *table.headers],
            table.export_rows(),
        )
    report = stats.report(**scope)
    table_a, trend = report["tables"]["a"], report["trend"]
    return render(
        request,
        "emulation/statistics.html",
        {
            **options,
            **report,
            "title": _title(options),
            "params": _params(options),
            "years": range(dates.today().year, EARLIEST_YEAR - 1, -1),
            "unit_form": UnitFilterForm(initial={"don_vi": options["unit"]}, user=request.user),
            "field_peak": max([r.values["registered"] for r in table_a.details] + [1]),
            "trend_peak": max([y["registered"] for y in trend] + [1]),
        },
    )


@login_required
def statistics_print(request):
    options = _options(request)
    report = stats.report(user=request.user, year=options["year"], unit=options["unit"], by=options["by"])
    return render(
        request,
        "emulation/statistics_print.html",
        {**options, **report, "title": _title(options), "params": _params(options), "printed_on": dates.today()},
    )
