"""The unit tree in memory for a bulk import: read once, changed in place, written back in a few queries.

It keeps the rules of core.services.units (a change opens a new version from its day, an ended unit's
later versions go, its children move to its primary successor, its bodies, Party organisations and
memberships end with it and its people move), without a query per unit.
"""

import datetime
from collections import Counter, defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import Body, Membership, PartyOrg, Person, Reorganization, Succession, Unit, UnitType, UnitVersion
from ..text import fold, sort_key

ONE_DAY = datetime.timedelta(days=1)
FIELDS = ("name", "type_id", "parent_id", "code")


class Workspace:
    def __init__(self, levels=("province", "district", "commune")):
        self.types = {t.code: t for t in UnitType.objects.select_related("level")}
        self.units: dict[int, Unit] = {
            u.pk: u for u in Unit.objects.filter(level__code__in=levels).select_related("level")
        }
        self.versions: dict[int, list[UnitVersion]] = defaultdict(list)
        self.by_code: dict[tuple[int, str], list[UnitVersion]] = defaultdict(list)
        for version in UnitVersion.objects.filter(unit__level__code__in=levels).order_by("unit_id", "valid_from"):
            self._index(version)
        self.pairs = set(Succession.objects.values_list("predecessor_id", "successor_id"))
        self.pending_units: list[tuple[Unit, UnitVersion]] = []
        self.new_versions: list[UnitVersion] = []
        self.dirty_versions: dict[int, UnitVersion] = {}
        self.deleted_versions: set[int] = set()
        self.reorgs: list[Reorganization] = []
        self.reorg_units: list[tuple[Reorganization, int]] = []
        self.successions: list[Succession] = []
        self.ended: dict[int, datetime.date] = {}  # unit -> first day without it
        self.touched: set[int] = set()
        self.counts: Counter = Counter()
        self.details: list[str] = []

    def _index(self, version: UnitVersion) -> None:
        self.versions[version.unit_id].append(version)
        if version.code:
            self.by_code[(self.units[version.unit_id].level.rank, version.code)].append(version)

    # --- questions ------------------------------------------------------------------------------------------
    def find(self, rank: int, code: str, day: datetime.date) -> Unit | None:
        """The unit of this level that carries `code` on `day`."""
        for version in self.by_code.get((rank, code), ()):
            if version.is_valid_on(day):
                return self.units[version.unit_id]
        return None

    def version_on(self, unit_id: int, day: datetime.date) -> UnitVersion | None:
        return next((v for v in self.versions[unit_id] if v.is_valid_on(day)), None)

    def valid_on(self, unit: Unit, day: datetime.date) -> bool:
        return unit.valid_from <= day and (unit.valid_to is None or unit.valid_to >= day)

    def label(self, unit: Unit, version: UnitVersion | None = None) -> str:
        version = version or self.versions[unit.pk][-1]
        prefix = next(t.prefix for t in self.types.values() if t.pk == version.type_id)
        return f"{prefix} {version.name} ({version.code or '-'})"

    def note(self, text: str) -> None:
        self.details.append(text)

    # --- changes --------------------------------------------------------------------------------------------
    def reorganization(self, kind: str, legal_basis: str, day: datetime.date, note: str = "") -> Reorganization:
        reorg = Reorganization(kind=kind, legal_basis=legal_basis[:200], effective_date=day, note=note[:5000])
        self.reorgs.append(reorg)
        self.counts["events"] += 1
        return reorg

    def involve(self, reorg: Reorganization, unit_id: int) -> None:
        self.reorg_units.append((reorg, unit_id))

    def create(self, *, name, type_code, parent: Unit | None, code, start, end=None, reorg=None) -> Unit:
        """A new unit with one version; saved by `flush_units` (level by level, parents first)."""
        unit_type = self.types[type_code]
        unit = Unit(
            level=unit_type.level,
            name=name,
            type=unit_type,
            parent=parent,
            code=code,
            valid_from=start,
            valid_to=end,
            search_text=fold(f"{unit_type.prefix} {name} {code}"),
            sort_key=sort_key(name),
        )
        version = UnitVersion(
            name=name, type=unit_type, parent=parent, code=code, valid_from=start, valid_to=end, reorganization=reorg
        )
        self.pending_units.append((unit, version))
        self.counts["new"] += 1
        self.note(f"+ {unit_type.prefix} {name} ({code}) từ {start:%d/%m/%Y}")
        return unit

    def flush_units(self) -> None:
        if not self.pending_units:
            return
        Unit.objects.bulk_create([u for u, _ in self.pending_units], batch_size=1000)
        for unit, version in self.pending_units:
            unit.level = unit.type.level
            self.units[unit.pk] = unit
            version.unit = unit
            self.new_versions.append(version)
            self._index(version)
            self.touched.add(unit.pk)
        self.pending_units = []

    def change(self, unit: Unit, day: datetime.date, reorg=None, **changes) -> bool:
        """Give `unit` these values (name, type_id, parent_id, code) from `day`; earlier days keep theirs."""
        current = self.version_on(unit.pk, day)
        if current is None:
            raise ValidationError(_("%(u)s không có hiệu lực ngày %(d)s.") % {"u": unit, "d": f"{day:%d/%m/%Y}"})
        changes = {k: v for k, v in changes.items() if getattr(current, k) != v}
        if not changes:
            return False
        if current.valid_from == day:
            for key, value in changes.items():
                setattr(current, key, value)
            current.reorganization = reorg or current.reorganization
            self._dirty(current)
        else:
            values = {k: getattr(current, k) for k in FIELDS} | changes
            new = UnitVersion(
                unit_id=unit.pk, valid_from=day, valid_to=current.valid_to, reorganization=reorg, **values
            )
            current.valid_to = day - ONE_DAY
            self._dirty(current)
            self.new_versions.append(new)
            self.versions[unit.pk].append(new)
            self.versions[unit.pk].sort(key=lambda v: v.valid_from)
            if new.code:
                self.by_code[(unit.level.rank, new.code)].append(new)
        self.touched.add(unit.pk)
        return True

    def _dirty(self, version: UnitVersion) -> None:
        if version.pk is not None:
            self.dirty_versions[version.pk] = version

    def end(self, unit: Unit, day: datetime.date) -> None:
        """`unit` ceases at the end of the day before `day` (later versions, e.g. an earlier load's guess, go)."""
        if unit.valid_from >= day:
            raise ValidationError(
                _("%(u)s bắt đầu từ %(s)s, không thể kết thúc trước đó.")
                % {"u": self.label(unit), "s": f"{unit.valid_from:%d/%m/%Y}"}
            )
        last = day - ONE_DAY
        kept = []
        for version in self.versions[unit.pk]:
            if version.valid_from >= day:
                if version.pk is not None:
                    self.deleted_versions.add(version.pk)
                    self.dirty_versions.pop(version.pk, None)
                else:
                    self.new_versions.remove(version)
                key = (unit.level.rank, version.code)
                if version in self.by_code.get(key, []):
                    self.by_code[key].remove(version)
                continue
            if version.valid_to is None or version.valid_to > last:
                version.valid_to = last
                self._dirty(version)
            kept.append(version)
        self.versions[unit.pk] = kept
        unit.valid_to = last
        self.ended[unit.pk] = day
        self.touched.add(unit.pk)
        self.counts["ended"] += 1
        self.note(f"- {self.label(unit)} đến hết {last:%d/%m/%Y}")

    def succeed(self, reorg: Reorganization, predecessor: Unit, successor: Unit, primary: bool) -> None:
        if (predecessor.pk, successor.pk) in self.pairs:
            return
        self.pairs.add((predecessor.pk, successor.pk))
        self.successions.append(
            Succession(reorganization=reorg, predecessor=predecessor, successor=successor, is_primary=primary)
        )
        self.counts["successions"] += 1

    def children_on(self, day: datetime.date) -> dict[int, list[UnitVersion]]:
        """Parent -> versions in force on `day` of units not ended, from the tree as it is now."""
        index = defaultdict(list)
        for versions in self.versions.values():
            for v in versions:
                if v.parent_id and v.is_valid_on(day) and v.unit_id not in self.ended:
                    index[v.parent_id].append(v)
        return index

    # --- writing --------------------------------------------------------------------------------------------
    def move_villages(self, moves: dict[int, int], day: datetime.date) -> None:
        """Villages of ended communes (not held in memory) follow their commune's primary successor."""
        villages = (
            UnitVersion.objects.valid_on(day)
            .filter(parent_id__in=moves)
            .exclude(unit__level__code__in=("province", "district", "commune"))
            .select_related("unit__level")
        )
        for version in villages:
            unit = version.unit
            if unit.pk not in self.units:
                self.units[unit.pk] = unit
                for v in UnitVersion.objects.filter(unit=unit).order_by("valid_from"):
                    self._index(v)
            self.change(unit, day, parent_id=moves[version.parent_id])

    def close_attached(self, successors: dict[int, int]) -> None:
        """Bodies, Party organisations and memberships of ended units end with them; people move on."""
        by_day: dict[datetime.date, list[int]] = defaultdict(list)
        for unit_id, day in self.ended.items():
            by_day[day].append(unit_id)
        for day, ids in by_day.items():
            for model in (Body, PartyOrg, Membership):
                rows = model.objects.filter(unit_id__in=ids).exclude(valid_to__lt=day)
                if rows.filter(valid_from__gte=day).exists():
                    raise ValidationError(
                        _("Có %(what)s của đơn vị bị kết thúc bắt đầu từ ngày %(d)s trở đi; hãy sửa trước.")
                        % {"what": model._meta.verbose_name, "d": f"{day:%d/%m/%Y}"}
                    )
                self.counts["attached_ended"] += rows.update(valid_to=day - ONE_DAY)
        for old, new in successors.items():
            Person.objects.filter(unit_id=old).update(unit_id=new)

    def flush(self) -> None:
        self.flush_units()
        Reorganization.objects.bulk_create(self.reorgs, batch_size=1000)
        for version in [*self.new_versions, *self.dirty_versions.values()]:
            reorg = version.reorganization if version.reorganization_id is None else None
            if reorg is not None:
                version.reorganization_id = reorg.pk
        UnitVersion.objects.filter(pk__in=self.deleted_versions).delete()
        UnitVersion.objects.bulk_update(
            list(self.dirty_versions.values()), ["valid_to", *FIELDS, "reorganization"], batch_size=1000
        )
        UnitVersion.objects.bulk_create(self.new_versions, batch_size=1000)
        Succession.objects.bulk_create(self.successions, batch_size=1000)
        through = Reorganization.units.through
        links = {(r.pk, u) for r, u in self.reorg_units}
        through.objects.bulk_create(
            [through(reorganization_id=r, unit_id=u) for r, u in sorted(links)], batch_size=1000
        )
        self._refresh_cache()

    def _refresh_cache(self) -> None:
        """Each touched unit shows the version in force today (core.services.units._refresh_cache, in bulk)."""
        from .. import dates

        today = dates.today()
        types = {t.pk: t for t in self.types.values()}
        changed = []
        for unit_id in self.touched:
            unit, versions = self.units[unit_id], sorted(self.versions[unit_id], key=lambda v: v.valid_from)
            if not versions:
                continue
            version = next((v for v in versions if v.is_valid_on(today)), None)
            if version is None:
                version = versions[0] if today < versions[0].valid_from else versions[-1]
            unit_type = types[version.type_id]
            unit.name, unit.type, unit.parent_id, unit.code = version.name, unit_type, version.parent_id, version.code
            unit.search_text = fold(f"{unit_type.prefix} {unit.name} {unit.code}")
            unit.sort_key = sort_key(unit.name)
            unit.version += 1
            changed.append(unit)
        Unit.objects.bulk_update(
            changed,
            ["name", "type", "parent", "code", "search_text", "sort_key", "valid_to", "version"],
            batch_size=1000,
        )
