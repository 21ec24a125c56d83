"""Bad input round four, data folders that disagree with themselves or read alike: each is
refused naming the file, the physical line and the way out."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib.data import load_dataset
from lib.files import DataError


def rewrite(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(table)
    table.to_csv(path, index=False)


def refusal(data_copy: Path) -> str:
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    return str(raised.value)


def test_a_model_range_wider_than_the_sources_is_refused(data_copy: Path) -> None:
    def widen(table: pd.DataFrame) -> None:
        table.loc[0, "cases_high"] = str(int(table.loc[0, "sources_high"]) + 5)

    rewrite(data_copy / "ranges.csv", widen)
    message = refusal(data_copy)
    assert "ranges.csv" in message and "line 2" in message and "wider than the sources'" in message


def test_a_repeated_ranges_row_is_refused(data_copy: Path) -> None:
    rewrite(data_copy / "ranges.csv", lambda table: table.loc.__setitem__(len(table), list(table.iloc[3])))
    message = refusal(data_copy)
    assert "repeats region all" in message and "from line 5" in message


def test_a_span_that_ends_before_it_starts_is_refused(data_copy: Path) -> None:
    def backwards(table: pd.DataFrame) -> None:
        table.loc[1, ["first_year", "last_year"]] = ["2008", "2007"]

    rewrite(data_copy / "ranges.csv", backwards)
    assert "first_year 2008 comes after last_year 2007" in refusal(data_copy)


def test_the_way_out_names_removing_ranges_csv(data_copy: Path) -> None:
    def other(table: pd.DataFrame) -> None:
        rows = (table["region_id"] == "all") & (table["first_year"] == "2007") & (table["last_year"] == "2014")
        table.loc[rows, ["cases_low", "cases_high", "sources_low", "sources_high"]] = ["100", "200", "100", "200"]

    rewrite(data_copy / "ranges.csv", other)
    assert "or remove ranges.csv to use the folder without ranges" in refusal(data_copy)
    (data_copy / "ranges.csv").unlink()
    assert load_dataset(data_copy).ranges.empty  # and that way out works


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Li\u200bma Norte", "invisible character (U+200B)"), ("L\u0456ma Norte", "another script (CYRILLIC")],
)
def test_region_names_that_read_like_others_are_refused(data_copy: Path, name: str, expected: str) -> None:
    rewrite(data_copy / "regions.csv", lambda table: table.loc.__setitem__((0, "name"), name))
    message = refusal(data_copy)
    assert "regions.csv" in message and expected in message and "line 2" in message


def test_a_slug_that_reads_as_another_regions_name_is_refused(data_copy: Path) -> None:
    def swap(table: pd.DataFrame) -> None:
        lima, callao = table.index[table["slug"] == "lima"][0], table.index[table["slug"] == "callao"][0]
        table.loc[lima, "slug"], table.loc[callao, "slug"] = "callao", "lima"

    rewrite(data_copy / "regions.csv", swap)
    assert "reads as the name of region" in refusal(data_copy)


def test_line_numbers_are_physical_after_a_blank_line_and_a_quoted_line_break(data_copy: Path) -> None:
    path = data_copy / "offices.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header, first, rest = lines[0], lines[1], lines[2:]
    broken = rest[0].replace("stated", "maybe", 1) if "stated" in rest[0] else rest[0] + "x"
    path.write_text("\n".join([header, first, "", *([broken] + rest[1:])]) + "\n", encoding="utf-8")
    assert "line 4" in refusal(data_copy)


def test_a_nul_byte_in_a_data_file_is_refused_naming_its_line(data_copy: Path) -> None:
    path = data_copy / "SOURCES.md"
    text = path.read_text(encoding="utf-8").splitlines()
    text[2] = text[2] + "\x00"
    path.write_text("\n".join(text), encoding="utf-8")
    message = refusal(data_copy)
    assert "SOURCES.md" in message and "NUL byte" in message and "line 3" in message


def test_many_repeated_rows_are_named_by_the_first_twenty(data_copy: Path) -> None:
    rewrite(
        data_copy / "offices.csv",
        lambda table: [table.loc.__setitem__(len(table), list(table.iloc[0])) for _ in range(30)],
    )
    with pytest.raises(DataError) as raised:
        load_dataset(data_copy)
    repeats = [problem for problem in raised.value.problems if "appears more than once" in str(problem)]
    assert len(repeats) == 20 and any("and 10 more repeated rows" in str(problem) for problem in raised.value.problems)
