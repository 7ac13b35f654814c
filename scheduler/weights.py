"""Risk weights: configurable defaults loaded from a data file with their sources.

`scheduler/risk_weights.csv` holds one row per factor (code, points, description, source) and
the score thresholds of each level. No validated numeric weights exist for re-trafficking
risk: the file says so, and so does the risk page. Loading is idempotent: `haven init` may run
any number of times, and an edited file updates the stored points.
"""

from __future__ import annotations

import csv
from pathlib import Path

from scheduler.tables import RiskWeight
from service import db

DATA_FILE = Path(__file__).with_name("risk_weights.csv")
NOTE = ("No validated numeric weights exist for re-trafficking risk: these points are "
        "configurable defaults, and the indicators come from published sources.")
LEVEL_CODES = {"medium": "level_medium", "high": "level_high", "critical": "level_critical"}


def read_file(path: Path = DATA_FILE) -> list[dict]:
    with path.open(newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return [{**row, "points": int(row["points"])} for row in csv.DictReader(lines)]


async def load(path: Path = DATA_FILE) -> None:
    rows = read_file(path)
    await RiskWeight.insert(*[RiskWeight(**row) for row in rows]).on_conflict(
        target=RiskWeight.code, action="DO UPDATE",
        values=[RiskWeight.points, RiskWeight.description, RiskWeight.source],
    )


_ALL = db.Prepared(lambda: RiskWeight.select(RiskWeight.code, RiskWeight.points, RiskWeight.description,
                                              RiskWeight.source))


async def current() -> dict[str, dict]:
    """Every weight by code, as stored (one query)."""
    return {r["code"]: r for r in await _ALL.run()}
