"""A child's assessments as an HL7 FHIR R4 Bundle of Observation resources, for handing the
development record to a clinic.

One Observation per milestone observed: the CDC 2022 checklist item is the code (Haven's own
code system, since the CDC publishes no codes for its items; the item's wording is the display),
the status observed (achieved, emerging, not yet) the value, the assessment day the effective
date, and the child is the subject by Haven's opaque id only: no name, no therapist's notes.
Built with `fhir.resources`' R4B models (R4B keeps R4's Observation and Bundle unchanged), so
every resource is validated as it is made.
"""

from __future__ import annotations

import datetime as dt
import uuid

from fhir.resources.R4B.bundle import Bundle, BundleEntry
from fhir.resources.R4B.observation import Observation

from milestones import catalogue

MEDIA_TYPE = "application/fhir+json"
ITEM_SYSTEM = "urn:haven:cdc-2022-milestone"
STATUS_SYSTEM = "urn:haven:milestone-observation-status"
DOMAIN_SYSTEM = "urn:haven:development-domain"
CATEGORY = {"system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey", "display": "Survey"}
STATUS_WORDS = {"achieved": "Achieved", "emerging": "Emerging", "not_yet": "Not yet"}
# Stable ids: the same observation has the same id in every export.
NAMESPACE = uuid.UUID("6f0e4a8e-5c1d-4c83-9b0e-2f1d6a7c9b10")


def bundle(child_id: uuid.UUID, assessments: list[dict], now: dt.datetime) -> dict:
    """`assessments` as `milestones.assessments.history` returns them, oldest first."""
    entries = [_entry(child_id, a, o) for a in assessments for o in a["observations"]]
    made = Bundle(type="collection", timestamp=now.isoformat(), entry=entries or None,
                  id=str(uuid.uuid5(NAMESPACE, f"bundle:{child_id}")))
    return made.model_dump(mode="json", exclude_none=True)


def _entry(child_id: uuid.UUID, assessment: dict, seen: dict) -> BundleEntry:
    oid = uuid.uuid5(NAMESPACE, f"{assessment['id']}:{seen['milestone']}")
    return BundleEntry(fullUrl=f"urn:uuid:{oid}", resource=_observation(oid, child_id, assessment, seen))


def _observation(oid: uuid.UUID, child_id: uuid.UUID, assessment: dict, seen: dict) -> Observation:
    item = catalogue.by_code()[seen["milestone"]]
    return Observation(
        id=str(oid), status="final",
        category=[{"coding": [CATEGORY]}],
        code={"coding": [{"system": ITEM_SYSTEM, "code": item.code, "display": item.description}],
              "text": item.description},
        subject={"reference": f"Patient/{child_id}"},
        effectiveDateTime=assessment["assessed_on"].isoformat(),
        valueCodeableConcept={"coding": [{"system": STATUS_SYSTEM, "code": seen["status"],
                                          "display": STATUS_WORDS[seen["status"]]}]},
        component=[{"code": {"coding": [{"system": DOMAIN_SYSTEM, "code": "domain"}]},
                    "valueString": item.domain},
                   {"code": {"coding": [{"system": DOMAIN_SYSTEM, "code": "checkpoint-months"}]},
                    "valueInteger": item.age_months}],
    )
