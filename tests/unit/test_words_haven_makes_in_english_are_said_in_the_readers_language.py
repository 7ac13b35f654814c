"""Words Haven makes in English and keeps, or hands on as they are (an age, a risk factor,
an indicator, a form's problem), are said in the reader's language where a page shows them:
marked for the catalogue where they are made, matched and translated at display time. The
English reader, and the JSON, keep the English."""

import datetime as dt

from milestones.pages import in_words
from scheduler import risk
from service import i18n
from service.reports import scope
from templates.filters import said


def test_ages_are_said_in_spanish_and_kept_in_english_for_english_readers():
    with i18n.speaking("es"):
        assert [in_words(n) for n in (1, 14, 24, 37)] == ["1 mes", "14 meses", "2 años", "3 años y 1 mes"]
        assert in_words(14, estimated=True) == "14 meses aprox."
    assert in_words(37) == "3 years, 1 month"


def test_a_risk_factors_kept_words_are_said_in_spanish_with_their_dates_the_spanish_way():
    kept = {
        risk._n(risk.MOVES, 2): "2 cambios de acogida en los últimos 90 días",
        risk._n(risk.REPEATS, 1): "1 desaparición repetida",
        risk.MISSING_NOW % {"since": risk.short(dt.date(2026, 5, 3))}: "Fuera de la acogida desde el 3 may 2026",
        risk.BACK % {"num": 12, "on": "3 May 2026"}: "Regresó hace 12 días (el 3 may 2026)",
        risk.FLAGGED % {"indicator": risk.INDICATORS["exploiter_contact"]}:
            "Señalado: contacto con una persona que se sospecha que le explota",
        risk.AGED: "Tiene entre 12 y 17 años",
    }
    with i18n.speaking("es"):
        assert {english: said(english) for english in kept} == kept
    assert [said(english) for english in kept] == list(kept)  # English stays as it was made


def test_a_capitalised_name_and_a_report_scope_are_said_in_spanish():
    with i18n.speaking("es"):
        assert said("Contact with a suspected exploiter") == "Contacto con una persona que se sospecha que le explota"
        assert said(scope.TEAM % {"name": "North"}) == "equipo North" and said("the whole service") == "todo el servicio"
        assert said("Not a phrase Haven knows") == "Not a phrase Haven knows"
