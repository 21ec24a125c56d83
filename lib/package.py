"""A view as a citable data package: one ZIP with the view's table as CSV (the same bytes as
the page's own download), ``datapackage.json`` (a Frictionless Data Package v2 descriptor:
every column typed, described and with its unit, missing values, primary key, the sources
with their URLs, licences, the view's filters, the app's version and the date), a
``README.md`` (what the data is and is not, the filters in words, the link, how to cite it,
the caveats, what an upload or added figures changed) and the map as SVG; and the citation
of a view as text, BibTeX and RIS."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
APP = "Peru trafficking case map"
VERSION = "0.1.0"
PRODUCERS = (
    "Ministerio Público del Perú (Fiscalía de la Nación)",
    "Instituto Nacional de Estadística e Informática (INEI)",
)
LICENCES = [
    {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "The app's derived tables: credit the original producers first, then the app",
    },
    {
        "name": "PDDL-1.0",
        "path": "https://opendatacommons.org/licenses/pddl/1-0/",
        "title": "Region outlines: Natural Earth, public domain",
    },
]
# What each column of the app's tables is: type, description, unit (empty: none).
COLUMNS: dict[str, tuple[str, str, str]] = {
    "region_id": ("string", "INEI code of the region (two digits)", ""),
    "region": ("string", "Region name (Spanish spelling)", ""),
    "year": ("integer", "Calendar year", ""),
    "cases": ("integer", "Trafficking complaints registered by the Ministerio Público (detected cases)", "cases"),
    "population": ("integer", "INEI population (census or projection; interpolated years estimated)", "people"),
    "rate_per_100k": ("number", "Cases per 100,000 people", "cases per 100,000 people"),
    "cases_low": ("integer", "Lowest value the cited figures allow with the model's assumptions", "cases"),
    "cases_high": ("integer", "Highest value the cited figures allow with the model's assumptions", "cases"),
    "sources_low": ("integer", "Lowest value the cited figures alone allow", "cases"),
    "sources_high": ("integer", "Highest value the cited figures alone allow", "cases"),
    "rate_low": ("number", "Lowest rate the model level allows", "cases per 100,000 people"),
    "rate_high": ("number", "Highest rate the model level allows", "cases per 100,000 people"),
    "basis": ("string", "reported (cited), estimated (derived by the documented method) or missing", ""),
    "source": ("string", "Where the value comes from: a URL or the method", ""),
    "a_years": ("string", "Period A, inclusive years", ""),
    "b_years": ("string", "Period B, inclusive years", ""),
    "metric": ("string", "cases_per_year or cases_per_100k_per_year", ""),
    "a_per_year": ("number", "Yearly average in period A", "per year"),
    "b_per_year": ("number", "Yearly average in period B", "per year"),
    "change": ("number", "B minus A (yearly averages)", "per year"),
    "change_low": ("number", "Lowest change the model level allows", "per year"),
    "change_high": ("number", "Highest change the model level allows", "per year"),
    "sources_change_low": ("number", "Lowest change the cited figures alone allow", "per year"),
    "sources_change_high": ("number", "Highest change the cited figures alone allow", "per year"),
    "verdict": ("string", "rose, fell, unchanged, cannot-tell, no-range or no-data", ""),
    "sources_support": ("boolean", "Whether the cited figures alone support the direction", ""),
    "a_basis": ("string", "Basis of period A's cells", ""),
    "b_basis": ("string", "Basis of period B's cells", ""),
    "holds_to_share_factor": ("number", "Share factor up to which a model-only direction holds (inf: however far)", ""),
    "holds_to_yearly_change": (
        "number",
        "Yearly change up to which a model-only direction holds (inf: however far)",
        "",
    ),
    "data": ("string", "What the data is (the data folder, an uploaded file, added figures)", ""),
    "cited": ("integer", "The national total as published, where one was", "cases"),
}
KEYS = {"region-years": ["region_id", "year"], "change": ["region_id"], "national-series": ["year"]}


@dataclass(frozen=True)
class View:
    """What a package or a citation describes: the page, its filters in words, the link that
    reopens it, the data's note (:func:`lib.export.data_note`), the sources' URLs and the
    caveats the page shows."""

    page: str
    title: str
    filters: Sequence[str]
    link: str
    data_note: str
    sources: Sequence[str]
    caveats: Sequence[str]
    made: date
    own_data: bool = False  # an uploaded case table: no cited source is the data's source


def _field(name: str, table: pd.DataFrame) -> dict[str, object]:
    kind, description, unit = COLUMNS.get(name, ("string", name.replace("_", " "), ""))
    if kind == "integer" and not pd.api.types.is_integer_dtype(table[name].dropna()):
        kind = "number"  # a column of whole numbers read with gaps as floats
    field: dict[str, object] = {"name": name, "type": kind, "description": description}
    if unit:
        field["unit"] = unit
    return field


def descriptor(resource: str, csv: bytes, view: View) -> dict[str, object]:
    """The ``datapackage.json`` of a package holding ``resource`` (its CSV) and the map."""
    table = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    fields = [_field(name, table) for name in table.columns]
    keys = [key for key in KEYS.get(resource, []) if key in table.columns]
    schema: dict[str, object] = {"fields": fields, "missingValues": [""]}
    if keys and not table.duplicated(keys).any():
        schema["primaryKey"] = keys
    sources = [] if view.own_data else [{"title": url, "path": url} for url in dict.fromkeys(view.sources)]
    return {
        "$schema": PROFILE,
        "name": f"peru-trafficking-{view.page}",
        "title": f"{view.title} ({APP})",
        "description": f"{view.data_note}. Filters: {'; '.join(view.filters)}. Reopen the view: {view.link}",
        "version": VERSION,
        "created": f"{view.made.isoformat()}T00:00:00Z",
        "homepage": view.link,
        "licenses": LICENCES,
        "contributors": [{"title": producer, "roles": ["creator"]} for producer in PRODUCERS if not view.own_data]
        + [{"title": APP, "roles": ["publisher"]}],
        "sources": sources,
        "keywords": ["human trafficking", "Peru", "trata de personas", "Ministerio Público"],
        "resources": [
            {
                "name": resource,
                "path": f"{resource}.csv",
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": schema,
            },
            {"name": "map", "path": "map.svg", "format": "svg", "mediatype": "image/svg+xml"},
        ],
    }


ACCESSED = {"en": "accessed", "es": "consultado"}


def _plain(text: str) -> str:
    """One line, without the characters BibTeX and RIS give meaning to (text from data)."""
    return " ".join(text.replace("{", "(").replace("}", ")").replace("\\", "/").split())


def citation_text(view: View, language: str = "en") -> str:
    """The citation, original producers first: ``Ministerio Público …; INEI … (2026). Title. …``."""
    producers = "" if view.own_data else "; ".join(PRODUCERS) + ". "
    return (
        f"{producers}{APP} ({view.made.year}). {view.title}. {', '.join(view.filters)}. "
        f"{view.link} ({ACCESSED[language]} {view.made.isoformat()})."
    )


def readme(resource: str, view: View) -> str:
    lines = [
        f"# {view.title}",
        "",
        f"Data package of one view of the {APP}: `{resource}.csv` (the table the page shows) and "
        "`map.svg` (its map), described in `datapackage.json` (Frictionless Data Package v2).",
        "",
        "## What this data is, and is not",
        "",
        f"- {view.data_note}.",
        *[f"- {caveat}" for caveat in view.caveats],
        "",
        "## The view",
        "",
        *[f"- {line}" for line in view.filters],
        "",
        f"Reopen it: {view.link}",
        "",
        "## How to cite",
        "",
        citation_text(view),
        "",
        "Credit the original producers first (the Ministerio Público's complaint register, INEI's "
        "population), then the app.",
        "",
        "## Licences",
        "",
        *[f"- {licence['name']}: {licence['title']} ({licence['path']})" for licence in LICENCES],
    ]
    if view.own_data:
        lines += ["", "The cases are an analyst's uploaded file: no cited source is the data's source."]
    return "\n".join(lines) + "\n"


def package_zip(resource: str, csv: bytes, view: View, svg: bytes | None = None) -> bytes:
    """The ZIP: the CSV (the page's own bytes), ``datapackage.json``, ``README.md`` and, for a
    view with a map, ``map.svg``."""
    described = descriptor(resource, csv, view)
    if svg is None:
        described["resources"] = [item for item in described["resources"] if item["name"] != "map"]  # type: ignore[attr-defined]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{resource}.csv", csv)
        archive.writestr("datapackage.json", json.dumps(described, indent=2, ensure_ascii=False))
        archive.writestr("README.md", readme(resource, view))
        if svg is not None:
            archive.writestr("map.svg", svg)
    return buffer.getvalue()


def bibtex(view: View) -> str:
    key = f"peru_trafficking_{view.page}_{view.made.year}"
    author = "{Ministerio Público del Perú} and {INEI} and {" + APP + "}" if not view.own_data else "{" + APP + "}"
    note = _plain(", ".join(view.filters))
    return (
        f"@misc{{{key},\n  author = {{{author}}},\n  title = {{{_plain(view.title)}}},\n"
        f"  year = {{{view.made.year}}},\n  howpublished = {{\\url{{{_plain(view.link)}}}}},\n"
        f"  note = {{{note}; accessed {view.made.isoformat()}}}\n}}\n"
    )


def ris(view: View) -> str:
    authors = [] if view.own_data else [f"AU  - {producer}" for producer in PRODUCERS]
    return (
        "\n".join(
            [
                "TY  - DATA",
                *authors,
                f"AU  - {APP}",
                f"TI  - {_plain(view.title)}",
                f"PY  - {view.made.year}",
                f"UR  - {_plain(view.link)}",
                f"Y2  - {view.made.isoformat()}",
                f"N1  - {_plain(', '.join(view.filters))}",
                "ER  - ",
            ]
        )
        + "\n"
    )
