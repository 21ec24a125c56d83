"""The one place values become HTML or spreadsheet text.

Everything data-derived that reaches a tooltip, popup, legend or any HTML string goes
through :func:`escape_html`; every CSV cell the app writes goes through
:func:`neutralise_formula`.
"""

from __future__ import annotations

import html
import re

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_html(value: object) -> str:
    """``value`` as inert HTML text (quotes included, so it is safe in attributes too).

    Line breaks become character references: the legend's HTML passes through Streamlit's
    markdown, where a blank line would end the HTML block and let markdown such as an image
    link after it render (and fetch). Browsers show the reference as the same whitespace.
    """
    return html.escape(str(value), quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:=^\"'&%@")


def escape_markdown(value: object) -> str:
    r"""``value`` as plain text inside Streamlit markdown: every punctuation character that
    markdown, Streamlit directives (``:red[...]``) or LaTeX (``$``) could act on is
    backslash-escaped, so a file name or source can never become a link or an image.

    >>> print(escape_markdown("![x](http://e/x.png)"))
    \!\[x\]\(http\://e/x\.png\)
    """
    return "".join("\\" + char if char in MARKDOWN_SPECIALS else char for char in str(value)).replace("\n", " ")


def neutralise_formula(text: str) -> str:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe (OWASP).

    >>> neutralise_formula("=1+1"), neutralise_formula("Cusco")
    ("'=1+1", 'Cusco')
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (so Excel shows accents), header first, text cells and headers
    neutralised, numbers written as they are and missing values as empty cells."""
    safe = table.copy()
    safe.columns = [neutralise_formula(str(column)) for column in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(lambda cell: cell if pd.isna(cell) else neutralise_formula(str(cell)))
    text: str = safe.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


# ![alt](url "title"), ![alt][ref] and <img ...>: anything that would make the browser fetch.
MARKDOWN_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\]]*\])*)\]\s*(?:\([^)]*\)|\[[^\]]*\])|<img\b[^>]*>", re.IGNORECASE)


def markdown_without_images(text: str) -> tuple[str, int]:
    """Operator-written markdown with every image replaced by its alt text in brackets, and
    how many were dropped: the app never makes the browser fetch a remote file.

    >>> markdown_without_images("See ![map](http://e/x.png).")
    ('See [map].', 1)
    """
    dropped = 0

    def alt_text(match: re.Match[str]) -> str:
        nonlocal dropped
        dropped += 1
        return f"[{match.group(1)}]" if match.group(1) else ""

    cleaned = MARKDOWN_IMAGE.sub(alt_text, text)
    # Whatever image syntax is left (malformed or nested) is shown as text, never fetched.
    return cleaned.replace("![", "!\\["), dropped
