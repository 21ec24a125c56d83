"""What an analyst's added figures changed: each figure's range before it was known, the
region-year ranges that narrowed (before → after, both levels) and the change verdicts that
moved (the default periods, in cases and per 100,000)."""

from __future__ import annotations

import pandas as pd

from lib.data import Dataset
from lib.filters import Filters, Metric
from lib.own_figures import FigureKind, OwnFigure
from lib.views.change.figures import change_table
from lib.views.change.periods import default_periods
from lib.years import YearSpan

LEVELS = (("cases_low", "cases_high"), ("sources_low", "sources_high"))


def figure_ranges(before: Dataset, figures: tuple[OwnFigure, ...]) -> pd.DataFrame:
    """``line, kind, region_id, first_year, last_year, low, high`` (what the file gives) and
    the range the sources allowed before (``cases_low``… ``sources_high``; empty for a share)."""
    rows = []
    every = list(before.regions["region_id"])
    for figure in figures:
        ranges: dict[str, int] = {}
        if before.solver is not None and figure.kind is not FigureKind.SHARE:
            regions = every if figure.kind is FigureKind.NATIONAL_YEAR else [figure.region_id]
            ranges = before.solver.group_range(regions, YearSpan(figure.first_year, figure.last_year))
        rows.append(
            {
                "line": figure.line,
                "kind": figure.kind.value,
                "region_id": figure.region_id,
                "first_year": figure.first_year,
                "last_year": figure.last_year,
                "low": figure.low,
                "high": figure.high,
                **{column: ranges.get(column) for pair in LEVELS for column in pair},
            }
        )
    return pd.DataFrame(rows)


def narrowed_cells(before: Dataset, after: Dataset) -> pd.DataFrame:
    """The region-years whose range narrowed at either level: their ranges before and after."""
    columns = [column for pair in LEVELS for column in pair]
    keys = ["region_id", "year"]
    joined = before.cases[[*keys, *columns]].merge(after.cases[[*keys, *columns]], on=keys, suffixes=("", "_after"))
    narrower = pd.Series(False, index=joined.index)
    for low, high in LEVELS:
        now = joined[f"{high}_after"] - joined[f"{low}_after"]
        narrower |= (now < joined[high] - joined[low]).fillna(False)
    return joined[narrower].reset_index(drop=True)


def moved_verdicts(before: Dataset, after: Dataset) -> pd.DataFrame:
    """``region_id, metric, before, after``: the regions whose change verdict (default
    periods) is not what the sources alone gave."""
    periods = default_periods(before.year_range)
    rows = []
    for metric in Metric:
        filters = Filters(years=before.year_range.default, metric=metric)
        old = change_table(before, filters, periods).loc[0]["verdict"]
        new = change_table(after, filters, periods).loc[0]["verdict"]
        for region_id in before.regions["region_id"]:
            if old[region_id] != new[region_id]:
                rows.append(
                    {"region_id": region_id, "metric": metric.value, "before": old[region_id], "after": new[region_id]}
                )
    return pd.DataFrame(rows, columns=["region_id", "metric", "before", "after"])
