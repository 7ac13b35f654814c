"""The de-identified research extract: CSV files and a manifest, for people who study whether
the service works and must never learn who a child is.

What it keeps and drops follows HIPAA Safe Harbor's list of identifiers and k-anonymity
(reference/practice-and-outcomes.md §4: 45 CFR 164.514(b)(2); Sweeney 2002):
- every child is a pseudonym, HMAC-SHA256 of the child's id under a key kept outside the
  extract (`HAVEN_RESEARCH_KEY`, or the file `haven.research-key` beside the database), so the
  same child has the same pseudonym in every extract made with that key and no one without the
  key can go back from it;
- no name, case number, database id, staff name, location, reason, note, view, summary or
  goal text: only coded values (kinds, modes, statuses) leave;
- every date is a month (`2026-03`), or a year where k-anonymity needs it; ages are bands at
  entry to care; the finest place is the team;
- the quasi-identifiers (age band, sex, team, month of entry) are generalised step by step, the
  same step for every row, until at most `MAX_SUPPRESSED` of the children sit in groups smaller
  than k; the children still in such groups are left out of every file. The manifest says what
  was removed, which steps were taken and the k reached.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import json
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from service import clock

# ours: a share of children the extract may leave out before it generalises further
MAX_SUPPRESSED = 0.05
FINE_BANDS = ((0, "under 1"), (1, "1-2"), (3, "3-4"), (5, "5-11"), (12, "12-14"), (15, "15-17"), (18, "18+"))
BROAD_BANDS = ((0, "0-4"), (5, "5-11"), (12, "12-17"), (18, "18+"))
QUASI_IDENTIFIERS = ("age_band", "sex", "region", "entered")
# Each step generalises one quasi-identifier further, for every row alike.
STEPS = (
    ("dates to the year", {"dates": "year"}),
    ("age bands widened to 0-4, 5-11, 12-17", {"bands": BROAD_BANDS}),
    ("teams merged into one region", {"region": "all teams"}),
    ("sex withheld", {"sex": "withheld"}),
)
REMOVED = [
    "names (display names, staff usernames)", "case numbers and database ids (children are pseudonyms)",
    "birth dates (age band at entry instead) and gestational age",
    "exact dates and times (month or year instead)", "placement locations and reasons",
    "check-in notes and reasons a check-in was excused", "missing-episode notes",
    "care-plan goals, services, the child's views and review summaries",
    "therapists' notes", "languages", "places finer than the team",
]


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def holds(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class Level:
    dates: str = "month"
    bands: tuple = FINE_BANDS
    region: str | None = None
    sex: str | None = None
    steps: tuple = ()

    def then(self, name: str, change: dict) -> "Level":
        return Level(**{**self.__dict__, **change, "steps": self.steps + (name,)})


def pseudonym(key: bytes, child_id) -> str:
    return hmac.new(key, f"child:{child_id}".encode(), hashlib.sha256).hexdigest()[:24]


def band(birth: dt.date, on: dt.date, bands: tuple) -> str:
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return next(label for low, label in reversed(bands) if years >= low)


def period_of(value, level: Level) -> str:
    """A date or instant as its (local) month or year: never the day."""
    if value is None:
        return ""
    day = clock.local(value).date() if isinstance(value, dt.datetime) else value
    return f"{day.year}" if level.dates == "year" else f"{day.year}-{day.month:02d}"


def quasi(child: dict, level: Level) -> tuple:
    return (band(child["birth_date"], clock.local(child["registered_at"]).date(), level.bands),
            level.sex or child["sex"] or "not recorded", level.region or child["region"],
            period_of(child["registered_at"], level))


def choose_level(children: list[dict], k: int) -> tuple[Level, set]:
    """The first level of generalisation at which few enough children are in groups under k,
    and the ids of those that still are (to suppress)."""
    level = Level()
    for name, change in (None, None), *STEPS:
        level = level if name is None else level.then(name, change)
        small = _in_small_groups(children, level, k)
        if len(small) <= MAX_SUPPRESSED * len(children):
            return level, small
    return level, small


def _in_small_groups(children: list[dict], level: Level, k: int) -> set:
    sizes = Counter(quasi(c, level) for c in children)
    return {c["id"] for c in children if sizes[quasi(c, level)] < k}


def k_reached(children: list[dict], level: Level) -> int | None:
    sizes = Counter(quasi(c, level) for c in children)
    return min(sizes.values()) if sizes else None


def write(folder: Path, tables: dict[str, list[dict]], manifest: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as f:
            out = csv.DictWriter(f, fieldnames=COLUMNS[name])
            out.writeheader()
            out.writerows(rows)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


COLUMNS = {
    "children": ["child", *QUASI_IDENTIFIERS, "status", "risk_level", "documentation_status"],
    "placements": ["child", "kind", "planned", "started", "ended"],
    "check_ins": ["child", "month", "mode", "child_seen", "seen_alone", "excused"],
    "missing_episodes": ["child", "went_missing", "returned", "time_missing"],
    "reviews": ["child", "held", "outcome"],
    "assessments": ["child", "assessed", "milestone", "status"],
}


def new_extract_id() -> str:
    return str(uuid.uuid4())
