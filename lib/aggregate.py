"""Filtering and aggregation: from the validated tables and :class:`Filters` to the rows
an analyst downloads, the per-region values the map shows, and the headline figures.

Zero and missing stay distinct everywhere: a region-year without data has ``cases`` NA,
and a region whose selected years are all without data has ``cases`` NA, never 0.
Rates are cases per 100,000 people per year: total cases over the population summed over
the same region-years that have a case count.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.data import BASIS_VALUES, Dataset
from lib.filters import Filters, Hubs, HubSet, Metric

PER = 100_000
DOWNLOAD_COLUMNS = ["region_id", "region", "year", "cases", "population", "rate_per_100k", "basis", "source"]


def hub_flags(regions: pd.DataFrame, hub_set: HubSet) -> pd.DataFrame:
    """``region_id, tourism, mining`` under the chosen classification."""
    mining_column = "mining_hub_wide" if hub_set is HubSet.WIDE else "mining_hub"
    return pd.DataFrame(
        {"region_id": regions["region_id"], "tourism": regions["tourism_hub"], "mining": regions[mining_column]}
    )


def regions_in_filter(regions: pd.DataFrame, filters: Filters) -> set[str]:
    """Region ids that pass the region and hub filters."""
    flags = hub_flags(regions, filters.hub_set).set_index("region_id")
    keep = pd.Series(True, index=flags.index)
    if filters.regions:
        keep &= regions.set_index("region_id")["slug"].isin(filters.regions)
    match filters.hubs:
        case Hubs.TOURISM:
            keep &= flags["tourism"]
        case Hubs.MINING:
            keep &= flags["mining"]
        case Hubs.EITHER:
            keep &= flags["tourism"] | flags["mining"]
        case Hubs.OTHER:
            keep &= ~(flags["tourism"] | flags["mining"])
    return set(keep.index[keep])


def _rate(cases: pd.Series, population: pd.Series) -> pd.Series:
    """Cases per 100,000; NA where either side is NA or the population is not positive."""
    valid = cases.notna() & population.notna() & (population > 0)
    result = pd.Series(pd.NA, index=cases.index, dtype="Float64")
    result[valid] = cases[valid].astype(float) / population[valid].astype(float) * PER
    return result


def region_years(dataset: Dataset, filters: Filters, region_ids: set[str] | None = None) -> pd.DataFrame:
    """The region-year rows behind the view, in download column order.

    ``region_ids`` defaults to the regions in the filter. Sorted by region then year.
    """
    wanted = regions_in_filter(dataset.regions, filters) if region_ids is None else region_ids
    start, end = filters.years
    cases = dataset.cases[dataset.cases["region_id"].isin(wanted) & dataset.cases["year"].between(start, end)]
    rows = cases.merge(dataset.population[["region_id", "year", "population"]], on=["region_id", "year"], how="left")
    rows = rows.merge(dataset.regions[["region_id", "name"]].rename(columns={"name": "region"}), on="region_id")
    rows["rate_per_100k"] = _rate(rows["cases"], rows["population"]).round(3)
    return rows[DOWNLOAD_COLUMNS].sort_values(["region_id", "year"]).reset_index(drop=True)


def _combined_basis(bases: pd.Series) -> str:
    """``missing`` if no year has data, ``reported`` if every year is reported, else ``estimated``."""
    present = set(bases)
    if present <= {"missing"}:
        return "missing"
    if present == {"reported"}:
        return "reported"
    return "estimated"


def region_summary(dataset: Dataset, filters: Filters) -> pd.DataFrame:
    """One row per region (all of them, so the map keeps its shape) for the selected years.

    Columns: ``region_id, name, slug, in_filter, tourism, mining, cases, population, rate,
    value, basis, years_with_data, years_missing, rank``. ``value`` is the chosen metric;
    ``rank`` is 1 for the highest value among regions in the filter (NA outside it).
    """
    inside = regions_in_filter(dataset.regions, filters)
    rows = region_years(dataset, filters, set(dataset.regions["region_id"]))
    has_data = rows["cases"].notna()
    grouped = rows.assign(
        population_with_data=rows["population"].where(has_data),
        has_data=has_data,
    ).groupby("region_id")
    summary = pd.DataFrame(
        {
            "cases": grouped["cases"].sum(min_count=1),
            "population": grouped["population_with_data"].sum(min_count=1),
            "basis": grouped["basis"].agg(_combined_basis),
            "years_with_data": grouped["has_data"].sum(),
            "years_missing": grouped["has_data"].agg(lambda flags: int((~flags).sum())),
        }
    ).reset_index()
    base = dataset.regions[["region_id", "name", "slug"]].merge(hub_flags(dataset.regions, filters.hub_set))
    summary = base.merge(summary, on="region_id", how="left")
    summary["basis"] = summary["basis"].fillna("missing")
    summary["cases"] = summary["cases"].astype("Int64")
    summary["rate"] = _rate(summary["cases"], summary["population"]).round(3)
    summary["value"] = summary["rate"] if filters.metric is Metric.RATE else summary["cases"].astype("Float64")
    summary["in_filter"] = summary["region_id"].isin(inside)
    ranked = summary["value"].where(summary["in_filter"]).rank(ascending=False, method="min")
    summary["rank"] = ranked.astype("Int64")
    return summary


def basis_counts(rows: pd.DataFrame) -> dict[str, int]:
    """How many of ``rows`` are reported, estimated and missing (every basis, zeros kept)."""
    counts = rows["basis"].value_counts()
    return {basis: int(counts.get(basis, 0)) for basis in BASIS_VALUES}


@dataclass(frozen=True)
class Headline:
    """Figures for the filter over the selected years. ``None`` means no data."""

    cases: int | None
    national_cases: int | None
    share_of_national: float | None  # 0..1
    regions_shown: int
    rate_per_100k: float | None  # per year
    years_without_data: tuple[int, ...]


def headline(dataset: Dataset, filters: Filters, summary: pd.DataFrame) -> Headline:
    """Headline figures; ``summary`` is :func:`region_summary` for the same filters."""
    shown = summary[summary["in_filter"]]
    cases = shown["cases"].sum(min_count=1)
    national = summary["cases"].sum(min_count=1)
    population = shown["population"].sum(min_count=1)
    start, end = filters.years
    in_years = dataset.cases[dataset.cases["year"].between(start, end)]
    without = in_years.groupby("year")["cases"].apply(lambda values: values.isna().all())
    cases_value = None if pd.isna(cases) else int(cases)
    national_value = None if pd.isna(national) else int(national)
    people = None if pd.isna(population) or population <= 0 else float(population)
    return Headline(
        cases=cases_value,
        national_cases=national_value,
        share_of_national=cases_value / national_value if cases_value is not None and national_value else None,
        regions_shown=len(shown),
        rate_per_100k=cases_value / people * PER if cases_value is not None and people else None,
        years_without_data=tuple(int(year) for year in without.index[without]),
    )
