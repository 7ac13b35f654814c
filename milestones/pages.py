"""Development pages: the development part of a child's page, and the assessment form.

Each is the page twin of JSON routes in `controllers.py`: the same scope and `access`
decisions, the same service calls in one transaction, the same audit entries, and the JSON
structs themselves render the templates, so a page cannot disagree with the API.
"""

from __future__ import annotations

import datetime as dt

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from care_plans import children
from milestones import assessment_steps as steps_
from milestones import assessments, catalogue, development, draft_routes, drafts
from milestones.ages import Age, age_notes, reaches
from milestones.controllers import assessment_out, chart_data_out, development_out, recordable
from milestones.schemas import DraftIn, Step
from milestones.summary import ACHIEVED, BEYOND_CHECKLIST, EMERGING, NOT_YET, Summary
from service import access, clock, db, forms, i18n
from service.access import STAFF
from service.audit.services import Reads
from service.errors import Invalid
from service.i18n import N_
from service.web import allow, utcnow, where

# What the child's page reads, audited as the JSON twins audit each read.
SECTION_READS = [("development.read", "development"), ("development.chart", "development"),
                 ("assessment.list", "assessment")]
FORM_READS = [("child.read", "child"), ("development.read", "development"),
              ("assessment.list", "assessment")]
FORM = "milestones/assessment.html"
UNOBSERVED = ""  # the radio value for "not observed this time": no observation is sent
# The form says each status as one milestone's (`words`: "achieved", where a table header says
# "Achieved" of many).
CHOICES = [(ACHIEVED, "Achieved"), (EMERGING, "Emerging"), (NOT_YET, "Not yet"),
           (UNOBSERVED, N_("Not observed this time"))]
FIELD_PREFIX = "m-"  # a milestone's radio group is named `m-<code>`
# The chart's domain names, spaced so that "Language / communication" can wrap on a phone;
# marked for the catalogue, and translated where a page shows them.
LABELS = {"social_emotional": N_("Social / emotional"), "language_communication": N_("Language / communication"),
          "cognitive": N_("Cognitive"), "movement_physical": N_("Movement / physical")}


def in_words(months: int | None, estimated: bool = False) -> str | None:
    """`14 months`; from two years on, `3 years, 2 months`; `about …` when the birth date is
    estimated; in the language of the page being made (ages are said, never stored)."""
    if months is None:
        return None
    if months < 24:
        text = i18n.ngettext("%(num)d month", "%(num)d months", months) % {"num": months}
    else:
        years, rest = divmod(months, 12)
        text = (i18n.ngettext("%(years)d years, %(num)d month", "%(years)d years, %(num)d months", rest)
                if rest else i18n.gettext("%(years)d years")) % {"years": years, "num": rest}
    return i18n.gettext("about %(age)s") % {"age": text} if estimated else text


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
        "ages": said, "labels": LABELS, "age_notes": age_notes(summary.age),
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


def draft_values(answers: dict) -> dict:
    """The form's fields as the draft keeps them."""
    values = {FIELD_PREFIX + code: status for code, status in answers.get("observed", {}).items()}
    return {**values, **{k: answers[k] for k in ("assessed_on", "notes") if answers.get(k)}}


def answered(steps: list[steps_.Step], values: dict) -> list[dict]:
    """For the last step: how many milestones each step has an answer for."""
    out = []
    for step in steps:
        entries = [e for g in step.groups for e in g["open"] + g["achieved"]]
        if entries:
            out.append({"step": step, "of": len(entries),
                        "answered": sum(1 for e in entries if values.get(e["field"]))})
    return out


async def _form(request: Request, child_id: str, key: str | None = None, posted: dict | None = None,
                errors: dict | None = None) -> Template:
    """One step of the form, headed by who the child is, with the caller's answers so far;
    it reads the child, their development, their assessments and the draft, each audited."""
    today = clock.today(utcnow())
    async with db.reading():
        cid = await recordable(request.user, child_id)
        child, found = await children.get(cid), await development.read(cid)
        draft = await drafts.read(cid, request.user.id)
    await _audit_form_reads(request, cid, draft)
    summary, history = development.summary_of(found, today), found.history
    groups, checkpoint = form_groups(summary, history), drafts.reached(summary.age.used_months)
    steps = steps_.plan(groups, checkpoint, steps_.is_late(groups, checkpoint, bool(history)))
    answers = draft["answers"] if draft else {}
    step = steps_.find(steps, key or answers.get("step"))
    values = {**draft_values(answers), **(posted or {})}
    before, after = steps_.neighbours(steps, step)
    return Template(FORM, status_code=400 if errors else 200, context={
        "child": child, "step": step, "before": before, "after": after, "checkpoint": checkpoint,
        "total": sum(1 for s in steps if s.number), "answered": answered(steps, values),
        "earlier": next((s for s in steps if s.key == steps_.EARLIER), None),
        "resumed": draft["updated_at"] if draft and key is None and not posted else None,
        "ages": ages(summary.age), "corrected": summary.age.corrected_months is not None,
        "age_notes": age_notes(summary.age), "choices": CHOICES, "today": today,
        "beyond_checklist": BEYOND_CHECKLIST if summary.beyond_checklist else None,
        "values": values, "errors": errors or {},
        "first_check_on": first_check_on(found, summary), "first_checkpoint": catalogue.CHECKPOINTS[0]})


async def _audit_form_reads(request: Request, cid, draft: dict | None) -> None:
    reads = Reads(where(request))
    for action, record_type in FORM_READS:
        reads.add(action, record_type, cid, cid)
    reads.add("assessment_draft.read", "assessment_draft", draft["id"] if draft else cid, cid)
    await reads.keep()


RECORD, LATER, DISCARD = "record", "later", "discard"  # the other `go` values name a step


def draft_in(posted: dict) -> DraftIn:
    """A step's answers from the form, as the draft API takes them; `go` names where to go
    next, which is where the form opens again."""
    go = posted.get("go", "")
    data = forms.parse(DraftIn, {
        "observed": {k.removeprefix(FIELD_PREFIX): v for k, v in posted.items() if k.startswith(FIELD_PREFIX)},
        "assessed_on": posted.get("assessed_on", ""), "notes": posted.get("notes", ""),
        "step": posted.get("step", "") if go in (RECORD, LATER) else go})
    if "notes" in posted:  # a note cleared on purpose is saved as cleared
        data.notes = posted["notes"]
    return data


def field_names(errors: dict[str, str]) -> dict[str, str]:
    """`observed.<code>` → `m-<code>`, the radio group at fault; a problem with one
    observation of the draft goes beside the observations as a whole."""
    named = {}
    for key, message in errors.items():
        if key.startswith("observed."):
            key = FIELD_PREFIX + key.removeprefix("observed.")
        elif key.startswith("observations["):
            key = "observations"
        named[key] = message
    return named


NEW = "/children/{child_id:str}/assessments/new"


@get(NEW, guards=[allow(*STAFF)], operation_id="assessmentPage", include_in_schema=False)
async def assessment_page(request: Request, child_id: FromPath[str],
                          step: FromQuery[Step | None] = None) -> Template:
    return await _form(request, child_id, step)


@post(NEW, guards=[allow(*STAFF)], operation_id="assessmentSubmit", include_in_schema=False)
async def assessment_submit(request: Request, child_id: FromPath[str]) -> Template | Redirect:
    """Each step saves its answers into the caller's draft and goes where `go` says; the last
    records the assessment as the API does (the same struct, the same checks) and drops the
    draft. On a problem, the step again with each beside its field and nothing written."""
    posted = await forms.values(request)
    if posted.get("go") == DISCARD:
        return await _discard(request, child_id)
    go = posted.get("go") or RECORD  # the whole form in one post, as before it had steps
    try:
        data = draft_in({**posted, "go": go})
        async with db.writing():
            cid = await recordable(request.user, child_id)
            await (draft_routes.finished if go == RECORD else draft_routes.saved)(request, cid, data)
    except Invalid as problem:
        return await _form(request, child_id, posted.get("step") or steps_.FINISH, posted,
                           field_names(problem.fields))
    if go in (RECORD, LATER):
        return forms.done(f"/children/{cid}#development", "assessment" if go == RECORD else "assessment_saved")
    return Redirect(f"/children/{cid}/assessments/new?step={data.step}", status_code=303)


async def _discard(request: Request, child_id: str) -> Redirect:
    async with db.writing():
        cid = await recordable(request.user, child_id)
        await draft_routes.discarded(request, cid)
    return Redirect(f"/children/{cid}/assessments/new?step=1", status_code=303)


PAGES: list = [assessment_page, assessment_submit]
