"""The case map: each region's colour, outline and tooltip for the filters, and the layers
that carry them onto :func:`lib.map.leaflet.base_map`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import pandas as pd

from lib.aggregate import PER, known_ranges
from lib.classify import Classes
from lib.filters import Filters, Metric
from lib.labels import basis_label, label, range_sentence, span_text, unit
from lib.map.leaflet import (
    DOTS_PATTERN,
    HATCH_PATTERN,
    OUTLINE,
    SELECTED_OUTLINE,
    RegionLayer,
    RegionPaint,
    RegionShapes,
    tooltip_html,
)
from lib.text import amount, t
from lib.validate import BASIS_VALUES, Basis

NO_DATA_FILL = "#ffffff"


def pattern_style(pattern: str) -> dict[str, object]:
    """A fill of one of the SVG patterns the region layer defines, laid over a region's colour."""
    return {"fillColor": f"url(#{pattern})", "fillOpacity": 1, "stroke": False}


def pattern_paints(pattern: str, region_ids: Sequence[str]) -> list[RegionPaint]:
    return [RegionPaint(region_id, pattern_style(pattern)) for region_id in sorted(region_ids)]


HATCH_STYLE = pattern_style(HATCH_PATTERN)
# Each pattern as a legend swatch (CSS) and as a matplotlib hatch, for the exports.
HATCH_SWATCH = "repeating-linear-gradient(45deg,#333 0 1.5px,#ffffff 1.5px 5px)"
DOTS_SWATCH = "radial-gradient(circle,#333 0 1.2px,#f0f0f0 1.5px) 0 0/6px 6px"
PATTERN_SWATCHES = {HATCH_PATTERN: HATCH_SWATCH, DOTS_PATTERN: DOTS_SWATCH}
PATTERN_HATCHES = {HATCH_PATTERN: "////", DOTS_PATTERN: ".."}
OUTSIDE_FILL = "#e6e6e6"
OUTSIDE_OUTLINE = "#9a9a9a"
HUB_OUTLINE = "#d7301f"
METRIC_DIGITS = {Metric.CASES: 0, Metric.RATE: 2}


def value_text(value: object, metric: Metric) -> str:
    """A metric value for people: whole cases with thousands separators, rates to 2 decimals,
    "no data" when missing."""
    return amount(value, METRIC_DIGITS[metric])


def basis_text(basis: str, years_missing: int, years_total: int) -> str:
    """``estimated``, or ``estimated (1 of 3 years no data)`` when some years lack data."""
    text = basis_label(basis)
    if basis != Basis.MISSING and years_missing:
        return t("map.basis_partial", basis=text, missing=years_missing, total=years_total)
    return text


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
        return {"fillColor": OUTSIDE_FILL, "fillOpacity": 0.6, "opacity": 0.6} | outline | {"color": OUTSIDE_OUTLINE}
    if row["region_id"] not in style.classes.class_of:
        # "No data" is told apart by a dotted outline as well as by colour.
        return {"fillColor": NO_DATA_FILL, "fillOpacity": 0.9, "opacity": 1, "dashArray": "2 3"} | outline
    colour = style.palette[style.classes.class_of[row["region_id"]]]
    return {"fillColor": colour, "fillOpacity": 0.85, "opacity": 1} | outline


def metric_range_text(row: Mapping[str, Any], metric: Metric) -> str:
    """The row's range in the metric's unit: model level, then the sources alone ("" if unknown)."""
    ranges = known_ranges(row)
    if not ranges:
        return ""
    if metric is Metric.CASES:
        return range_sentence(ranges, short=True)
    population = row["population"]
    if population is None or pd.isna(population) or not population:
        return ""
    digits = METRIC_DIGITS[metric]
    per = PER / float(population)
    model = span_text(ranges["cases_low"] * per, ranges["cases_high"] * per, digits)
    sources = span_text(ranges["sources_low"] * per, ranges["sources_high"] * per, digits)
    return t("range.short", model=model, sources=sources)


def undetermined(summary: pd.DataFrame, classes: Classes) -> set[str]:
    """Regions in the filter whose model-level range of the metric spans more than one
    class: the sources and assumptions do not decide their colour."""
    found = set()
    for row in summary[summary["in_filter"] & summary["value"].notna()].itertuples():
        if pd.isna(row.value_low) or pd.isna(row.value_high):
            continue
        if classes.index_of(float(row.value_low)) != classes.index_of(float(row.value_high)):
            found.add(row.region_id)
    return found


def choropleth_paints(summary: pd.DataFrame, filters: Filters, style: MapStyle) -> list[RegionPaint]:
    """Style and tooltip (region, value, its range, basis, hubs) of every region in
    ``summary`` (:func:`lib.aggregate.region_summary`)."""
    years_total = filters.years.year_count
    labels = (
        t("map.tooltip.region"),
        f"{t('map.tooltip.value')} ({unit(filters.metric)})",
        t("map.tooltip.range"),
        t("map.tooltip.basis"),
        t("map.tooltip.hubs"),
    )
    paints = []
    for row in summary.to_dict("records"):
        values = (
            row["name"],
            value_text(row["value"], filters.metric),
            metric_range_text(row, filters.metric) or "–",
            basis_text(row["basis"], int(row["years_missing"]), years_total),
            hubs_text(bool(row["tourism"]), bool(row["mining"])),
        )
        tooltip = tooltip_html(list(zip(labels, values, strict=True)))
        paints.append(RegionPaint(row["region_id"], _feature_style(row, style), tooltip))
    return paints


SELECTION_STYLE: dict[str, object] = {"color": SELECTED_OUTLINE, "weight": 4, "fillOpacity": 0}


def choropleth_layers(
    shapes: RegionShapes,
    paints: Sequence[RegionPaint],
    selected: str | None,
    patterns: Sequence[RegionPaint] = (),
    selection_style: dict[str, object] = SELECTION_STYLE,
) -> list[folium.FeatureGroup]:
    """The layers :func:`lib.map.leaflet.base_map` gets for a choropleth: the coloured
    regions with ``patterns`` over them (:func:`pattern_paints`: stripes for an undetermined
    class, dots for a change the sources cannot tell), and an outline of the selected
    region (id) on top (empty when none), drawn with ``selection_style``."""
    regions = folium.FeatureGroup(name="regions")
    regions.add_child(RegionLayer(shapes, paints))
    if patterns:
        regions.add_child(RegionLayer(shapes, patterns, interactive=False))
    selection = folium.FeatureGroup(name="selection")
    if selected is not None:
        selection.add_child(RegionLayer(shapes, [RegionPaint(selected, selection_style)], interactive=False))
    return [regions, selection]


def map_summary(
    summary: pd.DataFrame, filters: Filters, undetermined_ids: set[str] | frozenset[str] = frozenset(), shown: int = 3
) -> str:
    """A text alternative to the map: highest and lowest regions in the filter with their
    values and basis, how many regions are reported, estimated or without data, and which
    regions' class the sources leave undetermined."""
    inside = summary[summary["in_filter"]]
    with_data = inside[inside["value"].notna()].sort_values(["value", "name"], ascending=[False, True])
    if with_data.empty:
        return t("map.summary.empty")

    def items(rows: pd.DataFrame) -> str:
        return ", ".join(
            t(
                "map.summary.item",
                region=row.name,
                value=value_text(row.value, filters.metric),
                basis=basis_label(row.basis),
            )
            for row in rows.itertuples()
        )

    counts = inside["basis"].value_counts()
    hatched = ", ".join(inside[inside["region_id"].isin(undetermined_ids)]["name"])
    undetermined_line = " " + t("map.summary.undetermined", regions=hatched) if hatched else ""
    basis = ", ".join(f"{basis_label(name)}: {int(counts[name])}" for name in BASIS_VALUES if name in counts)
    return (
        t(
            "map.summary.body",
            count=len(inside),
            top=items(with_data.head(shown)),
            bottom=items(with_data.tail(min(shown, max(0, len(with_data) - shown))).iloc[::-1]) or "–",
            basis=basis + ".",
        )
        + undetermined_line
    )


def legend_title(filters: Filters) -> str:
    return t("legend.title", metric=label(filters.metric), years=filters.years.label)
