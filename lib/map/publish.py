"""The current map leaving the app: PNG, SVG and standalone HTML built from one
:class:`MapExport`, which holds exactly what the screen shows."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import folium
import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from lib.map.assets import outlines
from lib.map.choropleth import HUB_OUTLINE, SELECTION_STYLE
from lib.map.context import PlaceLabel, context_paints, labels_layer
from lib.map.figure import FigureText, figure_bytes, map_figure, outline_patch
from lib.map.leaflet import BoundHtml, RegionLayer, RegionPaint, RegionShapes, shapes_script
from lib.map.legend import LegendEntry, legend_html
from lib.map.standalone import standalone_html
from lib.safe import escape_html

FORMATS = {"png": "image/png", "svg": "image/svg+xml", "html": "text/html"}


@dataclass(frozen=True)
class Seat:
    """An office seat on the coverage map: where, and the city's name."""

    lat: float
    lon: float
    name: str


@dataclass(frozen=True)
class Area:
    """An office's whole area, outlined in its colour."""

    colour: str
    shape: BaseGeometry


@dataclass(frozen=True)
class MapExport:
    """What an export shows: the regions' paints (as on screen), the patterns over them
    (:func:`lib.map.choropleth.pattern_paints`), the selected region, the labels, the legend
    and the text lines (years and metric, basis, source, date made, the link that reopens
    the view)."""

    geometry: gpd.GeoDataFrame
    context: gpd.GeoDataFrame
    paints: Sequence[RegionPaint]
    patterns: Sequence[RegionPaint]
    selected: str | None
    labels: Sequence[PlaceLabel]
    title: str
    legend_title: str
    legend: Sequence[LegendEntry]
    hub_outline_label: str | None  # the hub outline's legend text, when hubs are outlined
    lines: Sequence[str]
    seats: Sequence[Seat] = ()
    areas: Sequence[Area] = ()
    selection_style: Mapping[str, object] = field(default_factory=lambda: dict(SELECTION_STYLE))

    def overlays(self) -> list[RegionPaint]:
        selection = {**self.selection_style, "fillColor": "none"}
        return [*self.patterns] + ([RegionPaint(self.selected, selection)] if self.selected else [])

    def digest(self) -> str:
        """A hash of everything the export shows (the outlines, every paint and tooltip, the
        labels, legend and text lines): files prepared for one digest are never handed out
        for another, so a download always shows the data on screen."""
        content = (
            list(zip(self.geometry["region_id"], self.geometry.geometry.to_wkb(), strict=True)),
            list(zip(self.context["iso_numeric"], self.context.geometry.to_wkb(), strict=True)),
            [(area.colour, area.shape.wkb) for area in self.areas],
            [self.paints, self.patterns, self.selected, self.labels, self.title, self.legend_title, self.legend],
            [self.hub_outline_label, self.lines, self.seats, dict(self.selection_style)],
        )
        return hashlib.sha256(pickle.dumps(content)).hexdigest()

    def legend_entries(self) -> list[LegendEntry]:
        if not self.hub_outline_label:
            return list(self.legend)
        return [*self.legend, LegendEntry(self.hub_outline_label, "transparent", None, HUB_OUTLINE, True)]


def export_bytes(export: MapExport, file_format: str) -> bytes:
    """The export in ``png``, ``svg`` or ``html``."""
    if file_format == "html":
        return _html(export)
    text = FigureText(export.title, export.legend_title, export.legend_entries(), export.lines)
    figure = map_figure(export.geometry, export.context, export.paints, export.overlays(), export.labels, text)
    axes = figure.axes[0]
    for area in export.areas:
        axes.add_patch(outline_patch(area.shape, area.colour))
    for seat in export.seats:
        axes.plot(seat.lon, seat.lat, "o", markersize=7, markerfacecolor="#ffffff", markeredgecolor="#000000", mew=1.8)
    return figure_bytes(figure, file_format)


def _html(export: MapExport) -> bytes:
    key, script = shapes_script(outlines(export.geometry, export.context))
    shapes = RegionShapes(key, "")
    regions = folium.FeatureGroup(name="regions")
    regions.add_child(RegionLayer(shapes, export.paints))
    overlays = folium.FeatureGroup(name="overlays")
    overlays.add_child(RegionLayer(shapes, export.overlays(), interactive=False))
    context = folium.FeatureGroup(name="context")
    context.add_child(RegionLayer(shapes, context_paints(export.context), interactive=False))
    for area in export.areas:
        folium.GeoJson(
            area.shape.__geo_interface__,
            style_function=lambda _, colour=area.colour: {"color": colour, "weight": 3.5, "fillOpacity": 0},
            interactive=False,
        ).add_to(overlays)
    for seat in export.seats:
        marker = folium.CircleMarker([seat.lat, seat.lon], radius=7, color="#000000", weight=2.5, fill=True)
        marker.options["fillColor"], marker.options["fillOpacity"] = "#ffffff", 1
        marker.add_child(BoundHtml(escape_html(seat.name), "Tooltip"))
        marker.add_to(overlays)
    legend = legend_html(export.legend_title, list(export.legend), export.hub_outline_label is not None)
    layers = [context, regions, overlays, labels_layer(export.labels)]
    return standalone_html(script, layers, export.title, legend, export.lines)
