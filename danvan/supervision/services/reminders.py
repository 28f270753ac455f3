"""Reminders of monthly reports due."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core import dates, names
from danvan.core.services.common import fmt

from ..models import MonthlyReport, Team, WorkingGroup
from ..selectors import RECENTLY_ENDED_DAYS, month_end, team_communes_in_month
from .common import ONE_DAY
from .reports import month_start

# --- Reminders -------------------------------------------------------------------------------------------------

REMINDER_DAYS_BEFORE = 3
SENT_STATUSES = (MonthlyReport.Status.SUBMITTED, MonthlyReport.Status.ACCEPTED, MonthlyReport.Status.COMPILED)


def report_reminders_send(day: datetime.date | None = None) -> int:
    """Remind team leaders of missing monthly reports: REMINDER_DAYS_BEFORE days before the due day and on
    the day after it (in the application and by e-mail). Each reminder goes once; run daily from cron
    (`danvan send_report_reminders`) or as a background task. Returns the number of notifications."""
    from django.urls import reverse

    from danvan.core.notifications import notify

    day = day or dates.today()
    sent = 0
    recent = day - datetime.timedelta(days=RECENTLY_ENDED_DAYS)
    groups = WorkingGroup.objects.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=recent))
    for group in groups.prefetch_related("teams__leader__user"):
        for period in {month_start(day), month_start(month_start(day) - ONE_DAY)}:
            due = group.report_due(period)
            if day == due - datetime.timedelta(days=REMINDER_DAYS_BEFORE):
                moment, title = "before", _("Sắp đến hạn báo cáo tháng %(m)s (hạn %(d)s)")
            elif day == due + ONE_DAY:
                moment, title = "after", _("Quá hạn báo cáo tháng %(m)s (hạn %(d)s)")
            else:
                continue
            for team in group.teams.all():
                missing = _missing_reports(team, period, day)
                if not missing or team.leader.user is None:
                    continue
                sent += len(
                    notify(
                        [team.leader.user],
                        title=title % {"m": period.strftime("%m/%Y"), "d": fmt(due)},
                        body=_("%(t)s – %(g)s chưa gửi báo cáo: %(u)s.")
                        % {"t": team.name, "g": group.name, "u": ", ".join(missing)},
                        url=reverse("supervision:report_list"),
                        key=f"report-reminder:{team.pk}:{period.isoformat()}:{moment}",
                    )
                )
    return sent


def _missing_reports(team: Team, period: datetime.date, day: datetime.date) -> list[str]:
    """The communes (or the team) still owing the month's report, named as of the month's end (or `day`, the
    reminder's day, for the month under way): a reminder about a past month says what the commune was then."""
    sent = set(
        MonthlyReport.objects.filter(team=team, period=period, status__in=SENT_STATUSES).values_list(
            "unit_id", flat=True
        )
    )
    communes = team_communes_in_month(team, period)
    if not team.group.report_per_commune:
        return [team.name] if communes and not sent else []
    owing = [c for c in communes if c.pk not in sent]
    names.relabel(owing, min(month_end(period), day))
    return [c.full_name for c in owing]
