"""What changed between two periods, and whether the sources can tell.

A period's value is a yearly average: cases per year (the cases of its years with data over
how many years those are) or cases per 100,000 people per year (cases over the population of
the same region-years). Either is a weighted sum of region-year cells, so the change
B − A is a weighted sum too, with weights ``w_B − w_A`` (an overlap nets out), and its range
is solved on that sum directly, one linear program per end and level
(:func:`lib.ranges.objective_ranges`), never as the difference of the two periods' ranges.

A subject (a region, the filtered regions together, a hub group, the country) gets a
direction only where the model-level range of its change excludes zero; the sources alone
support it where that range does too. Missing years add nothing: a period whose years are
all missing gives "no data". An upload has no ranges: its change is a plain difference.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.aggregate import regions_in_filter
from lib.data import Dataset
from lib.export import data_note, features_geojson
from lib.filters import Filters, Metric
from lib.lp import objective_ranges
from lib.model import YEARS as MODEL_YEARS
from lib.model import Level
from lib.ranges import SHARE_FACTOR, YEARLY_CHANGE, Program, year_parts
from lib.safe import csv_bytes
from lib.solver import RangeSolver
from lib.strength import Loosened, holds_to
from lib.views.change.periods import Periods
from lib.views.change.weights import (
    Cells,
    comparable,
    period_cells,
    period_weights,
    subjects_for,
)
from lib.vocabulary import SUPPORTED, Verdict, holds, verdict
from lib.years import YearSpan


def _basis(used: np.ndarray, basis: np.ndarray) -> str:
    chosen = set(basis[used])
    if not chosen:
        return "missing"
    return "reported" if chosen == {"reported"} else "estimated"


def _variables(cells: Cells, prog: Program) -> tuple[np.ndarray, np.ndarray]:
    """Cells × program unknowns (each cell is the sum of its year's parts), and which cells
    the model covers at all."""
    matrix = np.zeros((len(cells.year), prog.size))
    covered = np.zeros(len(cells.year), dtype=bool)
    for index, (region_id, year) in enumerate(zip(cells.region_id, cells.year, strict=True)):
        if int(year) not in MODEL_YEARS:
            continue
        terms = [(str(region_id), part) for part in year_parts(int(year))]
        if all(term in prog.index for term in terms):
            covered[index] = True
            for term in terms:
                matrix[index, prog.index[term]] = 1.0
    return matrix, covered


CHANGE_COLUMNS = [
    "a_per_year", "b_per_year", "change", "change_low", "change_high",
    "sources_change_low", "sources_change_high", "verdict", "sources_support", "a_basis", "b_basis",
]  # fmt: skip


def _ranges(
    programs: Mapping[Level, Program] | None, cells: Cells, differences: np.ndarray, values: np.ndarray
) -> dict[str, np.ndarray]:
    """The change columns' range ends for each row of ``differences`` (weights B − A over
    ``cells``) whose ``values`` (the point changes; NaN: no data) are known: NaN where the
    model does not cover a weighted cell, or where a range would leave out its own value."""
    ends = {column: np.full(len(differences), np.nan) for column in CHANGE_COLUMNS[3:7]}
    if programs is None:
        return ends
    matrix, covered = _variables(cells, programs[Level.MODEL])
    ranged = ~np.isnan(values) & ~(differences[:, ~covered] != 0).any(axis=1)
    for level, (low, high) in ((Level.MODEL, CHANGE_COLUMNS[3:5]), (Level.SOURCES, CHANGE_COLUMNS[5:7])):
        solved = objective_ranges(programs[level], differences[ranged] @ matrix)
        ends[low][ranged], ends[high][ranged] = solved[:, 0], solved[:, 1]
    keeps_value = np.array(
        [
            holds(value, low, high) and holds(value, s_low, s_high)
            for value, low, high, s_low, s_high in zip(values, *ends.values(), strict=True)
        ],
        dtype=bool,
    )
    return {column: np.where(keeps_value, value, np.nan) for column, value in ends.items()}


def change_table(
    dataset: Dataset,
    filters: Filters,
    periods: Sequence[Periods] | Periods,
    strength: bool = False,
) -> pd.DataFrame:
    """One row per subject (:func:`subjects_for`) and pair of periods, indexed by
    ``(pair, subject)`` (the pair's position in ``periods``), with :data:`CHANGE_COLUMNS`.
    The dataset's solver gives the ranges (none for an upload, or data without the model:
    the change is then a plain difference). All pairs are solved together.

    A subject has ranges only if the model covers every cell it weighs, and only if they
    hold its own point change; otherwise its verdict is ``no-range``. With ``strength``, a
    direction the model level supports and the sources alone do not gets how far each
    assumption can be loosened before it fails (:mod:`lib.strength`).
    """
    pairs = [periods] if isinstance(periods, Periods) else list(periods)
    cells = period_cells(dataset, {year for pair in pairs for span in (pair.a, pair.b) for year in span.years})
    subjects = subjects_for(dataset, filters, cells)
    values = np.nan_to_num(cells.cases)
    compared = [comparable(cells, subjects, pair) for pair in pairs]
    weights = [
        (period_weights(cells, chosen, pair.a, filters.metric), period_weights(cells, chosen, pair.b, filters.metric))
        for chosen, pair in zip(compared, pairs, strict=True)
    ]
    weights_a = np.vstack([a for a, _ in weights])
    weights_b = np.vstack([b for _, b in weights])
    with_a, with_b = weights_a.any(axis=1), weights_b.any(axis=1)
    a_value, b_value = weights_a @ values, weights_b @ values
    change = np.where(with_a & with_b, b_value - a_value, np.nan)
    table = pd.DataFrame(
        {
            "a_per_year": np.where(with_a, a_value, np.nan),
            "b_per_year": np.where(with_b, b_value, np.nan),
            "change": change,
            **_ranges(dataset.solver.programs if dataset.solver else None, cells, weights_b - weights_a, change),
        },
        index=pd.MultiIndex.from_product([range(len(pairs)), subjects.keys], names=["pair", "subject"]),
    )
    verdicts = [
        Verdict.NO_DATA if np.isnan(value) else Verdict.NO_RANGE if np.isnan(low) else verdict(low, high)
        for value, low, high in zip(change, table["change_low"], table["change_high"], strict=True)
    ]
    table["verdict"] = [str(member) for member in verdicts]
    table["sources_support"] = [
        member in SUPPORTED and verdict(low, high) == member
        for member, low, high in zip(verdicts, table["sources_change_low"], table["sources_change_high"], strict=True)
    ]
    table["a_basis"] = [_basis(row != 0, cells.basis) for row in weights_a]
    table["b_basis"] = [_basis(row != 0, cells.basis) for row in weights_b]
    table["holds_to_share_factor"], table["holds_to_yearly_change"] = np.nan, np.nan
    if strength and dataset.solver is not None:
        _strength(
            table, dataset.solver, _variables(cells, dataset.solver.programs[Level.MODEL])[0], weights_b - weights_a
        )
    return table


def _strength(table: pd.DataFrame, solver: RangeSolver, matrix: np.ndarray, differences: np.ndarray) -> None:
    """For each direction the model level supports and the sources alone do not: how far
    the share factor and the yearly change can each be raised before it fails."""
    chosen = np.flatnonzero(table["verdict"].isin(SUPPORTED).to_numpy() & ~table["sources_support"].to_numpy())
    if not len(chosen):
        return
    loosened = Loosened(solver.programs[Level.MODEL], solver.model)
    assumptions = solver.model.assumptions
    for row in chosen:
        objective, rose = differences[row] @ matrix, table["verdict"].iloc[row] == Verdict.ROSE
        table.iloc[row, table.columns.get_loc("holds_to_share_factor")] = holds_to(
            loosened, SHARE_FACTOR, assumptions.share_factor, objective, rose
        )
        table.iloc[row, table.columns.get_loc("holds_to_yearly_change")] = holds_to(
            loosened, YEARLY_CHANGE, assumptions.yearly_change, objective, rose
        )


@dataclass(frozen=True)
class ChangeFigures:
    """The change page's figures for one view.

    ``regions`` has one row per region (all of them, so the map keeps its shape): ``region_id,
    region, in_filter`` and :data:`CHANGE_COLUMNS`; ``groups`` the filtered regions together
    (when the filter leaves some out), the hub groups and the country. ``ranged`` says whether
    any range is known (not for an upload). ``csv`` and ``geojson`` are the downloads: the
    regions in the filter, sorted by the change.
    """

    periods: Periods
    metric: Metric
    regions: pd.DataFrame
    groups: pd.DataFrame
    ranged: bool
    csv: bytes
    geojson: bytes
    uploaded: bool = False  # without ranges because the cases are an analyst's file
    years_without_population: tuple[int, ...] = ()  # years with cases left out of the rates

    def shown(self) -> pd.DataFrame:
        """The regions in the filter, largest rise first; those without a change last."""
        return shown_regions(self.regions)

    def counts(self, sources_alone: bool = False) -> dict[Verdict, list[str]]:
        """The regions in the filter by verdict (model level, or the sources alone)."""
        shown = self.shown()
        found: dict[Verdict, list[str]] = {member: [] for member in Verdict}
        for row in shown.itertuples():
            member = Verdict(row.verdict)
            if sources_alone and member in SUPPORTED and not row.sources_support:
                member = Verdict.CANNOT_TELL
            found[member].append(str(row.region))
        return found


def change_figures(
    dataset: Dataset,
    filters: Filters,
    periods: Periods,
) -> ChangeFigures:
    """The change page's figures; every row of the downloads says what the data is
    (:func:`lib.export.data_note`)."""
    table = change_table(dataset, filters, periods, strength=True).loc[0]
    names = dataset.region_lookup("region_id", "name")
    inside = regions_in_filter(dataset.regions, filters)
    region_ids = list(dataset.regions["region_id"])
    regions = table.loc[region_ids].reset_index(names="region_id")
    regions.insert(1, "region", regions["region_id"].map(names))
    regions.insert(2, "in_filter", regions["region_id"].isin(inside))
    download = download_rows(shown_regions(regions), periods, filters.metric, data_note(dataset))
    return ChangeFigures(
        periods=periods,
        metric=filters.metric,
        regions=regions,
        groups=table.drop(index=region_ids).reset_index(names="group"),
        ranged=bool(table["change_low"].notna().any()),
        uploaded=dataset.upload is not None,
        years_without_population=_unpaired_years(dataset, periods, inside) if filters.metric is Metric.RATE else (),
        csv=csv_bytes(download),
        geojson=features_geojson(dataset.geometry, download),
    )


def _unpaired_years(dataset: Dataset, periods: Periods, inside: set[str]) -> tuple[int, ...]:
    """The periods' years in which a region of the filter has cases but no population:
    rates leave them out, and the page says so, as the map page does."""
    cells = period_cells(dataset, set(periods.a.years) | set(periods.b.years))
    unpaired = np.isin(cells.region_id, sorted(inside)) & ~np.isnan(cells.cases) & np.isnan(cells.population)
    return tuple(sorted({int(year) for year in cells.year[unpaired]}))


def shown_regions(regions: pd.DataFrame) -> pd.DataFrame:
    """The regions in the filter, largest rise first; those without a change last."""
    inside = regions[regions["in_filter"]]
    return inside.sort_values(["change", "region"], ascending=[False, True], na_position="last")


def download_rows(shown: pd.DataFrame, periods: Periods, metric: Metric, note: str) -> pd.DataFrame:
    """The rows the CSV and GeoJSON hold, with language-independent column names and
    values rounded to what the data can say (3 decimals)."""
    rows = shown.drop(columns=["in_filter"]).copy()
    numeric = CHANGE_COLUMNS[:7]
    rows[numeric] = rows[numeric].astype(float).round(3)
    rows.insert(2, "a_years", periods.a.text)
    rows.insert(3, "b_years", periods.b.text)
    rows.insert(4, "metric", "cases_per_year" if metric is Metric.CASES else "cases_per_100k_per_year")
    rows["data"] = note
    return rows.reset_index(drop=True)


YearSteps = dict[str, list[tuple[int, Verdict, bool]]]


def year_to_year(dataset: Dataset, filters: Filters, years: Sequence[int]) -> YearSteps:
    """For each subject (:func:`subjects_for`), the consecutive pairs of ``years`` (a year
    against the next) whose change has a supported direction: ``(year, verdict, whether the
    sources alone support it too)``; an empty list where none is."""
    pairs = [Periods(YearSpan.single(year), YearSpan.single(year + 1)) for year in years[:-1]]
    table = change_table(dataset, filters, pairs) if pairs else pd.DataFrame()
    found: dict[str, list[tuple[int, Verdict, bool]]] = {}
    for (pair, subject), row in table.iterrows():
        entries = found.setdefault(str(subject), [])
        if row["verdict"] in SUPPORTED:
            entries.append((pairs[int(pair)].a.first, Verdict(row["verdict"]), bool(row["sources_support"])))
    return found
