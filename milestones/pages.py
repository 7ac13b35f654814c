"""Development pages: the development part of a child's page, and the assessment form.

Each is the page twin of JSON routes in `controllers.py`: the same scope and `access`
decisions, the same service calls in one transaction, the same audit entries, and the JSON
structs themselves render the templates, so a page cannot disagree with the API.
"""

from __future__ import annotations

import datetime as dt

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from care_plans import children
from milestones import assessments, catalogue, charts, development
from milestones.ages import Age, age_note, reaches
from milestones.controllers import assessment_out, chart_data_out, development_out, recordable
from milestones.schemas import AssessmentIn
from milestones.summary import ACHIEVED, BEYOND_CHECKLIST, EMERGING, NOT_YET, Summary
from service import access, clock, db, forms
from service.access import STAFF
from service.audit.services import Reads, record
from service.errors import Invalid
from service.web import allow, utcnow, where

# What the child's page reads, audited as the JSON twins audit each read.
SECTION_READS = [("development.read", "development"), ("development.chart", "development"),
                 ("assessment.list", "assessment")]
FORM_READS = [("child.read", "child"), ("development.read", "development"),
              ("assessment.list", "assessment")]
FORM = "milestones/assessment.html"
UNOBSERVED = ""  # the radio value for "not observed this time": no observation is sent
CHOICES = [(ACHIEVED, "Achieved"), (EMERGING, "Emerging"), (NOT_YET, "Not yet"),
           (UNOBSERVED, "Not observed this time")]
FIELD_PREFIX = "m-"  # a milestone's radio group is named `m-<code>`
# The chart's domain names, spaced so that "Language / communication" can wrap on a phone.
LABELS = {domain: label.replace("/", " / ") for domain, label in charts.LABELS.items()}


def in_words(months: int | None, estimated: bool = False) -> str | None:
    """`14 months`; from two years on, `3 years, 2 months`; `about …` when the birth date is
    estimated."""
    if months is None:
        return None
    if months < 24:
        text = f"{months} month{'' if months == 1 else 's'}"
    else:
        years, rest = divmod(months, 12)
        text = f"{years} years" + (f", {rest} month{'' if rest == 1 else 's'}" if rest else "")
    return f"about {text}" if estimated else text


def ages(age: Age) -> dict:
    """The child's ages as the page says them (the profile shows them too)."""
    return {"chronological": in_words(age.chronological_months, age.birth_date_estimated),
            "corrected": in_words(age.corrected_months, age.birth_date_estimated),
            "used": in_words(age.used_months, age.birth_date_estimated)}


def first_check_on(found: development.Record, summary: Summary) -> dt.date | None:
    """For a baby too young for the first checklist: the day they reach it. None otherwise."""
    if summary.beyond_checklist or any(count.items for count in summary.domains):
        return None
    facts = found.facts
    return reaches(facts["birth_date"], facts["gestational_age_weeks"], catalogue.CHECKPOINTS[0])


async def child_section(actor: access.Actor, cid, scope: access.ChildScope, reads: Reads,
                        now: dt.datetime, settings) -> dict:
    """The development part of a child's page (summary, chart, table), audited as read.
    Therapy notes are left out, not hidden, for anyone who may not read them."""
    found = await development.read(cid)
    summary, (points, newest) = development.summary_of(found, clock.today(now)), development.chart_of(found)
    rows = found.history
    for action, record_type in SECTION_READS:
        reads.add(action, record_type, cid, cid)
    notes, said = access.can_read_therapy_notes(actor, scope), ages(summary.age)
    return {"age": said, "development": {
        "summary": development_out(cid, clock.today(now), summary),
        "chart": chart_data_out(str(cid), points),
        # The query changes with each new assessment, so a browser never shows an old chart.
        "image": f"/children/{cid}/development.svg?v={newest or 'none'}",
        "assessments": [assessment_out(r, cid, notes) for r in reversed(rows)],
        "shows_notes": notes, "can_record": access.can_record_assessment(actor, scope),
        "first_check_on": first_check_on(found, summary), "first_checkpoint": catalogue.CHECKPOINTS[0],
        "ages": said, "labels": LABELS,
    }}


# The assessment form -------------------------------------------------------------------------

def form_groups(summary: Summary, history: list[dict]) -> list[dict]:
    """The due milestones by domain, each with its previous answer and that answer's date.
    Those last seen achieved are set apart: the form leads with what is still to come."""
    previous = {seen.code: seen for seen in assessments.seen_in(history)}  # the latest wins
    groups = []
    for count in summary.domains:
        items = [{"item": item, "field": FIELD_PREFIX + item.code, "previous": previous.get(item.code)}
                 for item, _ in count.items]
        groups.append({"domain": count.domain, "label": LABELS[count.domain],
                       "open": [i for i in items if _status(i) != ACHIEVED],
                       "achieved": [i for i in items if _status(i) == ACHIEVED]})
    return groups


def _status(entry: dict) -> str | None:
    return entry["previous"].status if entry["previous"] else None


async def _form(request: Request, child_id: str, posted: dict | None = None,
                errors: dict | None = None) -> Template:
    """The form, headed by who the child is; it reads the child, their development and their
    assessments, each read audited."""
    today = clock.today(utcnow())
    reads = Reads(where(request))
    async with db.reading():
        cid = await recordable(request.user, child_id)
        child, found = await children.get(cid), await development.read(cid)
    summary, history = development.summary_of(found, today), found.history
    for action, record_type in FORM_READS:
        reads.add(action, record_type, cid, cid)
    await reads.keep()
    return Template(FORM, status_code=400 if errors else 200, context={
        "child": child, "groups": form_groups(summary, history), "ages": ages(summary.age),
        "corrected": summary.age.corrected_months is not None, "age_note": age_note(summary.age),
        "beyond_checklist": BEYOND_CHECKLIST if summary.beyond_checklist else None,
        "choices": CHOICES, "today": today, "values": posted or {}, "errors": errors or {},
        "first_check_on": first_check_on(found, summary), "first_checkpoint": catalogue.CHECKPOINTS[0]})


def posted_assessment(posted: dict) -> tuple[dict, list[str]]:
    """The API's request body from the form, and the milestone code of each observation in
    order, to put an observation's problem beside its radio group."""
    codes = [k.removeprefix(FIELD_PREFIX) for k, v in posted.items()
             if k.startswith(FIELD_PREFIX) and v != UNOBSERVED]
    observations = [{"milestone": code, "status": posted[FIELD_PREFIX + code]} for code in codes]
    return {**posted, "observations": observations}, codes


def field_names(errors: dict[str, str], codes: list[str]) -> dict[str, str]:
    """`observations[2].status` → `m-<code>`, the radio group at fault."""
    named = {}
    for key, message in errors.items():
        head, found, _ = key.partition("].")
        if key.startswith("observations[") and found:
            key = FIELD_PREFIX + codes[int(head.removeprefix("observations["))]
        named[key] = message
    return named


NEW = "/children/{child_id:str}/assessments/new"


@get(NEW, guards=[allow(*STAFF)], operation_id="assessmentPage", include_in_schema=False)
async def assessment_page(request: Request, child_id: FromPath[str]) -> Template:
    return await _form(request, child_id)


@post(NEW, guards=[allow(*STAFF)], operation_id="assessmentSubmit", include_in_schema=False)
async def assessment_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    """Validated as the API validates (the same struct, the same `assessments.problems`);
    on a problem, the form again with each beside its field and nothing written."""
    posted = await forms.values(request)
    body, codes = posted_assessment(posted)
    try:
        data = forms.parse(AssessmentIn, body)
        async with db.writing():
            cid = await recordable(request.user, child_id)
            aid = await assessments.record(request.user, cid, data, utcnow())
            await record(where(request), "assessment.create", "assessment", aid, cid)
    except Invalid as problem:
        return await _form(request, child_id, posted, field_names(problem.fields, codes))
    return forms.done(f"/children/{cid}#development", "assessment")


PAGES: list = [assessment_page, assessment_submit]
