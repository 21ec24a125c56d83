"""The map page's figures as one pure, shareable value, and the fingerprint it is shared under."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import pandas as pd

from lib.aggregate import basis_counts, headline, region_summary, region_years, table_rows
from lib.data import Dataset, load_dataset
from lib.filters import Filters, Hubs
from lib.map.choropleth import MapStyle, choropleth_paints, map_summary
from lib.map.legend import legend_entries
from lib.views.map.figures import map_drawing, map_figures


def test_figures_are_the_page_s_parts_for_the_filters(bundled: Dataset) -> None:
    filters = Filters(years=(2010, 2012), hubs=Hubs.MINING)
    figures = map_figures(bundled, filters)
    summary = region_summary(bundled, filters)
    pd.testing.assert_frame_equal(figures.summary, summary)
    pd.testing.assert_frame_equal(figures.rows, region_years(bundled, filters))
    assert figures.headline == headline(bundled, filters, summary)
    pd.testing.assert_frame_equal(figures.table, table_rows(figures.rows))
    assert figures.basis == basis_counts(figures.rows)
    assert figures.classes is not None and len(figures.palette) == figures.classes.size
    downloaded = pd.read_csv(io.BytesIO(figures.csv), encoding="utf-8-sig", dtype={"region_id": str})
    assert downloaded["region_id"].tolist() == figures.rows["region_id"].tolist()
    assert b'"region_id"' in figures.geojson


def test_figures_survive_the_cross_session_cache_s_pickling_unchanged(bundled: Dataset) -> None:
    figures = map_figures(bundled, Filters(years=(2007, 2014)))
    copy = pickle.loads(pickle.dumps(figures))
    pd.testing.assert_frame_equal(copy.summary, figures.summary)
    assert (copy.headline, copy.classes, copy.csv, copy.geojson) == (
        figures.headline,
        figures.classes,
        figures.csv,
        figures.geojson,
    )


def test_no_region_in_the_filter_has_no_classes(tiny: Dataset) -> None:
    figures = map_figures(tiny, Filters(years=(2020, 2021), regions=("alpha",), hubs=Hubs.MINING))
    assert figures.headline.regions_shown == 0
    assert figures.classes is None and figures.palette == [] and figures.undetermined == frozenset()


def test_fingerprint_names_the_files_read(data_copy: Path, bundled: Dataset) -> None:
    assert load_dataset(data_copy).fingerprint == bundled.fingerprint
    context = data_copy / "geo" / "context.geojson"  # read, though not offered for download
    context.write_bytes(context.read_bytes() + b"\n")
    changed = load_dataset(data_copy).fingerprint
    assert changed != bundled.fingerprint
    with (data_copy / "SOURCES.md").open("a", encoding="utf-8") as document:
        document.write("\n")
    assert load_dataset(data_copy).fingerprint not in (changed, bundled.fingerprint)


def test_drawing_is_the_paints_legend_and_text_of_the_figures(bundled: Dataset) -> None:
    filters = Filters(years=(2010, 2012), hubs=Hubs.MINING)
    figures = map_figures(bundled, filters)
    assert figures.classes is not None
    drawing = map_drawing(figures, filters, outline_hubs=True)
    style = MapStyle(figures.classes, figures.palette, True)
    assert drawing.paints == choropleth_paints(figures.summary, filters, style)
    assert drawing.legend == legend_entries(
        figures.classes, figures.palette, figures.summary, filters, len(figures.undetermined)
    )
    assert drawing.text == map_summary(figures.summary, filters, figures.undetermined)
    assert pickle.loads(pickle.dumps(drawing)) == drawing
    assert map_drawing(figures, filters, outline_hubs=False).paints != drawing.paints
