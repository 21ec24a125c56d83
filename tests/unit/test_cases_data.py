"""The committed cases table reproduces every cited figure it is built from."""

import pandas as pd
import pytest

from lib.data import DEFAULT_DATA_DIR, Dataset

SOURCES = DEFAULT_DATA_DIR / "sources"


def matrix(bundled: Dataset) -> pd.DataFrame:
    return bundled.cases.pivot(index="region_id", columns="year", values="cases")


def cited_window_totals() -> pd.Series:
    districts = pd.read_csv(SOURCES / "mp_districts_2007_2014apr.csv", dtype={"region_id": str})
    return districts.groupby("region_id")["value"].sum()


def test_one_row_per_region_and_year(bundled: Dataset) -> None:
    assert len(bundled.cases) == 225
    assert set(bundled.cases["year"]) == set(range(2006, 2015))
    assert not bundled.cases.duplicated(["region_id", "year"]).any()


def test_cited_districts_sum_to_1976() -> None:
    assert cited_window_totals().sum() == 1976


def test_each_region_window_total_lies_between_its_years(bundled: Dataset) -> None:
    """Jan 2007–Apr 2014 is held exactly: it covers 2007–2013 and part of 2014."""
    table = matrix(bundled)
    for region_id, target in cited_window_totals().items():
        through_2013 = table.loc[region_id, list(range(2007, 2014))].sum()
        assert through_2013 <= target <= through_2013 + table.loc[region_id, 2014], region_id


def test_cited_national_years_exact(bundled: Dataset) -> None:
    yearly = matrix(bundled).sum()
    assert yearly[2012] == 457
    assert yearly[2014] == 501
    assert 456 <= yearly[2013] <= 462  # 28 / 6.1 %, the share rounded to 0.1 %


def test_2009_to_2014_is_2241(bundled: Dataset) -> None:
    assert matrix(bundled)[list(range(2009, 2015))].sum().sum() == 2241


def test_fully_listed_regions_keep_their_2009_2014_totals(bundled: Dataset) -> None:
    later = pd.read_csv(SOURCES / "mp_districts_2009_2014.csv", dtype={"region_id": str})
    table = matrix(bundled)[list(range(2009, 2015))].sum(axis=1)
    for region_id, total in later.groupby("region_id")["value"].sum().items():
        if region_id not in {"15", "02"}:  # Lima and Áncash have districts the release does not list
            assert table[region_id] == total, region_id


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


@pytest.mark.parametrize("name", ["cases.csv", "ranges.csv", "model_figures.csv", "population.csv"])
def test_builders_reproduce_the_committed_files(name: str) -> None:
    import scripts.build_cases as builder

    rebuilt = builder.BUILDERS[name]()
    committed = (DEFAULT_DATA_DIR / name).read_text(encoding="utf-8")
    assert rebuilt.to_csv(index=False, lineterminator="\n") == committed
