"""Loads the demo district (Can Lộc, Hà Tĩnh, from early 2016 to today) through the services.

Called by `manage.py load_demo`; later modules add their own `danvan/<app>/demo.py` with a
`load(ctx: DemoContext)` function, run in INSTALLED_APPS order after this one.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from danvan.core.access import loader_actor

from . import demo_data as data
from . import selectors
from .imports import units_import
from .models import Body, BodyType, PartyOrg, PartyOrgType, Person, Role, Succession, Unit, UnitType, UnitVersion
from .services import accounts, orgs, units

D = datetime.date.fromisoformat
START = D("2010-01-01")  # before the earliest position in the demo data
PASSWORD = "demo"


@dataclass
class DemoContext:
    """What the core loader made, for later modules' loaders to build on."""

    units: dict[str, Unit] = field(default_factory=dict)  # "province", "district", commune keys, village refs
    people: dict[str, Person] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    party_orgs: dict[str, PartyOrg] = field(default_factory=dict)  # "province", "district"

    def body(self, ref: str, day: datetime.date) -> Body:
        """A BODIES key, or "commune:<key>:<kind>" resolved to the body valid on `day`."""
        if not ref.startswith("commune:"):
            return self.bodies[ref]
        _, key, kind = ref.split(":")
        unit = self.commune_on(key, day)
        return Body.objects.valid_on(day).get(unit=unit, type__code=kind)

    def commune_on(self, key: str, day: datetime.date) -> Unit:
        unit = self.units[key]
        while unit.valid_to is not None and unit.valid_to < day:
            unit = unit.successions_out.get(is_primary=True).successor
        return unit


def _types() -> dict[str, UnitType]:
    return {t.code: t for t in UnitType.objects.all()}


def already_loaded() -> bool:
    return Unit.objects.filter(name=data.PROVINCE["name"], code=data.PROVINCE["code"]).exists()


def load_core() -> DemoContext:
    ctx = DemoContext()
    types = _types()
    ctx.units["province"] = units.unit_create(
        actor=loader_actor(),
        name=data.PROVINCE["name"],
        unit_type=types["province"],
        parent=None,
        valid_from=D("1991-08-16"),
        code=data.PROVINCE["code"],
        rebuild=False,
    )
    ctx.units["district"] = units.unit_create(
        actor=loader_actor(),
        name=data.DISTRICT["name"],
        unit_type=types[data.DISTRICT["type"]],
        parent=ctx.units["province"],
        valid_from=START,
        code=data.DISTRICT["code"],
        rebuild=False,
    )
    for commune in data.COMMUNES:
        unit = units.unit_create(
            actor=loader_actor(),
            name=commune["name"],
            unit_type=types[commune["type"]],
            parent=ctx.units["district"],
            valid_from=START,
            code=commune.get("code", ""),
            rebuild=False,
        )
        ctx.units[commune["key"]] = unit
        for village in commune["villages"]:
            ctx.units[f"village:{commune['key']}:{village['name']}"] = units.unit_create(
                actor=loader_actor(),
                name=village["name"],
                unit_type=types[village["type"]],
                parent=unit,
                valid_from=START,
                rebuild=False,
            )
    units.rollup_rebuild()
    _party_orgs(ctx)
    _reorganize(ctx, types)
    _import_2025(ctx)
    _party_orgs_2025(ctx)
    _bodies(ctx)
    _people(ctx)
    _users(ctx)
    return ctx


def _reorganize(ctx: DemoContext, types) -> None:
    for event in data.REORGANIZATIONS:
        day = D(event["effective_date"])
        common = {
            "actor": loader_actor(),
            "kind": event["kind"],
            "legal_basis": event["legal_basis"],
            "effective_date": day,
            "note": event.get("note", ""),
        }
        if event["kind"] == "upgrade":
            unit = ctx.units[event["unit"]]
            units.reorganization_create(**common, units=[unit], new_type=types[event["new_type"]])
            if new_village_type := event.get("new_village_type"):
                for version in UnitVersion.objects.valid_on(day).filter(parent=unit).select_related("unit"):
                    units.reorganization_create(
                        **{**common, "note": ""}, units=[version.unit], new_type=types[new_village_type]
                    )
            _party_orgs_renamed(unit, day)
        elif event["kind"] == "merge":
            predecessors = [ctx.units[key] for key in event["predecessors"]]
            if "successor" in event:
                units.reorganization_create(**common, units=predecessors, into=ctx.units[event["successor"]])
            else:
                spec = event["new_successor"]
                reorg = units.reorganization_create(
                    **common,
                    units=predecessors,
                    new_units=[{"name": spec["name"], "type": types[spec["type"]], "code": spec.get("code", "")}],
                )
                ctx.units[spec["key"]] = reorg.successions.first().successor
                _commune_party_org(ctx, ctx.units[spec["key"]], day)
        for unit in ctx.units.values():
            unit.refresh_from_db()


def _import_2025(ctx: DemoContext) -> None:
    """From 01/07/2025 the official lists: the province's 69 communes and the end of the district level, as
    `danvan import_units --province 42` brings them. The six communes over old Can Lộc join the context
    under NEW_COMMUNES' keys, each checked against the table (name, code, predecessors)."""
    units_import(actor=loader_actor(), province=data.IMPORT_PROVINCE)
    for unit in ctx.units.values():
        unit.refresh_from_db()
    day = D("2025-07-01")
    for spec in data.NEW_COMMUNES:
        made = {ctx.commune_on(key, day) for key in spec["from"]}
        unit = made.pop() if len(made) == 1 else None
        version = unit.versions.valid_on(day).first() if unit else None
        before = set(Succession.objects.filter(successor=unit).values_list("predecessor_id", flat=True))
        if version is None or (version.name, version.code, before) != (
            spec["name"],
            spec["code"],
            {ctx.units[key].pk for key in spec["from"]},
        ):
            raise ImproperlyConfigured(f"The import does not form xã {spec['name']} ({spec['code']}) as the demo says.")
        ctx.units[spec["key"]] = unit


def _area_communes(ctx: DemoContext):
    """The communes of Can Lộc (2016 on) and the six of 2025: the rest of the province has units only."""
    keys = {c["key"] for c in [*data.COMMUNES, *data.NEW_COMMUNES]}
    keys |= {e["new_successor"]["key"] for e in data.REORGANIZATIONS if "new_successor" in e}
    return Unit.objects.filter(pk__in=[ctx.units[k].pk for k in keys], level__code="commune").order_by("pk")


def _party_orgs(ctx: DemoContext) -> None:
    """The Party organisations of 2016: the province's and the district's, the district agencies' cells, and each
    commune's Đảng bộ with a cell per village. Each is one organisation through time: later reorganizations move
    the cells of the villages that change commune under the Đảng bộ that takes them (core.services.units), and a
    new commune's Đảng bộ takes in the cells left without a superior (`_commune_party_org`)."""
    kinds = {t.code: t for t in PartyOrgType.objects.all()}
    spec = data.PARTY_ORGS
    province = ctx.party_orgs["province"] = orgs.party_org_create(
        actor=loader_actor(),
        name=spec["province"]["name"],
        org_type=kinds["province_party_org"],
        unit=ctx.units["province"],
        valid_from=ctx.units["province"].valid_from,
    )
    district = ctx.party_orgs["district"] = orgs.party_org_create(
        actor=loader_actor(),
        name=spec["district"]["name"],
        org_type=kinds["district_party_org"],
        unit=ctx.units["district"],
        parent=province,
        is_upper_grassroots=True,
        valid_from=START,
        valid_to=D(spec["district"]["valid_to"]),
    )
    for cell in spec["district_agency_cells"]["items"]:
        orgs.party_org_create(
            actor=loader_actor(),
            name=cell["name"],
            org_type=kinds["grassroots_cell"],
            unit=ctx.units["district"],
            parent=district,
            valid_from=START,
            valid_to=D(spec["district_agency_cells"]["valid_to"]),
        )
    for commune in data.COMMUNES:
        _commune_party_org(ctx, ctx.units[commune["key"]], START)


def _org_name(templates: dict, version: UnitVersion, default: str) -> str:
    return templates.get(version.type.code, default).format(name=version.name)


def _commune_party_org(ctx: DemoContext, commune: Unit, day: datetime.date) -> PartyOrg:
    """The commune's Đảng bộ from `day`: under the district's until 30/06/2025, from 01/07/2025 under the
    province's and upper-level committee over the grassroots organisations (Quy định 298-QĐ/TW). Creating it puts
    the cells of its villages left without a superior under it; villages without a cell get one."""
    kinds = {t.code: t for t in PartyOrgType.objects.all()}
    spec = data.PARTY_ORGS
    two_tier = day >= D(spec["commune"]["upper_grassroots_from"])
    version = commune.versions.valid_on(day).select_related("type").get()
    committee = orgs.party_org_create(
        actor=loader_actor(),
        name=_org_name(spec["commune"]["templates"], version, "Đảng bộ {name}"),
        org_type=kinds["commune_party_org"],
        unit=commune,
        parent=ctx.party_orgs["province" if two_tier else "district"],
        is_upper_grassroots=two_tier,
        valid_from=day,
    )
    for child in UnitVersion.objects.valid_on(day).filter(parent=commune).select_related("type", "unit"):
        if not PartyOrg.objects.valid_on(day).filter(unit=child.unit).exists():
            orgs.party_org_create(
                actor=loader_actor(),
                name=_org_name(spec["village"]["templates"], child, "Chi bộ {name}"),
                org_type=kinds["affiliated_cell"],
                unit=child.unit,
                parent=committee,
                valid_from=day,
                valid_to=child.valid_to,
            )
    return committee


def _party_orgs_renamed(unit: Unit, day: datetime.date) -> None:
    """After an upgrade (xã Đồng Lộc became a thị trấn, its thôn tổ dân phố): the Đảng bộ and the cells take the
    names of their units from that day; earlier days keep the old names."""
    spec = data.PARTY_ORGS
    places = [(unit.versions.valid_on(day).select_related("type").get(), spec["commune"]["templates"])]
    places += [
        (child, spec["village"]["templates"])
        for child in UnitVersion.objects.valid_on(day).filter(parent=unit).select_related("type")
    ]
    for version, templates in places:
        for org in PartyOrg.objects.valid_on(day).filter(unit_id=version.unit_id):
            orgs.party_org_change(
                actor=loader_actor(), party_org=org, day=day, name=_org_name(templates, version, org.name)
            )


def _party_orgs_2025(ctx: DemoContext) -> None:
    """From 01/07/2025 each of the six new communes has its Đảng bộ (the import ended the old communes' and left
    their village cells without a superior): creating it brings them under it."""
    day = D(data.PARTY_ORGS["commune"]["upper_grassroots_from"])
    for spec in data.NEW_COMMUNES:
        _commune_party_org(ctx, ctx.units[spec["key"]], day)


def _bodies(ctx: DemoContext) -> None:
    kinds = {t.code: t for t in BodyType.objects.all()}
    for spec in data.BODIES:
        unit = ctx.units[spec["level"]]
        start = D(spec["valid_from"]) if spec.get("valid_from") else max(unit.valid_from, START)
        ctx.bodies[spec["key"]] = orgs.body_create(
            actor=loader_actor(),
            name=spec["name"],
            body_type=kinds[spec["kind"]],
            unit=unit,
            abbreviation=spec.get("abbreviation", ""),
            parent=ctx.bodies.get(spec.get("parent", "")),
            valid_from=start,
            valid_to=D(spec["valid_to"]) if spec.get("valid_to") else None,
        )
    for commune in _area_communes(ctx):
        for version in commune.versions.select_related("type").order_by("valid_from"):
            prefix = version.type.prefix
            for template in data.COMMUNE_BODY_TEMPLATES:
                orgs.body_create(
                    actor=loader_actor(),
                    name=template["name"].format(prefix=prefix, name=version.name),
                    body_type=kinds[template["kind"]],
                    unit=commune,
                    abbreviation=template["abbreviation"],
                    valid_from=version.valid_from,
                    valid_to=version.valid_to,
                )


def _people(ctx: DemoContext) -> None:
    gender = {"Nam": Person.Gender.MALE, "Nữ": Person.Gender.FEMALE}
    for spec in data.PEOPLE:
        positions = spec["positions"]
        last = positions[-1]
        last_unit = selectors.unit_successors(_position_place(ctx, last)[1], as_of=datetime.date.today())[0]
        person = orgs.person_create(
            actor=loader_actor(),
            full_name=spec["full_name"],
            unit=last_unit,
            gender=gender.get(spec["gender"], ""),
            birth_year=spec.get("birth_year"),
            is_party_member=spec["is_party_member"],
            committee_title=spec["committee_title"],
            is_active=last.get("valid_to") is None,
        )
        ctx.people[spec["key"]] = person
        for position in positions:
            body, unit = _position_place(ctx, position)
            orgs.position_create(
                actor=loader_actor(),
                person=person,
                title=position["title"],
                body=body,
                unit=unit,
                valid_from=D(position["valid_from"]),
                valid_to=D(position["valid_to"]) if position.get("valid_to") else None,
            )


def _position_place(ctx: DemoContext, position: dict):
    ref, day = position["body"], D(position["valid_from"])
    if ref.startswith("village:"):
        return None, ctx.units[ref]
    body = ctx.body(ref, day)
    return body, body.unit


def _users(ctx: DemoContext) -> None:
    user_model = get_user_model()
    roles = {r.code: r for r in Role.objects.all()}
    admin, created = user_model.objects.get_or_create(username="admin", defaults={"first_name": "Quản trị viên"})
    admin.is_superuser = admin.is_staff = True
    admin.set_password(PASSWORD)
    admin.save()
    ctx.users["admin"] = admin
    for spec in data.DEMO_USERS:
        user, _ = user_model.objects.get_or_create(username=spec["username"])
        user.first_name = spec["full_name"]
        user.set_password(PASSWORD)
        user.save()
        ctx.users[spec["username"]] = user
        history = spec.get("history") or [{"scope": spec["scope"], "valid_from": None, "valid_to": None}]
        for period in history:
            day = D(period["valid_from"]) if period["valid_from"] else datetime.date.today()
            unit = _scope_unit(ctx, period["scope"], day)
            start = D(period["valid_from"]) if period["valid_from"] else max(unit.valid_from, START)
            accounts.membership_create(
                actor=loader_actor(),
                user=user,
                role=roles[spec["role"]],
                unit=unit,
                valid_from=start,
                valid_to=D(period["valid_to"]) if period["valid_to"] else None,
                note=spec.get("note_vi", ""),
            )
        person = ctx.people.get(spec.get("person", ""))
        if person is not None and person.user_id is None:
            Person.objects.filter(pk=person.pk).update(user=user)


def _scope_unit(ctx: DemoContext, scope: str, day: datetime.date) -> Unit:
    if scope in ("province", "district"):
        return ctx.units[scope]
    kind, _, rest = scope.partition(":")
    if kind == "commune":
        return ctx.commune_on(rest, day)
    return ctx.units[scope]


# The accounts that the README lists; kept here so the README, the loader and the tests agree.
def demo_logins() -> list[tuple[str, str, str]]:
    role_names = dict(Role.objects.values_list("code", "name"))
    rows = [("admin", "Quản trị hệ thống (superuser)", "Toàn quốc")]
    for spec in data.DEMO_USERS:
        rows.append((spec["username"], role_names.get(spec["role"], spec["role"]), spec["note_vi"]))
    return rows
