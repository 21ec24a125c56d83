"""The base map, its local assets, and the elements that carry data into its script safely.

A default ``folium.Map`` pulls Leaflet, jQuery and Bootstrap from CDNs; here the map asks
only for files the app serves itself from ``static/``: Leaflet and the region outlines
(:class:`RegionShapes`), so it draws with no internet. The map itself depends on no filter,
so streamlit-folium never remounts its frame; colours, tooltips and the selected region
travel as layers (:class:`RegionLayer`) passed with ``feature_group_to_add``, built
deterministically (same inputs, same script).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, cast

import folium
import geopandas as gpd
import xstatic.pkg.leaflet
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from lib.safe import escape_html

# Leaflet under a folder named by its pinned version: a name that changes with the content,
# so a browser may keep it for a year without asking again (make serve says immutable).
LEAFLET_FOLDER = f"leaflet-{xstatic.pkg.leaflet.VERSION}"
LEAFLET_JS = f"/app/static/{LEAFLET_FOLDER}/leaflet.js"
LEAFLET_CSS = f"/app/static/{LEAFLET_FOLDER}/leaflet.css"
OUTLINE = "#555555"
SELECTED_OUTLINE = "#000000"
BACKGROUND = "#f4f7fa"
PERU_BOUNDS = [[-18.35, -81.33], [-0.04, -68.65]]
SHAPES_GLOBAL = "trataRegionShapes"
HATCH_PATTERN = "trata-hatch"  # diagonal stripes: a class the ranges leave undetermined
DOTS_PATTERN = "trata-dots"  # dots: a change whose direction the sources cannot tell
# Defines the fill patterns in the SVG a path is drawn in (once per SVG), so a style's
# fillColor can be url(#trata-hatch) or url(#trata-dots). Ids and colours are constants, never data.
PATTERNS_DEFINITION = f"""function (svg) {{
    if (!svg || svg.querySelector("#{HATCH_PATTERN}")) {{ return; }}
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    function element(name, attributes) {{
        var node = document.createElementNS(ns, name);
        attributes.forEach(function (pair) {{ node.setAttribute(pair[0], pair[1]); }});
        return node;
    }}
    var stripes = element("pattern", [["id", "{HATCH_PATTERN}"], ["patternUnits", "userSpaceOnUse"], ["width", "7"],
        ["height", "7"], ["patternTransform", "rotate(45)"]]);
    stripes.appendChild(element("line", [["x1", "0"], ["y1", "0"], ["x2", "0"], ["y2", "7"], ["stroke", "#222222"],
        ["stroke-width", "2"], ["stroke-opacity", "0.6"]]));
    var dots = element("pattern", [["id", "{DOTS_PATTERN}"], ["patternUnits", "userSpaceOnUse"], ["width", "6"],
        ["height", "6"]]);
    dots.appendChild(element("circle", [["cx", "3"], ["cy", "3"], ["r", "1.3"], ["fill", "#222222"],
        ["fill-opacity", "0.7"]]));
    defs.appendChild(stripes);
    defs.appendChild(dots);
    svg.insertBefore(defs, svg.firstChild);
}}"""


@dataclass(frozen=True)
class RegionShapes:
    """The region outlines as a static script the browser loads once and caches.

    Maps refer to the outlines by ``key`` and send only colours and tooltip text over the
    websocket (a few KB instead of ~60 KB of coordinates per map). ``key`` is a hash of the
    outlines, so a changed geometry is a new file and never a stale cached one.
    """

    key: str
    url: str


def script_json(value: object) -> str:
    """``value`` as JSON that is also safe inside a <script> element (``<``, ``>``, ``&``
    and ``'`` escaped).

    >>> script_json("</script>")
    '"\\\\u003c/script\\\\u003e"'
    """
    return str(htmlsafe_json_dumps(value, dumps=json.dumps, ensure_ascii=False, separators=(",", ":")))


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


# folium's page says maximum-scale=1, user-scalable=no: people who need a larger page could
# not zoom it (WCAG 1.4.4; axe-core, meta-viewport).
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'


def page_of(element: Element) -> Figure:
    """The page an element is drawn into (branca types ``get_root()`` as any element)."""
    return cast(Figure, element.get_root())


class ZoomableMap(folium.Map):
    """folium's map whose page lets people zoom (see :data:`VIEWPORT`)."""

    # branca annotates Element.render as returning the text, but a MacroElement's render adds
    # to its page and returns None (branca's own MacroElement.render does the same).
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        super().render(**kwargs)  # type: ignore[no-untyped-call]  # branca's, unannotated
        header = self._template.module.__dict__["header"](self, kwargs)
        fixed = re.sub(r'<meta name="viewport"[^>]*>', VIEWPORT, header)
        page_of(self).header.add_child(Element(fixed), name=self.get_name())


def base_map(shapes: RegionShapes, basemap: bool = False) -> folium.Map:
    """An empty map of Peru that loads only the app's own files: Leaflet and the outlines.

    Its script depends on nothing a filter changes, so streamlit-folium keeps the same map
    frame across reruns; what the filters change travels as layers. With ``basemap`` an
    OpenStreetMap tile layer is added; if tiles cannot load the regions still draw on the
    plain background.
    """
    fmap = ZoomableMap(
        location=[-9.4, -75.0],
        zoom_start=5,  # the bounds below decide the view
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
        page_of(fmap).header.add_child(
            folium.Element(f"<style>.leaflet-container {{ background: {BACKGROUND}; }}</style>")
        )
    return fmap


class LiteralScript(MacroElement):
    """An element whose rendered script goes into the page as it is.

    branca wraps each rendered macro in an ``Element``, which compiles it as a Jinja
    template once more. Data inside it (a region name, a source) containing ``{{ 7*7 }}``
    would be evaluated, and ``{%`` or ``{#`` would stop the page with a syntax error. The
    elements here carry data, so their script is added as text. (Compiling a layer's script
    with 25 tooltips was also half the cost of building the layers on a filter change.)
    """

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # see ZoomableMap.render
        script = self._template.module.__dict__["script"](self, kwargs)
        page_of(self).script.add_child(RenderedText(script), name=self.get_name())


class RenderedText(Element):
    """Text that is already rendered."""

    def __init__(self, text: str) -> None:
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

    def __init__(self, escaped_html: str, kind: str = "Popup", options: dict[str, object] | None = None) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's, unannotated
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
            path.on("add", function () { ({{ this.patterns_definition }})(path._path && path._path.ownerSVGElement); });
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

    def __init__(self, shapes: RegionShapes, paints: Sequence[RegionPaint], interactive: bool = True) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca's, unannotated
        self._name = "RegionLayer"
        self.shapes_global = SHAPES_GLOBAL
        self.shapes_key = script_json(shapes.key)
        self.paints = script_json([asdict(paint) for paint in paints])
        self.interactive = json.dumps(interactive)
        self.highlight = json.dumps({"weight": 3, "color": SELECTED_OUTLINE})
        self.patterns_definition = PATTERNS_DEFINITION


def tooltip_html(rows: Sequence[tuple[str, str]]) -> str:
    """A two-column tooltip table; every label and value is escaped here."""
    cells = "".join(
        f'<tr><th style="text-align:left;padding-right:6px">{escape_html(label)}</th><td>{escape_html(value)}</td></tr>'
        for label, value in rows
    )
    return f"<table>{cells}</table>"
