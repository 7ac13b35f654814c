"""The standardised screens whose results Haven records, and when the AAP asks for screening.

Only names, domain names and zones: the instruments' items are copyrighted (ASQ-3 and ASQ:SE-2
by Paul H. Brookes; only the score summary may be used by other systems) and are never stored
(../shared/reference/domain-reference.md §2.2, practice-and-outcomes.md §2).
"""

from __future__ import annotations

import datetime as dt

from milestones import ages
from service.i18n import N_

ZONES = ("above_cutoff", "monitoring", "below_cutoff")
ZONE_WORDS = {"above_cutoff": "above the cutoff", "monitoring": "in the monitoring zone",
              "below_cutoff": "below the cutoff"}
# code -> (name, the domains it scores, or None where it gives its own result or free domains)
INSTRUMENTS = {
    "asq3": ("ASQ-3", ("communication", "gross_motor", "fine_motor", "problem_solving", "personal_social")),
    "asqse2": ("ASQ:SE-2", ("total",)),
    "mchat_rf": ("M-CHAT-R/F", None),
    "sdq": ("SDQ", None),
    "cse_it": ("CSE-IT", None),
    "other": ("another screen", None),
}

# AAP periodicity (Lipkin & Macias, Pediatrics 2020;145(1):e20193449; autism: Hyman et al.,
# Pediatrics 2020): a general developmental screen at 9, 18 and 30 months, an autism screen at
# 18 and 24 months. Each is due from that age until the next one (the last for 6 months), and is
# met by a screen of its kind from a month before the age on.
AAP_SCREENS = {
    "general": ((9, 18, 30), ("asq3", "other"), N_("a general developmental screen (for example ASQ-3)")),
    "autism": ((18, 24), ("mchat_rf",), N_("an autism screen (M-CHAT-R/F)")),
}
LAST_WINDOW_MONTHS = 6
EARLY = dt.timedelta(days=31)


def name(code: str, other_name: str = "") -> str:
    if code == "other" and other_name:
        return other_name
    return INSTRUMENTS[code][0]


def _windows(months: tuple[int, ...]):
    ends = months[1:] + (months[-1] + LAST_WINDOW_MONTHS,)
    return zip(months, ends)


def screens_due(birth_date: dt.date, gestation: int | None, screened: list[tuple[dt.date, str]],
                today: dt.date) -> list[tuple[str, int]]:
    """(kind, age in months) of each AAP screen due today and not yet recorded; `screened` is
    (screened_on, instrument) of the child's screens."""
    used, found = ages.age_on(birth_date, gestation, today).used_months, []
    for kind, (months, instruments, _) in AAP_SCREENS.items():
        for age, end in _windows(months):
            if not age <= used < end:
                continue
            since = ages.reaches(birth_date, gestation, age) - EARLY
            if not any(on >= since and code in instruments for on, code in screened):
                found.append((kind, age))
    return found


def next_screen_change(birth_date: dt.date, gestation: int | None, today: dt.date) -> dt.date | None:
    """The next day on which a screen's window opens or closes."""
    used = ages.age_on(birth_date, gestation, today).used_months
    edges = sorted({m for months, _, _ in AAP_SCREENS.values() for pair in _windows(months) for m in pair})
    later = [m for m in edges if m > used]
    return ages.reaches(birth_date, gestation, later[0]) if later else None


def due_phrase(kind: str, age: int) -> str:
    return f"{AAP_SCREENS[kind][2][0].upper()}{AAP_SCREENS[kind][2][1:]} is due at {age} months (AAP)"
