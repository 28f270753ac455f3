"""People with their positions (org_import's third kind). A person may take several rows, one per position; the
person's own values (name, gender, birth year, Party member, unit) must agree between them. Only the columns the
file has are compared, so a file without "Giới tính" leaves the gender as recorded."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Body, ImportKey, PartyOrg, Person, Position
from ..services import orgs as services
from ..services.common import fmt
from ..text import fold
from .org_import import ONE_DAY, RowError, _differences, _messages
from .org_layouts import Problem, Row

PERSON_KEYS = ("full_name", "gender", "birth_year", "is_party_member", "unit")


def people_rows(run) -> None:
    groups: dict[str, list[Row]] = {}
    for row in run.table.rows:
        groups.setdefault(row.values["key"], []).append(row)
    keys = ImportKey.objects.filter(kind__in=[ImportKey.Kind.BODY, ImportKey.Kind.PARTY_ORG])
    run.org_keys = {(kind, code): pk for kind, code, pk in keys.values_list("kind", "code", "object_id")}
    run.matched_positions = set()
    done = 0
    for key, rows in groups.items():
        first = rows[0]
        consistent = [first]
        for row in rows[1:]:
            differing = [k for k in PERSON_KEYS if k in run.table.columns and row.values.get(k) != first.values.get(k)]
            if differing:
                run.problem(
                    row, differing[0], _("khác với dòng %(n)s của cùng cán bộ %(k)s.") % {"n": first.line, "k": key}
                )
            else:
                consistent.append(row)
        people = []
        run.apply(first, lambda row, people=people: people.append(_person(run, row)))
        for row in consistent:
            if not people:
                if row is not first:
                    run.problem(row, "key", _("cán bộ %(k)s (dòng %(n)s) có lỗi.") % {"k": key, "n": first.line})
                continue
            if row.values.get("title"):
                run.apply(row, lambda row, person=people[0]: _position(run, row, person))
        done += len(rows)
        run.tick(done)


def _person(run, row: Row) -> Person:
    values, columns = row.values, run.table.columns
    unit = run.unit(row)
    key = values["key"]
    person = run.keyed(Person, key)
    if person is not None and person.unit_id not in run.in_scope:
        raise RowError("key", _("số hiệu %(c)s thuộc %(o)s, ngoài phạm vi nhập.") % {"c": key, "o": person})
    if person is None:  # the first import: one person of the same name (and birth year) in the unit, not yet coded
        coded = set(run.keys.values())
        name = fold(values["full_name"])
        candidates = [
            p
            for p in Person.objects.filter(unit=unit, search_text__startswith=name)
            if fold(p.full_name) == name
            and p.pk not in coded
            and (p.birth_year is None or values.get("birth_year") in (None, p.birth_year))
        ]
        person = candidates[0] if len(candidates) == 1 else None
    if person is not None and person.pk in run.matched:
        raise RowError("key", _("%(o)s đã được dòng khác trong tệp dùng.") % {"o": person})
    fields = {"full_name": values["full_name"], "unit": unit, "is_active": True}
    for name in ("gender", "birth_year", "is_party_member"):
        if name in columns:
            fields[name] = values.get(name)
        elif person is not None:
            fields[name] = getattr(person, name)
    if person is None:
        person = services.person_create(actor=run.actor, **fields)
        run.change("new", row, str(person), _("số hiệu %(c)s") % {"c": key})
    else:
        detail = _differences({name: getattr(person, name) for name in fields}, fields)
        if detail:
            person = services.person_update(
                actor=run.actor,
                person=person,
                expected_version=person.version,
                committee_title=person.committee_title,
                phone=person.phone,
                email=person.email,
                **fields,
            )
            run.change("changed", row, str(person), detail)
        else:
            run.change("unchanged", row, str(person))
    run.remember(key, person)
    run.matched.add(person.pk)
    return person


def _position(run, row: Row, person: Person) -> None:
    values = row.values
    title, body, unit = values["title"], None, person.unit
    code = values.get("org") or ""
    if code:
        body_id = run.org_keys.get((ImportKey.Kind.BODY, code))
        org_id = run.org_keys.get((ImportKey.Kind.PARTY_ORG, code))
        if body_id is not None:
            body = Body.objects.select_related("unit").filter(pk=body_id).first()
        elif org_id is not None:
            org = PartyOrg.objects.select_related("unit").filter(pk=org_id).first()
            if org is not None:
                unit = org.unit
                if fold(org.name) not in fold(title):
                    title = f"{title} {org.name}"
        if body is None and unit is person.unit:
            raise RowError("org", _("không tìm thấy cơ quan hay tổ chức đảng mã %(c)s.") % {"c": code})
    start, end = values.get("valid_from"), values.get("valid_to")
    held = Position.objects.filter(person=person, body=body).select_related("body")
    if body is None:
        held = held.filter(unit=unit)
    same = [p for p in held if fold(p.title) == fold(title)]
    found = next((p for p in same if p.valid_from == start), None)
    if found is None and start is None:
        found = next((p for p in same if p.is_valid_on(run.day)), None)
    label = f"{person} — {title}" + (f" ({body})" if body else "")
    fields = {"title": title, "body": body, "unit": None if body else unit, "valid_from": start or run.day,
              "valid_to": end}  # fmt: skip
    if found is None:
        position = services.position_create(actor=run.actor, person=person, **fields)
        run.change("new", row, label, _("từ %(d)s") % {"d": fmt(position.valid_from)})
    else:
        if start is None:
            fields["valid_from"] = found.valid_from
        detail = _differences(
            {"valid_from": found.valid_from, "valid_to": found.valid_to},
            {"valid_from": fields["valid_from"], "valid_to": end},
        )
        if detail:
            position = services.position_update(
                actor=run.actor, position=found, expected_version=found.version, **fields
            )
            run.change("changed", row, label, detail)
        else:
            position = found
            run.change("unchanged", row, label)
    run.matched_positions.add(position.pk)


def people_end_missing(run) -> None:
    """Positions of the scope's people in force on the list's day and not in the file end the day before; people of
    the scope the file does not list are no longer in office (is_active)."""
    last = run.day - ONE_DAY
    positions = (
        Position.objects.valid_on(run.day)
        .filter(person__unit_id__in=run.in_scope, valid_from__lte=last)
        .exclude(pk__in=run.matched_positions)
        .select_related("person", "body", "unit")
    )
    for position in positions:
        label = f"{position.person} — {position.title}"
        _try(
            run,
            label,
            lambda p=position: services.position_update(
                actor=run.actor,
                position=p,
                expected_version=p.version,
                title=p.title,
                body=p.body,
                unit=None if p.body else p.unit,
                valid_from=p.valid_from,
                valid_to=last,
            ),
            _("thôi giữ chức vụ từ %(d)s") % {"d": fmt(run.day)},
        )
    people = Person.objects.filter(unit_id__in=run.in_scope, is_active=True).exclude(pk__in=run.matched)
    for person in people.select_related("unit"):
        _try(
            run,
            str(person),
            lambda p=person: services.person_update(
                actor=run.actor,
                person=p,
                expected_version=p.version,
                full_name=p.full_name,
                unit=p.unit,
                gender=p.gender,
                birth_year=p.birth_year,
                is_party_member=p.is_party_member,
                committee_title=p.committee_title,
                phone=p.phone,
                email=p.email,
                is_active=False,
                user=p.user,
            ),
            _("không còn trong danh sách: thôi công tác"),
        )


def _try(run, label: str, work, detail: str) -> None:
    try:
        with transaction.atomic():
            work()
    except (ValidationError, PermissionDenied) as error:
        message = " ".join(m for _k, m in _messages(error)) if isinstance(error, ValidationError) else ""
        run.result.problems.append(
            Problem(0, "", "", _("Không kết thúc được %(o)s: %(m)s") % {"o": label, "m": message})
        )
        return
    run.change("ended", None, label, detail)
