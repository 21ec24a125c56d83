"""Filtering and aggregation: from the validated tables and :class:`Filters` to the rows
an analyst downloads, the per-region values the map shows, and the headline figures.

Zero and missing stay distinct everywhere: a region-year without data has ``cases`` NA,
and a region whose selected years are all without data has ``cases`` NA, never 0.
Rates are cases per 100,000 people per year, and only ever pair cases and population of the
same region-years: a region-year with cases but no population (a year the population table
lacks) is left out of the rate, and the headline says which years were left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from lib.data import Dataset
from lib.filters import Filters, Hubs, HubSet, Metric
from lib.validate import BASIS_VALUES
from lib.years import YearSpan

PER = 100_000
# Per-region columns region_summary derives from the region-year rows of the selected years.
PER_REGION_COLUMNS = ("cases", "rate_cases", "population", "basis", "years_with_data", "years_missing")
RANGE_COLUMNS = ["cases_low", "cases_high", "sources_low", "sources_high"]
DOWNLOAD_COLUMNS = [
    "region_id", "region", "year", "cases", "population", "rate_per_100k",
    *RANGE_COLUMNS, "rate_low", "rate_high", "basis", "source",
]  # fmt: skip


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


def paired(cases: pd.Series, population: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The cases and population of the region-years that have both: what a rate may divide."""
    both = cases.notna() & population.notna()
    return cases.where(both), population.where(both)


def rate_per_100k(cases: pd.Series, population: pd.Series) -> pd.Series:
    """Cases per 100,000; NA where either side is NA or the population is not positive."""
    valid = cases.notna() & population.notna() & (population > 0)
    return cases.astype("Float64").where(valid) / population.astype("Float64").where(valid) * PER


def region_years(dataset: Dataset, filters: Filters, region_ids: set[str] | None = None) -> pd.DataFrame:
    """The region-year rows behind the view, in download column order.

    ``region_ids`` defaults to the regions in the filter. Sorted by region then year.
    """
    wanted = regions_in_filter(dataset.regions, filters) if region_ids is None else region_ids
    start, end = filters.years
    cases = dataset.cases[dataset.cases["region_id"].isin(wanted) & dataset.cases["year"].between(start, end)]
    # Index lookups rather than merges: this runs on every filter change, and on a few
    # hundred rows pandas' merge machinery costs more than the data.
    # A table without ranges (an upload, an older data folder) has them all unknown.
    cases = cases.assign(**{column: pd.NA for column in RANGE_COLUMNS if column not in cases})
    keys = pd.MultiIndex.from_arrays([cases["region_id"], cases["year"]])
    population = dataset.population.set_index(["region_id", "year"])["population"].reindex(keys)
    rows = cases.assign(
        population=population.to_numpy(),
        region=cases["region_id"].map(dataset.regions.set_index("region_id")["name"]),
    )
    rows["rate_per_100k"] = rate_per_100k(rows["cases"], rows["population"]).round(3)
    rows["rate_low"] = rate_per_100k(rows["cases_low"], rows["population"]).round(3)
    rows["rate_high"] = rate_per_100k(rows["cases_high"], rows["population"]).round(3)
    return rows[DOWNLOAD_COLUMNS].sort_values(["region_id", "year"]).reset_index(drop=True)


def region_summary(dataset: Dataset, filters: Filters) -> pd.DataFrame:
    """One row per region (all of them, so the map keeps its shape) for the selected years.

    Columns: ``region_id, name, slug, in_filter, tourism, mining, cases, population, rate,
    value, basis, years_with_data, years_missing, rank`` and the ranges of the region's sum
    over the years: ``cases_low, cases_high`` (model level), ``sources_low, sources_high``
    (the sources alone), ``value_low, value_high`` (the metric, model level). ``value`` is
    the chosen metric; ``rank`` is 1 for the highest value among regions in the filter.
    """
    inside = regions_in_filter(dataset.regions, filters)
    rows = region_years(dataset, filters, set(dataset.regions["region_id"]))
    has_data = rows["cases"].notna()
    rate_cases, rate_population = paired(rows["cases"], rows["population"])
    per_region = (
        pd.DataFrame(
            {
                "region_id": rows["region_id"],
                "cases": rows["cases"],
                "rate_cases": rate_cases,
                "population": rate_population,
                "years_with_data": has_data,
                "years_missing": ~has_data,
                "years": 1,
                "missing_basis": rows["basis"].eq("missing"),
                "reported_basis": rows["basis"].eq("reported"),
            }
        )
        .groupby("region_id")
        .sum(min_count=1)
    )
    # ``missing`` if no year has data, ``reported`` if every year is reported, else ``estimated``.
    per_region["basis"] = "estimated"
    per_region.loc[per_region["reported_basis"] == per_region["years"], "basis"] = "reported"
    per_region.loc[per_region["missing_basis"] == per_region["years"], "basis"] = "missing"
    flags = hub_flags(dataset.regions, filters.hub_set)
    totals = per_region.reindex(flags["region_id"])
    summary = dataset.regions[["region_id", "name", "slug"]].assign(
        tourism=flags["tourism"],
        mining=flags["mining"],
        **{name: totals[name].to_numpy() for name in PER_REGION_COLUMNS},
    )
    summary["basis"] = summary["basis"].fillna("missing")
    summary["cases"] = summary["cases"].astype("Int64")
    summary["rate"] = rate_per_100k(summary["rate_cases"], summary["population"]).round(3)
    summary["value"] = summary["rate"] if filters.metric is Metric.RATE else summary["cases"].astype("Float64")
    ranges = sum_ranges(dataset.ranges, list(summary["region_id"]), filters.years, dataset.cases)
    for column in RANGE_COLUMNS:
        summary[column] = ranges[column].to_numpy()
    # Where ranges are joined to values: a range that leaves out its own value is dropped.
    cases = summary["cases"]
    holds = cases.between(summary["cases_low"], summary["cases_high"]) & cases.between(
        summary["sources_low"], summary["sources_high"]
    )
    summary.loc[~holds.fillna(False).astype(bool) & cases.notna(), RANGE_COLUMNS] = pd.NA
    # Model-level range of the metric: what decides whether a region's class is determined.
    if filters.metric is Metric.RATE:
        summary["value_low"] = rate_per_100k(summary["cases_low"], summary["population"]).round(3)
        summary["value_high"] = rate_per_100k(summary["cases_high"], summary["population"]).round(3)
    else:
        summary["value_low"] = summary["cases_low"].astype("Float64")
        summary["value_high"] = summary["cases_high"].astype("Float64")
    summary["in_filter"] = summary["region_id"].isin(inside)
    ranked = summary["value"].where(summary["in_filter"]).rank(ascending=False, method="min")
    summary["rank"] = ranked.astype("Int64")
    return summary


NATIONAL = "all"


def data_span(cases: pd.DataFrame, years: YearSpan) -> YearSpan | None:
    """The first and last of ``years`` in which any region has data (``None``: none has):
    years without any data (2006) add nothing to a sum, so its range is the span's."""
    with_data = cases.loc[cases["cases"].notna() & cases["year"].between(*years), "year"]
    return None if with_data.empty else YearSpan(int(with_data.min()), int(with_data.max()))


def sum_ranges(ranges: pd.DataFrame, subjects: list[str], years: YearSpan, cases: pd.DataFrame) -> pd.DataFrame:
    """The ranges of each subject's (region id, or ``all``) sum over ``years``, from the
    precomputed table (:attr:`Dataset.ranges`), indexed by subject; NA when unknown.

    ``years`` is narrowed to the span with data in ``cases``; a span the table does not
    hold exactly (years it does not cover, such as a data folder's later years) has no
    range: never another period's.
    """
    empty = pd.DataFrame({column: pd.array([pd.NA] * len(subjects), dtype="Int64") for column in RANGE_COLUMNS})
    empty.index = pd.Index(subjects)
    span = data_span(cases, years)
    if ranges.empty or span is None:
        return empty
    rows = ranges[(ranges["first_year"] == span[0]) & (ranges["last_year"] == span[1])].set_index("region_id")
    return rows.reindex(subjects)[RANGE_COLUMNS].astype("Int64")


def ranges_holding(value: object, ranges: Mapping[str, object]) -> dict[str, int]:
    """``ranges`` (both levels) as whole numbers if they hold ``value``, else empty: a range
    that leaves out its own value belongs to other data and is never shown."""
    known = known_ranges(ranges)
    if not known or value is None or pd.isna(value):
        return {}
    number = float(value)  # type: ignore[arg-type]
    holds = (
        known["cases_low"] <= number <= known["cases_high"] and known["sources_low"] <= number <= known["sources_high"]
    )
    return known if holds else {}


def known_ranges(row: Mapping[str, object]) -> dict[str, int]:
    """A row's four range columns as whole numbers, or empty if any is unknown."""
    values = [row.get(column) for column in RANGE_COLUMNS]
    if any(value is None or pd.isna(value) for value in values):
        return {}
    return {column: int(value) for column, value in zip(RANGE_COLUMNS, values, strict=True)}  # type: ignore[call-overload]


def table_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """:func:`region_years` rows for the on-screen table: without ``region_id``, and each text
    column as a categorical, so the browser is sent each distinct text once (the source
    citations repeat on most rows: the table's message halves). The values are unchanged."""
    shown = rows.drop(columns=["region_id"])
    text = [column for column in shown.columns if pd.api.types.is_string_dtype(shown[column])]
    return shown.astype(dict.fromkeys(text, "category"))


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
    rate_per_100k: float | None  # per year, over the region-years that have a population
    years_without_data: tuple[int, ...]
    years_without_population: tuple[int, ...] = ()  # years with cases left out of the rates
    # The ranges of ``cases``: cases_low/high (model level), sources_low/high; empty = unknown.
    ranges: Mapping[str, int] = field(default_factory=dict)


def headline(
    dataset: Dataset,
    filters: Filters,
    summary: pd.DataFrame,
) -> Headline:
    """Headline figures; ``summary`` is :func:`region_summary` for the same filters.

    The ranges of all regions come from the precomputed table; those of a filtered set from
    the dataset's solver (:class:`lib.solver.RangeSolver`).
    """
    shown = summary[summary["in_filter"]]
    cases = shown["cases"].sum(min_count=1)
    national = summary["cases"].sum(min_count=1)
    rate_cases = shown["rate_cases"].sum(min_count=1)
    population = shown["population"].sum(min_count=1)
    start, end = filters.years
    in_years = dataset.cases[dataset.cases["year"].between(start, end)]
    without = in_years.groupby("year")["cases"].apply(lambda values: values.isna().all())
    cases_value = None if pd.isna(cases) else int(cases)
    national_value = None if pd.isna(national) else int(national)
    people = None if pd.isna(population) or population <= 0 else float(population)
    counted = in_years[in_years["cases"].notna() & in_years["region_id"].isin(set(shown["region_id"]))]
    with_population = pd.MultiIndex.from_frame(dataset.population[["region_id", "year"]])
    unpaired = ~pd.MultiIndex.from_frame(counted[["region_id", "year"]]).isin(with_population)
    return Headline(
        cases=cases_value,
        national_cases=national_value,
        share_of_national=cases_value / national_value if cases_value is not None and national_value else None,
        regions_shown=len(shown),
        rate_per_100k=float(rate_cases) / people * PER if not pd.isna(rate_cases) and people else None,
        years_without_data=tuple(int(year) for year in without.index[without]),
        years_without_population=tuple(sorted({int(year) for year in counted["year"][unpaired]})),
        ranges=ranges_holding(cases_value, _shown_ranges(dataset, list(shown["region_id"]), filters.years)),
    )


def _shown_ranges(
    dataset: Dataset,
    region_ids: list[str],
    years: YearSpan,
) -> Mapping[str, int]:
    if len(region_ids) == len(dataset.regions):
        national = sum_ranges(dataset.ranges, [NATIONAL], years, dataset.cases).iloc[0]
        return {} if national.isna().any() else {column: int(national[column]) for column in RANGE_COLUMNS}
    return dataset.solver.group_range(region_ids, years) if dataset.solver and region_ids else {}


@dataclass(frozen=True)
class RegionDetail:
    """The clicked region's figures over the selected years. ``None`` means no data;
    ``rank`` is ``None`` outside the filter."""

    region_id: str
    name: str
    tourism: bool
    mining: bool
    cases: int | None
    rate_per_100k: float | None
    share_of_national: float | None  # 0..1
    rank: int | None
    regions_ranked: int


def region_detail(summary: pd.DataFrame, region_id: str) -> RegionDetail:
    """Figures for one region; ``summary`` is :func:`region_summary` for the filters."""
    row = summary.set_index("region_id").loc[region_id]
    national = summary["cases"].sum(min_count=1)
    cases = None if pd.isna(row["cases"]) else int(row["cases"])
    return RegionDetail(
        region_id=region_id,
        name=str(row["name"]),
        tourism=bool(row["tourism"]),
        mining=bool(row["mining"]),
        cases=cases,
        rate_per_100k=None if pd.isna(row["rate"]) else float(row["rate"]),
        share_of_national=cases / int(national) if cases is not None and not pd.isna(national) and national else None,
        rank=None if pd.isna(row["rank"]) else int(row["rank"]),
        regions_ranked=int(summary["in_filter"].sum()),
    )
