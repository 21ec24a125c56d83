"""What makes a map of Peru readable on its own: neighbouring countries in light grey, the
Pacific named, and region names placed inside each region.

The neighbours travel in the outlines script with the regions (ids ``ctx-<iso>``), so the
live map draws them from the browser's cache; labels are placed once from the geometry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import folium
import geopandas as gpd
from jinja2 import Template
from shapely.geometry import box

from lib.map.leaflet import LiteralScript, RegionLayer, RegionPaint, RegionShapes, script_json

CONTEXT_PREFIX = "ctx-"
CONTEXT_STYLE: dict[str, object] = {"fillColor": "#efede6", "fillOpacity": 1, "color": "#cfcbbf", "weight": 1}
PACIFIC = (-12.5, -80.6)  # lat, lon of the ocean's label
# Where a neighbour's name goes: inside the part of it a map of Peru shows.
LABEL_VIEW = box(-81.5, -18.5, -68.5, 0.0)
# Callao is a sliver beside Lima: its label sits out at sea, with a leader line to it.
LABEL_OFFSETS = {"07": (-0.45, -1.35)}


@dataclass(frozen=True)
class PlaceLabel:
    """A name at a point (lat, lon); ``anchor`` is where a leader line ends, if any."""

    text: str
    lat: float
    lon: float
    anchor: tuple[float, float] | None = None
    kind: str = "region"  # region | country | sea


def context_rows(context: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The neighbours as rows the outlines script can carry next to the regions."""
    return gpd.GeoDataFrame(
        {"region_id": [CONTEXT_PREFIX + code for code in context["iso_numeric"]]}, geometry=context.geometry.values
    )


def context_paints(context: gpd.GeoDataFrame) -> list[RegionPaint]:
    return [RegionPaint(CONTEXT_PREFIX + code, CONTEXT_STYLE) for code in context["iso_numeric"]]


def region_labels(geometry: gpd.GeoDataFrame, names: dict[str, str]) -> list[PlaceLabel]:
    """One label per region, inside it (its representative point), Callao moved out to sea."""
    labels = []
    for region_id, shape in zip(geometry["region_id"], geometry.geometry, strict=True):
        point = shape.representative_point()
        if region_id in LABEL_OFFSETS:
            d_lat, d_lon = LABEL_OFFSETS[region_id]
            labels.append(PlaceLabel(names[region_id], point.y + d_lat, point.x + d_lon, (point.y, point.x)))
        else:
            labels.append(PlaceLabel(names[region_id], point.y, point.x))
    return labels


def context_labels(context: gpd.GeoDataFrame, country_names: dict[str, str], sea: str) -> list[PlaceLabel]:
    """The neighbours' names (inside the part of each that the map shows) and the Pacific."""
    labels = [PlaceLabel(sea, *PACIFIC, kind="sea")]
    for code, shape in zip(context["iso_numeric"], context.geometry, strict=True):
        shown = shape.intersection(LABEL_VIEW)
        if shown.is_empty:
            continue
        point = shown.representative_point()
        labels.append(PlaceLabel(country_names.get(code, code), point.y, point.x, kind="country"))
    return labels


class LabelLayer(LiteralScript):
    """Text labels on the map (escaped by Leaflet's DOM text, never parsed as HTML)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (labels, parent) {
    var styles = {
        region: "font: 600 11px sans-serif; color: #1a1a1a; text-shadow: 0 0 3px #fff, 0 0 3px #fff;",
        country: "font: italic 12px sans-serif; color: #777;",
        sea: "font: italic 13px serif; color: #5b7fa3; letter-spacing: 2px;"
    };
    labels.forEach(function (label) {
        var box = document.createElement("div");
        box.setAttribute("style", "white-space: nowrap; transform: translate(-50%, -50%); " + styles[label.kind]);
        box.textContent = label.text;
        L.marker([label.lat, label.lon], {
            icon: L.divIcon({className: "trata-label", html: box, iconSize: null}),
            interactive: false, keyboard: false
        }).addTo(parent);
        if (label.anchor) {
            var leader = {color: "#555", weight: 1, interactive: false};
            L.polyline([[label.lat, label.lon], label.anchor], leader).addTo(parent);
        }
    });
})({{ this.labels }}, {{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, labels: Sequence[PlaceLabel]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's, unannotated
        self._name = "LabelLayer"
        self.labels = script_json([label.__dict__ for label in labels])


def with_context(fmap: folium.Map, shapes: RegionShapes, context: gpd.GeoDataFrame) -> folium.Map:
    """``fmap`` with the neighbours drawn into the map itself, below everything else. No
    filter changes them, so they are drawn once per map frame rather than again with every
    update of the layers (streamlit-folium replaces all of ``feature_group_to_add`` at once)."""
    group = folium.FeatureGroup(name="context")
    group.add_child(RegionLayer(shapes, context_paints(context), interactive=False))
    group.add_to(fmap)
    return fmap


def labels_layer(labels: Sequence[PlaceLabel]) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name="labels")
    group.add_child(LabelLayer(labels))
    return group
