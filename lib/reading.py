"""Reading an uploaded CSV, whatever it holds: decoding (UTF-8 with or without BOM, UTF-16
with BOM as Excel's "Unicode text", Windows-1252 as Excel writes it), splitting it into
records with the physical line each starts on (``,`` ``;`` or tab; Excel's ``sep=`` line), and
reading the header by a :class:`Layout`. Every refusal is a :class:`lib.validate.Problem`
naming the line; nothing here raises on bad input. :mod:`lib.upload` (case tables) and
:mod:`lib.own_figures` (an analyst's figures) check the rows.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from lib.region_names import normalise
from lib.text import number, t
from lib.validate import Problem

MAX_UPLOAD_BYTES = 2_000_000
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // 1_000_000
MAX_ROWS = 10_000
MAX_COLUMNS_NAMED = 8
DELIMITER_KEYS = {",": "upload.delimiter.comma", ";": "upload.delimiter.semicolon", "\t": "upload.delimiter.tab"}


# What a header without the needed columns is told, by layout.
HEADER_KEYS = {"cases": "upload.err.header", "figures": "figures.err.header"}


@dataclass(frozen=True)
class Layout:
    """The columns a kind of upload reads: its name (:data:`HEADER_KEYS`), header spellings
    (after :func:`normalise`) to column names, the columns it needs and those it may have."""

    name: str
    aliases: Mapping[str, str]
    required: tuple[str, ...]
    optional: tuple[str, ...]


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
    if data.startswith(b"%PDF"):
        return Problem(t("upload.err.binary"))
    if b"\x00" in data:  # as the other stray characters: where it is, and what
        return Problem(t("upload.err.nul"), _line_of_byte(data, data.index(b"\x00")))
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


def parse(text: str, layout: Layout) -> Parsed | Problem:
    """Split ``text`` into records, keeping the physical line where each starts; the header
    is read by ``layout``."""
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
    header = [layout.aliases.get(normalise(cell), normalise(cell)) for cell in raw_header]
    known = (*layout.required, *layout.optional)
    repeated = sorted({column for column in header if column in known and header.count(column) > 1})
    if repeated:
        given = [cell for cell, column in zip(raw_header, header, strict=True) if column in repeated]
        return Problem(t("upload.err.repeated_columns", columns=", ".join(given)), records[0].first_line)
    missing = [column for column in layout.required if column not in header]
    if missing:
        found = _shown_columns(raw_header)
        message = t(HEADER_KEYS[layout.name], missing=", ".join(missing), found=found)
        return Problem(message, records[0].first_line)
    return Parsed(delimiter, header, records[1:])


@dataclass(frozen=True)
class Body:
    """A decoded and parsed upload's data records (blank lines left out), and how it was read."""

    parsed: Parsed
    records: list[Record]
    encoding: str
    delimiter: str  # in words, for messages


def read_body(data: bytes, layout: Layout) -> Body | UploadResult:
    """Decode and parse an upload by ``layout``; a refusal with its problem when it cannot
    be read, has no data rows or too many."""
    decoded = decode(data)
    if isinstance(decoded, Problem):
        return UploadResult(None, [decoded])
    parsed = parse(decoded.text, layout)
    if isinstance(parsed, Problem):
        return UploadResult(None, [parsed], decoded.encoding)
    delimiter = t(DELIMITER_KEYS[parsed.delimiter])
    body = [record for record in parsed.records if any(cell.strip() for cell in record.cells)]
    if not body:
        return UploadResult(None, [Problem(t("upload.err.no_rows"))], decoded.encoding, delimiter)
    if len(body) > MAX_ROWS:
        message = t("upload.err.too_many_rows", rows=number(len(body)), limit=number(MAX_ROWS))
        return UploadResult(None, [Problem(message)], decoded.encoding, delimiter)
    return Body(parsed, body, decoded.encoding, delimiter)


def record_cells(record: Record, parsed: Parsed, layout: Layout) -> dict[str, str] | list[Problem]:
    """A record's cells by column name, stripped; or the problem that it has the wrong number
    of fields, or a line break inside a needed field (a quote missing its partner)."""
    line, header = record.first_line, parsed.header
    if len(record.cells) != len(header):
        delimiter = t(DELIMITER_KEYS[parsed.delimiter])
        return [
            Problem(t("upload.err.fields", found=len(record.cells), expected=len(header), delimiter=delimiter), line)
        ]
    cell = {column: value.strip() for column, value in zip(header, record.cells, strict=True)}
    spanned = [column for column in layout.required if "\n" in cell[column] or "\r" in cell[column]]
    if spanned:
        return [Problem(t("upload.err.line_break", last=record.last_line), line, spanned[0])]
    return cell
