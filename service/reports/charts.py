"""An indicator's months as a PNG, drawn with matplotlib's object API (never pyplot, whose
global state is unsafe in a server). The page shows the same numbers as a table beside it."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from service.reports.schemas import MonthOut

SCALE = {"share": (100, "% of those due"), "per_1000_days": (1, "per 1,000 days in care"),
         "per_child_year": (1, "per child-year")}


def png(name: str, unit: str, months: list[MonthOut]) -> bytes:
    factor, label = SCALE[unit]
    fig = Figure(figsize=(6.4, 2.8), dpi=100)
    ax = fig.add_subplot()
    labels = [m.month for m in months]
    values = [m.value * factor if m.value is not None else 0 for m in months]
    bars = ax.bar(range(len(months)), values, color="#3b5b7a")
    for bar, m in zip(bars, months):
        if m.value is None:  # suppressed, none due or not yet recorded: said, not drawn as zero
            ax.annotate("–", (bar.get_x() + bar.get_width() / 2, 0), ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(len(months)), labels, rotation=45, ha="right", fontsize=7)
    ax.set_ylabel(label, fontsize=8)
    ax.set_title(name, fontsize=10)
    if unit == "share":
        ax.set_ylim(0, 100)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
