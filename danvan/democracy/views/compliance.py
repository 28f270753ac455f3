"""Compliance with the grassroots-democracy rules: per commune (its duties, unmet first, and the disclosure
checklist) or rolled up over the communes of a district or province; on the dashboard and in each working
group's page for the communes its teams are assigned."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from danvan.core import dates
from danvan.core.exporting import xlsx_response
from danvan.core.models import Unit
from danvan.core.pickers import visible_units
from danvan.core.services.common import fmt
from danvan.core.views.helpers import wants_export

from .. import selectors
from ..forms import PeriodForm
from ..statistics import Ledger


def _period(form: PeriodForm, now: datetime.date) -> tuple[datetime.date, datetime.date]:
    data = form.cleaned_data if form.is_valid() else {}
    start = data.get("tu_ngay") or datetime.date(now.year, 1, 1)
    end = data.get("den_ngay") or datetime.date(start.year, 12, 31)
    if end < start:
        start, end = end, start
    return start, end


def _default_unit(user) -> Unit | None:
    return visible_units(user).first()


def _totals(results) -> dict:
    due = sum(r.due for r in results)
    met = sum(r.met for r in results)
    return {"due": due, "met": met, "percent": 100 * met / due if due else None}


@login_required
def compliance(request):
    now = dates.today()
    form = PeriodForm(request.GET or None, user=request.user)
    start, end = _period(form, now)
    unit = form.cleaned_data.get("don_vi") if form.is_valid() else None
    unit = unit or _default_unit(request.user)
    day = min(end, now)
    communes = selectors.communes_under(unit, day, request.user) if unit else []
    ledger = Ledger(communes, start, end, now)
    results = ledger.results()
    results.sort(key=lambda r: (r.percent if r.percent is not None else 101, r.unit.sort_key))
    single = unit is not None and unit.level.code == "commune"
    if wants_export(request):
        return _export(unit, start, end, results, single)
    return render(
        request,
        "democracy/compliance.html",
        {
            "form": form,
            "unit": unit,
            "start": start,
            "end": end,
            "day": ledger.day,
            "rule_set": ledger.rule_set,
            "single": single,
            "result": results[0] if single and results else None,
            "results": results,
            "totals": _totals(results),
            "params": request.GET.urlencode(),
            "years": range(now.year, 2006, -1),
        },
    )


def _export(unit, start, end, results, single):
    period = f"{fmt(start)} – {fmt(end)}"
    if single and results:
        result = results[0]
        return xlsx_response(
            "dan-chu-co-so",
            _("Dân chủ ở cơ sở"),
            [_("Xã"), _("Kỳ"), _("Nhiệm vụ"), _("Đạt"), _("Chi tiết")],
            [
                (result.unit.full_name, period, d.label, _("Đạt") if d.met else _("Chưa đạt"), d.detail)
                for d in result.unmet_first
            ]
            + [
                (result.unit.full_name, period, _("Công khai: %(i)s") % {"i": row.item.name}, row.label, row.reason)
                for row in result.checklist
            ],
        )
    return xlsx_response(
        "dan-chu-co-so",
        _("Dân chủ ở cơ sở"),
        [_("Đơn vị"), _("Kỳ"), _("Xã"), _("Nhiệm vụ phải thực hiện"), _("Đã đạt"), _("Tỷ lệ (%)"), _("Chưa đạt")],
        [
            (
                unit.full_name if unit else "",
                period,
                r.unit.full_name,
                r.due,
                r.met,
                round(r.percent, 1) if r.percent is not None else None,
                "; ".join(d.label for d in r.duties if not d.met)[:2000],
            )
            for r in results
        ],
    )


def _panel_communes(user, now) -> tuple[list[Unit], str]:
    from danvan.supervision import selectors as groups

    communes: dict[int, Unit] = {}
    names = []
    for group in groups.group_list(user=user).filter(valid_to__isnull=True)[:3]:
        names.append(group.name)
        for team_communes in groups.group_team_communes(group, as_of=now).values():
            for commune in team_communes:
                communes[commune.pk] = commune
    if communes:
        return sorted(communes.values(), key=lambda u: u.sort_key), ", ".join(names)
    unit = _default_unit(user)
    if unit is not None and unit.level.code == "commune":
        return [unit], unit.full_name
    return [], ""


def compliance_panel(request):
    """Dashboard: this year's compliance of the communes of the user's working groups (or of their commune)."""
    if not request.user.is_authenticated:
        return None
    now = dates.today()
    communes, scope = _panel_communes(request.user, now)
    if not communes:
        return None
    results = Ledger(communes, datetime.date(now.year, 1, 1), now, now).results()
    results.sort(key=lambda r: (r.percent if r.percent is not None else 101, r.unit.sort_key))
    return {
        "title": _("Dân chủ ở cơ sở năm %(y)s") % {"y": now.year},
        "template": "democracy/panels/compliance.html",
        "results": results[:8],
        "more": max(0, len(results) - 8),
        "scope": scope,
        "totals": _totals(results),
    }


@login_required
def group_compliance(request, pk):
    """The compliance of a working group's communes (loaded into the group's page)."""
    from danvan.supervision import selectors as groups

    group = groups.group_get(user=request.user, pk=pk)
    now = dates.today()
    day = now if group.is_valid_on(now) else (group.valid_to or group.valid_from)
    communes = {c.pk: c for cs in groups.group_team_communes(group, as_of=day).values() for c in cs}
    start = datetime.date(day.year, 1, 1)
    results = Ledger(sorted(communes.values(), key=lambda u: u.sort_key), start, day, now).results()
    results.sort(key=lambda r: (r.percent if r.percent is not None else 101, r.unit.sort_key))
    return render(
        request,
        "democracy/_group_compliance.html",
        {"results": results, "totals": _totals(results), "start": start, "day": day},
    )
