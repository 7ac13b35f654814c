"""A child's record printed from Chromium, on A4 and on Letter: every page carries
"Confidential" and the case number, the later sections start new pages, and nothing of the
navigation, forms or buttons is printed."""

import datetime as dt
import io
import unicodedata

import pytest
from pypdf import PdfReader

from tests.browser.conftest import ROOT, assert_accessible

SIZES = {"A4": (595.3, 841.9), "Letter": (612, 792)}  # points; Chromium rounds A4 to whole pixels
NEVER_PRINTED = ("Sign out", "Skip to content", "Calendar feed", "My children", "Register a child",
                 "Record a check-in", "Correct details", "Add a therapist", "Ask to close the case",
                 "to read or print", "Haven keeps each record")


def _child_with_a_history(api) -> dict:
    child = api.post("cw", "/api/v1/children", {
        "display_name": "Amani", "birth_date": "2014-04-02", "documentation_status": "pending"})
    cid = child["id"]
    api.post("cw", f"/api/v1/children/{cid}/care-team", {"username": "th"})
    api.post("cw", f"/api/v1/children/{cid}/placements", {
        "kind": "foster", "started_on": (dt.date.today() - dt.timedelta(days=20)).isoformat(), "planned": True,
        "reason": "A settled foster family", "location": "3 Quiet Road"})
    now = dt.datetime.now(dt.timezone.utc)
    for days in range(1, 16):
        api.post("cw", f"/api/v1/children/{cid}/check-ins", {
            "occurred_at": (now - dt.timedelta(days=days)).isoformat(), "mode": "in_person",
            "child_seen": True, "notes": "Talked about school and football; settled and smiling."})
    return child


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_record_prints_with_the_case_number_and_confidential_on_every_page(api, open_as, paper):
    child = _child_with_a_history(api)
    page = open_as("cw")
    page.goto(f"/children/{child['id']}")
    assert_accessible(page)  # the running head is not on screen to trouble anyone
    assert "Confidential" not in page.inner_text("body")

    pdf = page.pdf(format=paper, print_background=True)
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / f"child-record-{paper}.pdf").write_bytes(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) >= 4, len(pages)  # the summary, then placements, check-ins, ... each anew
    for number, printed in enumerate(pages, start=1):
        box = printed.mediabox
        assert abs(box.width - SIZES[paper][0]) < 1.5 and abs(box.height - SIZES[paper][1]) < 1.5
        text = unicodedata.normalize("NFKC", printed.extract_text())  # the font's "fi" ligature
        assert "Confidential" in text and child["case_number"] in text, (number, text[:300])
        assert not [words for words in NEVER_PRINTED if words in text], (number, text[:300])
    printed = "\n".join(p.extract_text() for p in pages)
    assert "Amani" in printed and "Check-ins" in printed
    assert printed.count("Talked about school") == 15  # the earlier check-ins, folded on screen, too
