"""Units through time: successors, ancestors and roll-up targets as of any date.

One algorithm over three in-memory maps (unit validity, versions, successions), loaded from the database
either whole (to rebuild UnitRollup) or only for the chain of a few units. Dates are inclusive.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from .models import Succession, Unit, UnitVersion


@dataclass(frozen=True)
class _Version:
    valid_from: datetime.date
    valid_to: datetime.date | None
    parent_id: int | None


@dataclass
class Lineage:
    validity: dict[int, tuple[datetime.date, datetime.date | None]] = field(default_factory=dict)
    level: dict[int, int] = field(default_factory=dict)
    versions: dict[int, list[_Version]] = field(default_factory=lambda: defaultdict(list))
    successors: dict[int, list[tuple[int, bool]]] = field(default_factory=lambda: defaultdict(list))

    # --- loading -------------------------------------------------------------------------------------
    @classmethod
    def load(cls, unit_ids=None) -> "Lineage":
        """All units, or the units reachable from `unit_ids` through successions and parents."""
        lineage = cls()
        if unit_ids is None:
            lineage._add(Unit.objects.all(), UnitVersion.objects.all(), Succession.objects.all())
            return lineage
        pending = set(unit_ids)
        while pending:
            lineage._add(
                Unit.objects.filter(pk__in=pending),
                UnitVersion.objects.filter(unit_id__in=pending),
                Succession.objects.filter(predecessor_id__in=pending),
            )
            reachable = {p for u in pending for v in lineage.versions[u] if (p := v.parent_id)}
            reachable |= {s for u in pending for s, _ in lineage.successors[u]}
            pending = reachable - set(lineage.validity)
        return lineage

    def _add(self, units, versions, successions) -> None:
        for pk, level_id, start, end in units.values_list("pk", "level_id", "valid_from", "valid_to"):
            self.validity[pk] = (start, end)
            self.level[pk] = level_id
        for unit_id, start, end, parent_id in versions.values_list("unit_id", "valid_from", "valid_to", "parent_id"):
            self.versions[unit_id].append(_Version(start, end, parent_id))
        for unit_versions in self.versions.values():
            unit_versions.sort(key=lambda v: v.valid_from)
        for pred, succ, primary in successions.values_list("predecessor_id", "successor_id", "is_primary"):
            if (succ, primary) not in self.successors[pred]:
                self.successors[pred].append((succ, primary))

    # --- questions -----------------------------------------------------------------------------------
    def parent_on(self, unit_id: int, day: datetime.date) -> int | None:
        versions = self.versions.get(unit_id) or []
        for v in versions:
            if v.valid_from <= day and (v.valid_to is None or v.valid_to >= day):
                return v.parent_id
        # Before the unit existed its first placement applies; after it ended, its last.
        if versions and day < versions[0].valid_from:
            return versions[0].parent_id
        return versions[-1].parent_id if versions else None

    def ancestors_on(self, unit_id: int, day: datetime.date) -> list[int]:
        chain, seen = [], {unit_id}
        current = self.parent_on(unit_id, day)
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self.parent_on(current, day)
        return chain

    def successors_on(self, unit_id: int, day: datetime.date, *, primary_only: bool = False) -> list[int]:
        """The units that carry `unit_id` on as of `day`: itself while it exists (or before it began);
        after it ended, its successors' successors as of that day, through any number of reorganizations."""
        result: list[int] = []
        stack, seen = [unit_id], set()
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            start, end = self.validity[current]
            nexts = [s for s, primary in self.successors.get(current, []) if primary or not primary_only]
            if end is not None and day > end and nexts:
                stack.extend(reversed(nexts))
            else:
                result.append(current)
        return result

    def rollup_targets(self, unit_id: int, day: datetime.date) -> dict[int, bool]:
        """Every unit that a record of `unit_id` counts toward on `day` -> whether via primary links."""
        targets: dict[int, bool] = {}
        primary = self.successors_on(unit_id, day, primary_only=True)
        for rep in self.successors_on(unit_id, day):
            is_primary = rep in primary
            for target in [rep, *self.ancestors_on(rep, day)]:
                targets[target] = targets.get(target, False) or is_primary
        return targets

    def breakpoints(self) -> list[datetime.date]:
        """Days on which anything in the tree changes; between two of them the tree is constant."""
        days = set()
        for start, end in self.validity.values():
            days.add(start)
            if end is not None:
                days.add(end + datetime.timedelta(days=1))
        for versions in self.versions.values():
            for v in versions:
                days.add(v.valid_from)
                if v.valid_to is not None:
                    days.add(v.valid_to + datetime.timedelta(days=1))
        return sorted(days)

    def rollup_rows(self, unit_id: int, days: list[datetime.date]):
        """(target, level, valid_from, valid_to, is_primary) intervals covering all time for one unit.

        `days` are the breakpoints; the first interval is open towards the past (valid_from None).
        """
        one_day = datetime.timedelta(days=1)
        rows = []
        open_rows: dict[tuple[int, bool], datetime.date | None] = {}
        for start in [None, *days]:
            probe = start if start is not None else (days[0] - one_day if days else datetime.date.today())
            current = self.rollup_targets(unit_id, probe)
            for key in list(open_rows):
                target, primary = key
                if current.get(target) != primary:
                    rows.append((target, self.level[target], open_rows.pop(key), start - one_day, primary))
            for target, primary in current.items():
                open_rows.setdefault((target, primary), start)
        rows.extend((t, self.level[t], began, None, p) for (t, p), began in open_rows.items())
        return rows
