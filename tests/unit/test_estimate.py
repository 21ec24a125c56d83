"""The estimation method on small hand-computed cases."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.estimate import NationalFacts, fill_population, fit_cells, national_series, round_cells

FLAT = {2010: 1.0, 2011: 1.0}


def test_national_series_reproduces_the_cited_totals() -> None:
    series = national_series(NationalFacts(457, 459, 2241, 1976, 104))
    assert series[2012] == 457 and series[2013] == 459
    assert series[2014] == pytest.approx(416)
    assert sum(series[year] for year in range(2009, 2015)) == pytest.approx(2241)
    window = sum(series[year] for year in range(2007, 2014)) + series[2014] * 4 / 12
    assert window == pytest.approx(1976)
    assert series[2009] < series[2010] < series[2011] < series[2012]


def test_contradictory_national_totals_are_refused() -> None:
    with pytest.raises(ValueError, match="contradict"):
        national_series(NationalFacts(457, 459, 2241, 1500, 104))


def test_fit_without_fixed_cells_is_independence() -> None:
    fitted = fit_cells({"a": 30.0, "b": 10.0}, {2010: 20.0, 2011: 20.0}, {}, FLAT)
    assert fitted.loc["a"].tolist() == pytest.approx([15.0, 15.0])
    assert fitted.loc["b"].tolist() == pytest.approx([5.0, 5.0])


def test_fit_keeps_fixed_cells_and_both_margins() -> None:
    fitted = fit_cells({"a": 30.0, "b": 10.0}, {2010: 20.0, 2011: 20.0}, {("a", 2010): 18.0}, FLAT)
    assert fitted.loc["a", 2010] == 18.0
    # a 2011 = 30 - 18 = 12; b takes the rest of each year.
    assert fitted.loc["a", 2011] == pytest.approx(12.0)
    assert fitted.loc["b"].tolist() == pytest.approx([2.0, 8.0])


def test_fit_honours_weights() -> None:
    fitted = fit_cells({"a": 3.0, "b": 3.0}, {2010: 4.0, 2011: 4.0}, {}, {2010: 1.0, 2011: 0.5})
    assert (fitted.loc["a", 2010] + 0.5 * fitted.loc["a", 2011]) == pytest.approx(3.0)


def test_round_cells_keeps_column_totals_and_stays_within_one_case() -> None:
    fitted = pd.DataFrame({2010: [3.4, 3.3, 3.3], 2011: [1.5, 1.5, 0.0]}, index=["a", "b", "c"])
    rounded = round_cells(fitted, {"a": 4.9, "b": 4.8, "c": 3.3}, {}, FLAT)
    assert rounded.sum().tolist() == [10, 3]
    assert ((rounded - fitted).abs() < 1).all().all()


@settings(max_examples=200, deadline=None)
@given(
    shares=st.lists(st.integers(min_value=1, max_value=200), min_size=2, max_size=8),
    years=st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=5),
)
def test_fit_and_round_hold_margins_for_random_tables(shares: list[int], years: list[int]) -> None:
    total = sum(years)
    regions = {f"r{index}": share / sum(shares) * total for index, share in enumerate(shares)}
    year_totals = {2000 + index: float(value) for index, value in enumerate(years)}
    weights = dict.fromkeys(year_totals, 1.0)
    fitted = fit_cells(regions, year_totals, {}, weights)
    rounded = round_cells(fitted, regions, {}, weights)
    assert rounded.sum().tolist() == [round(value) for value in years]
    assert ((rounded - fitted).abs() < 1).all().all()
    assert (rounded >= 0).all().all()


def test_fill_population_interpolates_and_extrapolates() -> None:
    reported = pd.DataFrame(
        {"region_id": ["01"] * 4, "year": [2007, 2010, 2011, 2012], "population": [100.0, 130.0, 132.0, 134.64]}
    )
    filled = fill_population(reported, range(2006, 2014)).set_index("year")
    assert filled.loc[2008, "population"] == 110 and filled.loc[2008, "method"] == "interpolated"
    assert filled.loc[2009, "population"] == 120
    assert filled.loc[2013, "population"] == round(134.64 * 1.02)  # 2011->2012 growth is 2 %
    assert filled.loc[2006, "method"] == "extrapolated"
    assert filled.loc[2006, "population"] == round(100 / (132 / 130))
    assert filled.loc[2010, "method"] == "reported"
