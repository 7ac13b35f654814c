"""Dates, times, day counts, numbers and language codes on a page are written the way the
reader's language writes them (Babel), on the deployment's clock (`HAVEN_TIMEZONE`); English
stays as it always was."""

import datetime as dt

from service import i18n
from templates import filters

INSTANT = dt.datetime(2026, 9, 3, 9, 30, tzinfo=dt.timezone.utc)
NOW = dt.datetime(2026, 9, 1, 12, 0, tzinfo=dt.timezone.utc)


def test_english_is_written_as_before(monkeypatch):
    monkeypatch.setenv("HAVEN_TIMEZONE", "Europe/London")
    assert filters.day(dt.date(2026, 9, 3)) == "3 Sep 2026"
    assert filters.when(INSTANT) == "3 Sep 2026, 10:30 BST"
    assert filters.relative(INSTANT, NOW) == "in 2 days" and filters.relative(NOW, INSTANT) == "2 days ago"
    assert filters.number(12345.5) == "12,345.5"
    assert filters.languages(["uk", "ru"]) == "Ukrainian, Russian"
    assert filters.languages(["Romanian"]) == "Romanian"  # a name typed in stays as typed


def test_spanish_dates_numbers_and_language_names(monkeypatch):
    monkeypatch.setenv("HAVEN_TIMEZONE", "Europe/London")
    with i18n.speaking("es"):
        assert filters.day(dt.date(2026, 9, 3)) == "3 sept 2026"
        assert filters.when(INSTANT) == "3 sept 2026, 10:30 BST"
        assert filters.relative(INSTANT, NOW) == "dentro de 2 días"
        assert filters.relative(NOW + dt.timedelta(days=1), NOW) == "mañana"
        assert filters.number(12345.5) == "12.345,5"
        assert filters.languages("uk, ru") == "ucraniano, ruso"
        assert filters.words("not_yet") == "todavía no"


def test_the_browser_decides_until_a_person_chooses():
    assert i18n.choose("", "es-MX,es;q=0.9,en;q=0.5") == "es"
    assert i18n.choose("", "fr-CH, fr;q=0.9, en;q=0.8, es;q=0.7") == "en"
    assert i18n.choose("", "fr, es;q=0.5") == "es"
    assert i18n.choose("en", "es") == "en" and i18n.choose("es", "en-US") == "es"
    assert i18n.choose("", "") == "en" and i18n.choose("", "es;q=nonsense, *") == "en"
