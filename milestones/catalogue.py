"""The CDC 2022 milestone catalogue: loaded from a data file with a source per row.

`cdc_2022.csv` holds the 159 items of the 12 checkpoints (2–60 months) in four domains, each
with its wording (CDC's, pronouns made neutral), its sources, and `check_status`: "full match"
when a second copy of the 2022 checklist has the item word for word, "partly confirmed" when
the second copies found only paraphrase it (five 36-month items and the whole 48-month list,
whose items all appear, reworded, in an independent copy). `load` upserts
by code, so `haven init` may run any number of times and a corrected wording replaces the old.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from milestones.tables import Milestone
from service import db

HERE = Path(__file__).parent
DATA_FILE = HERE / "cdc_2022.csv"
ADVICE_FILE = HERE / "act_early.json"
DOMAINS = ("social_emotional", "language_communication", "cognitive", "movement_physical")
CHECKPOINTS = (2, 4, 6, 9, 12, 15, 18, 24, 30, 36, 48, 60)
LAST_CHECKPOINT = CHECKPOINTS[-1]


@dataclass(frozen=True)
class Item:
    code: str
    domain: str
    age_months: int
    description: str
    source: str
    check_status: str


@dataclass(frozen=True)
class Advice:
    advice: str
    source: str


@cache
def items() -> tuple[Item, ...]:
    """The catalogue as shipped, in checkpoint order: the data file is the one source of truth."""
    with DATA_FILE.open(newline="", encoding="utf-8") as f:
        rows = [Item(**{**r, "age_months": int(r["age_months"])}) for r in csv.DictReader(f)]
    return tuple(sorted(rows, key=lambda i: (i.age_months, DOMAINS.index(i.domain), i.code)))


@cache
def by_code() -> dict[str, Item]:
    return {i.code: i for i in items()}


@cache
def order() -> dict[str, int]:
    """Each milestone's place in the catalogue."""
    return {i.code: n for n, i in enumerate(items())}


@cache
def act_early() -> Advice:
    return Advice(**json.loads(ADVICE_FILE.read_text(encoding="utf-8")))


async def load() -> None:
    """Insert new items and bring existing ones up to the data file, matched by code."""
    columns = (Milestone.domain, Milestone.age_months, Milestone.description, Milestone.source,
               Milestone.check_status)
    rows = [Milestone(**vars(i)) for i in items()]
    async with db.writing():
        await Milestone.insert(*rows).on_conflict(
            target=Milestone.code, action="DO UPDATE", values=columns
        )


async def listed(age_months: int | None, domain: str | None) -> list[dict]:
    query = Milestone.select(*Milestone.all_columns(exclude=[Milestone.id]))
    if age_months is not None:
        query = query.where(Milestone.age_months == age_months)
    if domain is not None:
        query = query.where(Milestone.domain == domain)
    return await query.order_by(Milestone.age_months).order_by(Milestone.code)
