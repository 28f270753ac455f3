"""The verb scheme of services (docs/architecture.md, Writes): a new row is `<entity>_create(*, actor, ...)`, a
correction `<entity>_update(*, actor, <entity>, expected_version, ...)`; no `<entity>_save` doing both, so that a
caller says which it means and an edit always carries the version its form was opened with."""

import ast
from collections.abc import Iterator
from pathlib import Path

import danvan

ROOT = Path(danvan.__file__).resolve().parent


def services() -> Iterator[tuple[str, ast.FunctionDef]]:
    """(path, function) of every public function in a `services` module or package of any app."""
    paths = sorted({*ROOT.glob("*/services.py"), *ROOT.glob("*/services/*.py")})
    for path in paths:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield str(path.relative_to(ROOT)), node


def test_the_check_sees_the_services():
    names = {node.name for _path, node in services()}
    assert {"person_create", "person_update", "petition_create", "disclosure_update"} <= names


def test_no_service_both_creates_and_updates():
    offenders = [f"{path}: {node.name}" for path, node in services() if node.name.endswith("_save")]
    assert not offenders, "Split into <entity>_create and <entity>_update sharing a private helper"


def test_every_update_takes_the_version_it_was_opened_with():
    offenders = [
        f"{path}: {node.name}"
        for path, node in services()
        if node.name.endswith("_update") and "expected_version" not in {a.arg for a in node.args.kwonlyargs}
    ]
    assert not offenders
