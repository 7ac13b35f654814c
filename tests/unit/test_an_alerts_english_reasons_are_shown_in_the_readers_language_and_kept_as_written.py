"""An alert's reasons are written once, in English, by the rules at scan time and kept as they
are (the cause's key, the JSON and the emails keep them). A page shows each in its reader's
language: the reasons the rules really write are matched against `scheduler.reason_words`'
patterns and said in Spanish, dates the Spanish way; the English reader sees them as written,
and a reason no pattern knows is shown as written too."""

import datetime as dt
import re
from types import SimpleNamespace as NS

from care_plans.cadence import Cadence
from scheduler import reason_words, rules  # noqa: F401 (the patterns register on import)
from service import i18n
from templates.filters import said

NOW = dt.datetime(2026, 12, 15, 12, 0, tzinfo=dt.timezone.utc)
CADENCE = Cadence({"low": 30, "medium": 14, "high": 7, "critical": 3}, 7, 72, 20, 3, 6)
CTX = rules.Context(NOW, CADENCE, 2, "NCMEC")
# Words no Spanish reason should still hold: the sentences' own English.
ENGLISH = re.compile(r"\b(the|was|due on|since|will|visit|check-in|missing|placement|review|hours|days)\b")


def _judged(**facts) -> NS:
    base = dict(id="c1", sex="female", last_seen_at=None, registered_at=NOW - dt.timedelta(days=40),
                missing=[], next_review_due=dt.date(2026, 12, 1), placements=[])
    return NS(facts=NS(**{**base, **facts}), level="high", score=9, since=NOW - dt.timedelta(days=2),
              check_in_due_at=NOW - dt.timedelta(days=1), periods=NS(missed=3, next_due=NOW + dt.timedelta(days=7)))


def _reasons() -> list[str]:
    """Reasons as the rules write them, one or more of each kind."""
    late = _judged()
    missed = _judged(registered_at=NOW - dt.timedelta(days=80))
    missed.check_in_due_at = NOW - dt.timedelta(days=10)
    gone = _judged(missing=[(NOW - dt.timedelta(hours=5), None, "e1")])
    back = _judged(missing=[(NOW - dt.timedelta(days=4), NOW - dt.timedelta(days=2), "e2")])
    placed = rules._placement_cause(late.facts, (dt.date(2026, 12, 10), False, "foster", None, "p1",
                                                 NOW - dt.timedelta(days=5)), 2, CADENCE)
    causes = [*rules.missed_check_in(late, CTX)[0], *rules.missed_check_in(missed, CTX)[0],
              *rules.overdue_review(late, CTX)[0], *rules.missing_from_care(gone, CTX)[0],
              *rules.missing_from_care(back, CTX)[0], *rules.risk_escalation(late, CTX)[0], placed,
              rules._concern_cause("c1", "regression", ["SE-9m-1"]), rules._concern_cause("c1", "concern", ["L-9m-2"])]
    return [r for c in causes for r in c.reasons] + [rules._task_reason("police_report", NOW, "NCMEC"),
                                                     rules._task_reason("national_report", NOW, "NCMEC")]


def test_every_reason_the_rules_write_is_said_in_spanish():
    reasons = _reasons()
    assert len(reasons) == 12
    with i18n.speaking("es"):
        spanish = [said(r) for r in reasons]
    untranslated = [(r, s) for r, s in zip(reasons, spanish) if s == r or ENGLISH.search(s)]
    assert untranslated == []
    assert spanish[1].startswith("3 seguimientos no realizados; sin seguimiento desde el registro, el 2")
    assert re.match(r"Fuera de la acogida desde el 1\d dic, \d\d:\d\d .*\(5 horas\)", spanish[3])  # local time
    assert re.match(r"Avisar a NCMEC: antes del 1\d dic, \d\d:\d\d ", spanish[-1])


def test_the_english_reader_sees_each_reason_as_written_and_an_unknown_one_stays_as_it_is():
    reasons = _reasons()
    assert [said(r) for r in reasons] == reasons
    with i18n.speaking("es"):
        assert said("A reason written before its wording changed.") == "A reason written before its wording changed."
