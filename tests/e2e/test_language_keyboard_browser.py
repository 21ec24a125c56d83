"""Language from the browser, and a keyboard-only journey."""

from __future__ import annotations

import pytest

from tests.support.harness import map_frame, wait_for_script

pytestmark = pytest.mark.e2e

MAX_TABS = 200  # the map frame alone holds several tab stops


@pytest.fixture
def spanish_page(browser, offline):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="es-PE")
    context.route("**/*", offline.route)
    page = context.new_page()
    yield page
    context.close()


def test_spanish_browser_gets_spanish(spanish_page, app_url: str, offline) -> None:
    spanish_page.goto(app_url + "/?years=2007-2014")
    wait_for_script(spanish_page)
    map_frame(spanish_page)
    assert spanish_page.get_by_role("heading", name="Mapa de casos de trata en el Perú").count() == 1
    metric = spanish_page.locator("[data-testid=stMetric]", has_text="Casos").first
    assert metric.locator("[data-testid=stMetricValue]").inner_text().strip() == "2.311"
    assert "lang=" not in spanish_page.url  # the browser's own language needs no parameter
    assert offline.blocked == []


def tab_until(page, condition: str) -> None:
    """Press Tab until ``condition`` (JS on document.activeElement) holds."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({condition}); }}"):
            return
    raise AssertionError(f"never reached an element where {condition}")


def test_keyboard_only_journey(page, app_url: str) -> None:
    page.goto(app_url + "/")
    wait_for_script(page)
    map_frame(page)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # start from the top
    tab_until(page, "(el.getAttribute('aria-label') || '').startsWith('Years')")
    assert page.evaluate("() => document.activeElement.value") == "2007"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('years=2008-2014')", timeout=30_000)
    wait_for_script(page)
    tab_until(page, "el.tagName === 'BUTTON' && el.innerText.includes('Download these rows')")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename == "peru-trafficking_2008-2014.csv"
