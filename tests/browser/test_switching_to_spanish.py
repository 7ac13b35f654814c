"""Switching to Spanish: a caseworker opens their own page from the header, chooses Español,
and the page, the menu and every page after speak Spanish (`<html lang="es">`), still
clean for axe-core. A therapist whose browser asks for Spanish finds the child's page and the
step-by-step assessment form in Spanish, on a phone, and saves it for later in Spanish too."""

import uuid

from playwright.sync_api import expect

from milestones.catalogue import by_code
from tests.browser.conftest import DESKTOP, PHONE, assert_accessible, screenshot, sign_in_through_the_form
from tests.browser.development import young_child
from tests.conftest import PASSWORD


def test_switching_to_spanish(browser, server, api):
    name = f"es.{uuid.uuid4().hex[:8]}"  # an account of its own: the personas stay in English
    api.post("admin", "/api/v1/users", json={"username": name, "role": "caseworker", "team": "north",
                                             "password": PASSWORD})
    context = browser.new_context(base_url=server, viewport=DESKTOP)
    page = context.new_page()
    sign_in_through_the_form(page, name)

    page.get_by_role("link", name=name).click()
    page.get_by_label("The language Haven uses for your pages and emails").select_option("es")
    page.get_by_role("button", name="Save language").click()

    expect(page.get_by_role("status")).to_contain_text("Haven le habla en el idioma que eligió")
    expect(page.get_by_role("heading", name="Cambie su contraseña")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_label("El idioma que Haven usa en sus páginas y correos")).to_have_value("es")
    assert_accessible(page)
    screenshot(page, "test_switching_to_spanish")

    page.get_by_role("link", name="Mis niños y niñas").click()
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_accessible(page)
    context.close()


def test_a_browser_asking_for_spanish_gets_the_childs_page_and_the_assessment_form_in_spanish(browser, server, api,
                                                                                             open_as):
    child_id = young_child(api)
    signed_in = open_as("th").context.storage_state()  # the persona keeps no saved language
    context = browser.new_context(base_url=server, viewport=PHONE, locale="es-ES", storage_state=signed_in)
    page = context.new_page()

    page.goto(f"/children/{child_id}")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="Hechos recientes")).to_be_visible()
    expect(page.get_by_role("row", name="Social / emocional").first).to_be_visible()
    assert_accessible(page)

    page.goto(f"/children/{child_id}/assessments/new")
    expect(page.get_by_role("heading", name="Anotar una evaluación")).to_be_visible()
    expect(page.locator("#progress")).to_have_text("Social / emocional, 1 de 5")
    page.get_by_role("group", name=by_code()["M09-SE-1"].description, exact=True).get_by_label(
        "Logrado", exact=True).check()
    assert_accessible(page)
    screenshot(page, "test_the_assessment_form_in_spanish_on_a_phone")
    page.get_by_role("button", name="Siguiente: Lenguaje / comunicación").click()
    expect(page.locator("#progress")).to_have_text("Lenguaje / comunicación, 2 de 5")
    page.get_by_role("button", name="Guardar y terminar más tarde").click()
    expect(page.get_by_role("status")).to_contain_text("Sus respuestas hasta ahora están guardadas")
    context.close()
