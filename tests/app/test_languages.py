"""Every page in both languages, the lang deep link, and the language switch."""

import pytest
from streamlit.testing.v1 import AppTest

from lib.shell import keys
from lib.text import set_language
from tests.app.helpers import open_app

PAGES = {
    "app_pages/map.py": ("Mapa de casos de trata en el Perú", "Peru trafficking case map"),
    "app_pages/change.py": ("¿Qué cambió, y pueden decirlo las fuentes?", "What changed, and can the sources tell?"),
    "app_pages/trends.py": ("Tendencias en el tiempo", "Trends over time"),
    "app_pages/coverage.py": (
        "Fiscalías especializadas: quién cubre qué casos",
        "Specialised prosecutor offices: who covers which cases",
    ),
    "app_pages/data.py": ("Datos, fuentes y métodos", "Data, sources and methods"),
}


@pytest.fixture(autouse=True)
def english_test_thread():
    """AppTest formats widget options in the test's own thread, so that thread's language
    must match the app's (see set_language calls below); reset it after each test."""
    yield
    set_language("en")


def open_page(page: str, **params: str) -> AppTest:
    set_language(params.get("lang", "en"))
    return open_app(page, **params)


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("language", ["es", "en"])
def test_each_page_in_each_language(page: str, language: str) -> None:
    at = open_page(page, lang=language)
    spanish, english = PAGES[page]
    assert at.title[0].value == (spanish if language == "es" else english)


def test_spanish_numbers_and_labels_on_the_map() -> None:
    at = open_page("app_pages/map.py", lang="es", years="2007-2014")
    cases = next(m for m in at.metric if m.label == "Casos")
    assert cases.value == "2.311"
    share = next(m for m in at.metric if m.label == "Parte del total nacional")
    assert share.value == "100,0 %"
    assert at.query_params["lang"] == "es"


def test_switching_language_in_the_sidebar_updates_the_url() -> None:
    at = open_page("app_pages/map.py")
    assert "lang" not in at.query_params  # English is this test browser's own language
    at.selectbox(key=keys.LANGUAGE).set_value("es").run()
    set_language("es")
    assert at.title[0].value == "Mapa de casos de trata en el Perú"
    assert at.query_params["lang"] == "es"


def test_unknown_language_falls_back_with_a_notice() -> None:
    at = open_page("app_pages/map.py", lang="fr")
    assert at.title[0].value == "Peru trafficking case map"
    assert any("lang" in warning.value for warning in at.warning)
