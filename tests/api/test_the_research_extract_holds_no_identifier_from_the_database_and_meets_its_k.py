"""`haven export research` writes CSV files and a manifest that hold no name, note, case number,
database id, location or exact date from the database, nor the pseudonym key; every combination
of the quasi-identifiers is shared by at least k children, and a child who would stand out is
left out of every file."""

import csv
import datetime as dt
import json
import re

from care_plans.tables import CheckIn, Child, MissingEpisode, Placement, Review
from milestones.tables import Assessment
from service.reports import research, research_export
from service.audit.tables import AuditEntry
from tests.api.development import assess
from tests.api.plans import approved
from tests.conftest import now, run

KEY = b"research-key-kept-apart-0123456789"
EXACT_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def register(api, name, birth, sex):
    made = api.post("cw", "/api/v1/children", json={"display_name": name, "birth_date": birth.isoformat(),
                                                     "sex": sex, "documentation_status": "none"})
    assert made.status_code == 201, made.text
    return made.json()


def with_history(api, child):
    cid = child["id"]
    assert api.post("cw", f"/api/v1/children/{cid}/placements", json={
        "kind": "foster", "started_on": (now().date() - dt.timedelta(days=3)).isoformat(), "planned": True,
        "reason": "Closer to school", "location": "12 Secret Lane"}).status_code == 201
    assert api.post("cw", f"/api/v1/children/{cid}/check-ins", json={
        "occurred_at": (now() - dt.timedelta(hours=5)).isoformat(), "mode": "in_person", "child_seen": True,
        "notes": "Talked about the football team"}).status_code == 201
    episode = api.post("cw", f"/api/v1/children/{cid}/missing-episodes",
                       json={"went_missing_at": (now() - dt.timedelta(hours=30)).isoformat()}).json()
    api.patch("cw", f"/api/v1/children/{cid}/missing-episodes/{episode['id']}",
              json={"returned_at": (now() - dt.timedelta(hours=20)).isoformat()})
    plan = approved(api, child)
    api.post("cw", f"/api/v1/care-plans/{plan['id']}/reviews", json={
        "reviewed_on": now().date().isoformat(), "summary": "Going well at the new school",
        "child_views": "I like my teacher"})


def extract(tmp_path, k=5):
    folder = tmp_path / "extract"
    year = now().year
    manifest = run(research_export.export(folder, research.Period(dt.date(year - 1, 1, 1), dt.date(year, 12, 31)),
                                          k, KEY, now()))
    return folder, manifest


def database_identifiers() -> set[str]:
    found = set()
    for c in run(Child.select()):
        found |= {c["display_name"], c["case_number"], str(c["id"]), c["birth_date"].isoformat(),
                  c["registered_at"].date().isoformat()}
    for table, columns in ((Placement, ("location", "reason", "started_on")), (CheckIn, ("notes", "occurred_at")),
                           (MissingEpisode, ("went_missing_at", "returned_at")), (Review, ("summary", "child_views", "reviewed_on")),
                           (Assessment, ("notes", "assessed_on"))):
        for row in run(table.select()):
            found |= {str(row["id"])} | {_text(row[c]) for c in columns if row[c]}
    return found


def _text(value) -> str:
    return value.date().isoformat() if isinstance(value, dt.datetime) else str(value)


def test_no_name_note_case_number_or_exact_date_leaves(api, tmp_path):
    today = now().date()
    children = [register(api, f"Amira Example {i}", today.replace(year=today.year - 8) - dt.timedelta(days=i), "female")
                for i in range(6)]
    for child in children[:2]:
        with_history(api, child)
    assert api.post("cw", f"/api/v1/children/{children[0]['id']}/care-team", json={"username": "th"}).status_code == 201
    assess(api, children[0]["id"], today, {"M60-SE-1": "achieved"}, notes="Loves drawing horses")

    folder, manifest = extract(tmp_path)
    files = sorted(folder.iterdir())
    assert {f.name for f in files} == {"manifest.json", *(f"{n}.csv" for n in research.COLUMNS)}
    texts = {f.name: f.read_text() for f in files}
    secrets = database_identifiers() | {KEY.decode()}
    for name, text in texts.items():
        leaked = [s for s in secrets if s and s in text]
        assert leaked == [], (name, leaked)
        if name.endswith(".csv"):
            assert not EXACT_DATE.search(text), name
    rows = {n: list(csv.DictReader((folder / f"{n}.csv").open())) for n in research.COLUMNS}
    assert len(rows["children"]) == 6 and {r["region"] for r in rows["children"]} == {"north"}
    assert len(rows["check_ins"]) == 2 and len(rows["placements"]) == 2 and len(rows["reviews"]) == 2
    assert rows["missing_episodes"][0]["time_missing"] == "under 24 hours"
    assert rows["assessments"] == [{"child": rows["assessments"][0]["child"], "assessed": f"{today:%Y-%m}",
                                    "milestone": "M60-SE-1", "status": "achieved"}]
    assert len({r["child"] for r in rows["children"]}) == 6
    assert manifest["k_reached"] >= 5 and json.loads(texts["manifest.json"])["removed"]
    assert run(AuditEntry.count().where(AuditEntry.action == "export.research")) == 1


def test_a_child_who_would_stand_out_is_left_out_and_k_is_met(api, tmp_path):
    today = now().date()
    alike = [register(api, f"Child {i}", today.replace(year=today.year - 9), "female") for i in range(7)]
    outlier = register(api, "The one boy", today.replace(year=today.year - 14), "male")
    with_history(api, outlier)
    folder, manifest = extract(tmp_path)
    rows = {n: list(csv.DictReader((folder / f"{n}.csv").open())) for n in research.COLUMNS}
    assert len(rows["children"]) == len(alike) and manifest["children_suppressed"] == 1
    assert rows["check_ins"] == rows["placements"] == rows["missing_episodes"] == []
    groups = {}
    for r in rows["children"]:
        groups.setdefault(tuple(r[q] for q in research.QUASI_IDENTIFIERS), []).append(r)
    assert min(len(g) for g in groups.values()) >= 5 == manifest["k_required"]
    assert manifest["k_reached"] == 7 and manifest["generalised"]  # one in eight is over the 5% allowed


def test_the_same_key_gives_the_same_pseudonyms(api, tmp_path):
    child = register(api, "Only child", now().date().replace(year=now().year - 3), "male")
    a = research.pseudonym(KEY, child["id"])
    assert a == research.pseudonym(KEY, child["id"]) != research.pseudonym(b"another key", child["id"])
    assert child["id"] not in a and len(a) == 24
