"""A young child for the development pages: born early, so the corrected age shows, with the
therapist `th` on the care team and, if asked, an earlier assessment recorded through the API."""

from tests.api.development import months_ago

BORN_AT_WEEKS = 30  # ten weeks early: 14 months old, 11 months corrected
EARLIER = {"M09-LC-1": "achieved", "M09-SE-1": "emerging", "M06-MV-1": "achieved"}
NOTES = "Settles with a familiar song before play"


def young_child(api, earlier: dict | None = EARLIER) -> str:
    child = api.post("cw", "/api/v1/children", {
        "display_name": "Baby Lumi", "birth_date": months_ago(14).isoformat(),
        "gestational_age_weeks": BORN_AT_WEEKS})
    api.post("cw", f"/api/v1/children/{child['id']}/care-team", {"username": "th"})
    if earlier:
        api.post("th", f"/api/v1/children/{child['id']}/assessments", {
            "assessed_on": months_ago(2).isoformat(), "notes": NOTES,
            "observations": [{"milestone": code, "status": status} for code, status in earlier.items()]})
    return child["id"]


def due_counts(page) -> dict[str, list[str]]:
    """The table of due milestones by domain: domain → [due, achieved, emerging, not yet, never observed]."""
    table = page.locator("table", has=page.locator("caption", has_text="Due milestones by domain"))
    return {row.locator("th").inner_text(): row.locator("td").all_inner_texts()
            for row in table.locator("tbody tr").all()}


def chart_rows(page) -> list[list[str]]:
    """The chart's numbers as the page's table gives them, a row per assessment."""
    table = page.locator("table", has=page.locator("caption", has_text="at each assessment"))
    return [[" ".join(cell.split()) for cell in [row.locator("th").inner_text(),
                                                 *row.locator("td").all_inner_texts()]]
            for row in table.locator("tbody tr").all()]
