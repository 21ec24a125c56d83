"""Change between two periods: ranges solved on the difference itself, against brute force
and an independent cold ``linprog``; verdicts; periods in the URL; downloads."""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from lib.data import Dataset
from lib.filters import Filters, Hubs, Metric
from lib.lp import objective_ranges
from lib.model import Level
from lib.ranges import terms_for
from lib.views.change.figures import change_figures, change_table, year_to_year
from lib.views.change.periods import Periods, compare_periods, default_periods, periods_from_query, periods_to_query
from lib.vocabulary import Verdict, holds, verdict
from tests.support.datasets import as_upload
from tests.unit.test_ranges import REGIONS, YEARS, integer_solutions, tiny_program

ISSUE_PERIODS = Periods((2007, 2010), (2011, 2014))
ALL = Filters(years=(2007, 2014))


@pytest.fixture(scope="module")
def programs(bundled: Dataset):
    assert bundled.solver is not None
    return bundled.solver.programs


def spans(count: int) -> list[tuple[int, int]]:
    return [(first, last) for first in range(count) for last in range(first, count)]


@settings(max_examples=60, deadline=None)
@given(
    regions=st.sets(st.sampled_from(REGIONS), min_size=1),
    a=st.sampled_from(spans(len(YEARS))),
    b=st.sampled_from(spans(len(YEARS))),
)
def test_change_ranges_equal_brute_force_on_a_tiny_system(regions, a, b) -> None:
    """3 regions × 3 years: the lowest and highest yearly-average change over every whole
    solution, against the warm-started program on the same weights."""
    prog = tiny_program()
    weights = {
        (region, year): (a[0] <= k <= a[1]) * -1 / (a[1] - a[0] + 1) + (b[0] <= k <= b[1]) / (b[1] - b[0] + 1)
        for region in regions
        for k, year in enumerate(YEARS)
    }
    objective = np.zeros(prog.size)
    for term, weight in weights.items():
        objective[prog.index[term]] = weight
    changes = [sum(weight * solution[term] for term, weight in weights.items()) for solution in integer_solutions()]
    low, high = objective_ranges(prog, objective[None, :])[0]
    # The tiny system is a transportation problem: its vertices are whole, so the LP's
    # extremes are reached by whole solutions.
    assert low == pytest.approx(min(changes), abs=1e-9) and high == pytest.approx(max(changes), abs=1e-9)


def cold_extremes(prog, objective: np.ndarray) -> tuple[float, float]:
    """An independent check: a cold scipy ``linprog`` (HiGHS, presolve on) per end."""
    ends = []
    for sign in (1, -1):
        result = linprog(
            sign * objective,
            A_ub=prog.a_ub,
            b_ub=prog.b_ub,
            A_eq=prog.a_eq,
            b_eq=prog.b_eq,
            bounds=(0, None),
            method="highs",
        )
        assert result.status == 0
        ends.append(sign * result.fun)
    return ends[0], ends[1]


@pytest.mark.parametrize(
    "periods", [ISSUE_PERIODS, Periods((2012, 2012), (2013, 2013)), Periods((2009, 2014), (2011, 2012))]
)
def test_change_table_matches_an_independent_linear_program(bundled, programs, periods) -> None:
    table = change_table(bundled, ALL, periods).loc[0]
    for subject, regions in [("all", list(bundled.regions["region_id"])), ("15", ["15"]), ("08", ["08"])]:
        for level, (low, high) in (
            (Level.MODEL, ("change_low", "change_high")),
            (Level.SOURCES, ("sources_change_low", "sources_change_high")),
        ):
            prog = programs[level]
            count_a, count_b = periods.a[1] - periods.a[0] + 1, periods.b[1] - periods.b[0] + 1
            objective = prog.vector(terms_for(regions, range(periods.b[0], periods.b[1] + 1))) / count_b
            objective -= prog.vector(terms_for(regions, range(periods.a[0], periods.a[1] + 1))) / count_a
            expected = cold_extremes(prog, objective)
            assert table.loc[subject, low] == pytest.approx(expected[0], abs=1e-6)
            assert table.loc[subject, high] == pytest.approx(expected[1], abs=1e-6)


def test_the_issue_figures_2007_2010_against_2011_2014(bundled) -> None:
    table = change_table(bundled, ALL, ISSUE_PERIODS).loc[0]
    national = table.loc["all"]
    assert (round(national["a_per_year"]), round(national["b_per_year"])) == (141, 436)
    assert (round(national["change_low"]), round(national["change_high"])) == (271, 338)
    assert (round(national["sources_change_low"]), round(national["sources_change_high"])) == (87, 550)
    lima = table.loc["15"]
    assert (round(lima["change_low"]), round(lima["change_high"])) == (-46, 120)
    assert (round(lima["sources_change_low"]), round(lima["sources_change_high"])) == (-89, 137)
    regions = table.drop(index=["all", "tourism", "mining", "other"])
    rose = set(regions.index[regions["verdict"] == Verdict.ROSE])
    assert rose == {"08", "10", "22"} and not (regions["verdict"] == Verdict.FELL).any()
    assert set(regions.index[regions["sources_support"]]) == {"10"}


def test_2012_against_2013_cusco_fell_at_both_levels(bundled) -> None:
    table = change_table(bundled, ALL, Periods((2012, 2012), (2013, 2013))).loc[0]
    cusco = table.loc["08"]
    assert cusco["verdict"] == Verdict.FELL and cusco["sources_support"]
    assert cusco["change_low"] == pytest.approx(-16.1, abs=0.05) and cusco["change_high"] == pytest.approx(
        -15.64, abs=0.05
    )
    assert table.loc["22", "verdict"] == Verdict.FELL and not table.loc["22", "sources_support"]


@settings(max_examples=25, deadline=None)
@given(a=st.sampled_from(spans(8)), b=st.sampled_from(spans(8)), rate=st.booleans())
def test_point_change_lies_inside_both_ranges_and_the_model_inside_the_sources(bundled, programs, a, b, rate) -> None:
    periods = Periods((2007 + a[0], 2007 + a[1]), (2007 + b[0], 2007 + b[1]))
    filters = ALL.with_changes(metric=Metric.RATE if rate else Metric.CASES)
    table = change_table(bundled, filters, periods).loc[0]
    assert table["change_low"].notna().all()
    slack = 1e-6
    assert (table["change_low"] - slack <= table["change"]).all() and (
        table["change"] <= table["change_high"] + slack
    ).all()
    assert (table["sources_change_low"] <= table["change_low"] + slack).all()
    assert (table["change_high"] <= table["sources_change_high"] + slack).all()
    # Verdicts follow the signs of the range ends.
    for row in table.itertuples():
        assert row.verdict == verdict(row.change_low, row.change_high)


def test_swapping_the_periods_negates_the_range(bundled) -> None:
    forward = change_table(bundled, ALL, ISSUE_PERIODS).loc[0]
    backward = change_table(bundled, ALL, ISSUE_PERIODS.swapped()).loc[0]
    assert np.allclose(forward["change"], -backward["change"])
    assert np.allclose(forward["change_low"], -backward["change_high"], atol=1e-6)
    assert np.allclose(forward["sources_change_high"], -backward["sources_change_low"], atol=1e-6)


@pytest.mark.parametrize("periods", [ISSUE_PERIODS, Periods((2007, 2010), (2009, 2012))])
def test_the_change_range_is_inside_the_difference_of_the_period_ranges(bundled, programs, periods) -> None:
    """[low(B)/|B| − high(A)/|A|, high(B)/|B| − low(A)/|A|] always holds the change's range.
    Measured: for the disjoint periods of the issue it is no narrower on this model (Lima
    −46.2 to +120.5 against −46.0 to +120.3 from the stored, inward-rounded ranges): nothing
    the sources say ties a region's 2007–2010 to its 2011–2014. Overlapping periods share
    years that net out, and there the change is far narrower (22 of 25 regions)."""
    table = change_table(bundled, ALL, periods).loc[0]
    ranges = bundled.ranges.set_index(["region_id", "first_year", "last_year"])
    count_a, count_b = (periods.a[1] - periods.a[0] + 1), (periods.b[1] - periods.b[0] + 1)
    narrower = set()
    for region_id in bundled.regions["region_id"]:
        a, b = ranges.loc[(region_id, *periods.a)], ranges.loc[(region_id, *periods.b)]
        # The stored period ranges are rounded inward to whole cases: allow one case a period.
        low = (b["cases_low"] - 1) / count_b - (a["cases_high"] + 1) / count_a
        high = (b["cases_high"] + 1) / count_b - (a["cases_low"] - 1) / count_a
        row = table.loc[region_id]
        assert low - 1e-6 <= row["change_low"] and row["change_high"] <= high + 1e-6
        if row["change_high"] - row["change_low"] < (high - low) - 2:
            narrower.add(region_id)
    assert len(narrower) >= (20 if periods.overlapping else 0)
    assert "15" in narrower or not periods.overlapping


def test_a_pair_of_reported_cells_has_zero_width(programs) -> None:
    prog = programs[Level.MODEL]
    # Cusco 2013 (28, reported) against Puno 2010 (19, reported).
    objective = prog.vector(terms_for(["08"], [2013])) - prog.vector(terms_for(["21"], [2010]))
    for level in Level:
        low, high = objective_ranges(programs[level], objective[None, :])[0]
        assert low == pytest.approx(9, abs=1e-6) and high == pytest.approx(9, abs=1e-6)


def test_verdicts_follow_the_signs_of_the_range_ends() -> None:
    assert verdict(0.5, 3) is Verdict.ROSE and verdict(-3, -0.5) is Verdict.FELL
    assert verdict(-0.5, 3) is Verdict.CANNOT_TELL and verdict(0, 3) is Verdict.CANNOT_TELL
    assert verdict(0, 0) is Verdict.UNCHANGED
    assert holds(5, 5, 5) and not holds(5.1, 5, 5) and holds(-16, -16.1, -15.6)


def test_without_ranges_the_change_is_a_plain_difference(bundled) -> None:
    figures = change_figures(as_upload(bundled, "x.csv"), ALL, ISSUE_PERIODS)
    assert not figures.ranged
    assert set(figures.regions["verdict"]) == {Verdict.NO_RANGE}
    lima = figures.regions.set_index("region_id").loc["15"]
    assert lima["change"] == pytest.approx(lima["b_per_year"] - lima["a_per_year"])
    csv = pd.read_csv(io.BytesIO(figures.csv), encoding="utf-8-sig", dtype={"region_id": str})
    assert csv["data"].str.startswith("uploaded file x.csv").all() and csv["change_low"].isna().all()


def test_years_the_model_does_not_cover_get_no_range(bundled) -> None:
    later = bundled.cases[bundled.cases["year"] == 2014].assign(year=2015, basis="estimated")
    extended = replace(bundled, cases=pd.concat([bundled.cases, later], ignore_index=True))
    table = change_table(extended, ALL, Periods((2013, 2014), (2014, 2015))).loc[0]
    assert table["change_low"].isna().all() and (table["verdict"] == Verdict.NO_RANGE).all()
    assert table["change"].notna().all()


def test_a_period_of_missing_years_gives_no_data(bundled) -> None:
    table = change_table(bundled, ALL, Periods((2006, 2006), (2007, 2008))).loc[0]
    assert table["change"].isna().all() and (table["verdict"] == Verdict.NO_DATA).all()
    # 2006 adds nothing to a longer period: 2006–2008 averages 2007 and 2008 only.
    longer = change_table(bundled, ALL, Periods((2006, 2008), (2011, 2012))).loc[0]
    shorter = change_table(bundled, ALL, Periods((2007, 2008), (2011, 2012))).loc[0]
    assert np.allclose(longer["change"], shorter["change"]) and np.allclose(longer["change_low"], shorter["change_low"])


def test_the_filtered_group_and_hub_groups(bundled) -> None:
    filters = ALL.with_changes(regions=("cusco", "puno"), hubs=Hubs.ALL)
    figures = change_figures(bundled, filters, ISSUE_PERIODS)
    assert list(figures.groups["group"]) == ["filtered", "tourism", "mining", "other", "all"]
    assert list(figures.shown()["region"]) == sorted(
        figures.shown()["region"], key=lambda name: -figures.shown().set_index("region").loc[name, "change"]
    )
    filtered = figures.groups.set_index("group").loc["filtered"]
    regions = figures.regions.set_index("region_id")
    assert filtered["change"] == pytest.approx(regions.loc["08", "change"] + regions.loc["21", "change"])


def test_downloads_carry_the_table_with_language_independent_columns(bundled) -> None:
    figures = change_figures(bundled, ALL, ISSUE_PERIODS)
    csv = pd.read_csv(io.BytesIO(figures.csv), encoding="utf-8-sig", dtype={"region_id": str})
    for column in (
        "a_per_year",
        "b_per_year",
        "change",
        "change_low",
        "change_high",
        "sources_change_low",
        "sources_change_high",
        "verdict",
    ):
        assert column in csv.columns
    assert len(csv) == 25 and csv["change"].is_monotonic_decreasing
    assert set(csv["verdict"]) == {"rose", "cannot-tell"} and (csv["a_years"] == "2007-2010").all()
    collection = json.loads(figures.geojson)
    assert [feature["properties"]["region_id"] for feature in collection["features"]] == list(csv["region_id"])
    for feature in collection["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        for polygon in getattr(shape, "geoms", [shape]):
            assert polygon.exterior.is_ccw and all(not ring.is_ccw for ring in polygon.interiors)


def test_periods_in_the_url_round_trip_and_junk_falls_back(bundled) -> None:
    years = bundled.year_range
    assert default_periods(years) == ISSUE_PERIODS
    periods = Periods((2009, 2010), (2012, 2014))
    assert periods_from_query(periods_to_query(periods, years), years) == (periods, [])
    assert periods_to_query(ISSUE_PERIODS, years) == {}
    parsed, notices = periods_from_query({"a": "2010-2008", "b": "２０１２"}, years)
    assert parsed == ISSUE_PERIODS and len(notices) == 2
    assert Periods((2007, 2010), (2010, 2012)).overlapping and not ISSUE_PERIODS.overlapping
    assert compare_periods((2009, 2012), years) == Periods((2009, 2010), (2011, 2012))
    assert compare_periods((2012, 2012), years) == ISSUE_PERIODS


def test_year_to_year_names_the_supported_steps(bundled) -> None:
    steps = year_to_year(bundled, ALL, list(range(2007, 2015)))
    assert steps["all"] == [(2008, Verdict.ROSE, False), (2011, Verdict.ROSE, False), (2013, Verdict.ROSE, True)]
    assert (2012, Verdict.FELL, True) in steps["08"] and steps["15"] == []
    assert year_to_year(as_upload(bundled), ALL, [2012, 2013])["08"] == []


def test_every_supported_region_is_coloured_and_only_those(bundled) -> None:
    from lib.views.change.drawing import change_drawing

    figures = change_figures(bundled, ALL, ISSUE_PERIODS)
    drawing = change_drawing(figures, ALL)
    fills = {paint.region_id: paint.style["fillColor"] for paint in drawing.paints}
    dotted = {paint.region_id for paint in drawing.patterns}
    assert {region for region, fill in fills.items() if fill != "#f0f0f0"} == {"08", "10", "22"}
    assert dotted == set(fills) - {"08", "10", "22"}
    heavy = {paint.region_id for paint in drawing.paints if paint.style.get("weight") == 3.5}
    assert heavy == {"10"}
    counts = {entry.label: entry.count for entry in drawing.legend}
    assert sum(count for label, count in counts.items() if label.startswith("Rose")) == 3
    assert "Huánuco" in drawing.text and "Nationally, cases rose" in drawing.text


def test_itertools_is_used_for_the_spans() -> None:
    assert len(spans(3)) == len(list(itertools.combinations_with_replacement(range(3), 2)))


def test_a_group_compares_only_regions_with_data_in_both_periods(bundled) -> None:
    """Lima without data in 2007–2010: its later cases must not read as a national rise."""
    cases = bundled.cases.copy()
    early = (cases["region_id"] == "15") & cases["year"].between(2007, 2010)
    cases.loc[early, "cases"] = pd.NA
    cases.loc[early, "basis"] = "missing"
    partial = replace(bundled, cases=cases)
    table = change_table(partial, ALL, ISSUE_PERIODS).loc[0]
    others = table.drop(index=["15", "all", "tourism", "mining", "other"])
    assert table.loc["all", "change"] == pytest.approx(others["change"].sum())
    assert np.isnan(table.loc["15", "change"])  # Lima itself: no data in one period


def test_a_data_folder_without_ranges_says_so_not_that_it_is_an_upload(bundled) -> None:
    from lib.views.change.drawing import legend_title, no_ranges_text

    folder = replace(bundled, ranges=bundled.ranges.iloc[0:0])
    figures = change_figures(folder, ALL, ISSUE_PERIODS)
    assert not figures.ranged and "ranges.csv" in no_ranges_text(figures) and "upload" not in no_ranges_text(figures)
    assert "data without ranges" in legend_title(figures)
    uploaded = change_figures(as_upload(bundled), ALL, ISSUE_PERIODS)
    assert "uploaded file" in no_ranges_text(uploaded)
