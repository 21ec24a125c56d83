"""Folium maps and their legend, built only from local assets.

A default ``folium.Map`` pulls Leaflet, jQuery and Bootstrap from CDNs; here the map asks
only for files the app serves itself from ``static/``: Leaflet and the region outlines
(:class:`RegionShapes`), so it draws with no internet. The map itself depends on no filter,
so streamlit-folium never remounts its frame; colours, tooltips and the selected region
travel as layers passed with ``feature_group_to_add``, built deterministically (same
inputs, same script).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import folium
import geopandas as gpd
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from lib.classify import Classes
from lib.filters import Filters, Metric
from lib.safe import escape_html
from lib.text import number, t

LEAFLET_JS = "/app/static/leaflet/leaflet.js"
LEAFLET_CSS = "/app/static/leaflet/leaflet.css"
NO_DATA_FILL = "#ffffff"
OUTSIDE_FILL = "#e6e6e6"
OUTLINE = "#555555"
HUB_OUTLINE = "#d7301f"
SELECTED_OUTLINE = "#000000"
BACKGROUND = "#f4f7fa"
PERU_BOUNDS = [[-18.35, -81.33], [-0.04, -68.65]]


@dataclass(frozen=True)
class RegionShapes:
    """The region outlines as a static script the browser loads once and caches.

    Maps refer to the outlines by ``key`` and send only colours and tooltip text over the
    websocket (a few KB instead of ~60 KB of coordinates per map). ``key`` is a hash of the
    outlines, so a changed geometry is a new file and never a stale cached one.
    """

    key: str
    url: str


SHAPES_GLOBAL = "trataRegionShapes"


def shapes_script(geometry: gpd.GeoDataFrame) -> tuple[str, str]:
    """``(key, script)``: JavaScript that registers each region's outline (a GeoJSON
    geometry) by region id in ``window.trataRegionShapes[key]``, ``key`` being a hash of
    the outlines."""
    outlines = {
        region_id: shape.__geo_interface__
        for region_id, shape in zip(geometry["region_id"], geometry.geometry, strict=True)
    }
    body = script_json(outlines)
    key = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    registry = f"window.{SHAPES_GLOBAL}"
    return key, f"{registry} = {registry} || {{}};\n{registry}[{script_json(key)}] = {body};\n"


def base_map(shapes: RegionShapes, basemap: bool = False) -> folium.Map:
    """An empty map of Peru that loads only the app's own files: Leaflet and the outlines.

    Its script depends on nothing a filter changes, so streamlit-folium keeps the same map
    frame across reruns; what the filters change travels as layers (see
    :func:`choropleth_layers`). With ``basemap`` an OpenStreetMap tile layer is added; if
    tiles cannot load the regions still draw on the plain background.
    """
    fmap = folium.Map(
        location=[-9.4, -75.0],
        zoom_start=5.25,
        zoom_snap=0.25,
        tiles="OpenStreetMap" if basemap else None,
        control_scale=True,
        prefer_canvas=False,
        min_zoom=4,
        max_zoom=10,
    )
    fmap.default_js = [("leaflet", LEAFLET_JS), ("region_shapes", shapes.url)]
    fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
    # Fit Peru to whatever width the map gets (desktop column or phone screen).
    fmap.fit_bounds(PERU_BOUNDS)
    if not basemap:
        fmap.get_root().header.add_child(
            folium.Element(f"<style>.leaflet-container {{ background: {BACKGROUND}; }}</style>")
        )
    return fmap


def script_json(value: object) -> str:
    """``value`` as JSON that is also safe inside a <script> element (no ``<``, ``>``, ``&``)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class LiteralScript(MacroElement):
    """An element whose rendered script goes into the page as it is.

    branca wraps each rendered macro in an ``Element``, which compiles it as a Jinja
    template once more. Data inside it (a region name, a source) containing ``{{ 7*7 }}``
    would be evaluated, and ``{%`` or ``{#`` would stop the page with a syntax error. The
    elements here carry data, so their script is added as text. (Compiling a layer's script
    with 25 tooltips was also half the cost of building the layers on a filter change.)
    """

    def render(self, **kwargs: Any) -> None:
        script = self._template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(_RenderedText(script), name=self.get_name())


class _RenderedText(Element):
    """Text that is already rendered."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class BoundHtml(LiteralScript):
    """A popup or tooltip on its parent layer with already-escaped HTML.

    folium's own Popup needs jQuery (not loaded here) and, like its Tooltip, pastes the
    content into a JavaScript template literal, where ``${...}`` would run. Here the
    content travels as a JSON string literal instead.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bind{{ this.kind }}({{ this.content }}, {{ this.options }});"
        "{% endmacro %}"
    )

    def __init__(self, escaped_html: str, kind: str = "Popup", options: dict[str, object] | None = None):
        super().__init__()
        if kind not in ("Popup", "Tooltip"):
            raise ValueError(f"kind must be Popup or Tooltip, not {kind!r}")
        self._name = f"Bound{kind}"
        self.kind = kind
        self.content = script_json(escaped_html)
        self.options = json.dumps(options or {})


@dataclass(frozen=True)
class RegionPaint:
    """How one region is drawn: Leaflet path style and tooltip (HTML, already escaped)."""

    region_id: str
    style: dict[str, object]
    tooltip: str = ""


class RegionLayer(LiteralScript):
    """Regions drawn from the cached outlines (:class:`RegionShapes`) with per-region styles
    and tooltips. Regions without an outline are skipped.

    Tooltips are escaped HTML passed as JSON strings, never pasted into a JavaScript
    template literal. Each path keeps ``feature.properties.region_id``, which
    streamlit-folium returns on a click.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function (shapes, paints) {
    var byId = {};
    paints.forEach(function (paint) { byId[paint.region_id] = paint; });
    var features = paints.filter(function (paint) { return shapes[paint.region_id]; }).map(function (paint) {
        return {type: "Feature", geometry: shapes[paint.region_id], properties: {region_id: paint.region_id}};
    });
    var layer = L.geoJson({type: "FeatureCollection", features: features}, {
        interactive: {{ this.interactive }},
        style: function (feature) { return byId[feature.properties.region_id].style; },
        onEachFeature: function (feature, path) {
            if (!{{ this.interactive }}) { return; }
            var tooltip = byId[feature.properties.region_id].tooltip;
            if (tooltip) { path.bindTooltip(tooltip, {sticky: true}); }
            path.on({
                mouseover: function () { path.setStyle({{ this.highlight }}); },
                mouseout: function () { layer.resetStyle(path); }
            });
        }
    });
    return layer;
})(window.{{ this.shapes_global }}[{{ this.shapes_key }}], {{ this.paints }});
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, shapes: RegionShapes, paints: Sequence[RegionPaint], interactive: bool = True):
        super().__init__()
        self._name = "RegionLayer"
        self.shapes_global = SHAPES_GLOBAL
        self.shapes_key = script_json(shapes.key)
        self.paints = script_json([asdict(paint) for paint in paints])
        self.interactive = json.dumps(interactive)
        self.highlight = json.dumps({"weight": 3, "color": SELECTED_OUTLINE})


def tooltip_html(rows: Sequence[tuple[str, str]]) -> str:
    """A two-column tooltip table; every label and value is escaped here."""
    cells = "".join(
        f'<tr><th style="text-align:left;padding-right:6px">{escape_html(label)}</th><td>{escape_html(value)}</td></tr>'
        for label, value in rows
    )
    return f"<table>{cells}</table>"


def format_value(value: object, metric: Metric) -> str:
    """A metric value for people: whole cases with thousands separators, rates to 2 decimals."""
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return t("map.value_missing")
    value_float = float(value)  # type: ignore[arg-type]
    if metric is Metric.CASES:
        return number(round(value_float))
    return number(value_float, 2)


def basis_text(basis: str, years_missing: int, years_total: int) -> str:
    """``estimated``, or ``estimated (1 of 3 years no data)`` when some years lack data."""
    label = t(f"basis.{basis}")
    if basis != "missing" and years_missing:
        return t("map.basis_partial", basis=label, missing=years_missing, total=years_total)
    return label


def hubs_text(tourism: bool, mining: bool) -> str:
    names = [t("hub.tourism")] * tourism + [t("hub.mining")] * mining
    return ", ".join(names) if names else t("hub.none")


@dataclass(frozen=True)
class MapStyle:
    """What colours the regions: classes, their palette, and whether hubs are outlined."""

    classes: Classes
    palette: list[str]
    outline_hubs: bool


def _feature_style(row: Mapping[str, Any], style: MapStyle) -> dict[str, object]:
    is_hub = style.outline_hubs and (row["tourism"] or row["mining"])
    outline = {"color": HUB_OUTLINE, "weight": 3, "dashArray": "6 4"} if is_hub else {"color": OUTLINE, "weight": 1}
    if not row["in_filter"]:
        return {"fillColor": OUTSIDE_FILL, "fillOpacity": 0.6, "opacity": 0.6} | outline | {"color": "#9a9a9a"}
    if row["region_id"] not in style.classes.class_of:
        # "No data" is told apart by a dotted outline as well as by colour.
        return {"fillColor": NO_DATA_FILL, "fillOpacity": 0.9, "opacity": 1, "dashArray": "2 3"} | outline
    colour = style.palette[style.classes.class_of[row["region_id"]]]
    return {"fillColor": colour, "fillOpacity": 0.85, "opacity": 1} | outline


def choropleth_paints(summary: pd.DataFrame, filters: Filters, style: MapStyle) -> list[RegionPaint]:
    """Style and tooltip (region, value, basis, hubs) of every region in ``summary``
    (:func:`lib.aggregate.region_summary`)."""
    years_total = filters.years[1] - filters.years[0] + 1
    unit = t(f"metric.{filters.metric.value}.unit")
    labels = (
        t("map.tooltip.region"),
        f"{t('map.tooltip.value')} ({unit})",
        t("map.tooltip.basis"),
        t("map.tooltip.hubs"),
    )
    paints = []
    for row in summary.to_dict("records"):
        values = (
            row["name"],
            format_value(row["value"], filters.metric),
            basis_text(row["basis"], int(row["years_missing"]), years_total),
            hubs_text(bool(row["tourism"]), bool(row["mining"])),
        )
        tooltip = tooltip_html(list(zip(labels, values, strict=True)))
        paints.append(RegionPaint(row["region_id"], _feature_style(row, style), tooltip))
    return paints


def choropleth_layers(
    shapes: RegionShapes, paints: Sequence[RegionPaint], selected: str | None
) -> list[folium.FeatureGroup]:
    """The layers :func:`base_map` gets for the case map: the coloured regions, and an
    outline of the selected region on top (empty when nothing is selected)."""
    regions = folium.FeatureGroup(name="regions")
    regions.add_child(RegionLayer(shapes, paints))
    selection = folium.FeatureGroup(name="selection")
    if selected is not None:
        outline = {"color": SELECTED_OUTLINE, "weight": 4, "fillOpacity": 0}
        selection.add_child(RegionLayer(shapes, [RegionPaint(selected, outline)], interactive=False))
    return [regions, selection]


def clicked_region(result: Mapping[str, Any] | None, known_ids: set[str]) -> str | None:
    """The region id of the feature in an ``st_folium`` return value, if it is one of ours.

    >>> clicked_region({"last_active_drawing": {"properties": {"region_id": "08"}}}, {"08"})
    '08'
    >>> clicked_region({"last_active_drawing": None}, {"08"}) is None
    True
    """
    drawing = (result or {}).get("last_active_drawing") or {}
    properties = drawing.get("properties") if isinstance(drawing, Mapping) else None
    region_id = properties.get("region_id") if isinstance(properties, Mapping) else None
    return region_id if isinstance(region_id, str) and region_id in known_ids else None


def click_key(result: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """Where the last click landed; a new position means a new click, even on the same region."""
    point = (result or {}).get("last_object_clicked")
    if not isinstance(point, Mapping):
        return None
    lat, lng = point.get("lat"), point.get("lng")
    if isinstance(lat, int | float) and isinstance(lng, int | float) and math.isfinite(lat) and math.isfinite(lng):
        return (float(lat), float(lng))
    return None


def toggle_selection(current: str | None, clicked: str | None) -> str | None:
    """Clicking the selected region again clears the selection; another region selects it."""
    if clicked is None:
        return current
    return None if clicked == current else clicked


@dataclass(frozen=True)
class LegendEntry:
    """A legend line: swatch, label and how many regions it stands for (``None``: no count)."""

    label: str
    fill: str
    count: int | None
    outline: str = OUTLINE
    dashed: bool = False


def map_summary(summary: pd.DataFrame, filters: Filters, shown: int = 3) -> str:
    """A text alternative to the map: highest and lowest regions in the filter with their
    values and basis, and how many regions are reported, estimated or without data."""
    inside = summary[summary["in_filter"]]
    with_data = inside[inside["value"].notna()].sort_values(["value", "name"], ascending=[False, True])
    if with_data.empty:
        return t("map.summary.empty")

    def items(rows: pd.DataFrame) -> str:
        return ", ".join(
            t(
                "map.summary.item",
                region=row.name,
                value=format_value(row.value, filters.metric),
                basis=t(f"basis.{row.basis}"),
            )
            for row in rows.itertuples()
        )

    counts = inside["basis"].value_counts()
    basis = ", ".join(
        f"{t(f'basis.{name}')}: {int(counts[name])}" for name in ("reported", "estimated", "missing") if name in counts
    )
    return t(
        "map.summary.body",
        count=len(inside),
        top=items(with_data.head(shown)),
        bottom=items(with_data.tail(min(shown, max(0, len(with_data) - shown))).iloc[::-1]) or "–",
        basis=basis + ".",
    )


def class_label(index: int, low: float, high: float, metric: Metric) -> str:
    """Range text for a class. Classes after the first exclude their lower bound, so for
    whole cases (31, 41] reads "32 – 41".

    >>> class_label(1, 31.0, 41.0, Metric.CASES), class_label(0, 5.0, 5.0, Metric.CASES)
    ('32 – 41', '5')
    """
    if low == high:
        return format_value(high, metric)
    if metric is Metric.CASES:
        first = math.ceil(low) if index == 0 else math.floor(low) + 1
        last = math.floor(high)
        return format_value(first, metric) if first >= last else f"{number(first)} – {number(last)}"
    return f"{format_value(low, metric)} – {format_value(high, metric)}"


def legend_entries(classes: Classes, palette: list[str], summary: pd.DataFrame, filters: Filters) -> list[LegendEntry]:
    """One entry per class (range and region count), then "no data" and "outside"."""
    entries = [
        LegendEntry(class_label(index, low, high, filters.metric), palette[index], count)
        for index, (low, high, count) in enumerate(zip(classes.lower, classes.upper, classes.counts, strict=True))
    ]
    inside = summary[summary["in_filter"]]
    no_data = int(inside["value"].isna().sum())
    outside = int((~summary["in_filter"]).sum())
    if no_data:
        entries.append(LegendEntry(t("legend.no_data"), NO_DATA_FILL, no_data, dashed=True))
    if outside:
        entries.append(LegendEntry(t("legend.outside"), OUTSIDE_FILL, outside, outline="#9a9a9a"))
    return entries


def legend_html(title: str, entries: list[LegendEntry], hub_outline: bool) -> str:
    """The legend as HTML; every text is escaped here."""

    def swatch(fill: str, outline: str, dashed: bool, width: int = 1) -> str:
        border = f"{width}px {'dashed' if dashed else 'solid'} {escape_html(outline)}"
        return (
            f'<span style="display:inline-block;width:1.1em;height:1.1em;margin-right:.5em;'
            f'vertical-align:-.2em;background:{escape_html(fill)};border:{border}"></span>'
        )

    def count_text(count: int | None) -> str:
        if count is None:
            return ""
        text = t("legend.region") if count == 1 else t("legend.regions", count=count)
        return f' <span style="color:#666">({escape_html(text)})</span>'

    lines = [
        f"<div>{swatch(entry.fill, entry.outline, entry.dashed)}"
        f"{escape_html(entry.label)}{count_text(entry.count)}</div>"
        for entry in entries
    ]
    if hub_outline:
        lines.append(f"<div>{swatch('transparent', HUB_OUTLINE, True, 2)}{escape_html(t('legend.hub_outline'))}</div>")
    return (
        f'<div class="legend" role="group" aria-label="{escape_html(title)}" style="line-height:1.7;font-size:.9rem">'
        f"<strong>{escape_html(title)}</strong>{''.join(lines)}</div>"
    )
