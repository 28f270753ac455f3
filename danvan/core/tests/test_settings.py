"""Production settings: configuration from the environment, safe defaults, no silent insecure key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DANVAN_TESTING", "HTTPS", "DJANGO_SETTINGS_MODULE"}
    }
    code = (
        "import danvan.settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.DATABASES['default']['ENGINE'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_a_missing_secret_key_with_debug_off_stops_the_server():
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DANVAN_TESTING", "HTTPS", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(
        [sys.executable, "-c", "import danvan.wsgi"],
        env={**clean, "DEBUG": "false"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "SECRET_KEY phải được đặt" in result.stderr
    # Commands that sign nothing still run, e.g. the migrations check an operator runs before deploying.
    check = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        env={**clean, "DEBUG": "false"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stderr


def test_production_defaults_are_secure_and_database_url_switches_to_postgresql():
    result = run_settings({"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u:p@db:5432/danvan"})
    assert result.stdout.split() == ["False", "True", "31536000", "django.db.backends.postgresql"]


def test_the_laptop_default_is_sqlite():
    result = run_settings({"SECRET_KEY": "x" * 50, "DATABASE_URL": ""})
    assert result.stdout.split()[-1] == "django.db.backends.sqlite3"


def test_the_danvan_command_is_installed_with_the_package_and_is_manage_py():
    command = Path(sys.executable).parent / "danvan"
    result = subprocess.run(
        [str(command), "help", "load_demo"],
        cwd="/",
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DEBUG": "true"},
    )
    assert result.returncode == 0 and "Can Lộc" in result.stdout
