"""docs/permissions.md, printed from the roles' capabilities and the access registry (`danvan permissions_doc`).
A test compares the file with this output, so the page cannot drift from the code."""

from . import access, permissions
from .permissions import ROLE_CAPS, SYSTEM_CAPS, Cap

INTRO = """# Permissions model

This page is generated from the code by `danvan permissions_doc` (a test fails when it is out of date).
Every rule lives in core: the roles' capabilities in `danvan/core/permissions.py`, and who reaches which
rows of every protected model in the access registry `danvan/core/access.py`, where each app declares its
models in `danvan/<app>/access.py`. Views, forms, services, exports, tasks, imports and the API ask only
`access.visible(user, Model)`, `access.get_for_user(user, Model, pk, action=...)`, `access.can(user, action,
obj)` and, for a record about to be created, `access.can_on(user, cap, unit)`.

## Memberships, roles, capabilities

A `Membership` = user × unit (optionally a body of that unit) × role × validity period. Roles are
reference data (labels editable by administrators); the capabilities of each role are code:
"""

SCOPE = """
`administrator` has every capability within its scope; a Django superuser has every capability everywhere.
`manage_reference` is global (reference data is national): it needs an administrator membership on a
province or a higher unit.

## Who acts when no person does

- **The system** (`access.system_actor()`, account `{system}`): the worker, cron and the consequences of a
  record (a board result raising a kiến nghị, a deadline escalation). It holds these capabilities
  everywhere and nothing else: {system_caps}. It never manages accounts or memberships, never reads the
  audit log, never answers for a body. It cannot sign in.
- **The loader** (`access.loader_actor()`, account `{loader}`): data loaded at the shell by the server's
  operator (the demo, benchmarks, command-line imports). A superuser that cannot sign in.
- Both write the audit trail under their own names. No service accepts a missing actor.

## Scope

- A user's scope, for a capability, is every unit whose roll-up targets *as of today* include a unit of one
  of the user's memberships that is valid today and whose role has that capability.
- That is: the membership units and everything below them today, plus every unit they succeeded
  (a merged-away commune stays readable by the users of the commune that absorbed it).
- Writes need the unit to exist today: predecessors are read-only, unless the model's rule says "past units
  writable" (records of history, such as a 2016 commune's disclosures).
- Memberships that ended, or have not started yet, give nothing. When a reorganization ends a unit, the
  memberships on it end the day before (an administrator grants roles on the successor); its bodies and
  Party organisations end too, and its people move to the primary successor.

## Protected models

Each row: who sees a record (the read rule), then each named action and who may take it. A rule is a filter
on the model's rows, so a list and an object check can never disagree.
"""

ANSWERS = """
## Answers

| situation | answer |
|---|---|
| not signed in | 302 to `/dang-nhap/` |
| object outside the read rule | 404 (indistinguishable from a missing object) |
| seen, but the action's rule does not hold | 403 |
| allowed | 200, or 302 after a successful form |

`core/tests/test_access_matrix.py` runs every URL pattern against the standard cast and fails when a new
URL is not registered with its expected answers; `core/tests/test_access_registry.py` checks that every
model holding a unit is declared.
"""


def render() -> str:
    caps = list(Cap)
    lines = [INTRO]
    lines.append("| role | " + " | ".join(caps) + " |")
    lines.append("|---|" + "---|" * len(caps))
    for role, held in ROLE_CAPS.items():
        lines.append(f"| `{role}` | " + " | ".join("✓" if cap in held else "" for cap in caps) + " |")
    lines.append(
        SCOPE.format(
            system=permissions.SYSTEM_USERNAME,
            loader=permissions.LOADER_USERNAME,
            system_caps=", ".join(f"`{cap}`" for cap in caps if cap in SYSTEM_CAPS),
        )
    )
    for decl in access.declarations():
        meta = decl.model._meta
        lines.append(f"### `{meta.app_label}.{decl.model.__name__}` ({meta.verbose_name})")
        lines.append("")
        lines.append(f"- sees: {decl.read.describe()}")
        for name, rule in decl.actions.items():
            lines.append(f"- `{name}`: {rule.describe()}")
        lines.append("")
    lines.append(ANSWERS)
    return "\n".join(lines).rstrip() + "\n"
