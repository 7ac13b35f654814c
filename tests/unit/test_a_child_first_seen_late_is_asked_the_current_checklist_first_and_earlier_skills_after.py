"""The assessment form's steps: one per domain with milestones due, then the date and notes,
counted "n of total". A child never assessed and past earlier checkpoints gets the current
checkpoint's milestones in the domain steps and the earlier ones in an optional step off the
count; a child assessed before gets every due milestone in its domain's step."""

from types import SimpleNamespace

from milestones.assessment_steps import find, is_late, neighbours, plan


def _entry(code: str, age: int) -> dict:
    return {"item": SimpleNamespace(code=code, age_months=age), "field": f"m-{code}", "previous": None}


GROUPS = [{"domain": "social_emotional", "label": "Social / emotional",
           "open": [_entry("M06-SE-1", 6), _entry("M12-SE-1", 12)], "achieved": []},
          {"domain": "cognitive", "label": "Cognitive", "open": [_entry("M06-CG-1", 6)], "achieved": []},
          {"domain": "movement_physical", "label": "Movement / physical",
           "open": [_entry("M12-MV-1", 12)], "achieved": []}]


def _codes(step) -> list[str]:
    return [e["item"].code for g in step.groups for e in g["open"] + g["achieved"]]


def test_a_child_first_seen_late_gets_the_current_list_first():
    assert is_late(GROUPS, 12, assessed_before=False) and not is_late(GROUPS, 12, assessed_before=True)
    steps = plan(GROUPS, 12, late=True)
    assert [(s.key, s.title, s.number) for s in steps] == [
        ("1", "Social / emotional", 1), ("2", "Movement / physical", 2),
        ("earlier", "Earlier skills", None), ("finish", "Date and notes", 3)]
    assert _codes(steps[0]) == ["M12-SE-1"] and _codes(steps[2]) == ["M06-SE-1", "M06-CG-1"]
    assert neighbours(steps, steps[2]) == (steps[3], steps[3])  # reached from the last step, and back
    assert neighbours(steps, steps[1]) == (steps[0], steps[3])


def test_a_child_assessed_before_gets_every_due_milestone_by_domain():
    steps = plan(GROUPS, 12, late=False)
    assert [s.title for s in steps] == ["Social / emotional", "Cognitive", "Movement / physical", "Date and notes"]
    assert _codes(steps[0]) == ["M06-SE-1", "M12-SE-1"]
    assert find(steps, "nope") is steps[0] and find(steps, "finish") is steps[-1]


def test_past_the_checklists_there_is_only_the_date_and_notes():
    steps = plan([{**g, "open": [], "achieved": []} for g in GROUPS], None, late=False)
    assert [(s.key, s.number) for s in steps] == [("finish", 1)]
