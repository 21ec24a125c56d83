"""The upload validator on a corpus of real files, and on arbitrary input."""

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.reading import MAX_UPLOAD_BYTES
from lib.region_names import normalise
from lib.upload import complete_grid, read_cases_upload

CORPUS = Path(__file__).resolve().parents[1] / "uploads"

# file -> (region_id, year, cases) rows expected, in file order
GOOD = {
    "good_basic.csv": [("08", 2010, 5), ("15", 2010, 12)],
    "good_semicolon_cp1252.csv": [("08", 2010, 7), ("02", 2011, 3), ("12", 2012, 4)],
    "good_utf8_bom.csv": [("17", 2013, 40)],
    "good_tab.csv": [("08", 2011, 9), ("16", 2011, 30)],
    "good_slugs_and_codes.csv": [("17", 2012, 41), ("08", 2012, 44), ("16", 2012, 55)],
    "good_variants.csv": [("15", 2015, 300), ("07", 2015, 88), ("02", 2015, 2), ("22", 2015, 9)],
    "good_basis_source.csv": [("21", 2010, 19), ("21", 2011, None), ("21", 2012, 20)],
    "good_years_outside.csv": [("08", 2016, 65), ("15", 2016, 350), ("07", 2016, 88)],
    "good_crlf_blank_lines.csv": [("08", 2010, 5), ("21", 2010, 19)],
    "good_latin1.csv": [("10", 2010, 6)],
    "good_quoted.csv": [("08", 2010, 5)],
    "good_empty_cases_is_missing.csv": [("08", 2010, None)],  # an empty count is "no data", never 0
}

# file -> every problem reported, as text
BAD = {
    "bad_empty.csv": ["The file is empty. Upload a CSV with a header row: region,year,cases"],
    "bad_whitespace_only.csv": ["The file is empty. Upload a CSV with a header row: region,year,cases"],
    "bad_header_only.csv": ["The file has a header but no data rows."],
    "bad_missing_column.csv": [
        "line 1: The header row needs the columns region, year and cases; cases not found (found: region, year). "
        "Separate columns with , ; or a tab."
    ],
    "bad_xlsx.csv": [
        "This is a spreadsheet workbook (Excel or similar), not a text CSV. In Excel use File > Save As > CSV UTF-8."
    ],
    "bad_binary_nul.csv": [
        "line 2: has a NUL byte (0x00), a character that does not belong in a text CSV (a damaged file, or part of "
        "a binary file); delete it and save the file as CSV UTF-8"
    ],
    "bad_decimal_comma.csv": [
        "line 2, column cases: value '12,5' has a decimal comma; counts are whole numbers (write 12, not 12,5)"
    ],
    "bad_decimal_point.csv": [
        "line 2, column cases: value '12.5' must be a whole number without a decimal point or thousands separator"
    ],
    "bad_negative.csv": ["line 2, column cases: value '-3' must not be negative"],
    "bad_text_count.csv": ["line 2, column cases: value 'many' is not a whole number"],
    "bad_year_range.csv": ["line 2, column year: value '1890' must be between 1990 and 2035"],
    "bad_year_text.csv": ["line 2, column year: value 'twenty' is not a whole number"],
    "bad_near_miss.csv": ["line 2, column region: value 'Junnin' is not a known region; did you mean Junín?"],
    "bad_unknown_region.csv": [
        "line 2, column region: value 'Atlantis' is not a known region; use a region name, slug or two-digit INEI code"
    ],
    "bad_duplicate.csv": [
        "line 3: repeats Cusco 2010 from line 2; keep one row per region and year "
        "(Lima Metropolitana and Lima Provincias are both Lima: add them up)"
    ],
    "bad_lima_parts.csv": [
        "line 3: repeats Lima 2012 from line 2; keep one row per region and year "
        "(Lima Metropolitana and Lima Provincias are both Lima: add them up)"
    ],
    "bad_basis_value.csv": [
        "line 2, column basis: value 'guess' must be one of reported, estimated, missing (or empty)"
    ],
    "bad_empty_cases_not_missing.csv": [
        "line 2, column cases: value '' is empty; give a count, or set basis to missing"
    ],
    "bad_missing_with_count.csv": [
        "line 2, column cases: value '3' has a count but basis says missing; empty one of them"
    ],
    "bad_field_count.csv": ["line 2: has 4 fields but the header has 3; check for a stray comma"],
    "bad_many_problems.csv": [
        "line 2, column region: value 'Junnin' is not a known region; did you mean Junín?",
        "line 3, column year: value '1800' must be between 1990 and 2035",
        "line 4: has 4 fields but the header has 3; check for a stray comma",
        "line 5, column cases: value '-1' must not be negative",
    ],
    "bad_not_csv.csv": [
        "line 1: The header row needs the columns region, year and cases; region, year, cases not found "
        "(found: <html><body>not a table</body></html>). Separate columns with , ; or a tab."
    ],
}


def test_corpus_is_complete() -> None:
    assert {path.name for path in CORPUS.glob("*.csv")} == set(GOOD) | set(BAD)
    assert len(GOOD) + len(BAD) >= 25


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_files_are_accepted(name: str, bundled) -> None:
    result = read_cases_upload((CORPUS / name).read_bytes(), name, bundled.regions)
    assert result.accepted, [str(problem) for problem in result.problems]
    rows = [
        (row.region_id, row.year, None if pd.isna(row.cases) else int(row.cases)) for row in result.table.itertuples()
    ]
    assert rows == GOOD[name]


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_report_exactly_their_problems(name: str, bundled) -> None:
    result = read_cases_upload((CORPUS / name).read_bytes(), name, bundled.regions)
    assert not result.accepted and result.table is None
    assert [str(problem) for problem in result.problems] == BAD[name]


def test_encoding_and_delimiter_are_reported(bundled) -> None:
    result = read_cases_upload((CORPUS / "good_semicolon_cp1252.csv").read_bytes(), "x.csv", bundled.regions)
    assert (result.encoding, result.delimiter) == ("Windows-1252", "semicolon")


def test_basis_and_source_defaults(bundled) -> None:
    result = read_cases_upload(b"region,year,cases\nCusco,2010,5\n", "mine.csv", bundled.regions)
    assert result.table.loc[0, "basis"] == "reported" and result.table.loc[0, "source"] == "uploaded file mine.csv"


def test_oversize_is_refused(bundled) -> None:
    data = b"region,year,cases\n" + b"Cusco,2010,5\n" * (MAX_UPLOAD_BYTES // 12)
    result = read_cases_upload(data, "big.csv", bundled.regions)
    assert [str(p) for p in result.problems] == [
        "The file has 2,166,676 bytes; the limit is 2,000,000 bytes (2 MB). "
        "Upload only the cases table, or split the file."
    ]


def test_normalise() -> None:
    assert normalise("  Madre-de  DIOS ") == "madre de dios"
    assert normalise("Áncash") == normalise("ANCASH") == "ancash"


def test_complete_grid_marks_absent_cells_missing(bundled) -> None:
    result = read_cases_upload(b"region,year,cases\nCusco,2010,5\nPuno,2012,0\n", "x.csv", bundled.regions)
    grid = complete_grid(result.table, bundled.regions).set_index(["region_id", "year"])
    assert len(grid) == 25 * 3
    assert grid.loc[("08", 2010), "cases"] == 5 and grid.loc[("21", 2012), "cases"] == 0
    assert pd.isna(grid.loc[("08", 2011), "cases"]) and grid.loc[("08", 2011), "basis"] == "missing"


@settings(max_examples=500, deadline=2000)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_a_table_or_problems(bundled_regions, data: bytes) -> None:
    result = read_cases_upload(data, "fuzz.csv", bundled_regions)
    assert result.accepted or result.problems


@settings(max_examples=500, deadline=2000)
@given(
    st.lists(
        st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), min_size=1, max_size=6),
        max_size=8,
    ),
    st.sampled_from([",", ";", "\t"]),
    st.booleans(),
)
def test_arbitrary_csv_text_gives_a_table_or_problems(bundled_regions, rows, delimiter: str, with_header: bool) -> None:
    lines = ([delimiter.join(["region", "year", "cases"])] if with_header else []) + [delimiter.join(r) for r in rows]
    result = read_cases_upload("\n".join(lines).encode("utf-8"), "fuzz.csv", bundled_regions)
    assert result.accepted or result.problems
    if result.accepted:
        assert result.table["year"].between(1990, 2035).all()
        assert (result.table["cases"].dropna() >= 0).all()


def test_a_zip_archive_is_called_an_archive_and_a_workbook_a_workbook() -> None:
    import io
    import zipfile

    from lib.reading import decode

    def zipped(names: list[str]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name in names:
                archive.writestr(name, "x")
        return buffer.getvalue()

    archive = decode(zipped(["cases.csv"]))
    assert "ZIP archive" in archive.message and "workbook" not in archive.message  # type: ignore[union-attr]
    workbook = decode(zipped(["[Content_Types].xml", "xl/workbook.xml"]))
    assert "workbook" in workbook.message  # type: ignore[union-attr]


def test_excel_sep_line_names_the_delimiter_and_lines_stay_physical() -> None:
    from lib.reading import parse
    from lib.upload import CASES

    parsed = parse("sep=;\nregion;year;cases\nCusco;2012;5\nPuno;2012;x\n", CASES)
    assert parsed.delimiter == ";" and parsed.header == ["region", "year", "cases"]  # type: ignore[union-attr]
    assert [record.first_line for record in parsed.records] == [3, 4]  # type: ignore[union-attr]
    assert parse("sep=;\nregion;year\n", CASES).line == 2  # type: ignore[union-attr]
