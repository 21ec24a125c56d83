"""Read and validate an analyst's own cases CSV.

Accepted: ``region, year, cases`` and optional ``basis``, ``source`` (Spanish headers
``región, año, casos`` too); UTF-8 with or without BOM, or cp1252/Latin-1 as Excel writes
it; ``,`` ``;`` or tab between fields. ``region`` may be a name (any case, accents and
spacing; known variants such as Cuzco or Lima Metropolitana), a slug or an INEI code.

The result is all or nothing: either a validated table, or every problem found, each with
its line, column, value and how to fix it. Nothing here raises on bad input.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from lib.data import BASIS_VALUES, YEAR_LIMITS
from lib.text import number, t

MAX_UPLOAD_BYTES = 2_000_000
MAX_ROWS = 10_000
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
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
# Spellings seen in Peruvian and international tables, already normalised (see normalise()).
REGION_VARIANTS = {
    "cuzco": "08",
    "qosqo": "08",
    "lima metropolitana": "15",
    "lima provincias": "15",
    "lima province": "15",
    "lima provinces": "15",
    "provincia de lima": "15",
    "lima region": "15",
    "region lima": "15",
    "el callao": "07",
    "provincia constitucional del callao": "07",
    "callao region": "07",
}
SUGGESTION_CUTOFF = 0.75


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file. ``line`` is the file line (header = 1)."""

    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = " ".join(part for part in (f"line {self.line}" if self.line else "", self.column or "") if part)
        shown = f" {self.value!r}" if self.value is not None else ""
        return f"{where + ':' if where else ''}{shown} {self.message}".strip()


@dataclass(frozen=True)
class UploadResult:
    """``table`` (``region_id, year, cases, basis, source``) when accepted, else ``None``."""

    table: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    @property
    def accepted(self) -> bool:
        return self.table is not None and not self.problems


def normalise(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: "  Madre-de  DIOS " -> "madre de dios"."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


@dataclass(frozen=True)
class RegionIndex:
    """Every accepted spelling of each region, for :meth:`match`."""

    spellings: dict[str, str]
    names: dict[str, str]

    @classmethod
    def from_regions(cls, regions: pd.DataFrame) -> RegionIndex:
        spellings = {normalise(variant): code for variant, code in REGION_VARIANTS.items()}
        for row in regions.itertuples():
            for spelling in (row.name, row.slug, row.region_id, row.iso_code, str(int(row.region_id))):
                spellings[normalise(str(spelling))] = row.region_id
        return cls(spellings=spellings, names=dict(zip(regions["region_id"], regions["name"], strict=True)))

    def match(self, text: str) -> str | None:
        return self.spellings.get(normalise(text))

    def suggest(self, text: str) -> str | None:
        """The display name of the closest known spelling, if one is close enough."""
        close = difflib.get_close_matches(normalise(text), list(self.spellings), n=1, cutoff=SUGGESTION_CUTOFF)
        return self.names[self.spellings[close[0]]] if close else None


def _decode(data: bytes) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), "UTF-8" if encoding == "utf-8-sig" else "Windows-1252"
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "Latin-1"


def _delimiter(header_line: str) -> str:
    """The delimiter used most in the header line (Excel in Spanish writes ``;``)."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _whole_number(
    text: str, column: str, line: int, low: int | None, high: int | None
) -> tuple[int | None, Problem | None]:
    value = text.strip()
    if re.fullmatch(r"[0-9]+", value):
        whole = int(value)
        if (low is not None and whole < low) or (high is not None and whole > high):
            message = (
                t("upload.err.between", low=low, high=high) if high is not None else t("upload.err.at_least", low=low)
            )
            return None, Problem(message, line, column, text)
        return whole, None
    if re.fullmatch(r"-[0-9]+", value):
        return None, Problem(t("upload.err.negative"), line, column, text)
    if re.fullmatch(r"[0-9]+,[0-9]+", value):
        key = "upload.err.decimal_comma_cases" if column == "cases" else "upload.err.decimal_comma"
        return None, Problem(t(key), line, column, text)
    if re.fullmatch(r"[0-9]+\.[0-9]+", value):
        return None, Problem(t("upload.err.decimal_point"), line, column, text)
    return None, Problem(t("upload.err.not_whole"), line, column, text)


def _refused(problem: Problem, encoding: str = "", delimiter: str = "") -> UploadResult:
    return UploadResult(None, [problem], encoding, delimiter)


def read_cases_upload(data: bytes, file_name: str, regions: pd.DataFrame) -> UploadResult:
    """Validate an uploaded cases CSV against the known ``regions``.

    Never raises for bad input: every problem is returned in :attr:`UploadResult.problems`.
    """
    if not data.strip():
        return _refused(Problem(t("upload.err.empty")))
    if len(data) > MAX_UPLOAD_BYTES:
        size, limit = number(len(data) / 1_000_000, 1), MAX_UPLOAD_BYTES // 1_000_000
        return _refused(Problem(t("upload.err.too_big", size=size, limit=limit)))
    if b"\x00" in data or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")):
        return _refused(Problem(t("upload.err.binary")))
    text, encoding = _decode(data)
    lines = text.splitlines()
    delimiter = _delimiter(lines[0] if lines else "")
    delimiter_name = t(f"upload.delimiter.{DELIMITERS[delimiter]}")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        return _refused(Problem(t("upload.err.unreadable", error=error)), encoding, delimiter_name)
    if not rows:
        return _refused(Problem(t("upload.err.empty")))
    header = [HEADER_ALIASES.get(normalise(cell), normalise(cell)) for cell in rows[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        found = ", ".join(rows[0]) or "–"
        return _refused(
            Problem(t("upload.err.header", missing=", ".join(missing), found=found), 1), encoding, delimiter_name
        )
    body = [(line, row) for line, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not body:
        return _refused(Problem(t("upload.err.no_rows")), encoding, delimiter_name)
    if len(body) > MAX_ROWS:
        message = t("upload.err.too_many_rows", rows=number(len(body)), limit=number(MAX_ROWS))
        return _refused(Problem(message), encoding, delimiter_name)
    index = RegionIndex.from_regions(regions)
    position = {column: header.index(column) for column in HEADER_ALIASES.values() if column in header}
    problems: list[Problem] = []
    records: list[tuple[str, int, int | None, str, str, int]] = []
    for line, row in body:
        if len(row) != len(header):
            message = t("upload.err.fields", found=len(row), expected=len(header), delimiter=delimiter_name)
            problems.append(Problem(message, line))
            continue
        cell = {column: row[where].strip() for column, where in position.items()}
        row_problems: list[Problem] = []
        region_id = index.match(cell["region"])
        if region_id is None:
            suggestion = index.suggest(cell["region"])
            message = t("upload.err.region_suggest", name=suggestion) if suggestion else t("upload.err.region_unknown")
            row_problems.append(Problem(message, line, "region", cell["region"]))
        year, problem = _whole_number(cell["year"], "year", line, *YEAR_LIMITS)
        row_problems += [problem] if problem else []
        basis = cell.get("basis", "").lower() or ("missing" if cell["cases"] == "" else "reported")
        if basis not in BASIS_VALUES:
            message = t("upload.err.basis", options=", ".join(BASIS_VALUES))
            row_problems.append(Problem(message, line, "basis", cell["basis"]))
        cases: int | None = None
        if cell["cases"] == "":
            if basis != "missing":
                row_problems.append(Problem(t("upload.err.empty_cases"), line, "cases", ""))
        else:
            cases, problem = _whole_number(cell["cases"], "cases", line, 0, None)
            row_problems += [problem] if problem else []
            if basis == "missing" and problem is None:
                row_problems.append(Problem(t("upload.err.count_with_missing"), line, "cases", cell["cases"]))
        if row_problems or region_id is None or year is None:
            problems += row_problems
            continue
        source = cell.get("source", "") or t("upload.source_default", file=file_name)
        records.append((region_id, year, cases, basis, source, line))
    seen: dict[tuple[str, int], int] = {}
    for region_id, year, _, _, _, line in records:
        if (region_id, year) in seen:
            first = seen[region_id, year]
            problems.append(
                Problem(t("upload.err.duplicate", region=index.names[region_id], year=year, line=first), line)
            )
        else:
            seen[region_id, year] = line
    if problems:
        return UploadResult(None, problems, encoding, delimiter_name)
    table = pd.DataFrame(
        [record[:5] for record in records], columns=["region_id", "year", "cases", "basis", "source"]
    ).astype({"year": int})
    table["cases"] = table["cases"].astype("Int64")
    return UploadResult(table, [], encoding, delimiter_name)


def complete_grid(uploaded: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Every region × every year from the first to the last uploaded year; cells the upload
    does not give are ``missing`` (no data), never 0."""
    years = range(int(uploaded["year"].min()), int(uploaded["year"].max()) + 1)
    grid = pd.MultiIndex.from_product([sorted(regions["region_id"]), years], names=["region_id", "year"])
    full = uploaded.set_index(["region_id", "year"]).reindex(grid).reset_index()
    absent = full["basis"].isna()
    full.loc[absent, "basis"] = "missing"
    full.loc[absent, "source"] = t("upload.absent")
    full["cases"] = full["cases"].astype("Int64")
    return full[["region_id", "year", "cases", "basis", "source"]]
