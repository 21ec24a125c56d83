"""The map as a static figure (PNG for reports and slides, SVG for designers), drawn by
matplotlib from the same paints as the live map: colours, outlines, stripes for regions
whose class is undetermined, the selection, neighbours, names, legend and the lines that
say what the figure shows (title, basis, source, date made, the link back)."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import matplotlib
import matplotlib.text
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path
from matplotlib.text import Text
from shapely.geometry.base import BaseGeometry

from lib.map.choropleth import PATTERN_HATCHES, PATTERN_SWATCHES
from lib.map.context import CONTEXT_STYLE, PlaceLabel
from lib.map.leaflet import RegionPaint
from lib.map.legend import LegendEntry

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 11.0, 170  # 1,700 × 1,870 px
VIEW = (-82.2, -67.8, -18.8, 0.6)  # lon min, lon max, lat min, lat max
SEA = "#eef3f8"
# Every text is drawn literally: matplotlib would read "$...$" in a region name, a file name
# or a source as mathtext (an unknown command stops the export; "$5 and $6" turns italic).
LITERAL: dict[str, Any] = {"parse_math": False}


class LiteralText(Text):
    """Text drawn as it is, wrapped or not. ``parse_math=False`` keeps matplotlib from
    drawing ``$…$`` as mathematics, but a wrapping text measures its lines with the math
    parser whenever they hold a ``$`` (``Text._get_rendered_text_width`` asks
    ``cbook.is_math_text``; matplotlib PR #25692, still so in 3.11), and a name such as
    ``$\\undefinedcommand$`` then stops the export. Measured here as plain text."""

    def _get_rendered_text_width(self, text: str) -> int:
        figure = self.get_figure(root=True)
        assert figure is not None  # text being drawn belongs to a figure
        # The same private measure matplotlib's own method calls, with ismath=False.
        measure = matplotlib.text._get_text_metrics_with_cache  # type: ignore[attr-defined]
        renderer = self._renderer  # type: ignore[attr-defined]
        width, _, _ = measure(renderer, text, self.get_fontproperties(), False, figure.dpi)
        return math.ceil(float(width))


def literal_text(figure: Figure, x: float, y: float, text: str, **style: Any) -> None:
    """``figure.text`` with :class:`LiteralText`: drawn and measured as plain text."""
    figure.add_artist(LiteralText(x, y, text, transform=figure.transSubfigure, **LITERAL, **style))


@dataclass(frozen=True)
class FigureText:
    """Every text the figure carries, already in the interface language."""

    title: str
    legend_title: str
    legend: Sequence[LegendEntry]
    lines: Sequence[str]  # years and metric, basis, source, made on, link


def _path(shape: BaseGeometry) -> Path:
    """A matplotlib path for a (multi)polygon, holes included."""
    polygons = getattr(shape, "geoms", [shape])
    vertices, codes = [], []
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            points = list(ring.coords)
            vertices += points
            codes += [Path.MOVETO] + [Path.LINETO] * (len(points) - 2) + [Path.CLOSEPOLY]
    return Path(vertices, codes)


def _dash(style: dict[str, object]) -> tuple[int, tuple[float, ...]] | str:
    pattern = str(style.get("dashArray") or "")
    return (0, tuple(float(part) for part in pattern.split())) if pattern else "solid"


def _hatch(fill: str) -> str | None:
    """The matplotlib hatch of a pattern fill (``url(#trata-dots)``), ``None`` for a colour."""
    return next((hatch for pattern, hatch in PATTERN_HATCHES.items() if fill == f"url(#{pattern})"), None)


SWATCH_HATCHES = {PATTERN_SWATCHES[pattern]: hatch for pattern, hatch in PATTERN_HATCHES.items()}


def _patch(shape: BaseGeometry, style: dict[str, object], region_id: str) -> PathPatch:
    fill = str(style.get("fillColor", "none"))
    # The fill's opacity as on screen (assumed coverage is lighter), the outline opaque.
    opacity = float(style.get("fillOpacity", 1))  # type: ignore[arg-type]
    return PathPatch(
        _path(shape),
        facecolor="none" if fill.startswith("url(") or fill == "none" else to_rgba(fill, opacity),
        edgecolor=str(style.get("color", "#555555")) if style.get("stroke", True) else "none",
        linewidth=float(style.get("weight", 1)) * 0.6,  # type: ignore[arg-type]
        linestyle=_dash(style),
        hatch=_hatch(fill),
        gid=f"region-{region_id}",
    )


def outline_patch(shape: BaseGeometry, colour: str) -> PathPatch:
    """A thick outline in ``colour`` (an office's whole area on the coverage map)."""
    return PathPatch(_path(shape), facecolor="none", edgecolor=colour, linewidth=2.2)


def map_figure(
    geometry: gpd.GeoDataFrame,
    context: gpd.GeoDataFrame,
    paints: Sequence[RegionPaint],
    overlays: Sequence[RegionPaint],
    labels: Sequence[PlaceLabel],
    text: FigureText,
) -> Figure:
    """The figure: neighbours, one path per region with its paint, then ``overlays`` (stripes,
    the selection), labels, the legend and the text lines."""
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    axes = _map_axes(figure, (0.02, 0.13, 0.66, 0.80), geometry, context, [*paints, *overlays])
    for label in labels:
        if label.anchor:
            axes.plot([label.lon, label.anchor[1]], [label.lat, label.anchor[0]], color="#555555", linewidth=0.7)
        style = {
            "region": {"fontsize": 7, "fontweight": "bold", "color": "#1a1a1a"},
            "country": {"fontsize": 9, "style": "italic", "color": "#777777"},
            "sea": {"fontsize": 11, "style": "italic", "color": "#5b7fa3", "rotation": 90},
        }[label.kind]
        # A light box rather than a stroked halo: path effects would turn SVG text into paths.
        backing = {"boxstyle": "round,pad=0.12", "facecolor": "#ffffff", "alpha": 0.65, "linewidth": 0}
        axes.text(
            label.lon,
            label.lat,
            label.text,
            ha="center",
            va="center",
            clip_on=True,
            bbox=backing if label.kind == "region" else None,
            **LITERAL,
            **style,  # type: ignore[arg-type]
        )
    _legend(figure, text)
    literal_text(figure, 0.02, 0.975, text.title, fontsize=15, fontweight="bold", va="top")
    # One block, so a line that wraps pushes the next one down instead of running into it.
    footer = "\n".join(text.lines)
    literal_text(figure, 0.02, 0.105, footer, fontsize=8, color="#333333", va="top", wrap=True, linespacing=1.7)
    return figure


def _map_axes(
    figure: Figure,
    box: tuple[float, float, float, float],
    geometry: gpd.GeoDataFrame,
    context: gpd.GeoDataFrame,
    paints: Sequence[RegionPaint],
) -> Axes:
    """Axes in ``box`` (figure fractions) with the sea, the neighbours and one path per paint."""
    axes = figure.add_axes(box)
    axes.set_xlim(VIEW[0], VIEW[1])
    axes.set_ylim(VIEW[2], VIEW[3])
    axes.set_aspect("equal")
    axes.set_facecolor(SEA)
    axes.set_xticks([])
    axes.set_yticks([])
    shapes = dict(zip(geometry["region_id"], geometry.geometry, strict=True))
    for code, shape in zip(context["iso_numeric"], context.geometry, strict=True):
        axes.add_patch(_patch(shape, CONTEXT_STYLE, f"ctx-{code}"))
    for paint in paints:
        if paint.region_id in shapes:
            axes.add_patch(_patch(shapes[paint.region_id], paint.style, paint.region_id))
    return axes


SMALL_WIDTH_IN, SMALL_DPI = 3.6, 110


def small_map_png(geometry: gpd.GeoDataFrame, context: gpd.GeoDataFrame, paints: Sequence[RegionPaint]) -> bytes:
    """A small static map (about 400 px wide) of ``paints``, with no text: one of two maps
    side by side, whose legend and captions the page draws."""
    height = SMALL_WIDTH_IN * (VIEW[3] - VIEW[2]) / (VIEW[1] - VIEW[0])
    figure = Figure(figsize=(SMALL_WIDTH_IN, height), dpi=SMALL_DPI)
    _map_axes(figure, (0, 0, 1, 1), geometry, context, paints)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"hatch.linewidth": 0.6}):
        FigureCanvasAgg(figure)
        figure.savefig(buffer, format="png", dpi=SMALL_DPI)
    return buffer.getvalue()


def _legend(figure: Figure, text: FigureText) -> None:
    literal_text(figure, 0.70, 0.90, text.legend_title, fontsize=10, fontweight="bold", va="top", wrap=True)
    y = 0.86
    for entry in text.legend:
        hatch = SWATCH_HATCHES.get(entry.fill)
        figure.patches.append(
            Rectangle(
                (0.70, y - 0.012),
                0.022,
                0.018,
                transform=figure.transFigure,
                facecolor="#ffffff" if hatch or entry.fill == "transparent" else entry.fill,
                edgecolor=entry.outline,
                linewidth=entry.weight,
                linestyle="--" if entry.dashed else "-",
                hatch=hatch,
            )
        )
        count = "" if entry.count is None else f" ({entry.count})"
        literal_text(figure, 0.73, y, entry.label + count, fontsize=8, va="center", wrap=True)
        y -= 0.03


def figure_bytes(figure: Figure, file_format: str) -> bytes:
    """``png`` or ``svg`` bytes; SVG keeps text as text."""
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "hatch.linewidth": 0.8}):
        FigureCanvasAgg(figure)
        figure.savefig(buffer, format=file_format, dpi=DPI, metadata={"Date": None} if file_format == "svg" else None)
    return buffer.getvalue()
