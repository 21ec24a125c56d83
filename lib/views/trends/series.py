"""Series behind the trends page: national totals, regions over time, ranking, hubs vs the rest.

Every frame keeps the basis of each point, and missing stays missing (NA), never 0.
"""

from __future__ import annotations

import pandas as pd

from lib.aggregate import (
    NATIONAL,
    RANGE_COLUMNS,
    hub_flags,
    paired,
    ranges_holding,
    rate_per_100k,
    region_summary,
    region_years,
    sum_ranges,
)
from lib.data import Dataset
from lib.filters import Filters, Hubs, Metric
from lib.vocabulary import HUB_GROUPS
from lib.years import YearSpan


def _year_basis(bases: pd.Series) -> str:
    """A year's national basis: ``missing`` if no region has data, ``reported`` only if every
    region is reported, ``estimated`` otherwise."""
    present = set(bases)
    if present <= {"missing"}:
        return "missing"
    return "reported" if present == {"reported"} else "estimated"


def national_series(dataset: Dataset, filters: Filters) -> pd.DataFrame:
    """``year, cases, basis, cited`` for the selected years over all regions; ``cited`` is the
    published national figure for that year where a source gives one."""
    start, end = filters.years
    rows = dataset.cases[dataset.cases["year"].between(start, end)]
    grouped = rows.groupby("year")
    series = pd.DataFrame(
        {"cases": grouped["cases"].sum(min_count=1).astype("Int64"), "basis": grouped["basis"].agg(_year_basis)}
    ).reset_index()
    series["cited"] = series["year"].map(dataset.national_cited).astype("Int64")
    for column, values in _yearly_ranges(dataset, series["year"], NATIONAL).items():
        series[column] = values
    return series


def _yearly_ranges(dataset: Dataset, years: pd.Series, subject: str) -> dict[str, pd.Series]:
    """Each year's range columns for ``subject`` (a region id or ``all``), from the table."""
    per_year = [
        sum_ranges(dataset.ranges, [subject], YearSpan.single(int(year)), dataset.cases).iloc[0] for year in years
    ]
    return {column: pd.array([row[column] for row in per_year], dtype="Int64") for column in RANGE_COLUMNS}


def region_series(dataset: Dataset, filters: Filters) -> pd.DataFrame:
    """``region, year, value, low, high, basis`` for the regions in the filter; ``value``
    follows the metric, ``low``..``high`` is its model-level range (NA when unknown)."""
    rows = region_years(dataset, filters)
    column, low, high = (
        ("rate_per_100k", "rate_low", "rate_high")
        if filters.metric is Metric.RATE
        else (
            "cases",
            "cases_low",
            "cases_high",
        )
    )
    series = rows[["region", "year", "basis"]].copy()
    series["value"] = rows[column].astype("Float64")
    series["low"] = rows[low].astype("Float64")
    series["high"] = rows[high].astype("Float64")
    return series


def ranking(dataset: Dataset, filters: Filters) -> pd.DataFrame:
    """Regions in the filter by the metric over the selected years, highest first;
    ``hub`` names the hub group (tourism, mining, both, or empty)."""
    summary = region_summary(dataset, filters)
    inside = summary[summary["in_filter"]].copy()
    inside["hub"] = [
        "tourism + mining" if tourism and mining else "tourism" if tourism else "mining" if mining else ""
        for tourism, mining in zip(inside["tourism"], inside["mining"], strict=True)
    ]
    ranked = inside.sort_values(["value", "name"], ascending=[False, True], na_position="last")
    return ranked[["name", "value", "cases", "rate", "basis", "hub"]].rename(columns={"name": "region"})


def hub_groups(
    dataset: Dataset,
    filters: Filters,
) -> pd.DataFrame:
    """``group, year, cases, population, rate`` and the ranges of ``cases`` (``cases_low``…
    ``sources_high``, from the dataset's solver) for tourism hubs, mining hubs and other regions.

    A region that is both a tourism and a mining hub counts in both groups. Rates divide the
    cases and population of the same region-years only (see :func:`lib.aggregate.paired`).
    """
    flags = hub_flags(dataset.regions, filters.hub_set).set_index("region_id")
    every_region = filters.with_changes(regions=(), hubs=Hubs.ALL)
    rows = region_years(dataset, every_region).join(flags, on="region_id")
    members = {
        "tourism": rows["tourism"],
        "mining": rows["mining"],
        "other": ~(rows["tourism"] | rows["mining"]),
    }
    frames = []
    for group in HUB_GROUPS:
        chosen = rows[members[group]]
        rate_cases, rate_population = paired(chosen["cases"], chosen["population"])
        with_data = chosen.assign(rate_cases=rate_cases, population=rate_population)
        per_year = (
            with_data.groupby("year")
            .agg(
                cases=("cases", lambda values: values.sum(min_count=1)),
                rate_cases=("rate_cases", lambda values: values.sum(min_count=1)),
                population=("population", lambda values: values.sum(min_count=1)),
            )
            .reindex(pd.Index(filters.years.years, name="year"))
        )  # a group with no region still gets its years, as missing
        per_year["group"] = group
        group_regions = sorted(set(chosen["region_id"]))
        solver = dataset.solver
        spans = [
            ranges_holding(per_year.loc[year, "cases"], solver.group_range(group_regions, YearSpan.single(year)))
            if solver
            else {}
            for year in per_year.index
        ]
        for column in RANGE_COLUMNS:
            per_year[column] = pd.array([span.get(column) for span in spans], dtype="Int64")
        frames.append(per_year.reset_index())
    groups = pd.concat(frames, ignore_index=True)
    groups["cases"] = groups["cases"].astype("Int64")
    groups["rate"] = rate_per_100k(groups["rate_cases"], groups["population"]).round(3)
    return groups[["group", "year", "cases", "population", "rate", *RANGE_COLUMNS]]
