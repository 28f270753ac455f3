"""Every URL pattern of the application against the standard cast. A new URL must be registered here.

Expected answers: 200 (or 302 after a successful form), 403 without the role, 404 outside the scope,
302 to the login page for anonymous users. A POST by someone who may not write changes nothing.
"""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from danvan.conftest import CAST
from danvan.core.access import loader_actor
from danvan.core.models import AuditEntry, ExportJob, Membership, OrgImportJob, Reorganization


def _names(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{prefix}{pattern.name}"


from danvan.core.tests.test_access_matrix_shapes import (  # noqa: E402
    ADMIN,
    ADMIN_IN_A,
    ALL,
    CREATE,
    EDIT_A,
    IN_A,
    PUBLIC,
)


def _membership_a(w):
    return Membership.objects.get(user=w.users["viewer_a"]).pk


def _export_of_editor_a(w):
    return ExportJob.objects.get(title="MATRIX").pk


# An export job belongs to whoever asked for it (and administrators); everyone else: 404.
OWN_EXPORT = {"editor_a": 200, "viewer_a": 404, "user_b": 404, "district_user": 404, "admin": 200, "anonymous": 302}


def _org_import_of_editor_a(w):
    return OrgImportJob.objects.get(name="MATRIX").pk


def _reorg_a(w):
    return Reorganization.objects.get(legal_basis="MATRIX").pk


# name -> (kwargs from the world, expected status per cast member for GET)
MATRIX = {
    "login": (lambda w: {}, {**PUBLIC, **{n: 302 for n in CAST if n != "anonymous"}}),  # signed-in users move on
    "logout": (None, "POST only: covered by test_logout_needs_a_post"),
    "password_change": (lambda w: {}, ALL),
    "password_change_done": (lambda w: {}, ALL),
    "set_language": (None, "POST only: covered by test_language_switch"),
    "healthz": (lambda w: {}, PUBLIC),
    "core:home": (lambda w: {}, ALL),
    "core:search": (lambda w: {}, ALL),
    "core:unit_list": (lambda w: {}, ALL),
    "core:unit_tree": (lambda w: {}, ALL),
    "core:unit_tree_children": (lambda w: {"pk": w.commune_a.pk}, IN_A),
    "core:unit_create": (lambda w: {}, CREATE),
    "core:unit_options": (lambda w: {}, ALL),
    "core:unit_detail": (lambda w: {"pk": w.commune_a.pk}, IN_A),
    "core:unit_edit": (lambda w: {"pk": w.commune_a.pk}, EDIT_A),
    "core:reorganization_list": (lambda w: {}, ALL),
    "core:reorganization_create": (lambda w: {}, CREATE),
    "core:reorganization_detail": (lambda w: {"pk": _reorg_a(w)}, IN_A),
    "core:party_org_list": (lambda w: {}, ALL),
    "core:party_org_create": (lambda w: {}, CREATE),
    "core:party_org_detail": (lambda w: {"pk": w.party_org_a.pk}, IN_A),
    "core:party_org_edit": (lambda w: {"pk": w.party_org_a.pk}, EDIT_A),
    "core:party_org_change": (lambda w: {"pk": w.party_org_a.pk}, EDIT_A),
    "core:body_list": (lambda w: {}, ALL),
    "core:body_create": (lambda w: {}, CREATE),
    "core:body_detail": (lambda w: {"pk": w.body_a.pk}, IN_A),
    "core:body_edit": (lambda w: {"pk": w.body_a.pk}, EDIT_A),
    "core:person_list": (lambda w: {}, ALL),
    "core:person_create": (lambda w: {}, CREATE),
    "core:person_detail": (lambda w: {"pk": w.person_a.pk}, IN_A),
    "core:person_edit": (lambda w: {"pk": w.person_a.pk}, EDIT_A),
    "core:position_create": (lambda w: {"pk": w.person_a.pk}, EDIT_A),
    "core:membership_list": (lambda w: {}, ADMIN),
    "core:membership_create": (lambda w: {}, ADMIN),
    "core:membership_end": (lambda w: {"pk": _membership_a(w)}, ADMIN_IN_A),
    "core:account_create": (lambda w: {}, ADMIN),
    "core:audit_log": (lambda w: {}, ADMIN),
    "core:notification_list": (lambda w: {}, ALL),
    "core:notification_open": (None, "POST only: covered by test_notifications.py"),
    "core:notification_read_all": (None, "POST only: covered by test_notifications.py"),
    "core:export_list": (lambda w: {}, ALL),
    "core:export_job": (lambda w: {"pk": _export_of_editor_a(w)}, OWN_EXPORT),
    "core:export_download": (lambda w: {"pk": _export_of_editor_a(w)}, OWN_EXPORT),
    "core:org_import": (lambda w: {}, CREATE),
    "core:org_import_template": (lambda w: {"kind": "party_orgs"}, CREATE),
    "core:org_import_job": (lambda w: {"pk": _org_import_of_editor_a(w)}, OWN_EXPORT),
    "core:org_import_confirm": (None, "POST only: covered by test_org_imports.py"),
    # the official unit list: superusers and national unit managers only (a job of the admin's)
    "core:unit_import": (lambda w: {}, ADMIN),
    "core:unit_import_job": (lambda w: {"pk": OrgImportJob.objects.get(name="MATRIX-UNITS").pk}, ADMIN),
    "core:unit_import_confirm": (None, "POST only: covered by test_unit_import_page.py"),
    "core:reference_index": (lambda w: {}, ADMIN),
    "core:reference_list": (lambda w: {"kind": "vai-tro"}, ADMIN),
    "core:reference_create": (lambda w: {"kind": "vai-tro"}, ADMIN),
    "core:reference_edit": (lambda w: {"kind": "vai-tro", "pk": 1}, ADMIN),
}


# Other modules register their URLs in danvan/<app>/tests/matrix.py: MATRIX (same shape) and prepare(world); an
# optional grow(world) adds more rows of what their lists show (test_query_counts.py); an optional POSTS (same
# shape) gives the expected answers of POST-only URLs (a state machine's steps, adding files): every cast member
# who may not take it is checked to get its answer and to change nothing.
POSTS = {}
MODULES = []
for _config in apps.get_app_configs():
    if _config.name.startswith("danvan.") and _config.name != "danvan.core":
        try:
            _module = importlib.import_module(f"{_config.name}.tests.matrix")
        except ModuleNotFoundError:
            continue
        MODULES.append(_module)
        MATRIX.update(_module.MATRIX)
        POSTS.update(getattr(_module, "POSTS", {}))


def test_every_url_pattern_is_in_the_matrix():
    names = set(_names(get_resolver().url_patterns))
    missing = names - set(MATRIX)
    assert not missing, f"Register these URL names in the access matrix: {sorted(missing)}"
    assert not set(MATRIX) - names, "The matrix names URLs that no longer exist"


def _models():
    return [model for model in apps.get_models() if not model._meta.proxy and model._meta.managed]


def row_counts() -> dict[str, int]:
    """The number of rows of every table, in one query (a POST that may not write must change none)."""
    tables = sorted({model._meta.db_table for model in _models()})
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables))
        return dict(zip(tables, cursor.fetchone(), strict=True))


def prepare_matrix(world) -> None:
    """Every module's records (its `prepare(world)`) and a reorganization, for the matrix's URLs."""
    from danvan.core.services import units

    for module in MODULES:
        module.prepare(world)
    # A reorganization that concerns commune A only (a rename), so that B's user must not see it.
    units.reorganization_create(
        actor=loader_actor(),
        kind="rename",
        legal_basis="MATRIX",
        effective_date=world.commune_a.valid_from.replace(year=2018),
        units=[world.commune_a],
        new_name="An Lộc",
    )
    # A finished large export of editor_a's (core.exporting).
    job = ExportJob(user=world.users["editor_a"], exporter="can-bo", title="MATRIX", status=ExportJob.Status.DONE)
    job.file.save("matrix.xlsx", ContentFile(b"PK matrix"), save=False)
    job.save()
    # A checked import of Party organisations by editor_a (core.imports.org_job).
    job = OrgImportJob(
        user=world.users["editor_a"],
        kind="party_orgs",
        scope=world.commune_a,
        day=world.commune_a.valid_from,
        name="MATRIX",
        status=OrgImportJob.Status.CHECKED,
    )
    job.file.save("matrix.csv", ContentFile(b"Ma,Ten"), save=False)
    job.save()
    # A checked import of the packaged unit list by the admin (core.imports.unit_job).
    OrgImportJob.objects.create(
        user=world.users["admin"],
        kind=OrgImportJob.Kind.UNITS,
        day=world.commune_a.valid_from,
        name="MATRIX-UNITS",
        status=OrgImportJob.Status.CHECKED,
    )


@pytest.fixture(scope="module")
def _matrix_rows(_module_world, django_db_blocker):
    """The matrix's records, added once to the module's world inside the transaction that `_module_world` rolls
    back; each test runs in its own savepoint on top of them (the `db` fixture). Returns the number of rows of
    every table as prepared."""
    with django_db_blocker.unblock():
        prepare_matrix(_module_world)
        return row_counts()


@pytest.fixture
def matrix_world(_matrix_rows, world):
    # The matrix reads only the primary keys of world.extra's instances (anything else through queries), so they
    # need no refresh per test. The rows are as prepared: the previous test's savepoint was rolled back.
    assert row_counts() == _matrix_rows, "a test of the matrix left rows behind"
    return world


CASES = [(name, member) for name, (kwargs, expected) in MATRIX.items() if kwargs for member in CAST]


@pytest.mark.parametrize(("name", "member"), CASES)
def test_get(matrix_world, client_for, name, member):
    kwargs_fn, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs_fn(matrix_world))
    response = client_for(member).get(url)
    assert response.status_code == expected[member], f"{member} GET {url}"
    if member == "anonymous" and expected[member] == 302:
        assert response["Location"].startswith(reverse("login"))


WRITE_VIEWS = [
    name
    for name, (kwargs, expected) in MATRIX.items()
    if kwargs and (expected in (EDIT_A, CREATE, ADMIN) or name.endswith(("_create", "_edit", "_end")))
]


FORBIDDEN_POSTS = [(name, member) for name in WRITE_VIEWS for member in CAST if MATRIX[name][1][member] != 200]


@pytest.mark.parametrize(("name", "member"), FORBIDDEN_POSTS)
def test_a_post_without_the_right_changes_nothing(matrix_world, client_for, name, member):
    kwargs_fn, expected = MATRIX[name]
    client = client_for(member)
    url = reverse(name, kwargs=kwargs_fn(matrix_world))
    audit_before, rows_before = AuditEntry.objects.count(), row_counts()
    response = client.post(url, {"name": "<script>x</script>", "full_name": "X", "valid_from": "01/01/2020"})
    assert response.status_code in (302, 403, 404)
    if member == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected[member]
    assert AuditEntry.objects.count() == audit_before
    changed = {table for table, count in row_counts().items() if count != rows_before[table]}
    assert not changed, f"{member} POST {url} changed the number of rows of {sorted(changed)}"


FORBIDDEN_POST_ONLY = [
    (name, member) for name, (_k, expected) in POSTS.items() for member in CAST if expected[member] != 200
]


def test_post_only_urls_are_in_the_matrix():
    assert set(POSTS) <= set(MATRIX), "POSTS names URLs that are not in a MATRIX"
    for name in POSTS:
        assert MATRIX[name][0] is None, f"{name} is POST only: its MATRIX entry says so"


@pytest.mark.parametrize(("name", "member"), FORBIDDEN_POST_ONLY)
def test_a_post_only_url_refuses_without_the_right_and_changes_nothing(matrix_world, client_for, name, member):
    kwargs_fn, expected = POSTS[name]
    client = client_for(member)
    url = reverse(name, kwargs=kwargs_fn(matrix_world))
    audit_before, rows_before = AuditEntry.objects.count(), row_counts()
    response = client.post(url, {"version": "1", "reason": "x", "note": "x", "on": "01/01/2020"})
    if member == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected[member], f"{member} POST {url}"
    assert AuditEntry.objects.count() == audit_before
    changed = {table for table, count in row_counts().items() if count != rows_before[table]}
    assert not changed, f"{member} POST {url} changed the number of rows of {sorted(changed)}"


def test_logout_needs_a_post(client_for):
    client = client_for("viewer_a")
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_language_switch(client_for):
    client = client_for("viewer_a")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page and "Your roles" in page and "Vai trò của bạn" not in page
