"""Statistics of the registry, computed by the database: one grouped aggregate per table plus one histogram
for the working-day percentiles, whatever the number of items. A linked group of duplicates counts once.

Definitions for a period [start, end]:
- received: taken in during the period ("newly arising"); pending: taken in before and not finished at the
  start ("pending from earlier periods");
- answered / resolved: answered / finished (resolved, or "not within our competence") during the period;
- on time: finished items whose answer came by the due date;
- working days: from intake to the answer, less the paused days (median and 90th percentile);
- overdue now: the clock is running and the due date has passed (today);
- agreement: originators' verdicts given in the period that agree;
- carried over: items marked at a review conference held in the period.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from danvan.core import access, dates, names
from danvan.core.models import Body, Unit
from danvan.core.selectors import rollup_filter, rollups_on
from danvan.core.text import sort_key

from .models import CLOCK_RUNNING, Petition

MEASURES = [
    "pending",
    "received",
    "answered",
    "resolved",
    "on_time",
    "overdue",
    "verdicts",
    "agreed",
    "carried",
]


def _base(user, queryset: QuerySet | None = None, *, unit: Unit | None = None, as_of=None) -> QuerySet:
    """The items the user sees, a linked group of duplicates once; with `unit`, those of its area as of `as_of`."""
    rows = access.visible(user, Petition, queryset).filter(duplicate_of__isnull=True)
    if unit is not None:
        area = rollups_on(as_of or dates.today()).filter(target=unit, is_primary=True).values("unit_id")
        rows = rows.filter(unit__in=area)
    return rows


def _measures(start: datetime.date, end: datetime.date) -> dict:
    carried = Petition.carried_at.through.objects.filter(
        petition_id=OuterRef("pk"), reviewconference__held_on__gte=start, reviewconference__held_on__lte=end
    )
    return {
        "pending": Count(
            "pk", filter=Q(received_on__lt=start) & (Q(resolved_on__isnull=True) | Q(resolved_on__gte=start))
        ),
        "received": Count("pk", filter=Q(received_on__gte=start, received_on__lte=end)),
        "answered": Count("pk", filter=Q(answered_on__gte=start, answered_on__lte=end)),
        "resolved": Count("pk", filter=Q(resolved_on__gte=start, resolved_on__lte=end)),
        "on_time": Count("pk", filter=Q(resolved_on__gte=start, resolved_on__lte=end, on_time=True)),
        "overdue": Count("pk", filter=Q(state__in=CLOCK_RUNNING, due_on__lt=dates.today())),
        "verdicts": Count("pk", filter=Q(verdict_on__gte=start, verdict_on__lte=end) & ~Q(verdict="")),
        "agreed": Count("pk", filter=Q(verdict_on__gte=start, verdict_on__lte=end, verdict="agree")),
        "carried": Count("pk", filter=Q(Exists(carried))),
    }


def percentile(histogram: dict[int, int], share: float) -> int | None:
    """The nearest-rank percentile of a {value: count} histogram."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(1, math.ceil(share * total))
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return None


@dataclass
class Row:
    key: object
    label: str
    values: dict = field(default_factory=dict)
    days: dict = field(default_factory=dict)  # working days → count

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.values["on_time"] / self.values["resolved"], 1) if self.values["resolved"] else None

    @property
    def agreement_rate(self) -> float | None:
        return round(100 * self.values["agreed"] / self.values["verdicts"], 1) if self.values["verdicts"] else None

    @property
    def median_days(self) -> int | None:
        return percentile(self.days, 0.5)

    @property
    def p90_days(self) -> int | None:
        return percentile(self.days, 0.9)


def _table(rows: QuerySet, key: str, start, end, labeler) -> tuple[list[Row], Row]:
    """One grouped aggregate and one histogram; `labeler(keys)` names only the groups that came back."""
    grouped = list(rows.values(key).annotate(**_measures(start, end)).order_by())
    histogram = (
        rows.filter(resolved_on__gte=start, resolved_on__lte=end, working_days_taken__isnull=False)
        .values(key, "working_days_taken")
        .annotate(n=Count("pk"))
        .order_by()
    )
    labels = labeler([values[key] for values in grouped if values[key] is not None])
    table: dict = {}
    for values in grouped:
        k = values.pop(key)
        table[k] = Row(k, labels.get(k, "—"), values)
    for item in histogram:
        if item[key] in table:
            table[item[key]].days[item["working_days_taken"]] = item["n"]
    result = sorted(table.values(), key=lambda r: (r.key is None, sort_key(r.label)))
    total = Row(None, "", {m: sum(r.values[m] for r in result) for m in MEASURES})
    for row in result:
        for days, n in row.days.items():
            total.days[days] = total.days.get(days, 0) + n
    return result, total


def by_body(*, user, start, end) -> tuple[list[Row], Row]:
    def labeler(keys):
        labels = dict(Body.objects.filter(pk__in=keys).values_list("pk", "name"))
        labels[None] = _("Chưa chuyển xử lý")
        return labels

    result, total = _table(_base(user), "body_id", start, end, labeler)
    return [r for r in result if any(r.values.values())], total


def by_unit(*, user, start, end, level_code: str = "commune", unit: Unit | None = None) -> tuple[list[Row], Row]:
    """Per commune as it is on `end`, named as of then: villages count toward their commune, merged
    communes toward the commune that succeeded them; with `unit`, the communes of its area only."""
    rows = rollup_filter(_base(user, unit=unit, as_of=end), "unit", as_of=end, level_code=level_code)

    def labeler(keys):
        return {pk: name.full_name for pk, name in names.names_as_of(keys, end, parents=False).items()}

    result, total = _table(rows, "rollup_unit_id", start, end, labeler)
    return [r for r in result if any(r.values.values())], total


def totals(*, user, start, end, unit: Unit | None = None) -> dict:
    """The measures over the user's items, or over those of `unit`'s area as of `end`."""
    return _base(user, unit=unit, as_of=end).aggregate(**_measures(start, end))


def overdue_on(*, user, day: datetime.date, unit: Unit | None = None) -> QuerySet:
    """Items overdue on `day` as they stood then: received by then, due before it, neither answered nor finished
    by then (a past period's "overdue", where `overdue` in the measures is today's)."""
    rows = _base(user, unit=unit, as_of=day)
    if day >= dates.today():  # today: what the statistics page counts (the clock running, paused items apart)
        rows = rows.filter(state__in=CLOCK_RUNNING)
    return (
        rows.filter(received_on__lte=day, due_on__lt=day)
        .filter(Q(answered_on__isnull=True) | Q(answered_on__gt=day))
        .filter(Q(resolved_on__isnull=True) | Q(resolved_on__gt=day))
        .select_related("unit__type", "body")
        .order_by("due_on", "pk")
    )


def monthly(*, user, start, end) -> list[dict]:
    """Received, answered and resolved per month of the period (the trend chart and its table)."""
    rows = _base(user)
    series: dict = defaultdict(lambda: {"received": 0, "answered": 0, "resolved": 0})
    for measure, column in (("received", "received_on"), ("answered", "answered_on"), ("resolved", "resolved_on")):
        grouped = (
            rows.filter(**{f"{column}__gte": start, f"{column}__lte": end})
            .annotate(month=TruncMonth(column))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for item in grouped:
            month = item["month"]
            if isinstance(month, datetime.datetime):
                month = month.date()
            series[month.replace(day=1)][measure] = item["n"]
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append({"month": day, **series[day]})
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def public_summary(*, unit: Unit, start, end) -> dict:
    """Counts only (no content, no names): what a public page may show about a unit's items."""
    from danvan.core.selectors import rollups_on

    rows = Petition.objects.filter(
        duplicate_of__isnull=True, unit__in=rollups_on(end).filter(target=unit).values("unit_id")
    )
    values = rows.aggregate(**_measures(start, end))
    resolved = values["resolved"]
    named = names.names_as_of([unit.pk], end, parents=False).get(unit.pk)
    return {
        "unit": named.full_name if named else unit.full_name,
        "start": start.isoformat(),
        "end": end.isoformat(),
        **{k: values[k] for k in ("pending", "received", "answered", "resolved", "overdue", "carried")},
        "on_time_rate": round(100 * values["on_time"] / resolved, 1) if resolved else None,
        "agreement_rate": round(100 * values["agreed"] / values["verdicts"], 1) if values["verdicts"] else None,
    }
