"""Read and validate an analyst's own cases CSV.

Accepted: ``region, year, cases`` and optional ``basis``, ``source`` (Spanish headers
``región, año, casos`` too); UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode
text"), or Windows-1252 as Excel writes it; ``,`` ``;`` or tab between fields. ``region`` may
be a name (any case, accents and spacing; known variants such as Cuzco or Lima
Metropolitana), a slug or an INEI code.

The result is all or nothing: either a validated table that accounts for every line of the
file, or every problem found, each with its physical line, column, value and how to fix it.
The steps: :func:`decode`, :func:`parse`, :func:`check_rows`, :func:`check_duplicates`.
Nothing here raises on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.reading import Layout, Parsed, Record, UploadResult, read_body, record_cells
from lib.region_names import RegionIndex
from lib.schemas import CASE_RANGES
from lib.text import t
from lib.validate import BASIS_VALUES, MAX_CASES, YEAR_LIMITS, Basis, Problem, basis_problem, whole_number_problem

HEADER_ALIASES = {
    "region": "region",
    "departamento": "region",
    "department": "region",
    "year": "year",
    "ano": "year",
    "anio": "year",
    "cases": "cases",
    "casos": "cases",
    "denuncias": "cases",
    "basis": "basis",
    "base": "basis",
    "source": "source",
    "fuente": "source",
}
REQUIRED = ("region", "year", "cases")
RANGE_COLUMNS = list(CASE_RANGES)


CASES = Layout("cases", HEADER_ALIASES, REQUIRED, ("basis", "source"))


# --- row checks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    region_id: str
    year: int
    cases: int | None
    basis: str
    source: str
    line: int


def check_row(record: Record, parsed: Parsed, index: RegionIndex, file_name: str) -> Row | list[Problem]:
    """The record as a validated row, or every problem in it."""
    line = record.first_line
    cell = record_cells(record, parsed, CASES)
    if isinstance(cell, list):
        return cell
    problems: list[Problem] = []
    region_id = index.match(cell["region"])
    if region_id is None:
        problems.append(Problem(index.problem(cell["region"]), line, "region", cell["region"]))
    year_problem = whole_number_problem(cell["year"], *YEAR_LIMITS)
    if year_problem:
        problems.append(Problem(year_problem, line, "year", cell["year"]))
    basis = cell.get("basis", "").lower() or (Basis.MISSING if cell["cases"] == "" else Basis.REPORTED)
    if basis not in BASIS_VALUES:
        problems.append(Problem(t("upload.err.basis", options=", ".join(BASIS_VALUES)), line, "basis", cell["basis"]))
    cases_problem = None if cell["cases"] == "" else whole_number_problem(cell["cases"], 0, MAX_CASES, counts=True)
    cases_problem = cases_problem or (basis_problem(basis, cell["cases"]) if basis in BASIS_VALUES else None)
    if cases_problem:
        problems.append(Problem(cases_problem, line, "cases", cell["cases"]))
    if problems or region_id is None:
        return problems
    source = cell.get("source", "") or t("upload.source_default", file=file_name)
    cases = int(cell["cases"]) if cell["cases"] else None
    return Row(region_id, int(cell["year"]), cases, str(basis), source, line)


def check_duplicates(rows: list[Row], names: dict[str, str]) -> list[Problem]:
    """One problem per row that repeats a region and year given on an earlier line."""
    seen: dict[tuple[str, int], int] = {}
    problems = []
    for row in rows:
        first = seen.setdefault((row.region_id, row.year), row.line)
        if first != row.line:
            problems.append(
                Problem(t("upload.err.duplicate", region=names[row.region_id], year=row.year, line=first), row.line)
            )
    return problems


def read_cases_upload(data: bytes, file_name: str, regions: pd.DataFrame) -> UploadResult:
    """Validate an uploaded cases CSV against the known ``regions``.

    Never raises for bad input: every problem is returned in :attr:`UploadResult.problems`.
    """
    read = read_body(data, CASES)
    if isinstance(read, UploadResult):
        return read
    parsed, body, encoding, delimiter = read.parsed, read.records, read.encoding, read.delimiter
    index = RegionIndex.from_regions(regions)
    rows: list[Row] = []
    problems: list[Problem] = []
    for record in body:
        checked = check_row(record, parsed, index, file_name)
        if isinstance(checked, Row):
            rows.append(checked)
        else:
            problems += checked
    problems += check_duplicates(rows, index.names)
    if problems:
        return UploadResult(None, problems, encoding, delimiter)
    table = pd.DataFrame(
        [(row.region_id, row.year, row.cases, row.basis, row.source) for row in rows],
        columns=["region_id", "year", "cases", "basis", "source"],
    ).astype({"year": int})
    table["cases"] = table["cases"].astype("Int64")
    return UploadResult(table, [], encoding, delimiter)


def complete_grid(uploaded: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Every region × every year from the first to the last uploaded year; cells the upload
    does not give are ``missing`` (no data), never 0."""
    years = range(int(uploaded["year"].min()), int(uploaded["year"].max()) + 1)
    grid = pd.MultiIndex.from_product([sorted(regions["region_id"]), years], names=["region_id", "year"])
    full = uploaded.set_index(["region_id", "year"]).reindex(grid).reset_index()
    absent = full["basis"].isna()
    full.loc[absent, "basis"] = Basis.MISSING.value
    full.loc[absent, "source"] = t("upload.absent")
    full["cases"] = full["cases"].astype("Int64")
    # An uploaded table carries no ranges: its basis says what it is.
    for column in RANGE_COLUMNS:
        full[column] = pd.array([pd.NA] * len(full), dtype="Int64")
    return full[["region_id", "year", "cases", "basis", "source", *RANGE_COLUMNS]]
