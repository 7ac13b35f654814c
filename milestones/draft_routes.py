"""An assessment filled in over several sittings, as JSON: read the caller's draft for a child,
save a step into it, finish it (the assessment is recorded and the draft dropped in one
transaction), or discard it. Only those who may record the child's assessments reach a draft:
404 outside the child's scope, 403 for a caseworker. Each read and write is audited."""

from __future__ import annotations

import datetime as dt

from litestar import Request, delete, get, post, put
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from milestones import assessments, drafts
from milestones.controllers import TAGS, assessment_out, recordable
from milestones.schemas import AssessmentOut, DraftIn, DraftOut
from service import db
from service.access import STAFF
from service.audit.services import record, record_read
from service.web import allow, utcnow, where

PATH = "/api/v1/children/{child_id:str}/assessment-draft"
KIND = "assessment_draft"


def draft_out(child_id, author: str, row: dict | None) -> DraftOut:
    answers = row["answers"] if row else {}
    day = answers.get("assessed_on")
    return DraftOut(child_id=str(child_id), author=author, saved=row is not None,
                    checkpoint=row["checkpoint"] if row else None,
                    observed=answers.get("observed", {}), notes=answers.get("notes", ""),
                    assessed_on=dt.date.fromisoformat(day) if day else None,
                    step=answers.get("step", ""), updated_at=row["updated_at"] if row else None)


@get(PATH, guards=[allow(*STAFF)], operation_id="getAssessmentDraft", tags=TAGS)
async def get_draft(request: Request, child_id: FromPath[str]) -> DraftOut:
    """The caller's answers so far for this child (`saved` false when there are none)."""
    async with db.reading():
        cid = await recordable(request.user, child_id)
        row = await drafts.read(cid, request.user.id)
    await record_read(where(request), f"{KIND}.read", KIND, row["id"] if row else cid, cid)
    return draft_out(cid, request.user.username, row)


@put(PATH, guards=[allow(*STAFF)], operation_id="saveAssessmentDraft", tags=TAGS)
async def save_draft(request: Request, child_id: FromPath[str], data: JSONBody[DraftIn]) -> DraftOut:
    """Saves one step's answers over what was kept."""
    async with db.writing():
        cid = await recordable(request.user, child_id)
        await saved(request, cid, data)
        row = await drafts.read(cid, request.user.id)
    return draft_out(cid, request.user.username, row)


@post(f"{PATH}/finish", guards=[allow(*STAFF)], status_code=HTTP_201_CREATED,
      operation_id="finishAssessmentDraft", tags=TAGS)
async def finish_draft(request: Request, child_id: FromPath[str], data: JSONBody[DraftIn]) -> AssessmentOut:
    """Records the assessment from the draft and these last answers, checked as a new
    assessment is (refused whole, naming the field); the draft goes in the same transaction."""
    async with db.writing():
        cid = await recordable(request.user, child_id)
        aid = await finished(request, cid, data)
        row = next(a for a in await assessments.history(cid) if a["id"] == aid)
    return assessment_out(row, cid, with_notes=True)


async def saved(request: Request, cid, data: DraftIn) -> None:
    """Inside the caller's transaction: the step saved into the draft, audited."""
    did = await drafts.save(request.user, cid, data, utcnow())
    await record(where(request), f"{KIND}.save", KIND, did, cid)


async def discarded(request: Request, cid) -> None:
    did = await drafts.discard(request.user, cid)
    if did is not None:
        await record(where(request), f"{KIND}.delete", KIND, did, cid)


async def finished(request: Request, cid, data: DraftIn):
    """Inside the caller's transaction: the assessment recorded, the draft dropped, both audited."""
    aid, did = await drafts.finish(request.user, cid, data, utcnow())
    await record(where(request), "assessment.create", "assessment", aid, cid)
    if did is not None:
        await record(where(request), f"{KIND}.delete", KIND, did, cid)
    return aid


@delete(PATH, guards=[allow(*STAFF)], status_code=HTTP_204_NO_CONTENT,
        operation_id="discardAssessmentDraft", tags=TAGS)
async def discard_draft(request: Request, child_id: FromPath[str]) -> None:
    """Starts again: the caller's answers so far for this child are dropped."""
    async with db.writing():
        await discarded(request, await recordable(request.user, child_id))


ROUTES = [get_draft, save_draft, finish_draft, discard_draft]
