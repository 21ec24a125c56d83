"""Map legends: entries (swatch, label, region count) and their HTML, drawn by the app
instead of branca's CDN-loaded one."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from lib.classify import Classes
from lib.filters import Filters, Metric
from lib.map.choropleth import HATCH_SWATCH, HUB_OUTLINE, NO_DATA_FILL, OUTSIDE_FILL, OUTSIDE_OUTLINE, value_text
from lib.map.leaflet import OUTLINE
from lib.safe import escape_html
from lib.text import number, t


@dataclass(frozen=True)
class LegendEntry:
    """A legend line: swatch, label and how many regions it stands for (``None``: no count)."""

    label: str
    fill: str
    count: int | None
    outline: str = OUTLINE
    dashed: bool = False
    weight: float = 1  # the outline's width in px (a heavier outline means something)


def class_label(index: int, low: float, high: float, metric: Metric) -> str:
    """Range text for a class. Classes after the first exclude their lower bound, so for
    whole cases (31, 41] reads "32 – 41".

    >>> class_label(1, 31.0, 41.0, Metric.CASES), class_label(0, 5.0, 5.0, Metric.CASES)
    ('32 – 41', '5')
    """
    if low == high:
        return value_text(high, metric)
    if metric is Metric.CASES:
        first = math.ceil(low) if index == 0 else math.floor(low) + 1
        last = math.floor(high)
        return value_text(first, metric) if first >= last else f"{number(first)} – {number(last)}"
    return f"{value_text(low, metric)} – {value_text(high, metric)}"


def legend_entries(
    classes: Classes, palette: list[str], summary: pd.DataFrame, filters: Filters, undetermined: int = 0
) -> list[LegendEntry]:
    """One entry per class (range and region count), then the striped "class not
    determined", "no data" and "outside"."""
    entries = [
        LegendEntry(class_label(index, low, high, filters.metric), palette[index], count)
        for index, (low, high, count) in enumerate(zip(classes.lower, classes.upper, classes.counts, strict=True))
    ]
    inside = summary[summary["in_filter"]]
    no_data = int(inside["value"].isna().sum())
    outside = int((~summary["in_filter"]).sum())
    if undetermined:
        entries.append(LegendEntry(t("legend.undetermined"), HATCH_SWATCH, undetermined))
    return entries + status_entries(no_data, outside)


def status_entries(no_data: int, outside: int) -> list[LegendEntry]:
    """The "no data" (dotted) and "outside the filter" (muted) entries, each when it counts."""
    entries = []
    if no_data:
        entries.append(LegendEntry(t("legend.no_data"), NO_DATA_FILL, no_data, dashed=True))
    if outside:
        entries.append(LegendEntry(t("legend.outside"), OUTSIDE_FILL, outside, outline=OUTSIDE_OUTLINE))
    return entries


def legend_html(title: str, entries: list[LegendEntry], hub_outline: bool) -> str:
    """The legend as HTML; every text is escaped here."""

    def swatch(fill: str, outline: str, dashed: bool, width: float = 1) -> str:
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
        f"<div>{swatch(entry.fill, entry.outline, entry.dashed, entry.weight)}"
        f"{escape_html(entry.label)}{count_text(entry.count)}</div>"
        for entry in entries
    ]
    if hub_outline:
        lines.append(f"<div>{swatch('transparent', HUB_OUTLINE, True, 2)}{escape_html(t('legend.hub_outline'))}</div>")
    return (
        f'<div class="legend" role="group" aria-label="{escape_html(title)}" style="line-height:1.7;font-size:.9rem">'
        f"<strong>{escape_html(title)}</strong>{''.join(lines)}</div>"
    )
