"""An alert email and a supervisor's digest are written in their recipient's chosen language
(English when they chose none): subject, body, the words for severities and kinds, and the
alert's reasons (kept in English as the rules wrote them)."""

from scheduler.delivery import _message, digest
from service import i18n
from service.settings import Settings

SETTINGS = Settings(base_url="https://haven.example/")
ROW = {"event": "escalated", "reasons": ["2 placements began in the last 90 days."], "resolved_note": None, "case_number": "HV-2031-000042",
       "kind": "missed_check_in", "severity": "high", "child_id": "c1", "to": "sup@example.org"}


def test_an_alert_email_in_spanish_and_in_english():
    spanish = _message({**ROW, "language": "es"}, SETTINGS)
    assert spanish.subject == "Subió de nivel: Haven alto: seguimiento no realizado, HV-2031-000042"
    assert "Caso: HV-2031-000042" in spanish.body and "Alerta: seguimiento no realizado (alto)" in spanish.body
    assert "- 2 acogidas empezaron en los últimos 90 días." in spanish.body
    english = _message({**ROW, "language": ""}, SETTINGS)
    assert english.subject == "Escalated: Haven high: check-in missed, HV-2031-000042"
    assert "Alert: check-in missed (high)" in english.body
    assert "- 2 placements began in the last 90 days." in english.body


def test_a_digest_in_spanish():
    alert = {"case_number": "HV-2031-000007", "kind_label": "check-in missed", "severity": "critical",
             "status": "open", "raised_on": "2031-05-01"}
    with i18n.speaking("es"):
        subject, body = digest([alert, {**alert, "severity": "info"}], "2031-05-06", SETTINGS)
    assert subject == "Haven: 2 alertas abiertas en su equipo"
    assert "2 alertas en espera: 1 crítico, 1 información." in body
    assert "- HV-2031-000007: seguimiento no realizado (crítico, abierta) desde el 2031-05-01" in body
    assert i18n.current() == "en"
