"""The change map and the two period maps: colours, patterns, tooltips, legends and text.

Only a region whose change has a supported direction gets a colour (a diverging ColorBrewer
PuOr palette, classed on the point change, rises and falls apart); a region where the sources
cannot tell gets one neutral fill with dots; a region whose direction the sources alone
support gets a heavier outline. The two period maps share one set of class breaks, so a
colour means the same yearly value on both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import branca.colormap
import pandas as pd
from matplotlib.colors import to_hex

from lib.classify import Classes, classify, sequential_palette
from lib.filters import Filters, Metric
from lib.labels import basis_label, group_label, label, yearly_unit
from lib.map.choropleth import (
    DOTS_SWATCH,
    METRIC_DIGITS,
    NO_DATA_FILL,
    OUTSIDE_FILL,
    OUTSIDE_OUTLINE,
    pattern_paints,
    value_text,
)
from lib.map.leaflet import DOTS_PATTERN, OUTLINE, RegionPaint, tooltip_html
from lib.map.legend import LegendEntry, class_label, status_entries
from lib.text import amount, t
from lib.views.change.figures import ChangeFigures
from lib.views.change.weights import FILTERED, NATIONAL
from lib.vocabulary import SUPPORTED, Verdict

CANNOT_TELL_FILL = "#f0f0f0"
# Literal key tables (lib.text: keys are never built at run time).
SIDE_KEYS = {"+": "change.legend.rose", "−": "change.legend.fell"}
# By (ranged, uploaded): a plain difference says why it has no ranges (an uploaded case
# table, or a data folder without ranges.csv).
TITLE_KEYS = {
    (True, True): "change.legend.title",
    (True, False): "change.legend.title",
    (False, True): "change.legend.title_plain",
    (False, False): "change.legend.title_plain_folder",
}
NO_RANGES_KEYS = {True: "change.summary.no_ranges", False: "change.summary.no_ranges_folder"}
GROUP_SENTENCE_KEYS = {
    str(Verdict.ROSE): "change.summary.group_rose",
    str(Verdict.FELL): "change.summary.group_fell",
    str(Verdict.CANNOT_TELL): "change.summary.group_cannot_tell",
}
SOURCES_OUTLINE = {"color": "#000000", "weight": 3.5}
# The selection is dashed here, so it is never mistaken for the sources' heavy outline.
SELECTION_STYLE: dict[str, object] = {"color": "#000000", "weight": 3, "dashArray": "7 5", "fillOpacity": 0}
MAX_CLASSES_PER_SIDE = 3


def diverging_palette(per_side: int) -> tuple[list[str], list[str]]:
    """ColorBrewer PuOr with ``per_side`` classes each way: ``(rises, falls)``, each from the
    smallest change (light) to the largest (dark); oranges for rises, purples for falls."""
    scheme = getattr(branca.colormap.linear, f"PuOr_{2 * per_side + 1:02d}")
    colours = [to_hex(colour) for colour in scheme.colors]
    return colours[:per_side][::-1], colours[per_side + 1 :]


@dataclass(frozen=True)
class ChangeClasses:
    """Classes of the supported rises and of the supported falls (by size), and their colours."""

    rises: Classes
    falls: Classes
    rise_colours: list[str]
    fall_colours: list[str]

    def colour(self, region_id: str) -> str | None:
        if region_id in self.rises.class_of:
            return self.rise_colours[self.rises.class_of[region_id]]
        if region_id in self.falls.class_of:
            return self.fall_colours[self.falls.class_of[region_id]]
        return None


def coloured(figures: ChangeFigures) -> pd.DataFrame:
    """The regions in the filter that get a colour: a supported direction, or, without
    ranges (an upload), any change other than none."""
    shown = figures.regions[figures.regions["in_filter"] & figures.regions["change"].notna()]
    if figures.ranged:
        return shown[shown["verdict"].isin([str(member) for member in SUPPORTED])]
    return shown[shown["change"] != 0]


def change_classes(figures: ChangeFigures, filters: Filters) -> ChangeClasses:
    """Rises and falls classed apart with the filter's scheme, up to three classes a side
    (half the filter's class count)."""
    per_side = max(1, min(MAX_CLASSES_PER_SIDE, filters.classes // 2))
    values = coloured(figures).set_index("region_id")["change"].astype(float)
    rises = classify(values[values > 0], filters.scheme, per_side)
    falls = classify(-values[values < 0], filters.scheme, per_side)
    rise_colours, fall_colours = diverging_palette(per_side)
    return ChangeClasses(rises, falls, rise_colours[: rises.size], fall_colours[: falls.size])


def change_text(value: object, metric: Metric, signed: bool = True) -> str:
    """A change per year with its sign: ``+13.0``, ``−16.1``, ``+0.94``; "no data" when missing."""
    if value is None or pd.isna(value):
        return amount(None)
    digits = METRIC_DIGITS[metric] + 1 if metric is Metric.CASES else METRIC_DIGITS[metric]
    text = amount(abs(float(value)), digits)  # type: ignore[arg-type]
    if not signed:
        return text
    return ("+" if float(value) > 0 else "−" if float(value) < 0 else "±") + text  # type: ignore[arg-type]


def change_span(low: object, high: object, metric: Metric) -> str:
    """``+1.1 to +37.9`` ("–" when unknown)."""
    if low is None or pd.isna(low):
        return "–"
    return t("change.span", low=change_text(low, metric), high=change_text(high, metric))


def verdict_text(row: Mapping[str, Any]) -> str:
    """The verdict in words, with "sources alone too" where they support it."""
    text = label(Verdict(row["verdict"]))
    return t("change.verdict.sources_too", verdict=text) if row["sources_support"] else text


def _style(row: Mapping[str, Any], classes: ChangeClasses) -> dict[str, object]:
    if not row["in_filter"]:
        return {"fillColor": OUTSIDE_FILL, "fillOpacity": 0.6, "opacity": 0.6, "color": OUTSIDE_OUTLINE, "weight": 1}
    outline = SOURCES_OUTLINE if row["sources_support"] else {"color": OUTLINE, "weight": 1}
    colour = classes.colour(row["region_id"])
    if colour is not None:
        return {"fillColor": colour, "fillOpacity": 0.9, "opacity": 1} | outline
    if pd.isna(row["change"]):
        return {"fillColor": NO_DATA_FILL, "fillOpacity": 0.9, "opacity": 1, "dashArray": "2 3"} | outline
    return {"fillColor": CANNOT_TELL_FILL, "fillOpacity": 0.9, "opacity": 1} | outline


def change_paints(figures: ChangeFigures, classes: ChangeClasses) -> list[RegionPaint]:
    """Style and tooltip (A, B, change, both ranges, verdict, basis) of every region."""
    metric, periods = figures.metric, figures.periods
    labels = (
        t("map.tooltip.region"),
        t("change.tooltip.a", years=periods.a.label),
        t("change.tooltip.b", years=periods.b.label),
        t("change.tooltip.change"),
        t("change.tooltip.model"),
        t("change.tooltip.sources"),
        t("change.tooltip.verdict"),
        t("map.tooltip.basis"),
    )
    paints = []
    for row in figures.regions.to_dict("records"):
        values = (
            row["region"],
            value_text(row["a_per_year"], metric),
            value_text(row["b_per_year"], metric),
            change_text(row["change"], metric),
            change_span(row["change_low"], row["change_high"], metric),
            change_span(row["sources_change_low"], row["sources_change_high"], metric),
            verdict_text(row),
            f"{basis_label(row['a_basis'])} / {basis_label(row['b_basis'])}",
        )
        tooltip = tooltip_html(list(zip(labels, values, strict=True)))
        paints.append(RegionPaint(row["region_id"], _style(row, classes), tooltip))
    return paints


def signed(span: str, sign: str) -> str:
    """A class label's ends with the sign of their side: ``14 – 19`` → ``+14 – +19``."""
    return " – ".join(sign + end for end in span.split(" – "))


def _side_entries(classes: Classes, colours: list[str], metric: Metric, sign: str) -> list[LegendEntry]:
    return [
        LegendEntry(t(SIDE_KEYS[sign], span=signed(class_label(index, low, high, metric), sign)), colours[index], count)
        for index, (low, high, count) in enumerate(zip(classes.lower, classes.upper, classes.counts, strict=True))
    ]


def change_legend(figures: ChangeFigures, classes: ChangeClasses) -> list[LegendEntry]:
    """The rise classes (largest first), the fall classes (smallest first), then "the
    sources cannot tell" (dots), "no data", "outside the filter" and the heavier outline."""
    metric = figures.metric
    rises = _side_entries(classes.rises, classes.rise_colours, metric, "+")[::-1]
    falls = _side_entries(classes.falls, classes.fall_colours, metric, "−")
    entries = [*rises, *falls]
    inside = figures.regions[figures.regions["in_filter"]]
    painted = set(classes.rises.class_of) | set(classes.falls.class_of)
    cannot_tell = int((inside["change"].notna() & ~inside["region_id"].isin(painted)).sum())
    no_data = int(inside["change"].isna().sum())
    outside = int((~figures.regions["in_filter"]).sum())
    sources = int(inside["sources_support"].sum())
    if cannot_tell:
        entries.append(LegendEntry(t("change.legend.cannot_tell"), DOTS_SWATCH, cannot_tell))
    entries += status_entries(no_data, outside)
    if sources:
        entries.append(
            LegendEntry(t("change.legend.sources"), "transparent", sources, str(SOURCES_OUTLINE["color"]), weight=3)
        )
    return entries


def change_patterns(figures: ChangeFigures, classes: ChangeClasses) -> list[RegionPaint]:
    """Dots over every region in the filter that has a change but no colour."""
    inside = figures.regions[figures.regions["in_filter"] & figures.regions["change"].notna()]
    painted = set(classes.rises.class_of) | set(classes.falls.class_of)
    return pattern_paints(DOTS_PATTERN, [region for region in inside["region_id"] if region not in painted])


def legend_title(figures: ChangeFigures) -> str:
    periods = figures.periods
    unit = yearly_unit(figures.metric)
    return t(TITLE_KEYS[figures.ranged, figures.uploaded], unit=unit, a=periods.a.label, b=periods.b.label)


@dataclass(frozen=True)
class ChangeDrawing:
    """How :class:`ChangeFigures` are drawn in the page's language: the change map's paints,
    patterns and legend; the two period maps' paints and shared legend; the text summary."""

    paints: list[RegionPaint]
    patterns: list[RegionPaint]
    legend: list[LegendEntry]
    period_paints: tuple[list[RegionPaint], list[RegionPaint]]
    period_legend: list[LegendEntry]
    period_texts: tuple[str, str]
    text: str


def period_classes(figures: ChangeFigures, filters: Filters) -> tuple[Classes, list[str]]:
    """One set of class breaks over both periods' yearly values (regions in the filter), so
    a colour means the same value on both maps."""
    inside = figures.regions[figures.regions["in_filter"]].set_index("region_id")
    values = pd.concat([inside["a_per_year"].add_suffix(":a"), inside["b_per_year"].add_suffix(":b")])
    classes = classify(values.astype(float), filters.scheme, filters.classes)
    return classes, sequential_palette(classes.size)


def _period_paints(figures: ChangeFigures, classes: Classes, palette: list[str], suffix: str) -> list[RegionPaint]:
    paints = []
    for row in figures.regions.itertuples():
        if not row.in_filter:
            style = {"fillColor": OUTSIDE_FILL, "fillOpacity": 0.6, "color": OUTSIDE_OUTLINE, "weight": 1}
        elif f"{row.region_id}:{suffix}" in classes.class_of:
            colour = palette[classes.class_of[f"{row.region_id}:{suffix}"]]
            style = {"fillColor": colour, "fillOpacity": 0.9, "color": OUTLINE, "weight": 0.8}
        else:
            style = {"fillColor": NO_DATA_FILL, "fillOpacity": 0.9, "color": OUTLINE, "weight": 0.8, "dashArray": "2 3"}
        paints.append(RegionPaint(str(row.region_id), style))
    return paints


def period_text(figures: ChangeFigures, column: str, shown: int = 5) -> str:
    """A text alternative to a period map: its highest regions with their yearly values."""
    inside = figures.regions[figures.regions["in_filter"] & figures.regions[column].notna()]
    top = inside.sort_values([column, "region"], ascending=[False, True]).head(shown)
    items = ", ".join(
        f"{row.region} {change_text(getattr(row, column), figures.metric, signed=False)}" for row in top.itertuples()
    )
    return t("change.periods.highest", items=items or t("change.summary.none"))


def change_drawing(figures: ChangeFigures, filters: Filters) -> ChangeDrawing:
    classes = change_classes(figures, filters)
    breaks, palette = period_classes(figures, filters)
    period_legend = [
        LegendEntry(class_label(index, low, high, figures.metric), palette[index], None)
        for index, (low, high) in enumerate(zip(breaks.lower, breaks.upper, strict=True))
    ]
    return ChangeDrawing(
        paints=change_paints(figures, classes),
        patterns=change_patterns(figures, classes),
        legend=change_legend(figures, classes),
        period_paints=(_period_paints(figures, breaks, palette, "a"), _period_paints(figures, breaks, palette, "b")),
        period_legend=period_legend,
        period_texts=(period_text(figures, "a_per_year"), period_text(figures, "b_per_year")),
        text=change_summary(figures),
    )


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else t("change.summary.none")


def _group_sentence(row: Mapping[str, Any], metric: Metric, subject: str) -> str:
    """One group's change in words, with both ranges and what they support."""
    values = {
        "subject": subject,
        "a": amount(row["a_per_year"], METRIC_DIGITS[metric]),
        "b": amount(row["b_per_year"], METRIC_DIGITS[metric]),
        "quantity": t("change.quantity.cases") if metric is Metric.CASES else t("change.quantity.rate"),
    }
    if pd.isna(row["change"]):
        return t("change.summary.group_no_data", subject=subject)
    if pd.isna(row["change_low"]):
        return t("change.summary.group_plain", change=change_text(row["change"], metric), **values)
    direction = row["verdict"] if row["verdict"] in GROUP_SENTENCE_KEYS else str(Verdict.CANNOT_TELL)
    return t(
        GROUP_SENTENCE_KEYS[direction],
        model=change_span(row["change_low"], row["change_high"], metric),
        sources=change_span(row["sources_change_low"], row["sources_change_high"], metric),
        **values,
    )


def no_ranges_text(figures: ChangeFigures) -> str:
    """Why this change has no ranges, in words."""
    return t(NO_RANGES_KEYS[figures.uploaded])


def change_summary(figures: ChangeFigures) -> str:
    """The text alternative to the change map: the filtered regions together (or the country)
    in words with both ranges, then the regions by verdict at each level."""
    groups = figures.groups.set_index("group")
    key = FILTERED if FILTERED in groups.index else NATIONAL
    subject = group_label(key)
    sentence = _group_sentence(groups.loc[key], figures.metric, subject)
    if not figures.ranged:
        return sentence + " " + no_ranges_text(figures)
    model, sources = figures.counts(), figures.counts(sources_alone=True)
    regions = t(
        "change.summary.regions",
        count=len(figures.shown()),
        rose=len(model[Verdict.ROSE]),
        rose_names=_names(model[Verdict.ROSE]),
        fell=len(model[Verdict.FELL]),
        fell_names=_names(model[Verdict.FELL]),
        cannot_tell=len(model[Verdict.CANNOT_TELL]) + len(model[Verdict.NO_RANGE]),
    )
    if model[Verdict.UNCHANGED]:
        regions += " " + t("change.summary.unchanged", regions=", ".join(model[Verdict.UNCHANGED]))
    alone = t(
        "change.summary.sources",
        rose=len(sources[Verdict.ROSE]),
        rose_names=_names(sources[Verdict.ROSE]),
        fell=len(sources[Verdict.FELL]),
        fell_names=_names(sources[Verdict.FELL]),
    )
    no_data = model[Verdict.NO_DATA]
    missing = " " + t("change.summary.no_data", regions=", ".join(no_data)) if no_data else ""
    return f"{sentence} {regions} {alone}{missing}"
