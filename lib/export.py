"""What the download buttons hand back: file names and file contents.

File names say what the file holds and never depend on the interface language, so the
same view downloaded in Spanish and in English gives the same name.
"""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd

from lib.aggregate import RANGE_COLUMNS
from lib.filters import Filters, Hubs

PREFIX = "peru-trafficking"
MAX_SLUGS_IN_NAME = 3
HUB_NAME_PARTS = {
    Hubs.TOURISM: "tourism",
    Hubs.MINING: "mining",
    Hubs.EITHER: "tourism-or-mining",
    Hubs.OTHER: "non-hub",
}


def download_name(filters: Filters, extension: str, subject: str = "") -> str:
    """A file name that says the filters, e.g. ``peru-trafficking_2010-2012_mining.csv``;
    ``subject`` names a particular table (``peru-trafficking_comparison_2007-2014.csv``)."""
    start, end = filters.years
    years = str(start) if start == end else f"{start}-{end}"
    parts = [PREFIX, *([subject] if subject else []), years]
    if filters.regions:
        few = len(filters.regions) <= MAX_SLUGS_IN_NAME
        parts.append("-".join(filters.regions) if few else f"{len(filters.regions)}-regions")
    if filters.hubs is not Hubs.ALL:
        parts.append(HUB_NAME_PARTS[filters.hubs])
    return "_".join(parts) + "." + extension


def summary_geojson(geometry: gpd.GeoDataFrame, summary: pd.DataFrame, filters: Filters) -> bytes:
    """GeoJSON of the regions in the filter with their aggregate over the selected years.

    Properties: ``region_id, region, years, cases, population, rate_per_100k, value,
    metric, basis, cases_low, cases_high, sources_low, sources_high``; missing numbers are
    ``null``.
    """
    inside = summary[summary["in_filter"]]
    shapes = geometry.merge(inside, on="region_id")
    start, end = filters.years
    features = []
    for row in shapes.itertuples():
        properties = {
            "region_id": row.region_id,
            "region": row.name,
            "years": f"{start}-{end}",
            "cases": None if pd.isna(row.cases) else int(row.cases),
            "population": None if pd.isna(row.population) else int(row.population),
            "rate_per_100k": None if pd.isna(row.rate) else float(row.rate),
            "metric": filters.metric.value,
            "value": None if pd.isna(row.value) else float(row.value),
            "basis": row.basis,
            # The ranges of the region's sum over the years (model level, sources alone).
            **{
                column: None if pd.isna(getattr(row, column)) else int(getattr(row, column)) for column in RANGE_COLUMNS
            },
        }
        features.append({"type": "Feature", "properties": properties, "geometry": row.geometry.__geo_interface__})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")
