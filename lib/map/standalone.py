"""The map as one self-contained HTML file: Leaflet, the outlines, the layers, legend and
text all inside it, so it opens from disk with the network off, asks for nothing outside
itself, can sit in an iframe, and serves any number of readers from a plain web server."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import folium
import xstatic.pkg.leaflet

from lib.map.leaflet import BACKGROUND, PERU_BOUNDS, RenderedText, ZoomableMap, page_of
from lib.safe import escape_html
from lib.text import current_language

PAGE_STYLE = (
    "html,body{margin:0;height:100%;font-family:sans-serif}"
    ".trata-map{position:absolute;top:0;bottom:0;left:0;right:0}"
    ".trata-panel{position:absolute;z-index:1000;background:rgba(255,255,255,.92);padding:8px 10px;"
    "border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:320px;font-size:12px}"
    ".trata-title{top:8px;left:56px;font-size:15px;font-weight:bold;max-width:60%}"
    ".trata-legend{top:8px;right:8px}.trata-lines{bottom:52px;left:8px;max-width:70%;color:#333}"
    ".leaflet-container{background:" + BACKGROUND + "}"
)


def _leaflet_file(name: str) -> str:
    return (Path(xstatic.pkg.leaflet.BASE_DIR) / name).read_text(encoding="utf-8")


def _script(text: str) -> str:
    # A script's text may not hold "</script": the outlines and Leaflet are JSON and code.
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


def standalone_html(
    shapes_script: str,
    layers: Sequence[folium.FeatureGroup],
    title: str,
    legend_html: str,
    lines: Sequence[str],
) -> bytes:
    """One HTML document with everything inlined; ``legend_html`` is already escaped, the
    title and lines are escaped here."""
    fmap = ZoomableMap(location=[-9.4, -75.0], zoom_start=5, tiles=None, control_scale=True, zoom_snap=0.25)
    fmap.default_js = []
    fmap.default_css = []
    fmap.fit_bounds(PERU_BOUNDS)
    root = page_of(fmap)
    root.header.add_child(RenderedText(f"<title>{escape_html(title)}</title>"), name="title")
    root.header.add_child(RenderedText(f"<style>{_leaflet_file('leaflet.css')}{PAGE_STYLE}</style>"), name="style")
    root.header.add_child(RenderedText(_script(_leaflet_file("leaflet.js"))), name="leaflet")
    root.header.add_child(RenderedText(_script(shapes_script)), name="shapes")
    for layer in layers:
        layer.add_to(fmap)
    text = "".join(f"<div>{escape_html(line)}</div>" for line in lines)
    panels = (
        f'<div class="trata-panel trata-title">{escape_html(title)}</div>'
        f'<div class="trata-panel trata-legend">{legend_html}</div>'
        f'<div class="trata-panel trata-lines">{text}</div>'
    )
    root.html.add_child(RenderedText(panels), name="panels")
    # The page says its language, so a screen reader reads it in the right voice.
    rendered: str = root.render()
    page = rendered.replace("<html>", f'<html lang="{current_language()}">', 1)
    return page.encode("utf-8")
