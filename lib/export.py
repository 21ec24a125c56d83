"""What the download buttons hand back: file names and file contents.

File names say what the file holds and never depend on the interface language, so the
same view downloaded in Spanish and in English gives the same name.
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from lib.aggregate import RANGE_COLUMNS
from lib.data import Dataset
from lib.filters import Filters, Hubs

PREFIX = "peru-trafficking"
MAX_SLUGS_IN_NAME = 3
HUB_NAME_PARTS = {
    Hubs.TOURISM: "tourism",
    Hubs.MINING: "mining",
    Hubs.EITHER: "tourism-or-mining",
    Hubs.OTHER: "non-hub",
}


def data_note(dataset: Dataset) -> str:
    """What the data of a download is, in its own column (language-independent, like the
    column names)."""
    if dataset.upload is not None:
        return f"uploaded file {dataset.upload.name}: the analyst's own figures, no ranges"
    if dataset.added is not None:
        sources = "; ".join(dict.fromkeys(figure.source for figure in dataset.added.figures))
        return (
            f"Ministerio Publico complaints (data folder) with {len(dataset.added.figures)} figures the analyst "
            f"added ({dataset.added.file_name}: {sources}); estimates and ranges refitted to them, this session only"
        )
    if dataset.ranges.empty:
        return "Ministerio Publico complaints (data folder without ranges.csv: no ranges)"
    return "Ministerio Publico complaints (data folder); estimates with ranges by linear programming, see SOURCES.md"


def download_name(filters: Filters, extension: str, subject: str = "", span: str | None = None) -> str:
    """A file name that says the filters, e.g. ``peru-trafficking_2010-2012_mining.csv``;
    ``subject`` names a particular table (``peru-trafficking_comparison_2007-2014.csv``) and
    ``span`` the years of a view that has its own (two periods: ``2007-2010_vs_2011-2014``)
    instead of the filter's.

    >>> download_name(Filters(years=(2007, 2014)), "png", "change-map", span="2007-2010_vs_2011-2014")
    'peru-trafficking_change-map_2007-2010_vs_2011-2014.png'
    """
    parts = [PREFIX, *([subject] if subject else []), span or filters.years.text]
    if filters.regions:
        few = len(filters.regions) <= MAX_SLUGS_IN_NAME
        parts.append("-".join(filters.regions) if few else f"{len(filters.regions)}-regions")
    if filters.hubs is not Hubs.ALL:
        parts.append(HUB_NAME_PARTS[filters.hubs])
    return "_".join(parts) + "." + extension


def features_geojson(geometry: gpd.GeoDataFrame, rows: pd.DataFrame) -> bytes:
    """GeoJSON of ``rows`` (one per region, with ``region_id``): every column becomes a
    property, missing values ``null``, in the order of ``rows``. Outer rings run
    counterclockwise and holes clockwise, as RFC 7946 (section 3.1.6) asks."""
    shapes = dict(zip(geometry["region_id"], shapely.orient_polygons(geometry.geometry.to_numpy()), strict=True))
    records = rows.astype(object).where(rows.notna(), None).to_dict("records")
    features = [
        {"type": "Feature", "properties": _plain(record), "geometry": shapes[record["region_id"]].__geo_interface__}
        for record in records
        if record["region_id"] in shapes
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def _plain(record: dict[str, object]) -> dict[str, object]:
    """JSON-ready values: numpy and pandas scalars as Python numbers (whole numbers as int)."""
    plain: dict[str, object] = {}
    for key, value in record.items():
        if isinstance(value, np.bool_ | bool):
            plain[key] = bool(value)
        elif isinstance(value, np.integer):
            plain[key] = int(value)
        elif isinstance(value, np.floating | float):
            plain[key] = float(value)
        else:
            plain[key] = value
    return plain


def summary_geojson(dataset: Dataset, summary: pd.DataFrame, filters: Filters) -> bytes:
    """GeoJSON of the regions in the filter with their aggregate over the selected years.

    Properties: ``region_id, region, years, cases, population, rate_per_100k, value,
    metric, basis, cases_low, cases_high, sources_low, sources_high`` (the ranges of the
    region's sum over the years: model level, sources alone) and ``data`` (what the data is,
    :func:`data_note`); missing numbers are ``null``.
    """
    inside = summary[summary["in_filter"]]
    rows = pd.DataFrame(
        {
            "region_id": inside["region_id"],
            "region": inside["name"],
            "years": filters.years.text,
            "cases": inside["cases"].astype("Int64"),
            "population": inside["population"].round().astype("Int64"),
            "rate_per_100k": inside["rate"].astype("Float64"),
            "metric": filters.metric.value,
            "value": inside["value"].astype("Float64"),
            "basis": inside["basis"],
            **{column: inside[column].astype("Int64") for column in RANGE_COLUMNS},
            "data": data_note(dataset),
        }
    )
    return features_geojson(dataset.geometry, rows)
