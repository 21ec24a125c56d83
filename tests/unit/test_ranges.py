"""Ranges of sums by linear programming: against brute force, around the point estimate,
zero width where reported, and contradictions named."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.cited import build_model
from lib.data import Dataset
from lib.model import Figure, Level, Treatment, cells, parts_of
from lib.ranges import ContradictionError, Program, check, group_ranges, program, sum_range, terms_for
from lib.years import YearSpan

# A tiny system: 3 regions x 3 years, region totals 3, 2, 4 and year B's total 3.
REGIONS, YEARS = ("r1", "r2", "r3"), ("A", "B", "C")
ROW_TOTALS = {"r1": 3, "r2": 2, "r3": 4}
COLUMN_B = 3


def tiny_program() -> Program:
    index = {(region, year): i for i, (region, year) in enumerate(itertools.product(REGIONS, YEARS))}
    equal = []
    for region, total in ROW_TOTALS.items():
        row = np.zeros(len(index))
        for year in YEARS:
            row[index[(region, year)]] = 1
        equal.append((row, total))
    column = np.zeros(len(index))
    for region in REGIONS:
        column[index[(region, "B")]] = 1
    equal.append((column, COLUMN_B))
    return Program(
        Level.SOURCES,
        index,
        np.zeros((0, len(index))),
        np.zeros(0),
        np.array([row for row, _ in equal]),
        np.array([total for _, total in equal]),
    )


def integer_solutions() -> list[dict[tuple[str, str], int]]:
    def splits(total: int) -> list[tuple[int, int, int]]:
        return [(a, b, total - a - b) for a in range(total + 1) for b in range(total - a + 1)]

    found = []
    for rows in itertools.product(*(splits(ROW_TOTALS[region]) for region in REGIONS)):
        if sum(row[1] for row in rows) == COLUMN_B:
            found.append(
                {
                    (region, year): row[k]
                    for region, row in zip(REGIONS, rows, strict=True)
                    for k, year in enumerate(YEARS)
                }
            )
    return found


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from(list(itertools.product(REGIONS, YEARS))), min_size=1))
def test_bounds_equal_brute_force_on_a_tiny_system(terms) -> None:
    sums = [sum(solution[term] for term in terms) for solution in integer_solutions()]
    assert sum_range(tiny_program(), sorted(terms)) == (min(sums), max(sums))


@pytest.fixture(scope="module")
def programs(bundled: Dataset):
    model = build_model(bundled.sources, list(bundled.regions["region_id"]))
    return {level: program(model, level) for level in Level}


@settings(max_examples=40, deadline=None)
@given(
    regions=st.sets(st.sampled_from([f"{code:02d}" for code in range(1, 26)]), min_size=1, max_size=6),
    first=st.integers(2007, 2014),
    length=st.integers(0, 7),
)
def test_point_estimate_lies_inside_every_range(bundled, programs, regions, first, length) -> None:
    years = (first, min(2014, first + length))
    ranges = group_ranges(programs, regions, YearSpan.of(years))
    rows = bundled.cases[bundled.cases["region_id"].isin(regions) & bundled.cases["year"].between(*years)]
    value = int(rows["cases"].sum())
    assert ranges["cases_low"] <= value <= ranges["cases_high"]
    assert ranges["sources_low"] <= ranges["cases_low"] and ranges["cases_high"] <= ranges["sources_high"]


def test_every_cell_range_holds_its_estimate_and_reported_cells_have_zero_width(bundled) -> None:
    cells_with_data = bundled.cases[bundled.cases["cases"].notna()]
    assert (cells_with_data["cases_low"] <= cells_with_data["cases"]).all()
    assert (cells_with_data["cases"] <= cells_with_data["cases_high"]).all()
    reported = cells_with_data[cells_with_data["basis"] == "reported"]
    assert len(reported) == 2
    assert (reported["sources_low"] == reported["cases"]).all() and (
        reported["sources_high"] == reported["cases"]
    ).all()
    missing = bundled.cases[bundled.cases["basis"] == "missing"]
    assert missing[["cases_low", "cases_high", "sources_low", "sources_high"]].isna().all().all()


def test_a_window_total_is_never_narrower_than_its_cited_total(bundled) -> None:
    window = bundled.sources["mp_districts_2007_2014apr.csv"]
    cited = window.assign(value=window["value"].astype(int)).groupby("region_id")["value"].sum()
    whole = bundled.ranges[(bundled.ranges["first_year"] == 2007) & (bundled.ranges["last_year"] == 2014)]
    for row in whole[whole["region_id"] != "all"].itertuples():
        assert row.sources_low >= cited[row.region_id] and row.cases_low >= cited[row.region_id]


def test_cited_points_fall_inside_their_cells(bundled) -> None:
    cases = bundled.cases.set_index(["region_id", "year"])
    for region_id, year, cited in [
        ("17", 2012, 35),
        ("16", 2012, 55),
        ("22", 2012, 42),
        ("21", 2010, 19),
        ("08", 2013, 28),
    ]:
        cell = cases.loc[(region_id, year)]
        assert cell["cases_low"] <= cited <= cell["cases_high"], (region_id, year)


def test_national_2014_is_501_and_2012_is_457(bundled) -> None:
    yearly = bundled.cases.groupby("year")["cases"].sum()
    assert yearly[2014] == 501 and yearly[2012] == 457 and 456 <= yearly[2013] <= 462
    national = bundled.ranges[bundled.ranges["region_id"] == "all"].set_index(["first_year", "last_year"])
    assert tuple(national.loc[(2014, 2014), ["sources_low", "sources_high"]]) == (501, 501)


def test_a_sum_over_years_is_narrower_than_its_years_added_up(bundled) -> None:
    loreto = bundled.cases[(bundled.cases["region_id"] == "16") & bundled.cases["year"].between(2007, 2014)]
    added_up = int(loreto["cases_high"].sum() - loreto["cases_low"].sum())
    whole = bundled.ranges.set_index(["region_id", "first_year", "last_year"]).loc[("16", 2007, 2014)]
    assert whole["cases_high"] - whole["cases_low"] < added_up / 10


def test_holding_a_contradicting_figure_names_it(bundled) -> None:
    model = build_model(bundled.sources, list(bundled.regions["region_id"]))
    older = Figure(
        "national-2008-2012",
        "National, 2008 – 2012 (held on purpose)",
        1060,
        "cases",
        Treatment.HELD,
        1060,
        1060,
        cells(model.regions, parts_of("2008-01/2012-12")),
    )
    broken = replace(model, figures=(*model.figures, older))
    with pytest.raises(ContradictionError, match=r"National, 2008 – 2012 \(held on purpose\)"):
        check(broken)


def test_terms_for_splits_2014_and_skips_years_without_unknowns() -> None:
    assert terms_for(["08"], [2006, 2013, 2014]) == (("08", "2013"), ("08", "2014a"), ("08", "2014b"))


def test_the_model_is_consistent_at_both_levels(bundled) -> None:
    check(build_model(bundled.sources, list(bundled.regions["region_id"])))
    assert isinstance(bundled.ranges, pd.DataFrame) and len(bundled.ranges) == 26 * 36
