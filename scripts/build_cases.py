"""Build ``data/cases.csv`` and ``data/population.csv`` from the cited facts in ``data/sources/``.

The method lives in ``lib/estimate.py`` and is described in ``data/SOURCES.md``. This
script only reads the source tables, calls it, and writes the two outputs. Rerunning it
gives the same bytes; the outputs are committed and tested.

Usage::

    python scripts/build_cases.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lib.estimate import (  # noqa: E402  (the repo root must be importable first)
    NationalFacts,
    fill_population,
    fit_cells,
    national_series,
    round_cells,
)

DATA = ROOT / "data"
SOURCES = DATA / "sources"
YEARS = range(2006, 2015)
ESTIMATED_CASES_SOURCE = "estimated: MP regional totals Jan 2007-Apr 2014 fitted to national yearly totals (SOURCES.md)"
MISSING_CASES_SOURCE = "no prosecutor-office data for this year in any cited source"
POPULATION_METHOD_SOURCE = {
    "interpolated": "estimated: linear interpolation between the nearest reported years (SOURCES.md)",
    "extrapolated": "estimated: growth of the nearest two consecutive reported years carried on (SOURCES.md)",
}


def read_sources() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    read = lambda name: pd.read_csv(SOURCES / name, dtype={"region_id": str})  # noqa: E731
    return read("mp_districts_2007_2014apr.csv"), read("national_totals.csv"), read("region_year_points.csv")


def national_facts(totals: pd.DataFrame) -> NationalFacts:
    value = totals.set_index("period")["value"].astype(float)
    return NationalFacts(
        year_2012=value["2012-01/2012-12"],
        year_2013=value["2013-01/2013-12"],
        years_2009_2014=value["2009-01/2014-12"],
        window_2007_to_apr_2014=value["2007-01/2014-04"],
        may_to_jul_2014=value["2007-01/2014-07"] - value["2007-01/2014-04"],
    )


def build_cases() -> pd.DataFrame:
    districts, totals, points = read_sources()
    region_totals = districts.groupby("region_id")["value"].sum().astype(float).to_dict()
    fixed_points = points[points["used"] == "fixed cell"]
    fixed = {(row.region_id, int(row.year)): float(row.value) for row in fixed_points.itertuples()}
    year_totals = national_series(national_facts(totals))
    fitted = fit_cells(region_totals, year_totals, fixed)
    whole = round_cells(fitted, region_totals, fixed)
    source_of = {(row.region_id, int(row.year)): row.url for row in fixed_points.itertuples()}
    rows = []
    for region_id in sorted(whole.index):
        for year in YEARS:
            if year not in whole.columns:
                rows.append((region_id, year, None, "missing", MISSING_CASES_SOURCE))
            elif (region_id, year) in fixed:
                rows.append((region_id, year, int(whole.loc[region_id, year]), "reported", source_of[region_id, year]))
            else:
                rows.append((region_id, year, int(whole.loc[region_id, year]), "estimated", ESTIMATED_CASES_SOURCE))
    cases = pd.DataFrame(rows, columns=["region_id", "year", "cases", "basis", "source"])
    cases["cases"] = cases["cases"].astype("Int64")
    return cases


def build_population() -> pd.DataFrame:
    cited = pd.read_csv(SOURCES / "population.csv", dtype={"region_id": str})
    filled = fill_population(cited.rename(columns={"value": "population"}), YEARS)
    url_of = {(row.region_id, int(row.year)): row.url for row in cited.itertuples()}
    filled["basis"] = filled["method"].where(filled["method"] == "reported", "estimated")
    filled["source"] = [
        url_of[(row.region_id, row.year)] if row.method == "reported" else POPULATION_METHOD_SOURCE[row.method]
        for row in filled.itertuples()
    ]
    return filled[["region_id", "year", "population", "basis", "source"]]


def main() -> None:
    for name, table in (("cases.csv", build_cases()), ("population.csv", build_population())):
        table.to_csv(DATA / name, index=False, lineterminator="\n")
        counts = table["basis"].value_counts().to_dict()
        print(f"wrote data/{name}: {len(table)} rows {counts}")


if __name__ == "__main__":
    main()
