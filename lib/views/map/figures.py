"""Everything the map page computes from the data and the filters, as two values.

:class:`MapFigures` are pure results of (dataset, filters), the same in every language;
:class:`MapDrawing` is how they are drawn and told (colours, tooltips, legend, the text
summary), which also depends on the language and the hub-outline toggle. The same inputs
give the same values in every session, so the app computes each once per view and shares it
across sessions for the bundled data (see :mod:`lib.shell.figures`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.aggregate import Headline, basis_counts, headline, region_summary, region_years, table_rows
from lib.classify import Classes, classify, sequential_palette
from lib.data import Dataset
from lib.export import summary_geojson
from lib.filters import Filters
from lib.map.choropleth import MapStyle, choropleth_paints, map_summary, pattern_paints, undetermined
from lib.map.leaflet import HATCH_PATTERN, RegionPaint
from lib.map.legend import LegendEntry, legend_entries
from lib.safe import csv_bytes


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


def map_figures(dataset: Dataset, filters: Filters) -> MapFigures:
    """The map page's figures; the GeoJSON says what the data is (:func:`lib.export.data_note`)."""
    summary = region_summary(dataset, filters)
    figures = headline(dataset, filters, summary)
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
        geojson=summary_geojson(dataset, summary, filters),
    )


@dataclass(frozen=True)
class MapDrawing:
    """How :class:`MapFigures` are drawn in the page's language: each region's paint (style
    and tooltip), the stripes over the regions whose class is undetermined, the legend's
    entries and the map's text alternative."""

    paints: list[RegionPaint]
    patterns: list[RegionPaint]
    legend: list[LegendEntry]
    text: str


def map_drawing(figures: MapFigures, filters: Filters, outline_hubs: bool) -> MapDrawing:
    """The drawing of ``figures`` (which must have regions in the filter: ``classes`` set)."""
    if figures.classes is None:
        raise ValueError("no region in the filter: nothing to draw")
    style = MapStyle(figures.classes, figures.palette, outline_hubs)
    return MapDrawing(
        paints=choropleth_paints(figures.summary, filters, style),
        patterns=pattern_paints(HATCH_PATTERN, sorted(figures.undetermined)),
        legend=legend_entries(figures.classes, figures.palette, figures.summary, filters, len(figures.undetermined)),
        text=map_summary(figures.summary, filters, figures.undetermined),
    )
