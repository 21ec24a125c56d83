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
        number = int(value)
        if (low is not None and number < low) or (high is not None and number > high):
            limits = f"between {low} and {high}" if high is not None else f"at least {low}"
            return None, Problem(f"must be {limits}", line, column, text)
        return number, None
    if re.fullmatch(r"-[0-9]+", value):
        return None, Problem("must not be negative", line, column, text)
    if re.fullmatch(r"[0-9]+,[0-9]+", value):
        return None, Problem(
            "has a decimal comma; counts are whole numbers (write 12, not 12,5)" if column == "cases" else
            "has a decimal comma; write a whole number",
            line, column, text,
        )  # fmt: skip
    if re.fullmatch(r"[0-9]+\.[0-9]+", value):
        return None, Problem(
            "must be a whole number without a decimal point or thousands separator", line, column, text
        )
    return None, Problem("is not a whole number", line, column, text)


def read_cases_upload(data: bytes, file_name: str, regions: pd.DataFrame) -> UploadResult:
    """Validate an uploaded cases CSV against the known ``regions``.

    Never raises for bad input: every problem is returned in :attr:`UploadResult.problems`.
    """
    if not data.strip():
        return UploadResult(None, [Problem("The file is empty. Upload a CSV with a header row: region,year,cases")])
    if len(data) > MAX_UPLOAD_BYTES:
        size = f"{len(data) / 1_000_000:.1f} MB"
        return UploadResult(None, [Problem(f"The file is {size}; the limit is {MAX_UPLOAD_BYTES // 1_000_000} MB.")])
    if b"\x00" in data or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")):
        return UploadResult(
            None, [Problem("This is not a text CSV (it looks like an Excel workbook or another binary file). "
                           "In Excel use File > Save As > CSV UTF-8.")]
        )  # fmt: skip
    text, encoding = _decode(data)
    lines = text.splitlines()
    delimiter = _delimiter(lines[0] if lines else "")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        return UploadResult(
            None, [Problem(f"The file could not be read as CSV ({error}); check its quotes.")], encoding
        )
    if not rows:
        return UploadResult(None, [Problem("The file is empty. Upload a CSV with a header row: region,year,cases")])
    header = [HEADER_ALIASES.get(normalise(cell), normalise(cell)) for cell in rows[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        return UploadResult(
            None,
            [Problem(f"The header row needs the columns region, year and cases; {', '.join(missing)} not found "
                     f"(found: {', '.join(rows[0]) or 'nothing'}). Separate columns with , ; or a tab.", 1)],
            encoding, DELIMITERS[delimiter],
        )  # fmt: skip
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(cell.strip() for cell in row)]
    if not body:
        return UploadResult(None, [Problem("The file has a header but no data rows.")], encoding, DELIMITERS[delimiter])
    if len(body) > MAX_ROWS:
        return UploadResult(None, [Problem(f"The file has {len(body):,} rows; the limit is {MAX_ROWS:,}.")], encoding)
    index = RegionIndex.from_regions(regions)
    position = {column: header.index(column) for column in HEADER_ALIASES.values() if column in header}
    problems: list[Problem] = []
    records: list[tuple[str, int, int | None, str, str, int]] = []
    for line, row in body:
        if len(row) != len(header):
            stray = DELIMITERS[delimiter]
            problems.append(
                Problem(f"has {len(row)} fields but the header has {len(header)}; check for a stray {stray}", line)
            )
            continue
        cell = {column: row[where].strip() for column, where in position.items()}
        row_problems: list[Problem] = []
        region_id = index.match(cell["region"])
        if region_id is None:
            suggestion = index.suggest(cell["region"])
            hint = f"did you mean {suggestion}?" if suggestion else "use a region name, slug or two-digit INEI code"
            row_problems.append(Problem(f"is not a known region; {hint}", line, "region", cell["region"]))
        year, problem = _whole_number(cell["year"], "year", line, *YEAR_LIMITS)
        row_problems += [problem] if problem else []
        basis = cell.get("basis", "").lower() or ("missing" if cell["cases"] == "" else "reported")
        if basis not in BASIS_VALUES:
            row_problems.append(
                Problem(f"must be one of {', '.join(BASIS_VALUES)} (or empty)", line, "basis", cell["basis"])
            )
        cases: int | None = None
        if cell["cases"] == "":
            if basis != "missing":
                row_problems.append(Problem("is empty; give a count, or set basis to missing", line, "cases", ""))
        else:
            cases, problem = _whole_number(cell["cases"], "cases", line, 0, None)
            row_problems += [problem] if problem else []
            if basis == "missing" and problem is None:
                row_problems.append(
                    Problem("has a count but basis says missing; empty one of them", line, "cases", cell["cases"])
                )
        if row_problems:
            problems += row_problems
            continue
        source = cell.get("source", "") or f"uploaded file {file_name}"
        records.append((region_id, year, cases, basis, source, line))  # type: ignore[arg-type]
    seen: dict[tuple[str, int], int] = {}
    for region_id, year, _, _, _, line in records:
        if (region_id, year) in seen:
            problems.append(
                Problem(f"repeats {index.names[region_id]} {year} from line {seen[region_id, year]}; keep one row per "
                        "region and year (Lima Metropolitana and Lima Provincias are both Lima: add them up)", line)
            )  # fmt: skip
        else:
            seen[region_id, year] = line
    if problems:
        return UploadResult(None, problems, encoding, DELIMITERS[delimiter])
    table = pd.DataFrame(
        [record[:5] for record in records], columns=["region_id", "year", "cases", "basis", "source"]
    ).astype({"year": int})
    table["cases"] = table["cases"].astype("Int64")
    return UploadResult(table, [], encoding, DELIMITERS[delimiter])


def complete_grid(uploaded: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Every region × every year from the first to the last uploaded year; cells the upload
    does not give are ``missing`` (no data), never 0."""
    years = range(int(uploaded["year"].min()), int(uploaded["year"].max()) + 1)
    grid = pd.MultiIndex.from_product([sorted(regions["region_id"]), years], names=["region_id", "year"])
    full = uploaded.set_index(["region_id", "year"]).reindex(grid).reset_index()
    absent = full["basis"].isna()
    full.loc[absent, "basis"] = "missing"
    full.loc[absent, "source"] = "not in the uploaded file"
    full["cases"] = full["cases"].astype("Int64")
    return full[["region_id", "year", "cases", "basis", "source"]]
