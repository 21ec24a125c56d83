"""The committed cases table reproduces every cited figure it is built from."""

import pandas as pd
import pytest

from lib.data import DEFAULT_DATA_DIR, Dataset
from lib.estimate import WINDOW_WEIGHTS

SOURCES = DEFAULT_DATA_DIR / "sources"


def matrix(bundled: Dataset) -> pd.DataFrame:
    return bundled.cases.pivot(index="region_id", columns="year", values="cases")


def cited_window_totals() -> pd.Series:
    districts = pd.read_csv(SOURCES / "mp_districts_2007_2014apr.csv", dtype={"region_id": str})
    return districts.groupby("region_id")["value"].sum()


def window_total(table: pd.DataFrame) -> pd.Series:
    return sum(table[year].astype(float) * weight for year, weight in WINDOW_WEIGHTS.items())


def test_one_row_per_region_and_year(bundled: Dataset) -> None:
    assert len(bundled.cases) == 225
    assert set(bundled.cases["year"]) == set(range(2006, 2015))
    assert not bundled.cases.duplicated(["region_id", "year"]).any()


def test_cited_districts_sum_to_1976() -> None:
    assert cited_window_totals().sum() == 1976


def test_each_region_window_total_within_tolerance(bundled: Dataset) -> None:
    cited = cited_window_totals()
    fitted = window_total(matrix(bundled))
    for region_id, target in cited.items():
        assert abs(fitted[region_id] - target) <= max(2, 0.02 * target), region_id


def test_national_window_total_within_5(bundled: Dataset) -> None:
    assert abs(window_total(matrix(bundled)).sum() - 1976) <= 5


def test_cited_national_years_exact(bundled: Dataset) -> None:
    yearly = matrix(bundled).sum()
    assert yearly[2012] == 457
    assert yearly[2013] == 459


def test_2009_to_2014_within_5_percent_of_2241(bundled: Dataset) -> None:
    total = matrix(bundled)[list(range(2009, 2015))].sum().sum()
    assert abs(total - 2241) <= 0.05 * 2241


@pytest.mark.parametrize(("region_id", "year", "value"), [("21", 2010, 19), ("08", 2013, 28)])
def test_cited_region_years_are_exact_and_reported(bundled: Dataset, region_id: str, year: int, value: int) -> None:
    row = bundled.cases.set_index(["region_id", "year"]).loc[(region_id, year)]
    assert row["cases"] == value
    assert row["basis"] == "reported"
    assert row["source"].startswith("http")


def test_only_cited_cells_are_reported(bundled: Dataset) -> None:
    points = pd.read_csv(SOURCES / "region_year_points.csv", dtype={"region_id": str})
    fixed = set(points.loc[points["used"] == "fixed cell", ["region_id", "year"]].itertuples(index=False, name=None))
    reported = bundled.cases[bundled.cases["basis"] == "reported"]
    assert set(reported[["region_id", "year"]].itertuples(index=False, name=None)) == fixed


def test_2006_is_missing_not_zero(bundled: Dataset) -> None:
    year_2006 = bundled.cases[bundled.cases["year"] == 2006]
    assert (year_2006["basis"] == "missing").all()
    assert year_2006["cases"].isna().all()


def test_missing_only_where_there_is_no_source(bundled: Dataset) -> None:
    missing = bundled.cases[bundled.cases["basis"] == "missing"]
    assert set(missing["year"]) == {2006}


def test_population_covers_every_region_year_and_keeps_cited_values(bundled: Dataset) -> None:
    population = bundled.population.set_index(["region_id", "year"])
    assert len(population) == 225
    cited = pd.read_csv(SOURCES / "population.csv", dtype={"region_id": str})
    for row in cited.itertuples():
        assert population.loc[(row.region_id, row.year), "population"] == row.value
        assert population.loc[(row.region_id, row.year), "basis"] == "reported"
    assert cited[cited["year"] == 2007]["value"].sum() == 27_428_615


@pytest.mark.parametrize("name", ["cases.csv", "population.csv"])
def test_builders_reproduce_the_committed_files(name: str) -> None:
    import scripts.build_cases as builder

    rebuilt = {"cases.csv": builder.build_cases, "population.csv": builder.build_population}[name]()
    committed = (DEFAULT_DATA_DIR / name).read_text(encoding="utf-8")
    assert rebuilt.to_csv(index=False, lineterminator="\n") == committed
