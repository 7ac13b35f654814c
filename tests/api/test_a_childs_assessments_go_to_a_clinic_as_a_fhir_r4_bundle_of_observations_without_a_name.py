"""`GET /api/v1/children/{id}/development.fhir` hands the assessments to a clinic as an HL7 FHIR
R4 Bundle: one Observation per milestone observed, coded by the checklist item, valued by what
was seen, dated by the assessment; the child by id only, no name and no therapist's notes."""

from fhir.resources.R4B.bundle import Bundle

from tests.api.development import assess, months_ago, register, today


def test_the_bundle_parses_and_holds_each_observation(api):
    child_id = register(api, months_ago(10), weeks=40)
    assess(api, child_id, months_ago(2), {"M06-SE-3": "emerging", "M09-CG-2": "not_yet"},
           notes="Settles with the blue blanket")
    assess(api, child_id, today(), {"M06-SE-3": "achieved"})
    response = api.get("th", f"/api/v1/children/{child_id}/development.fhir")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/fhir+json")

    bundle = Bundle.model_validate_json(response.content)
    assert bundle.type == "collection"
    observations = [e.resource for e in bundle.entry]
    assert all(o.get_resource_type() == "Observation" and o.status == "final" for o in observations)
    seen = sorted((o.code.coding[0].code, str(o.effectiveDateTime), o.valueCodeableConcept.coding[0].code)
                  for o in observations)
    assert seen == sorted([("M06-SE-3", months_ago(2).isoformat(), "emerging"),
                           ("M09-CG-2", months_ago(2).isoformat(), "not_yet"),
                           ("M06-SE-3", today().isoformat(), "achieved")])
    assert {o.subject.reference for o in observations} == {f"Patient/{child_id}"}
    assert "Test child" not in response.text and "blue blanket" not in response.text


def test_a_child_with_no_assessments_is_an_empty_bundle(api):
    child_id = register(api, months_ago(3))
    body = api.get("cw", f"/api/v1/children/{child_id}/development.fhir").json()
    assert body["resourceType"] == "Bundle" and "entry" not in body
