"""UI text: the catalogue (``lib/locales/<language>.toml``), the language of this script run,
and numbers formatted for it by Babel.

The language is per script run (a context variable set by the app at the start of each run),
so sessions in different languages never see each other's text. Catalogue keys are always
literals (or entries of a literal table such as :data:`lib.labels.LABEL_KEYS`), so a test can
check every key the code uses.
"""

from __future__ import annotations

import functools
import tomllib
from contextvars import ContextVar
from pathlib import Path

import pandas as pd
from babel import Locale
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def _load_catalogue() -> dict[str, dict[str, str]]:
    catalogue = {}
    for language in LANGUAGES:
        with (LOCALES_DIR / f"{language}.toml").open("rb") as file:
            catalogue[language] = tomllib.load(file)
    return catalogue


CATALOGUE: dict[str, dict[str, str]] = _load_catalogue()


def set_language(language: str) -> None:
    """Use ``language`` (one of :data:`LANGUAGES`) for the rest of this script run."""
    _language.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)


def current_language() -> str:
    return _language.get()


def browser_language(locale: str | None) -> str:
    """Spanish for a Spanish browser locale (``es``, ``es-PE``…), otherwise English."""
    return "es" if (locale or "").lower().startswith("es") else "en"


def t(key: str, /, **values: object) -> str:
    """The text for ``key`` in the current language, with ``{placeholders}`` filled."""
    text = CATALOGUE[current_language()][key]
    return text.format(**values) if values else text


@functools.cache
def _locale(language: str) -> Locale:
    """Babel's locale data for ``language``, parsed once (parsing it per number was a tenth of
    a map page's server time)."""
    return Locale.parse(language)


def _fraction(digits: int) -> str:
    return "." + "0" * digits if digits > 0 else ""


def number(value: float, digits: int = 0) -> str:
    """``value`` with the language's separators: 1,976.5 in English, 1.976,5 in Spanish.

    >>> number(1976.54, 1), number(12.5, 1), number(1976)
    ('1,976.5', '12.5', '1,976')
    """
    # An explicit pattern: CLDR's Spanish leaves four-digit numbers ungrouped, but the app
    # groups every count alike so columns of numbers line up (1.976 next to 12.345).
    return format_decimal(value, format=f"#,##0{_fraction(digits)}", locale=_locale(current_language()))


def percent(share: float, digits: int = 1) -> str:
    """A 0..1 share as a percentage: 19.4% in English, 19,4 % in Spanish.

    >>> percent(0.194)
    '19.4%'
    """
    locale = _locale(current_language())
    pattern = locale.percent_formats[None].pattern
    text = format_percent(share, format=pattern.replace("#,##0", f"#,##0{_fraction(digits)}"), locale=locale)
    # A plain space, so a figure copied from the page matches the same figure typed in a search.
    return text.replace("\xa0", " ")


def amount(value: object, digits: int = 0) -> str:
    """A figure that may be missing: :func:`number`, or "no data" (never 0) for None or NA.

    >>> amount(None), amount(12.346, 2)
    ('no data', '12.35')
    """
    if value is None or pd.isna(value):
        return t("metrics.none")
    return number(float(value), digits)  # type: ignore[arg-type]
