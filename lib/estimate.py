"""The documented estimation method behind ``data/cases.csv`` and ``data/population.csv``.

No public source gives a region × year table of trafficking complaints, so the table is
fitted to what is cited (see ``data/SOURCES.md`` for the method in words):

1. :func:`national_series` turns the cited national totals into one figure per year.
2. :func:`fit_cells` spreads those over regions by iterative proportional fitting (IPF):
   each region's total over Jan 2007–Apr 2014 and each year's national total hold, and the
   cited single region-year values are kept as they are.
3. :func:`round_cells` rounds to whole cases, keeping every yearly total exact and each
   region's window total as close as whole cases allow.

:func:`fill_population` fills the population years no source gives.
All functions are pure; ``scripts/build_cases.py`` does the file work.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

FIRST_WINDOW_YEAR = 2007
LAST_WINDOW_YEAR = 2014
# The cited regional window is Jan 2007–Apr 2014: whole years 2007–2013 plus 4/12 of 2014.
WINDOW_WEIGHTS: dict[int, float] = {year: 1.0 for year in range(FIRST_WINDOW_YEAR, LAST_WINDOW_YEAR)} | {
    LAST_WINDOW_YEAR: 4 / 12
}


@dataclass(frozen=True)
class NationalFacts:
    """The cited national complaint totals the yearly series is derived from (complaints)."""

    year_2012: float
    year_2013: float
    years_2009_2014: float
    window_2007_to_apr_2014: float
    may_to_jul_2014: float


def national_series(facts: NationalFacts) -> dict[int, float]:
    """National complaints per year 2007–2014, derived from the cited totals.

    - 2012 and 2013 are cited.
    - 2014: the cited May–Jul 2014 count (3 months) scaled to 12 months.
    - 2009–2011: what is left of the cited 2009–2014 total, as a straight line that ends
      at the cited 2012 value (a steady rise, the simplest shape the sources allow).
    - 2007–2008: what is left of the Jan 2007–Apr 2014 total, split equally. The sources
      imply very few complaints in those years; a negative remainder means the cited
      figures contradict each other and raises ``ValueError``.

    >>> series = national_series(NationalFacts(457, 459, 2241, 1976, 104))
    >>> [round(series[year]) for year in range(2007, 2015)]
    [6, 6, 226, 303, 380, 457, 459, 416]
    """
    year_2014 = facts.may_to_jul_2014 * 12 / 3
    ramp_total = facts.years_2009_2014 - facts.year_2012 - facts.year_2013 - year_2014
    # Three points on a line through (2012, year_2012) summing to ramp_total: a - 3s, a - 2s, a - s.
    slope = (3 * facts.year_2012 - ramp_total) / 6
    series = {2012 - back: facts.year_2012 - back * slope for back in (3, 2, 1)}
    series |= {2012: facts.year_2012, 2013: facts.year_2013, 2014: year_2014}
    known_in_window = sum(WINDOW_WEIGHTS[year] * value for year, value in series.items())
    early = facts.window_2007_to_apr_2014 - known_in_window
    if early < 0 or min(series.values()) < 0:
        raise ValueError(f"cited national totals contradict each other (2007–2008 remainder {early:.1f})")
    return {2007: early / 2, 2008: early / 2} | dict(sorted(series.items()))


Cell = tuple[str, int]


def fit_cells(
    region_totals: Mapping[str, float],
    year_totals: Mapping[int, float],
    fixed: Mapping[Cell, float],
    weights: Mapping[int, float] = WINDOW_WEIGHTS,
    tolerance: float = 1e-9,
    max_iterations: int = 10_000,
) -> pd.DataFrame:
    """Region × year table whose weighted row sums and column sums match the targets.

    ``region_totals[r]`` is ``sum(weights[y] * cell[r, y])``; ``year_totals[y]`` is the plain
    column sum. Cells in ``fixed`` keep their value. The seed is independence (a region's
    share of the window total times the year's total), so with no fixed cells every region
    keeps the same share every year. Raises ``ValueError`` if the fit does not converge.
    """
    regions = list(region_totals)
    years = list(year_totals)
    grand_total = sum(region_totals.values()) or 1.0  # all-zero totals: every cell is 0
    table = pd.DataFrame(
        {year: [region_totals[r] / grand_total * year_totals[year] for r in regions] for year in years},
        index=regions,
        dtype=float,
    )
    is_free = pd.DataFrame(True, index=regions, columns=years)
    for (region, year), value in fixed.items():
        table.loc[region, year] = value
        is_free.loc[region, year] = False
    weight_row = pd.Series([weights[year] for year in years], index=years)
    fixed_part = table.where(~is_free, 0.0)
    row_room = pd.Series(region_totals) - fixed_part.mul(weight_row, axis=1).sum(axis=1)
    column_room = pd.Series(year_totals) - fixed_part.sum(axis=0)
    for _ in range(max_iterations):
        free = table.where(is_free, 0.0)
        row_factor = (row_room / free.mul(weight_row, axis=1).sum(axis=1)).fillna(1.0)
        table = table.where(~is_free, free.mul(row_factor, axis=0))
        free = table.where(is_free, 0.0)
        column_factor = (column_room / free.sum(axis=0)).fillna(1.0)
        table = table.where(~is_free, free.mul(column_factor, axis=1))
        row_error = (table.mul(weight_row, axis=1).sum(axis=1) - pd.Series(region_totals)).abs().max()
        if row_error < tolerance:
            return table
    raise ValueError(f"IPF did not converge in {max_iterations} iterations (row error {row_error:.3g})")


def _largest_remainder(values: pd.Series, total: int) -> pd.Series:
    """Round non-negative ``values`` to integers summing to ``total`` (Hamilton's method)."""
    floors = values.apply(math.floor)
    shortfall = total - int(floors.sum())
    order = (values - floors).sort_values(ascending=False, kind="stable").index
    floors.loc[order[:shortfall]] += 1
    return floors.astype(int)


def round_cells(
    fitted: pd.DataFrame,
    region_totals: Mapping[str, float],
    fixed: Mapping[Cell, float],
    weights: Mapping[int, float] = WINDOW_WEIGHTS,
) -> pd.DataFrame:
    """Whole-case version of ``fitted``: every column sums to its rounded total exactly.

    Each column is rounded by largest remainder, then single cases are moved between two
    regions in the same year while that brings both regions' weighted window totals closer
    to their targets. A cell never moves a whole case away from its fitted value.
    """
    weight_row = pd.Series({year: weights[year] for year in fitted.columns})
    rounded = pd.DataFrame(
        {year: _largest_remainder(fitted[year], round(fitted[year].sum())) for year in fitted.columns}
    )
    movable = pd.DataFrame(True, index=fitted.index, columns=fitted.columns)
    for cell in fixed:
        movable.loc[cell] = False
    targets = pd.Series(region_totals)
    while True:
        error = rounded.mul(weight_row, axis=1).sum(axis=1) - targets
        best: tuple[float, str, str, int] | None = None
        for year in fitted.columns:
            weight = weights[year]
            # Only floor <-> ceiling moves, so no cell ends a whole case from its fitted value.
            can_give = movable[year] & (rounded[year] > fitted[year])
            can_take = movable[year] & (rounded[year] < fitted[year])
            for giver in error.index[can_give & (error > 0)]:
                for taker in error.index[can_take & (error < 0)]:
                    gain = (
                        abs(error[giver] - weight) + abs(error[taker] + weight) - abs(error[giver]) - abs(error[taker])
                    )
                    if gain < -1e-9 and (best is None or gain < best[0]):
                        best = (gain, giver, taker, year)
        if best is None:
            return rounded
        _, giver, taker, year = best
        rounded.loc[giver, year] -= 1
        rounded.loc[taker, year] += 1


def fill_population(reported: pd.DataFrame, years: range) -> pd.DataFrame:
    """Population for every region and year, from the reported points.

    ``reported`` has ``region_id, year, population``. Returns ``region_id, year,
    population, method`` where ``method`` is ``reported``, ``interpolated`` (linear between
    the nearest reported years) or ``extrapolated`` (compound annual growth of the
    nearest two consecutive reported years, carried outward).
    """
    rows = []
    for region_id, points in reported.groupby("region_id", sort=True):
        known = dict(zip(points["year"].astype(int), points["population"].astype(float), strict=True))
        ordered = sorted(known)
        for year in years:
            if year in known:
                rows.append((region_id, year, round(known[year]), "reported"))
                continue
            before = [y for y in ordered if y < year]
            after = [y for y in ordered if y > year]
            if before and after:
                low, high = before[-1], after[0]
                share = (year - low) / (high - low)
                value = known[low] + share * (known[high] - known[low])
                rows.append((region_id, year, round(value), "interpolated"))
                continue
            pairs = [(y, y + 1) for y in ordered if y + 1 in known]
            if not pairs:
                raise ValueError(f"region {region_id}: no two consecutive reported years to extrapolate from")
            start, end = pairs[0] if after else pairs[-1]
            growth = known[end] / known[start]
            anchor = ordered[0] if after else ordered[-1]
            rows.append((region_id, year, round(known[anchor] * growth ** (year - anchor)), "extrapolated"))
    return pd.DataFrame(rows, columns=["region_id", "year", "population", "method"])
