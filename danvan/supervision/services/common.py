"""What the writes of working groups share: the area and people checks, who writes a team's records, and
the kiến nghị raised in them."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.core import access, dates, permissions
from danvan.core import selectors as core_selectors
from danvan.core.models import Unit
from danvan.core.permissions import Cap
from danvan.core.services.common import fmt
from danvan.petitions import services as petitions

from ..models import RaisedItem, Team

ONE_DAY = datetime.timedelta(days=1)
GROUP_FIELDS = ["name", "unit", "head", "valid_from", "valid_to", "cell_visits_per_quarter", "note"]


def _in_area(unit: Unit, area: Unit, day: datetime.date) -> bool:
    """Is `unit` (as carried on to `day`) inside `area` on that day?"""
    return core_selectors.rollups_on(day).filter(unit=unit, target=area).exists()


def _check_people(actor, people, field: str) -> None:
    """Heads, leaders and members are people the actor can see (a province may lend its officers to a
    district's group, but nobody picks people from outside their own scope)."""
    outsiders = [p for p in people if p is not None and not permissions.can(actor, Cap.VIEW, p.unit)]
    if outsiders:
        raise ValidationError(
            {field: _("Không tìm thấy trong địa bàn của bạn: %(p)s.") % {"p": ", ".join(str(p) for p in outsiders)}}
        )


def require_team_writer(actor, team: Team) -> None:
    """Members of the team (through their account) and the committee's officers write its reports
    (supervision/access.py, Team "write")."""
    access.require(actor, "write", team)


def _raise_items(
    lines: str, *, actor, team: Team, unit: Unit, raised_on=None, kind=RaisedItem.Kind.RECOMMENDATION, **source
) -> int:
    """One item per line, dated the day it was raised (the meeting, the activity, the report's month), kept
    here and handed to the kiến nghị registry (petitions.services.petitions_raise) in the same transaction,
    linked to the record that raised them."""
    day = min(raised_on or dates.today(), dates.today())
    items = [
        RaisedItem(kind=kind, unit=unit, team=team, content=line.strip()[:5000], raised_on=day, **source)
        for line in (lines or "").splitlines()
        if line.strip()
    ]
    RaisedItem.objects.bulk_create(items)
    ((name, origin),) = source.items()
    if items or name == "report":  # a re-sent report with no line left still drops its unprocessed items
        petitions.petitions_raise(
            actor=actor,
            origin=origin,
            label=_origin_label(name, origin, team),
            source=ORIGIN_SOURCE[name],
            items=[petitions.Raised(i.kind, i.content, i.unit, i.raised_on, i.field) for i in items],
            team=team,
            raised_by=str(team),
            replace=name == "report",
        )
    return len(items)


# The kiến nghị registry's source for each kind of record that raises items.
ORIGIN_SOURCE = {"report": "monthly_report", "attendance": "cell_meeting", "activity": "activity"}


def _origin_label(name: str, origin, team: Team) -> str:
    if name == "report":
        return _("Báo cáo tháng %(m)s của %(t)s") % {"m": f"{origin.period:%m/%Y}", "t": team.name}
    if name == "attendance":
        return _("Dự sinh hoạt chi bộ %(c)s ngày %(d)s") % {"c": origin.cell.name, "d": fmt(origin.held_on)}
    return _("Hoạt động tại cơ sở ngày %(d)s của %(t)s") % {"d": fmt(origin.held_on), "t": team.name}
