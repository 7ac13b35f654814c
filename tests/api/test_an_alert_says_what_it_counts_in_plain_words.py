"""An alert card names what its count counts: a missed check-in's alert says how many
check-ins were missed in the stretch; a kind that stands for one cause shows no count at all
(never a bare "Counted 3 times")."""

from tests.api.alerting import alerts, registered_days_ago, scan_at, utcnow


def test_the_missed_check_in_alert_counts_check_ins_and_the_review_alert_counts_nothing(api, child):
    registered_days_ago(child["id"], 100)  # a low-risk child is seen every 30 days
    scan_at(utcnow())
    kinds = {a["kind"]: a for a in alerts(child=child["id"])}
    other = next(a for kind, a in kinds.items() if kind != "missed_check_in")
    assert kinds["missed_check_in"]["count"] == 3 and other["count"] == 1

    page = api.get("cw", f"/children/{child['id']}").text
    assert "<span>3 check-ins missed</span>" in page
    assert "Counted" not in page
    card = page[page.index(f'id="alert-{other["id"]}"'):]
    card = card[:card.index("</article>")]
    assert "missed</span>" not in card and "once" not in card
