"""Reading the data folder's files safely: every path confined to the folder, every text
file UTF-8, every table checked against its schema. Problems are raised together as one
:class:`DataError` whose messages name the file, the line, the column and the fix."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pandas as pd

from lib import schemas
from lib.validate import Problem

DATA_DIR_VARIABLE = "TRATA_DATA_DIR"
MAX_PROBLEMS_SHOWN = 20
MAX_FILE_BYTES = 5_000_000


class DataError(Exception):
    """A data file cannot be used; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = [str(problem) for problem in problems[:MAX_PROBLEMS_SHOWN]]
        more = len(problems) - len(shown)
        super().__init__("\n".join(shown + ([f"... and {more} more"] if more else [])))


def inside(data_dir: Path, relative: str) -> Path:
    """``data_dir/relative``, refused if it resolves outside ``data_dir`` (a symbolic link to
    another folder, or ``..``), so a deployment can never show or serve other files."""
    path = data_dir / relative
    if not path.resolve().is_relative_to(data_dir.resolve()):
        message = "points outside the data folder (a link?); copy the real file into the data folder"
        raise DataError([Problem(message, file=relative)])
    return path


def read_bytes(data_dir: Path, relative: str, missing_hint: str) -> bytes:
    path = inside(data_dir, relative)
    if not path.is_file():
        raise DataError([Problem(f"file not found in {data_dir}; {missing_hint}", file=relative)])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DataError(
            [Problem(f"is larger than {MAX_FILE_BYTES // 1_000_000} MB; is it the right file?", file=relative)]
        )
    return path.read_bytes()


def read_text(data_dir: Path, relative: str, missing_hint: str) -> str:
    data = read_bytes(data_dir, relative, missing_hint)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataError([Problem(f"not UTF-8 text ({error.reason}); save it as UTF-8", line, file=relative)]) from None
    if "\x00" in text:  # it would reach the downloads as it is
        line = text[: text.index("\x00")].count("\n") + 1
        message = "contains a NUL byte (0x00); remove it and save the file as UTF-8 text"
        raise DataError([Problem(message, line, file=relative)])
    return text


def line_of(index: int) -> int:
    """File line of a data row of :func:`read_table` (indexed so: the header is line 1, and
    blank lines and line breaks inside quotes count)."""
    return index + 2


def _physical_lines(text: str) -> list[int] | None:
    """The line each data record starts on, as pandas reads the records (blank lines left
    out); ``None`` if the text cannot be split (pandas has already said why)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts, last = [], 0
    try:
        for cells in reader:
            if cells:
                starts.append(last + 1)
            last = reader.line_num
    except csv.Error:
        return None
    return starts[1:]


def read_table(
    data_dir: Path, relative: str, schema: schemas.Schema, optional: schemas.Schema | None = None
) -> pd.DataFrame:
    """Read ``data_dir/relative`` as text cells and check every cell against ``schema``, and
    against ``optional`` for those of its columns the file has."""
    hint = f"restore it from the repository or fix {DATA_DIR_VARIABLE}"
    text = read_text(data_dir, relative, hint)
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataError(
            [Problem(f"not a readable CSV ({error}); check delimiters and quotes", file=relative)]
        ) from None
    missing = [column for column in schema if column not in table.columns]
    if missing:
        message = f"missing column(s) {', '.join(missing)}; the header must include {', '.join(schema)}"
        raise DataError([Problem(message, file=relative)])
    try:
        header = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as error:  # a stray carriage return or quote in the header line
        raise DataError([Problem(f"header line not readable ({error}); fix it", 1, file=relative)]) from None
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        message = f"the header names {', '.join(repeated)} more than once; keep one column of each name"
        raise DataError([Problem(message, 1, file=relative)])
    if table.empty:
        raise DataError([Problem("has a header but no rows", file=relative)])
    lines = _physical_lines(text)
    if lines is not None and len(lines) == len(table):
        table.index = pd.Index([line - 2 for line in lines])  # so that line_of names the physical line
    present = {column: check for column, check in (optional or {}).items() if column in table.columns}
    problems = [
        Problem(reason, line_of(index), column, value, relative)
        for column, check in (schema | present).items()
        for index, value in table[column].items()
        if (reason := check(value)) is not None
    ]
    if problems:
        raise DataError(problems)
    return table


def fingerprint(files: dict[str, bytes]) -> str:
    """A hash of ``files`` (path inside the data folder → bytes), names included."""
    digest = hashlib.sha256()
    for name in sorted(files):
        for part in (name.encode("utf-8"), files[name]):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()[:16]
