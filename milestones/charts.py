"""Development over time: each domain's share of the due milestones observed that were achieved,
at each assessment, against the age used, with concerns and regressions marked. A due
milestone never observed is unknown: it is counted beside the share, never in it.

`chart_data` is the one computation; the JSON twin returns it as it is and `image` draws it.
Drawing takes tens of milliseconds, so images are cached (bounded, least recently used) under
the child, the newest assessment, the format and a digest of the data, so any new or changed
assessment, or a corrected birth date, draws afresh. Matplotlib's object API only: pyplot
keeps global state that is unsafe in a server.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from milestones import catalogue
from milestones.ages import age_on
from milestones.summary import Seen, summarise

TITLE = "Share of observed due CDC milestones achieved, by domain"
EMPTY = "No assessments yet. Record one to see development over time."
LABELS = {"social_emotional": "Social/emotional", "language_communication": "Language/communication",
          "cognitive": "Cognitive", "movement_physical": "Movement/physical"}
# Told apart without colour: each domain has its own marker and line style.
STYLES = {"social_emotional": ("o", "-", "#1b1b1b"), "language_communication": ("s", "--", "#4a4a4a"),
          "cognitive": ("^", "-.", "#6f6f6f"), "movement_physical": ("D", ":", "#2f2f2f")}
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
CACHE_SIZE = 256


@dataclass(frozen=True)
class DomainPoint:
    domain: str
    due: int
    observed: int
    achieved: int
    never_observed: int
    share_achieved: float | None  # achieved ÷ observed; None when nothing due was observed
    concerns: list[str]
    regressions: list[str]


@dataclass(frozen=True)
class Point:
    assessment_id: str
    assessed_on: dt.date
    age_used_months: int
    domains: list[DomainPoint]


def chart_data(facts: dict, assessments: list[dict]) -> list[Point]:
    """One point per assessment within the checklist ages, from everything observed up to and
    including it; reviews past 5 years have no milestones to chart."""
    points, observed = [], []
    for a in assessments:
        observed += [Seen(o["milestone"], o["status"], a["assessed_on"]) for o in a["observations"]]
        age = age_on(facts["birth_date"], facts["gestational_age_weeks"], a["assessed_on"])
        if age.used_months > catalogue.LAST_CHECKPOINT:
            continue
        points.append(Point(str(a["id"]), a["assessed_on"], age.used_months,
                            _domain_points(summarise(age, observed))))
    return points


def _domain_points(summary) -> list[DomainPoint]:
    points = []
    for count in summary.domains:
        concerns = [i.code for i in summary.concerns if i.domain == count.domain]
        lost = [i.code for i in summary.regressions if i.domain == count.domain]
        points.append(DomainPoint(count.domain, count.due, count.observed, count.achieved,
                                  count.never_observed, count.share_achieved, concerns, lost))
    return points


_cache: OrderedDict[tuple, bytes] = OrderedDict()
_lock = threading.Lock()


def image(child_id: str, newest_assessment: str | None, points: list[Point], fmt: str) -> bytes:
    digest = hashlib.sha256(repr([asdict(p) for p in points]).encode()).hexdigest()
    key = (child_id, newest_assessment, fmt, digest)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    drawn = draw(points, fmt)
    with _lock:
        _cache[key] = drawn
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return drawn


def draw(points: list[Point], fmt: str) -> bytes:
    figure = Figure(figsize=(10, 4.8), dpi=100)
    axes = figure.add_subplot()
    if points:
        _plot(axes, points)
    else:
        _empty(axes)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return out.getvalue()


def _plot(axes, points: list[Point]) -> None:
    ages = [p.age_used_months for p in points]
    for n, domain in enumerate(catalogue.DOMAINS):
        marker, line, colour = STYLES[domain]
        shares = [_percent(p.domains[n].share_achieved) for p in points]
        axes.plot(ages, shares, marker=marker, linestyle=line, color=colour, label=LABELS[domain])
        _flags(axes, ages, shares, [p.domains[n] for p in points])
    axes.set_title(TITLE)
    axes.set_xlabel("Age used (months; corrected for prematurity until 24 months)")
    axes.set_ylabel("Observed due milestones achieved (%)")
    axes.set_ylim(-5, 105)
    # Ages are whole months: whole-month ticks, and at least a month either side, so that a
    # single assessment does not get an axis of fractions around one age.
    axes.set_xlim(min(ages) - 1, max(ages) + 1)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    handles = axes.get_legend_handles_labels()[0] + _flag_legend()
    axes.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    axes.grid(True, color="#dddddd")


def _flags(axes, ages, shares, domain_points) -> None:
    """A ring round a point with concerns; a downward triangle where a skill was lost."""
    for age, share, point in zip(ages, shares, domain_points):
        if point.concerns and not math.isnan(share):
            axes.plot(age, share, marker="o", markersize=14, fillstyle="none", color="black")
        if point.regressions and not math.isnan(share):
            axes.plot(age, share, marker="v", markersize=11, color="black")


def _flag_legend() -> list[Line2D]:
    return [Line2D([], [], marker="o", markersize=12, fillstyle="none", color="black",
                   linestyle="none", label="Concern: due, not yet"),
            Line2D([], [], marker="v", markersize=10, color="black", linestyle="none",
                   label="Regression: skill lost")]


def _percent(share: float | None) -> float:
    return math.nan if share is None else share * 100


def _empty(axes) -> None:
    axes.set_title(TITLE)
    axes.text(0.5, 0.5, EMPTY, ha="center", va="center", wrap=True, fontsize=12,
              transform=axes.transAxes)
    axes.set_axis_off()
