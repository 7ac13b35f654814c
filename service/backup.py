"""`haven backup`: SQLite's online backup, consistent even while the service writes."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from service.settings import Settings


def backup(settings: Settings, target: str) -> int:
    if settings.is_postgres:
        raise ValueError("on PostgreSQL, use pg_dump: it is consistent and restorable")
    source_path = settings.sqlite_path
    if not source_path.exists():
        raise ValueError(f"no database at {source_path}")
    if not Path(target).resolve().parent.is_dir():
        raise ValueError(f"backup path: the folder {Path(target).resolve().parent} does not exist")
    partial = target + ".partial"
    with contextlib.closing(sqlite3.connect(source_path)) as src, \
            contextlib.closing(sqlite3.connect(partial)) as dst:
        src.backup(dst)
    os.replace(partial, target)  # a half-written copy never sits under the final name
    return os.path.getsize(target)
