"""Hostile strings for injection tests: each must show up as inert text wherever it lands."""

import shutil
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from lib.data import DEFAULT_DATA_DIR

HOSTILE_STRINGS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "`",
    "${alert(1)}",
    "javascript:alert(1)",
    '"><svg onload=alert(1)>',
    "![x](http://example.com/x.png)",
    "line\n\n![y](http://example.com/y.png)",  # a blank line ends an HTML block in markdown
    ":red[coloured] $x^2$",
    '=HYPERLINK("http://example.com")',
    "x" * 2000,
    "\u202eevil\u202c\u200bzero\u200dwidth",
    "🗺️ Cusco 🇵🇪",
    "{{ 7*7 }}",  # branca compiles rendered scripts as Jinja templates: must stay literal
    "{% endraw %}{#",  # ... and must not stop the page with a template syntax error
    "$\\unknowncommand$",  # matplotlib mathtext: an unknown command stopped the export
    "cost $5 and $6",  # ... and a pair of dollars came out as italics without them
]

# What markdown would turn into an image, fetched from outside the machine.
MARKDOWN_IMAGE = "![x](http://example.com/x.png)"


def hostile_data(target: Path, strings: Sequence[str] = HOSTILE_STRINGS) -> Path:
    """The bundled data with every free-text field replaced by ``strings``, taken in turn
    (each column starts at a different one) and numbered so names stay unique."""
    shutil.copytree(DEFAULT_DATA_DIR, target)

    def rewrite(name: str, columns: list[str]) -> None:
        table = pd.read_csv(target / name, dtype=str, keep_default_na=False)
        for offset, column in enumerate(columns):
            table[column] = [f"{strings[(i + offset) % len(strings)]} {i}" for i in range(len(table))]
        table.to_csv(target / name, index=False)

    rewrite("regions.csv", ["capital", "hub_source"])
    # Region names must read as themselves: invisible characters and line breaks are refused
    # by the loader (tests/unit/test_data_folder_round4.py); every other hostile string is a name.
    names = [text for text in strings if text.isprintable()]
    table = pd.read_csv(target / "regions.csv", dtype=str, keep_default_na=False)
    table["name"] = [f"{names[i % len(names)]} {i}" for i in range(len(table))]
    table.to_csv(target / "regions.csv", index=False)
    rewrite("offices.csv", ["city", "source", "note"])
    rewrite("cases.csv", ["source"])
    return target
