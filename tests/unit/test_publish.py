"""Exports: the PNG has the screen's colours where the regions are, the SVG has one path per
region and its text as text, the HTML asks for nothing outside itself; hostile names inert."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from lib.map.figure import DPI, HEIGHT_IN, VIEW, WIDTH_IN
from lib.map.publish import MapExport, export_bytes
from tests.hostile import HOSTILE_STRINGS
from tests.support.exports import make_export


@pytest.fixture(scope="module")
def export(bundled) -> MapExport:
    return make_export(bundled)


def pixel_of(image: Image.Image, lat: float, lon: float) -> tuple[int, int]:
    """Where a coordinate lands, given the figure's axes (left 2 %, bottom 13 %, 66 % x 80 %)
    keeping the map's aspect (matplotlib centres the box inside the axes area)."""
    width, height = image.size
    axes_w, axes_h = 0.66 * width, 0.80 * height
    span_x, span_y = VIEW[1] - VIEW[0], VIEW[3] - VIEW[2]
    scale = min(axes_w / span_x, axes_h / span_y)
    left = 0.02 * width + (axes_w - scale * span_x) / 2
    top = height - (0.13 * height + (axes_h + scale * span_y) / 2)
    x = left + (lon - VIEW[0]) * scale
    y = top + (VIEW[3] - lat) * scale
    return int(x), int(y)


def hex_rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])


def test_png_size_and_region_colours(export) -> None:
    # Without labels, whose light boxes would sit where we look.
    image = Image.open(io.BytesIO(export_bytes(replace(export, labels=[]), "png"))).convert("RGB")
    assert image.size == (int(WIDTH_IN * DPI), int(HEIGHT_IN * DPI)) and image.size[0] >= 1600
    fills = {paint.region_id: paint.style["fillColor"] for paint in export.paints}
    points = {"21": (-15.0, -70.0), "10": (-9.6, -76.0), "12": (-11.6, -75.0)}  # Puno, Huánuco, Junín
    pixels = np.asarray(image)
    for region_id, (lat, lon) in points.items():
        x, y = pixel_of(image, lat, lon)
        # The median over a small window sees the class colour through any stripes.
        window = pixels[y - 6 : y + 7, x - 6 : x + 7].reshape(-1, 3)
        assert np.abs(np.median(window, axis=0) - hex_rgb(fills[region_id])).max() < 60, region_id


def test_svg_has_one_path_per_region_and_text_as_text(export) -> None:
    svg = export_bytes(export, "svg").decode("utf-8")
    tree = ElementTree.fromstring(svg)
    groups = [element.get("id", "") for element in tree.iter() if element.get("id", "").startswith("region-")]
    assert {f"region-{code:02d}" for code in range(1, 26)} <= set(groups)
    texts = " ".join(element.text or "" for element in tree.iter() if element.tag.endswith("text"))
    assert "Cases, 2012" in texts and "Loreto" in texts


def test_html_asks_for_nothing_outside_itself(export) -> None:
    html = export_bytes(export, "html").decode("utf-8")
    assert len(html) < 500_000
    assert not re.search(r"<script[^>]+src=", html) and "<link" not in html
    assert not re.search(r"<img[^>]+src=[\"']?https?:", html)
    assert not re.search(r"url\(\s*[\"']?https?:", html)
    assert "trataRegionShapes" in html and "L.geoJson" in html


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_a_hostile_region_name_is_inert_in_every_export(bundled, text: str) -> None:
    names = bundled.region_lookup("region_id", "name") | {"08": text}
    export = replace(make_export(bundled, names), title=text)
    html = export_bytes(export, "html").decode("utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    svg = export_bytes(export, "svg").decode("utf-8")
    ElementTree.fromstring(svg)  # still well-formed XML: the name is escaped text
    assert "<script" not in svg
    assert export_bytes(export, "png").startswith(b"\x89PNG")


def test_dollars_in_every_text_of_the_figure_are_drawn_literally(bundled) -> None:
    """Names, title, legend and footer: matplotlib would read "$...$" as mathtext."""
    names = bundled.region_lookup("region_id", "name") | {"08": "cost $5 and $6", "21": "$\\unknowncommand$"}
    export = make_export(bundled, names)
    legend = [replace(entry, label=f"{entry.label} $x^2$") for entry in export.legend]
    export = replace(export, title="Map $\\alpha$", legend_title="$10 a case", legend=legend, lines=["cost $5 and $6"])
    svg = export_bytes(export, "svg").decode("utf-8")
    for text in ("cost $5 and $6", "$\\unknowncommand$", "Map $\\alpha$", "$10 a case", "$x^2$"):
        assert text in svg, text
    assert export_bytes(export, "png").startswith(b"\x89PNG")


def test_coverage_exports_carry_seats_and_areas(bundled, export) -> None:
    from shapely.geometry import box

    from lib.map.publish import Area, Seat

    coverage = replace(
        export, seats=[Seat(-13.53, -71.97, "Cusco <b>")], areas=[Area("#332288", box(-73, -15, -70, -12))]
    )
    html = export_bytes(coverage, "html").decode("utf-8")
    # The tooltip travels escaped inside a JSON string: never as markup.
    assert "Cusco <b>" not in html and "Cusco \\u0026lt;b\\u0026gt;" in html
    svg = export_bytes(coverage, "svg").decode("utf-8")
    assert "#332288" in svg


@pytest.mark.parametrize("language", ["en", "es"])
def test_long_hostile_names_that_wrap_are_drawn_literally(bundled, language: str) -> None:
    """A wrapped text is measured line by line; matplotlib measured those lines with its math
    parser whenever they held a "$", so a region, an office city or a file named like
    "$\\undefinedcommand$" stopped the export. Long enough here to wrap in the legend, the
    legend's title and the footer, in both languages."""
    from lib.text import set_language

    set_language(language)
    try:
        hostile = "$\\undefinedcommand$ " + "Región con un nombre muy largo " * 6
        names = bundled.region_lookup("region_id", "name") | {"08": hostile}
        export = make_export(bundled, names)
        legend = [replace(entry, label=hostile) for entry in export.legend]
        lines = [f"Regions: {hostile}", f"Source: the uploaded file {hostile}.csv", *export.lines]
        export = replace(export, title=hostile, legend_title=hostile, legend=legend, lines=lines)
        svg = export_bytes(export, "svg").decode("utf-8")
        assert "$\\undefinedcommand$" in svg
        assert export_bytes(export, "png").startswith(b"\x89PNG")
        assert "$\\undefinedcommand$" in export_bytes(export, "html").decode("utf-8")
    finally:
        set_language("en")
