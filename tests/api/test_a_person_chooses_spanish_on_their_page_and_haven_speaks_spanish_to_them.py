"""A person chooses Spanish on their own page (a form like the others, with its CSRF token):
the choice is audited, and from then on their pages come in Spanish, dates written the
Spanish way, with `<html lang="es">`, and a form's problems said in Spanish. A language Haven does not offer is refused naming the
field, and nothing changes. Before anyone has chosen, the browser's Accept-Language decides,
and English is the fallback."""

import datetime as dt
import re
import uuid

from service.accounts.tables import User
from service.audit.tables import AuditEntry
from tests.api.alerting import alerts, scan_at
from tests.conftest import run


def _therapist(api, child) -> tuple[str, dict]:
    name = f"lang.{uuid.uuid4().hex[:8]}"
    made = api.post("admin", "/api/v1/users", json={"username": name, "role": "therapist", "team": "north",
                                                     "password": "a long enough password"})
    assert made.status_code == 201, made.text
    token = api.client.post("/api/v1/auth/token", json={"username": name, "password": "a long enough password"})
    headers = {"Authorization": f"Bearer {token.json()['token']}"}
    added = api.post("cw", f"/api/v1/children/{child['id']}/care-team", json={"username": name})
    assert added.status_code in (200, 201), added.text
    return name, headers


def _choose(api, headers: dict, language: str):
    page = api.client.get("/account/password", headers=headers)
    assert page.status_code == 200 and 'action="/account/language"' in page.text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)
    return api.client.post("/account/language", data={"_csrf_token": token, "language": language},
                           headers={**headers, "x-csrftoken": token}, follow_redirects=False)


def test_a_person_saves_spanish_and_their_pages_come_in_spanish(api, child):
    name, headers = _therapist(api, child)
    before = api.client.get(f"/children/{child['id']}", headers=headers)
    assert '<html lang="en">' in before.text and "14 Mar 2026" in before.text

    saved = _choose(api, headers, "es")
    assert saved.status_code == 303 and saved.headers["location"] == "/account/password?done=language_changed"
    told = api.client.get(saved.headers["location"], headers=headers).text
    assert '<html lang="es">' in told and "Haven le habla en el idioma que eligió" in told
    assert '<option value="es" selected>' in told

    page = api.client.get(f"/children/{child['id']}", headers=headers).text
    assert '<html lang="es">' in page and "Fecha de nacimiento" in page and "Date of birth" not in page
    assert "14 mar 2026" in page and "Cerrar sesión" in page

    token = re.search(r'name="_csrf_token" value="([^"]+)"', told).group(1)
    mismatched = api.client.post("/account/password", data={
        "_csrf_token": token, "current_password": "a long enough password", "new_password": "another long one",
        "confirm_password": "not the same"}, headers={**headers, "x-csrftoken": token})
    assert mismatched.status_code == 400 and "no coincide con la contraseña nueva" in mismatched.text

    audited = run(AuditEntry.select(AuditEntry.action, AuditEntry.reason).where(
        (AuditEntry.record_id == name) & (AuditEntry.action == "account.language_set")))
    assert audited == [{"action": "account.language_set", "reason": "language set to es"}]


def test_a_language_haven_does_not_offer_is_refused_and_changes_nothing(api, child):
    name, headers = _therapist(api, child)
    refused = _choose(api, headers, "xx")
    assert refused.status_code == 400 and 'id="language-error"' in refused.text
    assert run(User.select(User.language).where(User.username == name).first())["language"] == ""
    assert run(AuditEntry.select().where(
        (AuditEntry.record_id == name) & (AuditEntry.action == "account.language_set"))) == []


def test_before_anyone_chooses_the_browsers_language_decides(api):
    spanish = api.client.get("/login", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    assert '<html lang="es">' in spanish.text and "Iniciar sesión en Haven" in spanish.text
    for header in ("fr-FR,fr;q=0.9", "", "en-GB,es;q=0.8"):
        english = api.client.get("/login", headers={"Accept-Language": header})
        assert '<html lang="en">' in english.text and "Sign in to Haven" in english.text, header


def test_the_childs_page_and_the_assessment_form_come_in_spanish(api, child):
    _name, headers = _therapist(api, child)
    assert _choose(api, headers, "es").status_code == 303

    page = api.client.get(f"/children/{child['id']}", headers=headers).text
    assert "Hechos recientes" in page and "Recent events" not in page
    assert re.search(r"\d+ meses aprox\.", page) and not re.search(r"about \d+ months", page)
    assert "La fecha de nacimiento es aproximada" in page and "Social / emocional" in page
    assert f'data-head="Confidencial · {child["case_number"]}"' in page  # the printed running head

    form = api.client.get(f"/children/{child['id']}/assessments/new", headers=headers)
    assert form.status_code == 200 and '<html lang="es">' in form.text
    for spanish in ("Anotar una evaluación", "No observado esta vez", "Guardar y terminar más tarde",
                    "Siguiente: ", "Los hitos previstos a los "):
        assert spanish in form.text, spanish
    for english in ("Record an assessment", "Not observed this time", "Save and finish later", "Next: ",
                    "The milestones due by", "-month checklist"):
        assert english not in form.text, english


def test_a_page_not_found_and_a_refused_nul_speak_the_browsers_language(api):
    missing = api.client.get("/no-such-page", headers={"Accept-Language": "es", "Accept": "text/html"})
    assert missing.status_code == 404 and "No encontramos esa página" in missing.text
    refused = api.client.post("/login", content=b"username=a%00b", headers={
        "Accept-Language": "es-ES", "Content-Type": "application/x-www-form-urlencoded"})
    assert refused.status_code == 400 and '<html lang="es">' in refused.text and "No se pudo guardar" in refused.text
    english = api.client.post("/login", content=b"username=a%00b", headers={
        "Content-Type": "application/x-www-form-urlencoded"})
    assert '<html lang="en">' in english.text and "<h1>This could not be saved</h1>" in english.text


def test_an_alerts_reason_is_shown_in_spanish_and_kept_in_english(api, child):
    moved = api.post("cw", f"/api/v1/children/{child['id']}/placements", json={
        "kind": "foster", "started_on": dt.date.today().isoformat(), "planned": False, "reason": "Moved in a hurry",
        "location": "A new home"})
    assert moved.status_code == 201, moved.text
    scan_at(dt.datetime.now(dt.timezone.utc))
    [kept] = alerts(child=child["id"], kind="placement_change")
    assert kept["reasons"][0].startswith("An unplanned move to a foster placement on ")

    page = api.client.get(f"/children/{child['id']}", headers={"Accept-Language": "es", **api._headers("cw")}).text
    assert "Traslado no planificado a una acogida (familia de acogida) el " in page
    assert "An unplanned move to a foster placement" not in page
    assert api.get("cw", f"/api/v1/alerts?child_id={child['id']}").json()[0]["reasons"] == kept["reasons"]
