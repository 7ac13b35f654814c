"""The re-trafficking risk score: additive and explainable, over events in time.

Each factor is a published indicator (see `risk_weights.csv`) with its points and since when.
The points are configurable defaults, not validated weights. `assess` is a pure function of
one child's facts (`scheduler.facts.ChildFacts`); `changes_after` says when it could next
change with no new record, so the scan knows when to look again.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from care_plans.cadence import Cadence, start_of
from service import clock
from service.i18n import N_, phrases

LEVELS = ("low", "medium", "high", "critical")
INDICATORS = {
    "exploiter_contact": N_("contact with a suspected exploiter"),
    "unexplained_items": N_("unexplained money, phone or gifts"),
    "older_companion": N_("an older boyfriend, girlfriend or companion"),
}
# Each factor's words, kept in English with the score; a page says them in its reader's language.
# A count's two forms: (one, more than one).
MOVES = phrases(N_("%(num)s placement change in the last 90 days"), N_("%(num)s placement changes in the last 90 days"))
UNPLANNED = phrases(N_("%(num)s unplanned move in the last 90 days"), N_("%(num)s unplanned moves in the last 90 days"))
EPISODES = phrases(N_("%(num)s missing episode in the last 12 months"), N_("%(num)s missing episodes in the last 12 months"))
REPEATS = phrases(N_("%(num)s repeat episode"), N_("%(num)s repeat episodes"))
MISSING_NOW, BACK, FLAGGED = phrases(N_("Missing from care since %(since)s"),
                                     N_("Back from missing %(num)s days ago (on %(on)s)"), N_("Flagged: %(indicator)s"))
AGED, NO_DOCUMENTS, INDEPENDENT = (N_("Aged 12 to 17"), N_("Holds no identity documents"),
                                   N_("Living in independent (unsupervised) accommodation"))
RECENT_MOVES = dt.timedelta(days=90)
RECENT_MISSING = dt.timedelta(days=365)


@dataclass(frozen=True)
class Factor:
    code: str
    points: int
    detail: str
    since: dt.datetime | dt.date


@dataclass(frozen=True)
class Assessment:
    level: str
    score: int
    factors: list[Factor]


def short(day) -> str:
    if isinstance(day, dt.datetime):
        day = clock.today(day)
    return f"{day.day} {day:%b %Y}"


def assess(f, weights: dict, now: dt.datetime, cadence: Cadence, grace_days: int) -> Assessment:
    factors = [x for rule in FACTOR_RULES for x in rule(f, weights, now, cadence, grace_days)]
    factors = [x for x in factors if x.points > 0]
    score = sum(x.points for x in factors)
    return Assessment(level_for(score, weights), score, factors)


def level_for(score: int, weights: dict) -> str:
    level = "low"
    for name in ("medium", "high", "critical"):
        if score >= _points(weights, f"level_{name}"):
            level = name
    return level


def _points(weights: dict, code: str) -> int:
    row = weights.get(code)
    return row["points"] if row else 0


def _moves(f, weights, now, cadence, grace):
    """Placement changes in the last 90 days; a child's first placement is not a move."""
    cutoff = clock.today(now) - RECENT_MOVES
    moves = [p for p in f.placements[1:] if p[0] >= cutoff]
    if not moves:
        return []
    unplanned = [p for p in moves if not p[1]]
    found = [Factor("placement_change", _points(weights, "placement_change") * len(moves),
                    _n(MOVES, len(moves)), moves[0][0])]
    if unplanned:
        found.append(Factor("unplanned_move", _points(weights, "unplanned_move") * len(unplanned),
                            _n(UNPLANNED, len(unplanned)), unplanned[0][0]))
    return found


def _missing(f, weights, now, cadence, grace):
    recent = [m for m in f.missing if m[0] >= now - RECENT_MISSING or m[1] is None]
    found = []
    if recent:
        found.append(Factor("missing_episode", _points(weights, "missing_episode"),
                            _n(EPISODES, len(recent)), recent[0][0]))
    if len(recent) > 1:
        found.append(Factor("repeat_missing", _points(weights, "repeat_missing") * (len(recent) - 1),
                            _n(REPEATS, len(recent) - 1), recent[1][0]))
    open_ = [m for m in f.missing if m[1] is None]
    if open_:
        found.append(Factor("missing_now", _points(weights, "missing_now"),
                            MISSING_NOW % {"since": short(open_[0][0])}, open_[0][0]))
    return found


# How much a return from missing adds, by days since the child came back: a recent episode is
# the strongest sign a trafficker still has a hold, and the weight falls off on this schedule.
RETURN_SCHEDULE = ((dt.timedelta(days=30), "returned_30_days"), (dt.timedelta(days=90), "returned_90_days"))


def _returned(f, weights, now, cadence, grace):
    returns = [m[1] for m in f.missing if m[1] is not None and m[1] <= now]
    if not returns:
        return []
    latest = max(returns)
    for within, code in RETURN_SCHEDULE:
        if now - latest <= within:
            return [Factor(code, _points(weights, code),
                           BACK % {"num": (now - latest).days, "on": short(latest)}, latest)]
    return []


def _person(f, weights, now, cadence, grace):
    found = []
    twelfth = _birthday(f.birth_date, 12)
    if twelfth <= clock.today(now) < _birthday(f.birth_date, 18):
        found.append(Factor("age_12_17", _points(weights, "age_12_17"), AGED, twelfth))
    if f.documentation_status == "none":
        found.append(Factor("no_identity_documents", _points(weights, "no_identity_documents"),
                            NO_DOCUMENTS, f.registered_at))
    current = f.placements[-1] if f.placements else None
    if current and current[3] is None and current[2] == "independent":
        found.append(Factor("independent_placement", _points(weights, "independent_placement"),
                            INDEPENDENT, current[0]))
    return found


def _flags(f, weights, now, cadence, grace):
    return [Factor(f"indicator_{code}", _points(weights, f"indicator_{code}"),
                   FLAGGED % {"indicator": INDICATORS.get(code, code)}, at) for code, at in f.indicators]


FACTOR_RULES = (_moves, _missing, _returned, _person, _flags)


@functools.lru_cache(maxsize=65536)
def _birthday(born: dt.date, years: int) -> dt.date:
    """Born 29 February: the birthday of a common year is the 28th."""
    return born + relativedelta(years=years)


def _n(forms: tuple[str, str], count: int) -> str:
    return forms[count != 1] % {"num": count}


def changes_after(f, now: dt.datetime) -> dt.datetime | None:
    """The next instant at which the score could change with no new record: a move or an
    episode leaving its window, a return's weight stepping down, a birthday."""
    wakes = [start_of(p[0] + RECENT_MOVES + dt.timedelta(days=1)) for p in f.placements[1:]]
    wakes += [m[0] + RECENT_MISSING for m in f.missing if m[1] is not None]
    wakes += [m[1] + within for m in f.missing if m[1] is not None for within, _ in RETURN_SCHEDULE]
    wakes += [start_of(_birthday(f.birth_date, years)) for years in (12, 18)]
    return min((w for w in wakes if w >= now), default=None)


async def facts_of(child_id):
    """What one child's score is made of, read as the scan reads it (inside the caller's
    transaction)."""
    from scheduler import facts

    child_id = facts._uuid(child_id)
    return (await facts.load([child_id], facts.FOR_RISK))[child_id]
