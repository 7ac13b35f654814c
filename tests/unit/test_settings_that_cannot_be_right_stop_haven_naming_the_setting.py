"""A setting that cannot be right stops `haven` before it does anything, with exit code 2 and a
line naming the setting and what it expects: never a folder made from a wrong URL, a misspelt
boolean read as false, or a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from service.settings import Settings


def haven(args: list[str], cwd, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "service.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **env}, timeout=120)


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("HAVEN_DATABASE_URL", "mysql://root@127.0.0.1/haven", "sqlite:///"),
    ("HAVEN_DATABASE_URL", "haven.db", "postgresql://"),
    ("HAVEN_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/haven", "cannot reach PostgreSQL"),
    ("HAVEN_SCHEDULER", "ture", "true or false"),
    ("HAVEN_COOKIE_SECURE", "maybe", "true or false"),
    ("HAVEN_SCAN_MINUTES", "five", "a whole number"),
])
def test_a_wrong_setting_stops_haven_naming_it_and_writes_nothing(tmp_path, name, value, expected):
    done = haven(["init"], tmp_path, **{"HAVEN_DATABASE_URL": f"sqlite:///{tmp_path}/haven.db", name: value})
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith(f"haven: {name}: ") and expected in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "Database is ready" not in done.stdout
    assert list(tmp_path.iterdir()) == []  # no database, no folder named after a URL


def test_a_password_in_an_unreachable_url_is_not_repeated(tmp_path):
    done = haven(["init"], tmp_path, HAVEN_DATABASE_URL="postgresql://postgres:hunter2-secret@127.0.0.1:1/x")
    assert done.returncode == 2 and "hunter2-secret" not in done.stderr and ":***@" in done.stderr


def test_a_boolean_may_be_spelt_any_usual_way():
    for word, meant in (("false", False), ("No", False), ("OFF", False), ("0", False), ("yes", True), ("On", True)):
        assert Settings.from_env({"HAVEN_SCHEDULER": word}).scheduler is meant


def test_haven_says_its_version(tmp_path):
    done = haven(["--version"], tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("haven ") and "unknown" not in done.stdout


def test_a_backup_into_a_folder_that_does_not_exist_is_refused_naming_it(tmp_path):
    url = f"sqlite:///{tmp_path}/haven.db"
    assert haven(["init"], tmp_path, HAVEN_DATABASE_URL=url).returncode == 0
    done = haven(["backup", str(tmp_path / "missing" / "copy.db")], tmp_path, HAVEN_DATABASE_URL=url)
    assert done.returncode == 2 and "backup path" in done.stderr and str(tmp_path / "missing") in done.stderr
    assert not (tmp_path / "missing").exists()
