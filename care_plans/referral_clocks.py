"""How long a referral may wait in each state before it counts as stalled, per kind of service.

The defaults are a data file (`referral_clocks.csv`) with the source of each beside it;
jurisdictions differ, so a deployment edits the file. Drafted: days to send it; sent: days for
the organisation to answer; accepted: days from sending until the service starts (the IDEA Part C
45 days run from the referral, not from the acceptance).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("referral_clocks.csv")


@dataclass(frozen=True)
class Clock:
    kind: str
    label: str
    therapeutic: bool
    send_days: int
    answer_days: int
    start_days: int
    source: str


def _load() -> dict[str, Clock]:
    with DATA.open(newline="") as f:
        return {r["kind"]: Clock(r["kind"], r["label"], r["therapeutic"] == "yes", int(r["send_days"]),
                                 int(r["answer_days"]), int(r["start_days"]), r["source"])
                for r in csv.DictReader(f)}


CLOCKS = _load()
KINDS = tuple(CLOCKS)
THERAPEUTIC = tuple(k for k, c in CLOCKS.items() if c.therapeutic)


def deadline(kind: str, state: str, state_at: dt.datetime, sent_at: dt.datetime | None) -> dt.datetime | None:
    """When a referral in `state` stalls; None for states with no clock."""
    clock = CLOCKS.get(kind, CLOCKS["other"])
    if state == "drafted":
        return state_at + dt.timedelta(days=clock.send_days)
    if state == "sent":
        return state_at + dt.timedelta(days=clock.answer_days)
    if state == "accepted":
        return (sent_at or state_at) + dt.timedelta(days=clock.start_days)
    return None
