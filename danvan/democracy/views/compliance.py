"""Compliance with the grassroots-democracy rules: per commune (its duties, unmet first, and the disclosure
checklist) or rolled up over the communes of a district or province; on the dashboard and in each working
group's page for the communes its teams are assigned."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from danvan.core import dates, exporting
from danvan.core.models import Unit
from danvan.core.pickers import visible_units

from .. import listings
from ..statistics import Ledger


def _default_unit(user) -> Unit | None:
    return visible_units(user).first()


def _totals(results) -> dict:
    due = sum(r.due for r in results)
    met = sum(r.met for r in results)
    return {"due": due, "met": met, "percent": 100 * met / due if due else None}


@login_required
def compliance(request):
    export = listings.compliance_exporter(request)
    if export is not None:
        return exporting.respond(request, export)
    period = listings.compliance_period(request.user, request.GET)
    ledger = period.ledger(request.user)
    results = listings.ranked(ledger.results())
    return render(
        request,
        "democracy/compliance.html",
        {
            "form": period.form,
            "unit": period.unit,
            "start": period.start,
            "end": period.end,
            "day": ledger.day,
            "rule_set": ledger.rule_set,
            "single": period.single,
            "result": results[0] if period.single and results else None,
            "results": results,
            "totals": _totals(results),
            "params": request.GET.urlencode(),
        },
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
    results = listings.ranked(Ledger(communes, datetime.date(now.year, 1, 1), now, now).results())
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
    results = listings.ranked(Ledger(sorted(communes.values(), key=lambda u: u.sort_key), start, day, now).results())
    return render(
        request,
        "democracy/_group_compliance.html",
        {"results": results, "totals": _totals(results), "start": start, "day": day},
    )
