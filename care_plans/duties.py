"""The duties a missing episode and a placement move bring, and when each falls due.

Pure: which tasks an event creates, each with its due instant, from the deployment's settings
(`HAVEN_MISSING_*`, `HAVEN_RETURN_INTERVIEW_HOURS`, `HAVEN_TRAFFICKING_SCREEN_HOURS`,
`HAVEN_SAFETY_PLAN_REVIEW_DAYS`). Sources, beside each duty: P.L. 113-183 (US, Preventing Sex
Trafficking and Strengthening Families Act 2014) for the reports and the screen on return; DfE
statutory guidance on children who run away or go missing from home or care (England, 2014) for
the return interview within 72 hours; ours where no rule sets a time
(../shared/reference/practice-and-outcomes.md §1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from service.i18n import N_, phrases

# kind -> (what is to be done, where the duty comes from, what completing it records); the
# words in English, marked for the catalogue: a page says them in its reader's language.
WITHIN_24_HOURS = N_("P.L. 113-183: immediately, no later than 24 hours")
KINDS = {
    "police_report": (N_("Report to the police"), WITHIN_24_HOURS, "reference"),
    "national_report": (*phrases(N_("Report to %(body)s")), WITHIN_24_HOURS, "reference"),
    "tell_supervisor": (N_("Tell the team's supervisor"), N_("ours: so the supervisor sees the reports made"),
                        "outcome"),
    "return_interview": (N_("Offer the return interview"), N_("DfE statutory guidance, 2014: within 72 hours of return"),
                         "outcome"),
    "trafficking_screen": (N_("Screen for trafficking while they were away"),
                           N_("P.L. 113-183: on return, find out what happened, including trafficking"), "outcome"),
    "safety_plan_review": (N_("Review the safety plan with the child"),
                           N_("ours: after every return and every placement move"), "outcome"),
}
ON_MISSING = ("police_report", "national_report", "tell_supervisor")
ON_RETURN = ("return_interview", "trafficking_screen", "safety_plan_review")
REFERENCE_KINDS = tuple(k for k, (_, _, needs) in KINDS.items() if needs == "reference")


@dataclass(frozen=True)
class Duties:
    police_hours: int = 24
    national_body: str = "NCMEC"
    national_hours: int = 24
    supervisor_hours: int = 2
    return_interview_hours: int = 72
    trafficking_screen_hours: int = 72
    safety_plan_review_days: int = 7

    @classmethod
    def from_settings(cls, s) -> "Duties":
        return cls(s.missing_police_report_hours, s.missing_national_body.strip(),
                   s.missing_national_report_hours, s.missing_supervisor_hours, s.return_interview_hours,
                   s.trafficking_screen_hours, s.safety_plan_review_days)

    def allowance(self, kind: str) -> dt.timedelta:
        hours = {"police_report": self.police_hours, "national_report": self.national_hours,
                 "tell_supervisor": self.supervisor_hours, "return_interview": self.return_interview_hours,
                 "trafficking_screen": self.trafficking_screen_hours}
        if kind == "safety_plan_review":
            return dt.timedelta(days=self.safety_plan_review_days)
        return dt.timedelta(hours=hours[kind])


def on_missing(duties: Duties, went_missing_at: dt.datetime) -> list[tuple[str, dt.datetime]]:
    """(kind, due instant) of each duty a child going missing brings; the national report only
    where a national body is named."""
    kinds = [k for k in ON_MISSING if k != "national_report" or duties.national_body]
    return [(k, went_missing_at + duties.allowance(k)) for k in kinds]


def on_return(duties: Duties, returned_at: dt.datetime) -> list[tuple[str, dt.datetime]]:
    return [(k, returned_at + duties.allowance(k)) for k in ON_RETURN]


def on_move(duties: Duties, moved_at: dt.datetime) -> list[tuple[str, dt.datetime]]:
    return [("safety_plan_review", moved_at + duties.allowance("safety_plan_review"))]


def title(kind: str, national_body: str = "") -> str:
    return KINDS[kind][0] % {"body": national_body or N_("the national missing-children body")}


def source(kind: str) -> str:
    return KINDS[kind][1]
