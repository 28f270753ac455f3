"""The house rule "core is the only shared ground" (STYLE.md, Where rules live), checked on the source. An app
imports core and reaches another app only through its `services`, `selectors`, `statistics` or `models` (foreign
keys need the models); never its forms, views, scale builders, demo, imports, tasks, urls, receivers, signals,
commands, tests or private names. Tests may also use another app's tests (factories). Core, `danvan/urls.py` and
the other files of the package import no domain app (core's tests may, like an app's tests). Every `import` and
`from ... import` is read with `ast`, including those inside functions; relative imports are resolved."""

import ast
from collections.abc import Iterator
from pathlib import Path

import danvan

ROOT = Path(danvan.__file__).resolve().parent
NOT_APPS = {"core", "templates", "static", "locale", "formats"}
APPS = frozenset(
    p.name for p in ROOT.iterdir() if p.is_dir() and p.name not in NOT_APPS and not p.name.startswith(("_", "."))
)
PUBLIC = frozenset({"services", "selectors", "statistics", "models"})  # and their submodules

# Imports that break the rule today and cannot be removed without moving code between apps. Each is one file and
# one imported name, so that a new name from the same module still fails. Remove an entry with its import.
KNOWN: set[tuple[str, str]] = set()


def imported(source: str, module: str) -> Iterator[tuple[int, str]]:
    """(line, dotted name) of every import in `source`, the text of the module named `module`: `from ..forms
    import X` in danvan.emulation.views.sheets gives danvan.emulation.forms.X."""
    package = module.split(".")[:-1]  # for a package's __init__, `module` ends in ".__init__"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            prefix = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                yield node.lineno, f"{prefix}.{alias.name}"


def offence(where: str, name: str) -> str | None:
    """Why importing `name` breaks the rule in the file `where` (relative to danvan/), or None."""
    parts = name.split(".")
    if parts[0] != "danvan" or len(parts) < 2 or parts[1] not in APPS:
        return None
    place = where.split("/")
    if parts[1] == place[0]:
        return None
    in_tests = "tests" in place[:-1] or place[-1] == "conftest.py"
    if (len(place) == 1 or place[0] in NOT_APPS) and not in_tests:
        return "core and the project files import no domain app"
    rest = parts[2:]
    if any(p.startswith("_") and not p.endswith("__") for p in rest):
        return "a private name of another app"
    allowed = (PUBLIC | {"tests"}) if in_tests else PUBLIC
    if not rest or rest[0] not in allowed:
        return f"another app's {rest[0] if rest else 'package'} (only {', '.join(sorted(allowed))})"
    return None


def sources() -> Iterator[tuple[str, str]]:
    """(path relative to danvan/, dotted module) of every Python file of the package but migrations."""
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if "migrations" in rel.parts or "__pycache__" in rel.parts:
            continue
        yield rel.as_posix(), ".".join(("danvan", *rel.with_suffix("").parts))


def violations() -> dict[tuple[str, str], str]:
    found = {}
    for where, module in sources():
        for line, name in imported((ROOT / where).read_text(encoding="utf-8"), module):
            reason = offence(where, name)
            if reason:
                found[(where, name)] = f"danvan/{where}:{line}: {name}: {reason}"
    return found


def test_apps_reach_one_another_only_through_services_selectors_statistics_and_models():
    new = [message for key, message in sorted(violations().items()) if key not in KNOWN]
    assert not new, "Imports across apps that break the house rule (STYLE.md):\n" + "\n".join(new)


def test_every_known_exception_is_still_there():
    gone = KNOWN - violations().keys()
    assert not gone, f"No longer imported; remove from KNOWN: {sorted(gone)}"


def test_the_check_sees_the_domain_apps():
    assert {"petitions", "supervision", "emulation", "democracy"} <= APPS
    assert "core" not in APPS


def test_it_resolves_relative_imports_and_finds_those_inside_functions():
    source = "def f():\n    from ...petitions import forms\n    from ..models import X\n"
    assert list(imported(source, "danvan.democracy.views.common")) == [
        (2, "danvan.petitions.forms"),
        (3, "danvan.democracy.models.X"),
    ]
    assert list(imported("from . import services", "danvan.petitions.__init__")) == [(1, "danvan.petitions.services")]


def test_it_refuses_another_apps_forms_views_scale_and_private_names():
    assert offence("emulation/views/a.py", "danvan.petitions.forms.ListUnitForm")
    assert offence("emulation/scale.py", "danvan.petitions.scale.Table")
    assert offence("democracy/views/a.py", "danvan.petitions.views.items")
    assert offence("democracy/a.py", "danvan.petitions.services._search_text")
    assert offence("democracy/a.py", "danvan.petitions")
    assert offence("democracy/tests/test_a.py", "danvan.petitions.forms.PetitionForm")


def test_it_lets_an_app_use_another_apps_services_selectors_statistics_and_models():
    assert offence("democracy/services/boards.py", "danvan.petitions.services.petition_create") is None
    assert offence("democracy/views/a.py", "danvan.supervision.services.reports.report_submit") is None
    assert offence("democracy/views/a.py", "danvan.supervision.selectors") is None
    assert offence("petitions/models.py", "danvan.supervision.models.MonitoringField") is None
    assert offence("petitions/tests/test_a.py", "danvan.supervision.tests.factories.build_group") is None
    assert offence("petitions/views/a.py", "danvan.petitions.forms.PetitionForm") is None  # its own


def test_core_and_the_project_files_import_no_domain_app():
    assert offence("core/views/a.py", "danvan.petitions.selectors")
    assert offence("urls.py", "danvan.petitions.urls")
    assert offence("core/tests/test_demo.py", "danvan.petitions.models.Petition") is None
    assert offence("conftest.py", "danvan.supervision.tests.factories") is None
