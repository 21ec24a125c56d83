"""The catalogue is complete in both languages, numbers follow the language, and no page
hard-codes user-visible text."""

import ast
import string
from pathlib import Path

import pytest

from lib.filters import language_from_query
from lib.labels import COUNTRY_KEYS, LABEL_KEYS, LANGUAGE_KEYS, UNIT_KEYS, label
from lib.text import (
    CATALOGUE,
    browser_language,
    current_language,
    number,
    percent,
    set_language,
    t,
)
from lib.views.trends.charts import GROUP_LABEL_KEYS, HUB_LABEL_KEYS

ROOT = Path(__file__).resolve().parents[2]
ENGLISH, SPANISH = CATALOGUE["en"], CATALOGUE["es"]
# Every table of catalogue keys the code looks keys up in (keys are never built at run time).
KEY_TABLES = [*LABEL_KEYS.values(), UNIT_KEYS, LANGUAGE_KEYS, COUNTRY_KEYS, HUB_LABEL_KEYS, GROUP_LABEL_KEYS]


@pytest.fixture
def spanish():
    set_language("es")
    yield
    set_language("en")


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_both_languages_have_every_key_with_the_same_placeholders() -> None:
    assert set(ENGLISH) == set(SPANISH)
    for key in ENGLISH:
        assert placeholders(ENGLISH[key]) == placeholders(SPANISH[key]), key
        assert SPANISH[key].strip(), key


def code_files() -> list[Path]:
    return [ROOT / "app.py", *ROOT.glob("app_pages/*.py"), *ROOT.glob("lib/**/*.py")]


def test_every_key_used_in_the_code_exists() -> None:
    used = {key for table in KEY_TABLES for key in table.values()}
    for path in code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "t" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    used.add(first.value)
    assert used - set(ENGLISH) == set()


def test_no_catalogue_key_is_built_at_run_time() -> None:
    """t()'s key is a literal, or an entry of one of the literal key tables (a subscript)."""
    built = []
    for path in code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "t" and node.args:
                first = node.args[0]
                if not isinstance(first, ast.Constant | ast.Subscript):
                    built.append(f"{path.name}:{node.lineno}")
    assert built == []


def test_every_enum_member_has_a_label_in_both_languages() -> None:
    for enum, keys in LABEL_KEYS.items():
        assert set(keys) == set(enum), enum
        for member in enum:
            set_language("es")
            spanish = label(member)
            set_language("en")
            assert label(member) and spanish, member


def test_catalogue_files_are_the_catalogue() -> None:
    import tomllib

    for language in ("en", "es"):
        with (ROOT / "lib" / "locales" / f"{language}.toml").open("rb") as file:
            assert tomllib.load(file) == CATALOGUE[language]


def test_numbers_follow_the_language(spanish) -> None:
    assert number(1976) == "1.976" and number(12.5, 1) == "12,5" and percent(0.194) == "19,4 %"
    set_language("en")
    assert number(1976) == "1,976" and number(12.5, 1) == "12.5" and percent(0.194) == "19.4%"


def test_text_follows_the_language(spanish) -> None:
    assert t("nav.map") == "Mapa" and current_language() == "es"
    set_language("xx")  # unknown falls back to English
    assert t("nav.map") == "Map"


def test_language_choice() -> None:
    assert browser_language("es-PE") == "es" and browser_language("en-US") == "en" and browser_language(None) == "en"
    assert language_from_query(None, "es") == ("es", None)
    assert language_from_query("en", "es") == ("en", None)
    language, notice = language_from_query("fr", "es")
    assert language == "es" and "lang" in notice


def test_region_names_keep_their_spanish_spelling() -> None:
    names = (ROOT / "data" / "regions.csv").read_text(encoding="utf-8")
    for name in ("Áncash", "Apurímac", "Huánuco", "Junín", "San Martín"):
        assert name in names


UI_CALLS = {
    "title", "header", "subheader", "caption", "markdown", "write", "info", "warning", "error", "success",
    "button", "download_button", "toggle", "radio", "selectbox", "multiselect", "slider", "select_slider",
    "file_uploader", "metric", "expander", "text", "TextColumn", "NumberColumn", "LinkColumn",
}  # fmt: skip
UI_KEYWORDS = {"label", "help", "placeholder", "body"}


def literal_text(node: ast.AST) -> str | None:
    """Literal words in ``node`` (a string constant or the constant parts of an f-string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return None


def test_no_page_hard_codes_user_visible_text() -> None:
    offenders = []
    for path in [ROOT / "app.py", *ROOT.glob("app_pages/*.py"), *ROOT.glob("lib/shell/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or getattr(node.func, "attr", "") not in UI_CALLS:
                continue
            candidates = node.args[:1] + [k.value for k in node.keywords if k.arg in UI_KEYWORDS]
            for candidate in candidates:
                text = literal_text(candidate)
                if text and any(char.isalpha() for char in text):
                    offenders.append(f"{path.name}:{node.lineno} {text!r}")
    assert offenders == []


def test_catalogue_languages_are_listed() -> None:
    assert set(CATALOGUE) == {"en", "es"}
