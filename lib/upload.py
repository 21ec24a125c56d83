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

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

import pandas as pd

from lib.region_names import RegionIndex, normalise
from lib.schemas import CASE_RANGES
from lib.text import number, t
from lib.validate import BASIS_VALUES, MAX_CASES, YEAR_LIMITS, Basis, Problem, basis_problem, whole_number_problem

MAX_UPLOAD_BYTES = 2_000_000
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // 1_000_000
MAX_ROWS = 10_000
MAX_COLUMNS_NAMED = 8
DELIMITER_KEYS = {",": "upload.delimiter.comma", ";": "upload.delimiter.semicolon", "\t": "upload.delimiter.tab"}
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


# --- decode ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _line_of_byte(data: bytes, position: int) -> int:
    return data[:position].count(b"\n") + 1


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` for text whose every other byte is zero (ASCII-range text in
    UTF-16 without a byte order mark), else ``None``."""
    sample = data[:2000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    if not any(sample[1::2]) and all(sample[0::2]):
        return "utf-16-le"
    if not any(sample[0::2]) and all(sample[1::2]):
        return "utf-16-be"
    return None


def _is_archive(data: bytes) -> bool:
    """Whether a ZIP file is an archive of files rather than an Excel (.xlsx) or OpenDocument
    (.ods) workbook (a ZIP with its own fixed parts). One that cannot be read is taken for a
    workbook, the commoner case."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return False
    workbook = "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names)
    return not workbook and "mimetype" not in names


def decode(data: bytes) -> Decoded | Problem:
    """The file's text, or why it cannot be read as a text CSV."""
    if not data.strip():
        return Problem(t("upload.err.empty"))
    if len(data) > MAX_UPLOAD_BYTES:
        return Problem(
            t("upload.err.too_big", size=number(len(data)), limit=number(MAX_UPLOAD_BYTES), mb=MAX_UPLOAD_MB)
        )
    utf16 = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else _bomless_utf16(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), "UTF-16")
        except UnicodeDecodeError:
            return Problem(t("upload.err.bad_utf16"))
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an old Excel .xls (OLE compound file)
        return Problem(t("upload.err.spreadsheet"))
    if data.startswith(b"PK\x03\x04"):
        return Problem(t("upload.err.archive") if _is_archive(data) else t("upload.err.spreadsheet"))
    if data.startswith(b"%PDF") or b"\x00" in data:
        return Problem(t("upload.err.binary"))
    try:
        return Decoded(data.decode("utf-8-sig"), "UTF-8")
    except UnicodeDecodeError as error:
        mostly_utf8 = any(ord(char) > 127 and char != "\ufffd" for char in data.decode("utf-8", errors="replace"))
        if mostly_utf8:
            # Valid UTF-8 accents elsewhere: reading it as Windows-1252 would garble them all.
            return Problem(t("upload.err.broken_utf8"), _line_of_byte(data, error.start))
    try:
        return Decoded(data.decode("cp1252"), "Windows-1252")
    except UnicodeDecodeError:  # five byte values are undefined in Windows-1252
        return Decoded(data.decode("latin-1"), "Latin-1")


# --- parse ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One CSV record and the physical lines it spans (a quoted field may hold line breaks)."""

    first_line: int
    last_line: int
    cells: list[str]


@dataclass(frozen=True)
class Parsed:
    delimiter: str
    header: list[str]  # canonical column names (region, year, cases, basis, source, or as given)
    records: list[Record]


def _delimiter(header_line: str) -> str:
    """The delimiter used most in the header line (Excel in Spanish writes ``;``)."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITER_KEYS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _shown_columns(cells: list[str]) -> str:
    shown = ", ".join(cell[:40] for cell in cells[:MAX_COLUMNS_NAMED]) or "–"
    more = len(cells) - MAX_COLUMNS_NAMED
    return shown + (" " + t("upload.err.more_columns", count=number(more)) if more > 0 else "")


def parse(text: str) -> Parsed | Problem:
    """Split ``text`` into records, keeping the physical line where each starts."""
    lines = text.splitlines()
    # Excel writes (and reads) a first line "sep=;" naming the delimiter: use it, skip it.
    excel_sep = re.fullmatch(r"sep=(.)", lines[0].strip()) if lines else None
    if excel_sep and excel_sep.group(1) in DELIMITER_KEYS:
        delimiter, skipped = excel_sep.group(1), 1
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter, skipped = _delimiter(lines[0] if lines else ""), 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[Record] = []
    last_line = skipped
    try:
        for cells in reader:
            records.append(Record(last_line + 1, reader.line_num + skipped, cells))
            last_line = reader.line_num + skipped
    except csv.Error:
        return Problem(t("upload.err.open_quote"), last_line + 1)
    if not records:
        return Problem(t("upload.err.empty"))
    raw_header = records[0].cells
    header = [HEADER_ALIASES.get(normalise(cell), normalise(cell)) for cell in raw_header]
    repeated = sorted(
        {column for column in header if column in REQUIRED or column in ("basis", "source")}
        & {column for column in header if header.count(column) > 1}
    )
    if repeated:
        given = [cell for cell, column in zip(raw_header, header, strict=True) if column in repeated]
        return Problem(t("upload.err.repeated_columns", columns=", ".join(given)), records[0].first_line)
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        found = _shown_columns(raw_header)
        return Problem(t("upload.err.header", missing=", ".join(missing), found=found), records[0].first_line)
    return Parsed(delimiter, header, records[1:])


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
    line, header = record.first_line, parsed.header
    if len(record.cells) != len(header):
        delimiter = t(DELIMITER_KEYS[parsed.delimiter])
        return [
            Problem(t("upload.err.fields", found=len(record.cells), expected=len(header), delimiter=delimiter), line)
        ]
    cell = {column: value.strip() for column, value in zip(header, record.cells, strict=True)}
    spanned = [column for column in REQUIRED if "\n" in cell[column] or "\r" in cell[column]]
    if spanned:
        return [Problem(t("upload.err.line_break", last=record.last_line), line, spanned[0])]
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
    decoded = decode(data)
    if isinstance(decoded, Problem):
        return UploadResult(None, [decoded])
    parsed = parse(decoded.text)
    if isinstance(parsed, Problem):
        return UploadResult(None, [parsed], decoded.encoding)
    delimiter = t(DELIMITER_KEYS[parsed.delimiter])
    body = [record for record in parsed.records if any(cell.strip() for cell in record.cells)]
    if not body:
        return UploadResult(None, [Problem(t("upload.err.no_rows"))], decoded.encoding, delimiter)
    if len(body) > MAX_ROWS:
        message = t("upload.err.too_many_rows", rows=number(len(body)), limit=number(MAX_ROWS))
        return UploadResult(None, [Problem(message)], decoded.encoding, delimiter)
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
        return UploadResult(None, problems, decoded.encoding, delimiter)
    table = pd.DataFrame(
        [(row.region_id, row.year, row.cases, row.basis, row.source) for row in rows],
        columns=["region_id", "year", "cases", "basis", "source"],
    ).astype({"year": int})
    table["cases"] = table["cases"].astype("Int64")
    return UploadResult(table, [], decoded.encoding, delimiter)


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
