"""The people and words of the demo: forty invented children and the plain, strengths-based
language their records are written in. No real person or place is described.

Tags shape each child's history: preterm, estimated (birth date), moves, unplanned (move),
recent_move, late (visits), lapsed (not seen for weeks), excused, phone (calls to the carer),
missing, repeat_missing, still_missing, draft / submitted (plan not yet approved),
overdue_review, revised (a second plan after a review).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from care_plans.schemas import GoalIn


@dataclass(frozen=True)
class Person:
    name: str
    age_years: float
    team: str
    registered_days_ago: int
    tags: frozenset[str]
    sex: str
    languages: tuple[str, ...]
    documentation: str
    gestational_weeks: int | None
    birth_date: dt.date

    @property
    def estimated(self) -> bool:
        return "estimated" in self.tags


# name, age in years, team, registered days ago, sex, languages, documents, gestation, tags
_ROWS = [
    ("Baby A", 0.15, "north", 40, "female", ("ro",), "partial", 31, "preterm estimated moves"),
    ("Baby M", 0.4, "south", 120, "male", ("vi",), "pending", 34, "preterm"),
    ("Baby K", 0.7, "north", 200, "female", ("sq",), "partial", None, "estimated excused"),
    ("Baby R", 0.9, "south", 260, "male", ("ro",), "partial", 28, "preterm moves"),
    ("Baby T", 0.3, "north", 20, "female", ("en",), "pending", 39, "draft"),
    ("Baby S", 0.6, "south", 150, "female", ("ti",), "pending", 33, "preterm late"),
    ("Baby L", 0.5, "north", 12, "male", ("uk",), "none", None, "estimated submitted"),
    ("Baby J", 0.8, "south", 250, "male", ("ar",), "partial", 40, "overdue_review"),
    ("Ana", 1.5, "north", 180, "female", ("pt",), "partial", None, "excused"),
    ("Dara", 2.2, "south", 90, "female", ("ku",), "pending", None, "moves"),
    ("Emi", 3.1, "north", 240, "female", ("ro",), "full", None, "lapsed"),
    ("Femi", 3.8, "south", 330, "male", ("yo", "en"), "partial", None, "revised"),
    ("Gia", 4.5, "north", 45, "female", ("vi",), "none", None, "unplanned"),
    ("Hana", 2.8, "south", 400, "female", ("am",), "full", None, "moves revised"),
    ("Ines", 6.4, "north", 150, "female", ("es",), "full", None, "phone"),
    ("Jonas", 7.3, "south", 95, "male", ("lt",), "partial", None, "excused"),
    ("Kiri", 8.7, "north", 210, "female", ("ro",), "pending", None, "late"),
    ("Lamin", 9.2, "south", 365, "male", ("wo", "fr"), "partial", None, "moves"),
    ("Mira", 10.5, "north", 18, "female", ("bg",), "none", None, "draft"),
    ("Nuno", 11.8, "south", 270, "male", ("pt",), "full", None, "lapsed"),
    ("Oksana", 11.1, "north", 130, "female", ("uk", "ru"), "partial", None, "unplanned missing"),
    ("Pita", 8.2, "south", 15, "male", ("to",), "pending", None, "submitted"),
    ("Qamar", 10.9, "north", 180, "female", ("ur",), "full", None, ""),
    ("Rafa", 6.7, "south", 240, "male", ("es",), "none", None, "estimated"),
    ("Sina", 12.4, "north", 300, "female", ("fa",), "partial", None, "missing moves"),
    ("Tomas", 13.6, "south", 200, "male", ("sk",), "none", None, "repeat_missing unplanned"),
    ("Uma", 13.2, "north", 80, "female", ("ne",), "pending", None, "late"),
    ("Vlad", 14.5, "south", 400, "male", ("ro",), "partial", None, "revised moves"),
    ("Wen", 14.1, "north", 150, "female", ("zh",), "pending", None, "excused"),
    ("Xiadani", 15.3, "south", 240, "female", ("es",), "none", None, "still_missing repeat_missing"),
    ("Yaw", 15.8, "north", 50, "male", ("tw", "en"), "none", None, "recent_move"),
    ("Zainab", 15.5, "south", 330, "female", ("ar",), "partial", None, "missing"),
    ("Adaeze", 16.2, "north", 120, "female", ("ig", "en"), "pending", None, "estimated"),
    ("Bilal", 16.6, "south", 200, "male", ("ps",), "none", None, "lapsed estimated"),
    ("Chen", 16.9, "north", 90, "male", ("zh",), "pending", None, "moves unplanned"),
    ("Dilnoza", 17.4, "south", 300, "female", ("uz", "ru"), "full", None, "revised"),
    ("Eldar", 17.1, "north", 25, "male", ("az",), "none", None, "draft estimated"),
    ("Fatou", 17.7, "south", 160, "female", ("wo",), "partial", None, "late phone"),
    ("Goran", 12.8, "north", 220, "male", ("sr",), "full", None, "excused"),
    ("Hue", 14.9, "south", 100, "female", ("vi",), "none", None, "moves"),
]


def people(now: dt.datetime) -> list[Person]:
    return [_person(row, now.date()) for row in _ROWS]


def _person(row, today: dt.date) -> Person:
    name, age, team, days_ago, sex, languages, documents, weeks, tags = row
    tags = frozenset(tags.split())
    born = today - dt.timedelta(days=round(age * 365.25))
    if "estimated" in tags:  # estimated birth dates are usually recorded as the 1st
        born = born.replace(day=1) if age < 2 else born.replace(month=1, day=1)
    days_ago = min(days_ago, (today - born).days - 3)
    return Person(name, age, team, days_ago, tags, sex, languages, documents, weeks, born)


def placement_kinds(person: Person) -> list[str]:
    """The first placement, then where moves lead, by age."""
    if person.age_years < 1:
        return ["hospital", "foster"] if "preterm" in person.tags else ["foster", "foster"]
    if person.age_years < 12:
        return ["foster", "kinship", "foster"]
    if person.age_years < 16:
        return ["shelter", "foster", "residential"]
    return ["shelter", "residential", "independent"]


_STREETS = ["Alder Close", "Birch Way", "Cedar Row", "Damson Lane", "Elder Court", "Fir Grove"]


def location_for(person: Person, kind: str, n: int) -> str:
    street = _STREETS[(len(person.name) + n) % len(_STREETS)]
    return f"{kind.title()} placement, {10 + n * 7} {street} ({person.team} district)"


def goals_for(person: Person) -> list[GoalIn]:
    if person.age_years < 3:
        return [GoalIn("development", "Reaches the next movement and language milestones, with "
                                      "physiotherapy advice followed at home"),
                GoalIn("health", "Immunisations up to date and paediatric follow-up kept"),
                GoalIn("family_and_relationships", "Builds a secure, consistent bond with the carer")]
    if person.age_years < 12:
        return [GoalIn("education", "Attends school every week with learning support in place"),
                GoalIn("emotional_wellbeing", "Has a trusted adult and weekly play or talking therapy"),
                GoalIn("identity", "Keeps their first language through a weekly community group")]
    return [GoalIn("safety", "Has a safety plan they helped write and knows who to call"),
            GoalIn("education", "In school or training they have chosen"),
            GoalIn("identity", "Identity documents applied for, with legal advice"),
            GoalIn("independence", "Practises budgeting, cooking and travel on their own")]


def services_for(person: Person) -> list[str]:
    if person.age_years < 3:
        return ["paediatric follow-up", "health visitor"]
    if person.age_years < 12:
        return ["play therapy", "school learning support"]
    return ["trauma-focused therapy", "independent legal advice", "interpreter"]


_VIEWS = [
    "I like my room and I want to keep going to the football club.",
    "I feel safe here. I want to see my brother more often.",
    "School is hard but my teacher helps me. I want to learn English faster.",
    "I don't want to move again. I want to stay until I finish college.",
    "I want my own phone and to cook my own food sometimes.",
    "I miss home food. The family here is kind to me.",
]


def views_for(person: Person, rng: random.Random) -> tuple[str, str]:
    """(the child's views in their words, or why they could not be obtained)."""
    if person.age_years < 4:
        return "", ("Too young to give views in words. Observed: settles well with the carer, "
                    "enjoys songs and being held.")
    return rng.choice(_VIEWS), ""


_NOTES = {
    "routine": ["Settling well; enjoyed showing me their drawings.",
                "Carer reports good sleep and appetite this week.",
                "Attended school every day; proud of a maths certificate.",
                "Talked about their football club and new friends.",
                "Quiet at first, then relaxed; agreed what to do if worried."],
    "move": ["First visit in the new placement; room ready and carer welcoming.",
             "Visited after the move; unpacking together, talked through the change."],
    "return": ["Return conversation held; safe and well, plans made for the week ahead."],
}


def check_in_note(person: Person, why: str, rng: random.Random) -> str:
    if person.age_years < 3 and why == "routine":
        return rng.choice(["Feeding and sleeping well; smiling and reaching for toys.",
                           "Carer reports a settled week; attended the health visitor clinic."])
    return rng.choice(_NOTES[why])


def excuse_reason(rng: random.Random) -> str:
    return rng.choice(["In hospital for a planned procedure; carer gave an update by phone.",
                       "Child unwell with flu; visit rebooked with the carer's agreement.",
                       "School exam day; visit moved by agreement with the child."])


def review_summary(number: int, rng: random.Random) -> str:
    first = "First review: placement settled, plan agreed with the child and carer."
    later = ["Progress on every goal; services in place and working.",
             "Steady progress; therapy helping; next steps agreed.",
             "Strong term at school; placement stable; goals updated."]
    return first if number == 0 else rng.choice(later)
