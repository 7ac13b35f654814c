"""How long a referral may wait in each state before it counts as stalled, per kind of service.

The defaults are a data file (`referral_clocks.csv`) with the source of each beside it;
jurisdictions differ, so a deployment can name its own file of the same shape
(`HAVEN_REFERRAL_CLOCKS`). Drafted: days to send it; sent: days for
the organisation to answer; accepted: days from sending until the service starts (the IDEA Part C
45 days run from the referral, not from the acceptance).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from service.settings import Settings

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


def _load(path: Path) -> dict[str, Clock]:
    try:
        with path.open(newline="") as f:
            clocks = {r["kind"]: Clock(r["kind"], r["label"], r["therapeutic"] == "yes", int(r["send_days"]),
                                       int(r["answer_days"]), int(r["start_days"]), r["source"])
                      for r in csv.DictReader(f)}
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"HAVEN_REFERRAL_CLOCKS: {path} is not a clock file like {DATA.name} ({exc})") from None
    return clocks


def _chosen() -> dict[str, Clock]:
    """The shipped clocks, or a deployment's own file (`HAVEN_REFERRAL_CLOCKS`) that must clock
    every kind the shipped file does, so no referral is left without a deadline."""
    shipped = _load(DATA)
    path = Settings.from_env().referral_clocks.strip()
    if not path:
        return shipped
    own = _load(Path(path))
    missing = sorted(set(shipped) - set(own))
    if missing:
        raise ValueError(f"HAVEN_REFERRAL_CLOCKS: {path} has no clock for {', '.join(missing)}")
    return own


CLOCKS = _chosen()
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
