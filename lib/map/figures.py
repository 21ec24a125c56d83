"""Everything the map page computes from the data and the filters, in one value.

These are pure results of (dataset, filters): the same inputs give the same figures in every
session, so the app computes them once per view and shares them across sessions for the
bundled data (see :mod:`lib.shell.figures`). Nothing here depends on the interface language
or on a map-only control (hub outlines, basemap, names), which change only how the figures
are drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from lib.aggregate import Headline, basis_counts, headline, region_summary, region_years, table_rows
from lib.classify import Classes, classify, sequential_palette
from lib.data import Dataset
from lib.export import summary_geojson
from lib.filters import Filters
from lib.map.choropleth import undetermined
from lib.safe import csv_bytes

GroupRange = Callable[[list[str], tuple[int, int]], Mapping[str, int]]


@dataclass(frozen=True)
class MapFigures:
    """The map page's figures for one view.

    ``summary`` is :func:`lib.aggregate.region_summary`, ``rows`` the region-year rows behind
    the view (:func:`lib.aggregate.region_years`), ``table`` the same rows as the page shows
    them (:func:`lib.aggregate.table_rows`) and ``basis`` their counts by basis.
    ``classes`` and ``palette`` colour the regions in the filter (``None`` and empty when no
    region is in it); ``undetermined`` holds the regions whose range spans more than one
    class. ``csv`` and ``geojson`` are the page's two downloads.
    """

    summary: pd.DataFrame
    headline: Headline
    rows: pd.DataFrame
    table: pd.DataFrame
    basis: dict[str, int]
    classes: Classes | None
    palette: list[str]
    undetermined: frozenset[str]
    csv: bytes
    geojson: bytes


def map_figures(dataset: Dataset, filters: Filters, group_range: GroupRange | None = None) -> MapFigures:
    """The map page's figures; ``group_range`` solves the range of a filtered set of regions
    (see :func:`lib.aggregate.headline`)."""
    summary = region_summary(dataset, filters)
    figures = headline(dataset, filters, summary, group_range)
    rows = region_years(dataset, filters)
    classes, palette, unsure = None, [], frozenset[str]()
    if figures.regions_shown:
        inside = summary[summary["in_filter"]].set_index("region_id")["value"]
        classes = classify(inside, filters.scheme, filters.classes)
        palette = sequential_palette(classes.size)
        unsure = frozenset(undetermined(summary, classes))
    return MapFigures(
        summary=summary,
        headline=figures,
        rows=rows,
        table=table_rows(rows),
        basis=basis_counts(rows),
        classes=classes,
        palette=palette,
        undetermined=unsure,
        csv=csv_bytes(rows),
        geojson=summary_geojson(dataset.geometry, summary, filters),
    )
