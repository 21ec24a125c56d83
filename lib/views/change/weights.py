"""What a change weighs: the region-year cells of two periods, the subjects whose change is
asked (each region, the filtered regions together, each hub group, the country), and each
subject's yearly-average weights over a period (a group comparing only the regions with data
in both periods)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.aggregate import PER, hub_flags, regions_in_filter
from lib.data import Dataset
from lib.filters import Filters, Metric
from lib.views.change.periods import Periods
from lib.vocabulary import HUB_GROUPS
from lib.years import YearSpan

NATIONAL, FILTERED = "all", "filtered"


@dataclass(frozen=True)
class Subjects:
    """What a change is computed for: names and the regions of each (a boolean matrix,
    subjects × cells of :class:`Cells`)."""

    keys: tuple[str, ...]
    members: np.ndarray


@dataclass(frozen=True)
class Cells:
    """The region-year cells of both periods' years, as arrays."""

    region_id: np.ndarray
    year: np.ndarray
    cases: np.ndarray  # NaN where missing
    population: np.ndarray  # NaN where unknown
    basis: np.ndarray


def period_cells(dataset: Dataset, years: set[int]) -> Cells:
    """The cases (and population) of ``years``, every region."""
    cases = dataset.cases[dataset.cases["year"].isin(years)]
    keys = pd.MultiIndex.from_arrays([cases["region_id"], cases["year"]])
    population = dataset.population.set_index(["region_id", "year"])["population"].reindex(keys)
    return Cells(
        region_id=cases["region_id"].to_numpy(dtype=str),
        year=cases["year"].to_numpy(dtype=int),
        cases=cases["cases"].astype("Float64").to_numpy(dtype=float, na_value=np.nan),
        population=population.astype("Float64").to_numpy(dtype=float, na_value=np.nan),
        basis=cases["basis"].to_numpy(dtype=str),
    )


def subjects_for(dataset: Dataset, filters: Filters, cells: Cells) -> Subjects:
    """Every region, then the filtered regions together (when the filter leaves some out),
    each hub group of the filter's classification, and the country."""
    flags = hub_flags(dataset.regions, filters.hub_set).set_index("region_id")
    groups: dict[str, set[str]] = {region_id: {region_id} for region_id in dataset.regions["region_id"]}
    inside = regions_in_filter(dataset.regions, filters)
    if len(inside) < len(dataset.regions):
        groups[FILTERED] = inside
    hub = {"tourism": flags["tourism"], "mining": flags["mining"], "other": ~(flags["tourism"] | flags["mining"])}
    groups |= {group: set(flags.index[hub[group]]) for group in HUB_GROUPS}
    groups[NATIONAL] = set(dataset.regions["region_id"])
    members = np.array([np.isin(cells.region_id, sorted(regions)) for regions in groups.values()])
    return Subjects(tuple(groups), members.reshape(len(groups), len(cells.region_id)))


def comparable(cells: Cells, subjects: Subjects, periods: Periods) -> Subjects:
    """``subjects`` whose groups (several regions) keep only the regions with data in both
    periods: a region whose first data come in period B must not read as the group's rise."""
    codes, region = np.unique(cells.region_id, return_inverse=True)
    known = ~np.isnan(cells.cases)
    has = [np.zeros(len(codes), dtype=bool) for _ in range(2)]
    for found, span in zip(has, (periods.a, periods.b), strict=True):
        np.logical_or.at(found, region, known & (cells.year >= span.first) & (cells.year <= span.last))
    in_both = (has[0] & has[1])[region]
    regions_of = (subjects.members.astype(int) @ np.eye(len(codes), dtype=int)[region]) > 0
    groups = regions_of.sum(axis=1) > 1
    return Subjects(subjects.keys, np.where(groups[:, None], subjects.members & in_both[None, :], subjects.members))


def period_weights(cells: Cells, subjects: Subjects, years: YearSpan, metric: Metric) -> np.ndarray:
    """Weights (subjects × cells) whose sum with the cases is each subject's yearly average
    over ``years``: 1 / (years with data) per cell with data, or, for rates, 100,000 over
    the population of the cells with both cases and population. A row of zeros: no data."""
    used = subjects.members & (cells.year >= years.first) & (cells.year <= years.last) & ~np.isnan(cells.cases)
    if metric is Metric.RATE:
        used &= ~np.isnan(cells.population) & (cells.population > 0)
        person_years = used @ np.nan_to_num(cells.population)
        scale = np.divide(PER, person_years, out=np.zeros_like(person_years), where=person_years > 0)
    else:
        year_list = np.array(years.years)
        with_data = (used[:, :, None] & (cells.year[None, :, None] == year_list[None, None, :])).any(axis=1)
        count = with_data.sum(axis=1).astype(float)
        scale = np.divide(1.0, count, out=np.zeros_like(count), where=count > 0)
    weights: np.ndarray = used * scale[:, None]
    return weights
