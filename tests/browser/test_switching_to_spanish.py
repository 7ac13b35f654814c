"""Switching to Spanish: a caseworker opens their own page from the header, chooses Español,
and the page, the menu and every page after speak Spanish (`<html lang="es">`), still
clean for axe-core."""

import uuid

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, assert_accessible, screenshot, sign_in_through_the_form
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
