"""Shared pieces of the browser tests (Debian's Chromium, never a downloaded one)."""

import os
import shutil
from pathlib import Path

import pytest

from danvan.core.tests.cast import PASSWORD

SHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[3] / "test-results" / "screenshots"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make chromium` installs Debian's package (browser tests never skip).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture(scope="session")
def _migrated_data(django_db_setup, django_db_blocker):
    """The rows the migrations seeded (reference data), captured once before any browser test empties the
    database: pytest-django runs live-server tests last, and every test before them rolls back. Django's own
    serialized rollback cannot be used: Playwright's event loop gives the test a different connection object
    than the one the snapshot was stored on."""
    from django.db import connection

    with django_db_blocker.unblock():
        snapshot = connection.creation.serialize_db_to_string()
    _SNAPSHOT[:] = [snapshot]
    return snapshot


def _put_back(snapshot: str) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    ContentType.objects.all().delete()
    connection.creation.deserialize_db_from_string(snapshot)
    ContentType.objects.clear_cache()


@pytest.fixture
def migrated_data(_migrated_data, transactional_db):
    """A live server needs committed data; each live-server test ends by emptying the database, after which
    Django recreates the content types under new ids: put back the migrated rows with their own ids."""
    _put_back(_migrated_data)


@pytest.fixture
def csp_violations(page):
    messages = []
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    return messages


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def log_in(page, site, username="district_user"):
    page.goto(f"{site}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


_SNAPSHOT: list[str] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a live-server test has emptied the database (its fixtures torn down), put the migrated rows back:
    with pytest-xdist a worker may run other modules after a browser test, and they expect reference data."""
    result = yield
    if "migrated_data" in getattr(item, "fixturenames", ()) and _SNAPSHOT and nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _put_back(_SNAPSHOT[0])
    return result
