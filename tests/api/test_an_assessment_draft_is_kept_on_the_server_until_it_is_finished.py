"""A therapist's answers so far are kept on the server as a draft, one per child and author:
each step saved is merged into it and audited, read back as saved, and finishing records the
assessment through the usual checks and drops the draft in the same transaction. A refused
finish writes nothing and keeps the draft; someone outside the child's scope is told 404."""

from milestones.tables import Assessment, AssessmentDraft, Observation
from service.audit.tables import AuditEntry
from tests.api.development import months_ago, register, today
from tests.conftest import run


def url(child_id: str) -> str:
    return f"/api/v1/children/{child_id}/assessment-draft"


def save(api, who: str, child_id: str, body: dict):
    return api.client.put(url(child_id), json=body, headers=api._headers(who))


def audited(child_id, action: str) -> int:
    return run(AuditEntry.count().where((AuditEntry.child_id == child_id) & (AuditEntry.action == action)))


def test_steps_are_saved_read_back_and_finished_into_one_assessment(api):
    child_id = register(api, months_ago(14))
    first = save(api, "th", child_id, {"observed": {"M12-MV-1": "achieved", "M12-LC-1": "emerging"},
                                                 "step": "2"})
    assert first.status_code == 200, first.text
    second = save(api, "th", child_id, {"observed": {"M12-LC-1": "", "M09-SE-1": "not_yet"},
                                                  "notes": "Shy at first, then played"})
    assert second.status_code == 200, second.text
    assert run(AssessmentDraft.count()) == 1 and audited(child_id, "assessment_draft.save") == 2

    kept = api.get("th", url(child_id)).json()
    assert kept["saved"] and kept["checkpoint"] == 12 and kept["step"] == "2"
    assert kept["observed"] == {"M12-MV-1": "achieved", "M09-SE-1": "not_yet"}
    assert kept["notes"] == "Shy at first, then played" and audited(child_id, "assessment_draft.read") == 1

    done = api.post("th", f"{url(child_id)}/finish", json={"assessed_on": today().isoformat()})
    assert done.status_code == 201, done.text
    assert {o["milestone"]: o["status"] for o in done.json()["observations"]} == kept["observed"]
    assert done.json()["notes"] == "Shy at first, then played"
    assert run(AssessmentDraft.count()) == 0 and run(Assessment.count()) == 1
    assert audited(child_id, "assessment.create") == 1 and audited(child_id, "assessment_draft.delete") == 1
    assert api.get("th", url(child_id)).json()["saved"] is False


def test_a_refused_finish_names_the_field_writes_nothing_and_keeps_the_draft(api):
    child_id = register(api, months_ago(14))
    save(api, "th", child_id, {"observed": {"M12-MV-1": "achieved"}})
    for day, message in ((None, "is required"), (months_ago(15), "before the child's birth")):
        body = {"assessed_on": day.isoformat()} if day else {}
        refused = api.post("th", f"{url(child_id)}/finish", json=body)
        assert refused.status_code == 400, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["assessed_on"]
        assert message in refused.text
    bad_code = save(api, "th", child_id, {"observed": {"M99-XX-9": "achieved"}})
    assert bad_code.status_code == 400 and "observed.M99-XX-9" in bad_code.text
    assert run(Assessment.count()) == 0 and run(Observation.count()) == 0
    assert audited(child_id, "assessment.create") == 0
    assert api.get("th", url(child_id)).json()["observed"] == {"M12-MV-1": "achieved"}


def test_drafts_are_each_authors_own_and_out_of_scope_is_not_found(api):
    child_id = register(api, months_ago(14))
    save(api, "th", child_id, {"observed": {"M12-MV-1": "achieved"}})
    assert api.get("sup", url(child_id)).json()["saved"] is False  # the supervisor's own, none yet
    for who in ("th_other", "sup_other", "cw_other"):
        assert api.get(who, url(child_id)).status_code == 404
        assert save(api, who, child_id, {"observed": {}}).status_code == 404
        assert api.post(who, f"{url(child_id)}/finish", json={}).status_code == 404
    assert save(api, "cw", child_id, {"observed": {}}).status_code == 403
    assert run(AssessmentDraft.count()) == 1
    assert api.delete("th", url(child_id)).status_code == 204
    assert run(AssessmentDraft.count()) == 0
