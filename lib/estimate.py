"""The documented estimation of ``data/population.csv``: population for the years no source
gives. (The cases table is estimated by :mod:`lib.model` and :mod:`lib.ranges`.)

Pure; ``scripts/build_cases.py`` does the file work.
"""

from __future__ import annotations

import pandas as pd


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
