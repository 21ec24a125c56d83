"""An analyst's own cited figures, added to the sources the model holds.

One figure a row: ``kind`` (``region-year``, ``region-span``, ``national-year``, ``share`` —
a region's percentage of a national year), ``region`` (any spelling, slug or INEI code, as
the cases upload reads it; empty for national), ``first_year``, ``last_year`` (one year: the
same in both), either ``value`` or ``low`` and/or ``high`` (a figure published rounded or as
"more than 1,500": a range, an open end allowed), ``source`` (required) and ``note``.
Spanish headers too. The same reading rules and messages as the cases upload
(:mod:`lib.upload`): every problem at once with its physical line, nothing used from a file
with a problem.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from lib.model import YEARS, Figure, Treatment
from lib.ranges import terms_for
from lib.reading import Layout, UploadResult, read_body, record_cells
from lib.region_names import RegionIndex
from lib.text import t
from lib.validate import Problem

FIGURE_ALIASES = {
    "kind": "kind",
    "tipo": "kind",
    "region": "region",
    "departamento": "region",
    "first year": "first_year",
    "first_year": "first_year",
    "primer ano": "first_year",
    "ano inicial": "first_year",
    "desde": "first_year",
    "last year": "last_year",
    "last_year": "last_year",
    "ultimo ano": "last_year",
    "ano final": "last_year",
    "hasta": "last_year",
    "value": "value",
    "valor": "value",
    "low": "low",
    "minimo": "low",
    "high": "high",
    "maximo": "high",
    "source": "source",
    "fuente": "source",
    "note": "note",
    "nota": "note",
}
FIGURES = Layout(
    "figures", FIGURE_ALIASES, ("kind", "region", "first_year", "last_year", "source"), ("value", "low", "high", "note")
)
# Writing the accepted figures back: these columns, read again by :data:`FIGURES`.
FIGURE_COLUMNS = ["kind", "region", "first_year", "last_year", "value", "low", "high", "source", "note"]
MAX_FIGURES = 500
MAX_COUNT = 1_000_000
NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")


class FigureKind(StrEnum):
    REGION_YEAR = "region-year"
    REGION_SPAN = "region-span"
    NATIONAL_YEAR = "national-year"
    SHARE = "share"  # a region's percentage of a national year


@dataclass(frozen=True)
class OwnFigure:
    """One accepted figure; ``low``/``high`` are counts, or percentages for a share (``None``:
    an open end); ``value`` is set when the file gave one number."""

    kind: FigureKind
    region_id: str  # empty for a national figure
    first_year: int
    last_year: int
    low: float | None
    high: float | None
    value: float | None
    source: str
    note: str
    line: int

    @property
    def key(self) -> str:
        return f"added-{self.line}"


def _number(text: str, column: str, line: int, problems: list[Problem], share: bool) -> float | None:
    if text == "":
        return None
    if not NUMBER.fullmatch(text):
        problems.append(Problem(t("figures.err.number"), line, column, text))
        return None
    value = float(text)
    if share and value > 100:
        problems.append(Problem(t("figures.err.share_over"), line, column, text))
    elif value > MAX_COUNT:
        problems.append(Problem(t("figures.err.too_large", limit=MAX_COUNT), line, column, text))
    return value


def _years(cell: dict[str, str], line: int, problems: list[Problem]) -> tuple[int, int] | None:
    found = []
    for column in ("first_year", "last_year"):
        text = cell[column]
        if not text.isascii() or not text.isdigit() or not YEARS[0] <= int(text) <= YEARS[-1]:
            problems.append(Problem(t("figures.err.year", first=YEARS[0], last=YEARS[-1]), line, column, text))
        else:
            found.append(int(text))
    if len(found) < 2:
        return None
    if found[0] > found[1]:
        problems.append(Problem(t("figures.err.year_order"), line, "first_year", cell["first_year"]))
        return None
    return found[0], found[1]


def check_figure(cell: dict[str, str], line: int, index: RegionIndex) -> OwnFigure | list[Problem]:
    """The row as an accepted figure, or every problem in it."""
    problems: list[Problem] = []
    try:
        kind = FigureKind(cell["kind"].lower())
    except ValueError:
        kinds = ", ".join(kind.value for kind in FigureKind)
        problems.append(Problem(t("figures.err.kind", kinds=kinds), line, "kind", cell["kind"]))
        kind = None
    national = kind is FigureKind.NATIONAL_YEAR
    region_id = ""
    if national and cell["region"]:
        problems.append(Problem(t("figures.err.region_national"), line, "region", cell["region"]))
    elif not national and kind is not None:
        region_id = index.match(cell["region"]) or ""
        if not region_id:
            message = t("figures.err.region_missing") if not cell["region"] else index.problem(cell["region"])
            problems.append(Problem(message, line, "region", cell["region"]))
    years = _years(cell, line, problems)
    if years and kind is not FigureKind.REGION_SPAN and years[0] != years[1]:
        problems.append(Problem(t("figures.err.one_year"), line, "last_year", cell["last_year"]))
    share = kind is FigureKind.SHARE
    value = _number(cell.get("value", ""), "value", line, problems, share)
    low = _number(cell.get("low", ""), "low", line, problems, share)
    high = _number(cell.get("high", ""), "high", line, problems, share)
    if value is not None and (low is not None or high is not None):
        problems.append(Problem(t("figures.err.value_and_range"), line, "value", cell["value"]))
    elif (
        value is None
        and low is None
        and high is None
        and not any(p.column in ("value", "low", "high") for p in problems)
    ):
        problems.append(Problem(t("figures.err.no_value"), line, "value", ""))
    if low is not None and high is not None and low > high:
        problems.append(Problem(t("figures.err.low_above_high"), line, "low", cell["low"]))
    if not cell["source"]:
        problems.append(Problem(t("figures.err.source"), line, "source", ""))
    if problems or kind is None or years is None:
        return problems
    low, high = (value, value) if value is not None else (low, high)
    return OwnFigure(kind, region_id, years[0], years[1], low, high, value, cell["source"], cell.get("note", ""), line)


def _duplicates(figures: Sequence[OwnFigure]) -> list[Problem]:
    seen: dict[tuple[FigureKind, str, int, int], int] = {}
    problems = []
    for figure in figures:
        first = seen.setdefault((figure.kind, figure.region_id, figure.first_year, figure.last_year), figure.line)
        if first != figure.line:
            problems.append(Problem(t("figures.err.duplicate", line=first), figure.line))
    return problems


@dataclass(frozen=True)
class FiguresRead:
    """The accepted figures (empty on refusal) and the reading's result and problems."""

    figures: tuple[OwnFigure, ...]
    result: UploadResult


def read_figures_upload(data: bytes, regions: pd.DataFrame) -> FiguresRead:
    """Read and check an uploaded figures file; never raises for bad input."""
    read = read_body(data, FIGURES)
    if isinstance(read, UploadResult):
        return FiguresRead((), read)
    index = RegionIndex.from_regions(regions)
    figures: list[OwnFigure] = []
    problems: list[Problem] = []
    for record in read.records:
        cell = record_cells(record, read.parsed, FIGURES)
        checked = cell if isinstance(cell, list) else check_figure(cell, record.first_line, index)
        if isinstance(checked, OwnFigure):
            figures.append(checked)
        else:
            problems += checked
    if len(figures) > MAX_FIGURES:
        problems.append(Problem(t("figures.err.too_many", limit=MAX_FIGURES)))
    problems += _duplicates(figures)
    table = None if problems else figures_table(figures, regions)
    return FiguresRead(() if problems else tuple(figures), UploadResult(table, problems, read.encoding, read.delimiter))


def _cell(number: float | None) -> str:
    return "" if number is None else f"{number:g}"


def figures_table(figures: Sequence[OwnFigure], regions: pd.DataFrame) -> pd.DataFrame:
    """The figures as :data:`FIGURE_COLUMNS`, regions by slug: the file that reads back to them."""
    slugs = dict(zip(regions["region_id"], regions["slug"], strict=True))
    rows = [
        {
            "kind": figure.kind.value,
            "region": slugs.get(figure.region_id, ""),
            "first_year": figure.first_year,
            "last_year": figure.last_year,
            "value": _cell(figure.value),
            "low": "" if figure.value is not None else _cell(figure.low),
            "high": "" if figure.value is not None else _cell(figure.high),
            "source": figure.source,
            "note": figure.note,
        }
        for figure in figures
    ]
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def figures_file(figures: Sequence[OwnFigure], regions: pd.DataFrame) -> bytes:
    """The accepted figures as a UTF-8 CSV that uploads again to the same figures."""
    buffer = io.StringIO()
    figures_table(figures, regions).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def model_figure(figure: OwnFigure, regions: Sequence[str], label: str) -> Figure:
    """``figure`` as a figure the model holds (one value) or bends (a range), at both levels."""
    years = range(figure.first_year, figure.last_year + 1)
    terms = (
        terms_for(regions, years) if figure.kind is FigureKind.NATIONAL_YEAR else terms_for([figure.region_id], years)
    )
    treatment = Treatment.HELD if figure.value is not None else Treatment.BENT
    if figure.kind is FigureKind.SHARE:
        low = None if figure.low is None else figure.low / 100
        high = None if figure.high is None else figure.high / 100
        return Figure(
            figure.key, label, figure.value or 0.0, "%", treatment, low, high, terms, figure.note, figure.source,
            of=terms_for(regions, years),
        )  # fmt: skip
    cited = figure.value if figure.value is not None else (figure.low or figure.high or 0.0)
    return Figure(
        figure.key, label, cited, "cases", treatment, figure.low, figure.high, terms, figure.note, figure.source
    )
