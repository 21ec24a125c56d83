"""The live choropleth maps (map page, change page): one frame built the same way, whose
clicks select a region and whose first report brings the part below it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import folium
from streamlit_folium import st_folium

from lib.data import Dataset
from lib.map.context import labels_layer, with_context
from lib.map.leaflet import RegionShapes, base_map
from lib.shell.deferred import DRAWN_SIGNAL
from lib.shell.figures import place_labels
from lib.shell.loaders import region_shapes


def region_map(
    dataset: Dataset,
    key: str,
    layers: Callable[[RegionShapes], Sequence[folium.FeatureGroup]],
    basemap: bool,
    region_names: bool = False,
    reports: bool = True,
) -> Mapping[str, Any] | None:
    """The map frame with ``layers(shapes)`` over the neighbours, the place names on top;
    returns what streamlit-folium reports (clicks, and that the map has drawn), or nothing
    at all without ``reports`` (a map whose clicks select nothing: no rerun for them)."""
    shapes = region_shapes()
    return st_folium(  # type: ignore[no-any-return]
        with_context(base_map(shapes, basemap), shapes, dataset.context),
        key=key,
        height=600,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked", DRAWN_SIGNAL] if reports else [],
        feature_group_to_add=[*layers(shapes), labels_layer(place_labels(dataset, region_names=region_names))],
    )
