"""Party organisations through time: their versions, kept in step by core.services.orgs and by reorganizations.

A PartyOrg is an identity; what it is called, what it is, where it sits (its superior and unit) and whether it is
the upper-level committee over grassroots organisations are its PartyOrgVersion of a day. The PartyOrg row caches
the version in force today (core.services.units does the same for units).

Reorganizations: when units end (a commune merged on 01/07/2025), their Party organisations end with them; the
organisations that hung under those and go on (the village cells of the villages that moved) get a new version
from that day under the top Party organisation of the unit's primary successor (its Đảng ủy), if one exists on
that day. If none exists yet, they keep their ended superior (the unit's page lists them "without a superior")
until that Đảng ủy is created: creating it gives them their new superior from its first day (`adopt_orphans`).
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from .. import audit, dates
from ..models import PartyOrg, PartyOrgVersion, Reorganization
from ..names import orphaned_on
from ..text import fold, sort_key
from .common import fmt, save_versioned

ONE_DAY = datetime.timedelta(days=1)
FIELDS = ("name", "type_id", "parent_id", "unit_id", "is_upper_grassroots")


def first_version(org: PartyOrg) -> PartyOrgVersion:
    """The one version of a new organisation, over its whole period."""
    return PartyOrgVersion.objects.create(
        party_org=org, valid_from=org.valid_from, valid_to=org.valid_to, **{k: getattr(org, k) for k in FIELDS}
    )


def versions_of(org: PartyOrg) -> list[PartyOrgVersion]:
    return list(PartyOrgVersion.objects.filter(party_org=org).order_by("valid_from"))


def version_on(versions: list[PartyOrgVersion], day: datetime.date) -> PartyOrgVersion:
    """The version in force on `day`; before the organisation began its first, after it ended its last."""
    chosen = versions[0]
    for version in versions:
        if version.valid_from <= day:
            chosen = version
    return chosen


def correct(org: PartyOrg) -> None:
    """A correction (party_org_update) applies to the period in force today (or the only one), its start to the
    first period and its end to the last; `org` holds the corrected values."""
    versions = versions_of(org)
    if not versions:
        first_version(org)
        return
    current = version_on(versions, dates.today())
    if len(versions) > 1 and org.valid_from >= versions[1].valid_from:
        raise ValidationError(
            {
                "valid_from": _("Tổ chức đã có thay đổi từ ngày %(day)s; ngày bắt đầu phải trước ngày đó.")
                % {"day": fmt(versions[1].valid_from)}
            }
        )
    if org.valid_to is not None and org.valid_to < versions[-1].valid_from:
        raise ValidationError(
            {
                "valid_to": _("Tổ chức đã có thay đổi từ ngày %(day)s; không thể kết thúc trước ngày đó.")
                % {"day": fmt(versions[-1].valid_from)}
            }
        )
    for key in FIELDS:
        setattr(current, key, getattr(org, key))
    versions[0].valid_from, versions[-1].valid_to = org.valid_from, org.valid_to
    PartyOrgVersion.objects.bulk_update({*versions[:1], *versions[-1:], current}, ["valid_from", "valid_to", *FIELDS])


def apply_change(org: PartyOrg, day: datetime.date, changes: dict, reorganization: Reorganization | None = None):
    """From `day` to the end of the period in force that day, the organisation has `changes` (FIELDS: name,
    type_id, parent_id, unit_id, is_upper_grassroots); earlier days keep theirs, later periods too.
    Returns {field: [before, after]} of what changed (empty when nothing did)."""
    versions = versions_of(org)
    current = next((v for v in versions if v.is_valid_on(day)), None)
    if current is None or not org.is_valid_on(day):
        raise ValidationError({"day": _("%(org)s không có hiệu lực vào ngày %(day)s.") % {"org": org, "day": fmt(day)}})
    changes = {k: v for k, v in changes.items() if getattr(current, k) != v}
    if not changes:
        return {}
    before = {k: getattr(current, k) for k in changes}
    if current.valid_from == day:
        for key, value in changes.items():
            setattr(current, key, value)
        current.reorganization = reorganization or current.reorganization
        current.save()
    else:
        values = {k: getattr(current, k) for k in FIELDS} | changes
        PartyOrgVersion.objects.create(
            party_org=org, valid_from=day, valid_to=current.valid_to, reorganization=reorganization, **values
        )
        PartyOrgVersion.objects.filter(pk=current.pk).update(valid_to=day - ONE_DAY)
    refresh_cache(org)
    return {k: [before[k], changes[k]] for k in changes}


def refresh_cache(org: PartyOrg, day: datetime.date | None = None) -> bool:
    """Copy the version in force on `day` (today) onto the PartyOrg row. Returns whether anything changed."""
    versions = versions_of(org)
    if not versions:
        return False
    version = version_on(versions, day or dates.today())
    values = {k: getattr(version, k) for k in FIELDS}
    if all(getattr(org, k) == v for k, v in values.items()):
        return False
    for key, value in values.items():
        setattr(org, key, value)
    org.search_text, org.sort_key = fold(org.name), sort_key(org.name)
    save_versioned(org, None, [k.removesuffix("_id") for k in FIELDS] + ["search_text", "sort_key"])
    return True


def party_orgs_refresh_cache(day: datetime.date | None = None) -> int:
    """Bring every organisation's cached name, superior and unit to the version in force today (run daily with
    units_refresh_cache, so that changes recorded ahead of time show from their day). One query to find them."""
    day = day or dates.today()
    cached = [f"party_org__{k}" for k in FIELDS]
    stale = {
        row[0]
        for row in PartyOrgVersion.objects.valid_on(day).values_list("party_org_id", *FIELDS, *cached)
        if row[1 : len(FIELDS) + 1] != row[len(FIELDS) + 1 :]
    }
    return sum(refresh_cache(org, day) for org in PartyOrg.objects.filter(pk__in=stale))


def upper_orgs(unit_ids, day: datetime.date) -> dict[int, PartyOrg]:
    """{unit id: the top Party organisation of that unit on `day`}: the one marked as upper-level committee over
    grassroots organisations, else one with no superior in the same unit (the lowest id). One query."""
    found: dict[int, list[PartyOrgVersion]] = defaultdict(list)
    for version in (
        PartyOrgVersion.objects.valid_on(day)
        .filter(unit_id__in=set(unit_ids), party_org__valid_from__lte=day)
        .filter(Q(party_org__valid_to__isnull=True) | Q(party_org__valid_to__gte=day))
        .select_related("party_org")
        .order_by("party_org_id")
    ):
        found[version.unit_id].append(version)
    result = {}
    for unit_id, versions in found.items():
        ids = {v.party_org_id for v in versions}
        tops = [v for v in versions if v.is_upper_grassroots] or [v for v in versions if v.parent_id not in ids]
        if tops:
            result[unit_id] = tops[0].party_org
    return result


def record(actor, org: PartyOrg, changes: dict, verb: str) -> None:
    shown = {k.removesuffix("_id"): [_label(k, b), _label(k, a)] for k, (b, a) in changes.items()}
    audit.record(actor=actor, obj=org, action="update", unit=org.unit, verb=verb, changes=shown)


def _label(key: str, value) -> str:
    if key == "parent_id":
        return str(PartyOrg.objects.filter(pk=value).values_list("name", flat=True).first() or "") if value else ""
    return str(value if value is not None else "")


def party_orgs_follow_units(
    *, actor, ended: dict[int, datetime.date], successors: dict[int, int], reorganization=None, verb: str = ""
) -> dict[str, int]:
    """After units ended (`ended`: unit id -> first day without it) and were carried on (`successors`: ended unit
    id -> its primary successor): their Party organisations end the day before (with their versions), and the
    organisations under those that go on move under the successor's top organisation of that day, if it has one.
    Used by reorganization_create and the bulk import alike; running it again changes nothing."""
    counts = {"ended": 0, "moved": 0, "without_superior": 0}
    by_day: dict[datetime.date, list[int]] = defaultdict(list)
    for unit_id, day in ended.items():
        by_day[day].append(unit_id)
    verb = verb or _("Sắp xếp đơn vị hành chính")
    for day, unit_ids in sorted(by_day.items()):
        last = day - ONE_DAY
        open_orgs = PartyOrg.objects.filter(unit_id__in=unit_ids).exclude(valid_to__lt=day)
        if open_orgs.filter(valid_from__gte=day).exists():
            raise ValidationError(
                {
                    "effective_date": _(
                        "Có tổ chức đảng của đơn vị bị kết thúc bắt đầu từ ngày %(day)s trở đi; hãy sửa trước."
                    )
                    % {"day": fmt(day)}
                }
            )
        counts["ended"] += open_orgs.update(valid_to=last)
        gone = PartyOrg.objects.filter(unit_id__in=unit_ids, valid_to=last).values("pk")
        PartyOrgVersion.objects.filter(party_org__in=gone, valid_from__gt=last).delete()
        PartyOrgVersion.objects.filter(party_org__in=gone).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=last)
        ).update(valid_to=last)
        orphans = list(
            PartyOrgVersion.objects.valid_on(day)
            .filter(parent__in=gone)
            .exclude(party_org__in=gone)
            .select_related("party_org", "parent")
        )
        tops = upper_orgs({successors[o.parent.unit_id] for o in orphans if o.parent.unit_id in successors}, day)
        for version in orphans:
            top = tops.get(successors.get(version.parent.unit_id))
            if top is None or top.pk == version.party_org_id:
                counts["without_superior"] += 1
                continue
            changed = apply_change(version.party_org, day, {"parent_id": top.pk}, reorganization)
            if changed:
                counts["moved"] += 1
                record(actor, version.party_org, changed, verb)
    return counts


def adopt_orphans(*, actor, org: PartyOrg) -> int:
    """A new top organisation of a unit (a Đảng ủy xã formed after the merger) takes in, from its first day, the
    organisations of the villages below its unit that were left with an ended superior (their cells)."""
    if org.parent_id is not None and org.parent.unit_id == org.unit_id:
        return 0
    moved = 0
    orphans = orphaned_on([org.unit_id], org.valid_from, own=False).exclude(party_org=org)
    for version in orphans.select_related("party_org"):
        changed = apply_change(version.party_org, org.valid_from, {"parent_id": org.pk})
        if changed:
            moved += 1
            record(actor, version.party_org, changed, _("Chuyển về trực thuộc %(org)s") % {"org": org})
    return moved
