"""`haven export research` run as an operator would, on the demo: the files and the manifest
appear in the folder, the command prints one JSON line and no progress bar when not on a
terminal, the pseudonym key stays beside the database, and no name or case number leaves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests import engine as test_engine
from tests.engines.test_haven_demo_fills_an_empty_database_once import query


def haven(args, env, cwd):
    return subprocess.run([sys.executable, "-m", "service.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_the_demo_exports_without_identifiers(tmp_path):
    kind, url, _ = test_engine.demo_copy()
    env = {**os.environ, "HAVEN_DATABASE_URL": url, "HAVEN_SCHEDULER": "false"}
    env.pop("HAVEN_RESEARCH_KEY", None)
    try:
        done = haven(["export", "research", "--from", "2000-01-01", "--to", "2100-12-31", "out"], env, tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""  # no bar drawn into a log
        summary = json.loads(done.stdout)
        manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
        assert summary["k_reached"] == manifest["k_reached"] >= 5
        assert summary["rows"]["children"] + manifest["children_suppressed"] == manifest["children_in_period"] > 30
        key_file = (tmp_path if kind == "postgres" else database_folder(url)) / "haven.research-key"
        key = key_file.read_text().strip()
        text = "".join(f.read_text() for f in (tmp_path / "out").iterdir())
        identifiers = {v for row in query(url, "SELECT display_name, case_number FROM child") for v in row}
        assert key not in text and not [i for i in identifiers if i in text]
        again = haven(["export", "research", "--from", "2000-01-01", "--to", "2100-12-31", "out"], env, tmp_path)
        assert again.returncode == 2 and "not empty" in again.stderr
    finally:
        test_engine.drop(kind, url)


def database_folder(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///")).parent
