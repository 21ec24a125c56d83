"""Altair charts. Every chart shows the basis of its numbers; missing years are labelled
"no data" instead of being drawn as zero-height bars."""

from __future__ import annotations

from typing import cast

import altair as alt
import pandas as pd

from lib.labels import GROUP_LABEL_KEYS, basis_label, span_text
from lib.text import amount, current_language, number, t

BASIS_COLOURS = {"reported": "#1b7837", "estimated": "#8c8c8c", "missing": "#ffffff"}
HUB_COLOURS = {"tourism": "#E69F00", "mining": "#0072B2", "tourism + mining": "#CC79A7", "": "#bdbdbd"}
GROUP_COLOURS = {"tourism": "#E69F00", "mining": "#0072B2", "other": "#7f7f7f"}
HUB_LABEL_KEYS = {
    "tourism": "hubgroup.tourism",
    "mining": "hubgroup.mining",
    "tourism + mining": "hubgroup.tourism + mining",
}


# What the charts hand to the page (Streamlit's altair_chart takes any of them); altair's own
# annotations return Any or a union from its chaining methods.
AnyChart = alt.Chart | alt.LayerChart | alt.FacetChart

NUMBER_LOCALES = {
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
    "es": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", ""]},
}


def localised(chart: AnyChart) -> AnyChart:
    """``chart`` with axis numbers in the current language's format (1.976 / 12,5 in Spanish)."""
    return cast(AnyChart, chart.configure(locale={"number": NUMBER_LOCALES[current_language()]}))


def _basis_colour() -> alt.Color:
    return alt.Color(
        "basis_label:N",
        scale=alt.Scale(domain=[basis_label(basis) for basis in BASIS_COLOURS], range=list(BASIS_COLOURS.values())),
        legend=alt.Legend(title=t("table.basis")),
    )


def _with_labels(frame: pd.DataFrame, value: str, digits: int) -> pd.DataFrame:
    """Add ``basis_label``, ``value_label`` (text, "no data" for NA) and ``value_shown`` (0 for NA,
    only used for placing marks, never as a number)."""
    labelled = frame.copy()
    labelled["basis_label"] = labelled["basis"].map(basis_label)
    labelled["value_label"] = labelled[value].map(lambda value: amount(value, digits))
    labelled["value_shown"] = labelled[value].astype("Float64").fillna(0).astype(float)
    labelled["missing"] = labelled[value].isna()
    return labelled


def _no_data_text(base: alt.Chart) -> alt.Chart:
    missing = base.transform_filter("datum.missing").mark_text(dy=-8, fontSize=10, color="#555")
    return cast(alt.Chart, missing.encode(text=alt.value(t("metrics.none"))))


def yearly_bars(frame: pd.DataFrame, value: str, title: str, y_title: str, digits: int = 0) -> AnyChart:
    """Bars per year coloured by basis, "no data" written where a year has none."""
    data = _with_labels(frame, value, digits)
    base = alt.Chart(data).encode(x=alt.X("year:O", title=t("table.year")))
    bars = base.mark_bar(stroke="#333", strokeWidth=0.5).encode(
        y=alt.Y("value_shown:Q", title=y_title),
        color=_basis_colour(),
        tooltip=[
            alt.Tooltip("year:O", title=t("table.year")),
            alt.Tooltip("value_label:N", title=y_title),
            alt.Tooltip("basis_label:N", title=t("table.basis")),
        ],
    )
    return alt.layer(bars, _no_data_text(base.encode(y=alt.Y("value_shown:Q")))).properties(title=title, height=240)


def with_range_labels(frame: pd.DataFrame, low: str, high: str, digits: int = 0) -> pd.DataFrame:
    """``frame`` with ``range_label`` (and ``sources_label`` where it has the sources-alone
    columns) as text, and ``low``/``high`` as plain floats (NaN when unknown) for plotting."""
    labelled = frame.copy()
    labelled["range_label"] = [span_text(a, b, digits) for a, b in zip(frame[low], frame[high], strict=True)]
    if "sources_low" in frame:
        labelled["sources_label"] = [
            span_text(a, b, digits) for a, b in zip(frame["sources_low"], frame["sources_high"], strict=True)
        ]
    for column in (low, high):
        labelled[column] = frame[column].astype("Float64").astype(float)
    return labelled


def range_whiskers(base: alt.Chart, frame: pd.DataFrame, low: str, high: str, colour: str | alt.Color) -> alt.Chart:
    """A vertical line from ``low`` to ``high`` at each year of ``base`` (whose data is
    ``frame`` after :func:`with_range_labels`; rows without a range draw nothing), with the
    range at both levels in its tooltip."""
    tooltip = [alt.Tooltip("year:O", title=t("table.year")), alt.Tooltip("range_label:N", title=t("range.model"))]
    if "sources_label" in frame:
        tooltip.append(alt.Tooltip("sources_label:N", title=t("range.sources")))
    ranged = base.transform_filter(f"isValid(datum.{low}) && isFinite(datum.{low})")
    ends = {"y": alt.Y(f"{low}:Q"), "y2": f"{high}:Q", "tooltip": tooltip}
    if isinstance(colour, alt.Color):
        return cast(alt.Chart, ranged.mark_rule(strokeWidth=1.5).encode(color=colour, **ends))
    return cast(alt.Chart, ranged.mark_rule(strokeWidth=1.5, color=colour).encode(**ends))


def national_chart(series: pd.DataFrame) -> AnyChart:
    """National yearly cases by basis with their ranges (model level) as whiskers, and the
    cited national figures as black diamonds."""
    ranged = with_range_labels(series, "cases_low", "cases_high")
    whiskers = range_whiskers(alt.Chart(ranged).encode(x="year:O"), ranged, "cases_low", "cases_high", "#000000")
    chart = alt.layer(yearly_bars(series, "cases", t("trends.national.title"), t("table.cases")), whiskers)
    cited = series[series["cited"].notna()].assign(cited_label=lambda f: f["cited"].map(lambda v: number(int(v))))
    if cited.empty:
        return chart
    marks = (
        alt.Chart(cited)
        .mark_point(shape="diamond", size=120, filled=True, color="#000000")
        .encode(
            x="year:O",
            y=alt.Y("cited:Q"),
            tooltip=[
                alt.Tooltip("year:O", title=t("table.year")),
                alt.Tooltip("cited_label:N", title=t("trends.national.cited")),
            ],
        )
    )
    return alt.layer(chart, marks)


def small_multiples(series: pd.DataFrame, y_title: str, shared_scale: bool, digits: int) -> AnyChart:
    """One panel per region: line over the years, points coloured by basis."""
    # One data frame for every layer: a facet splits only data its layers share.
    data = with_range_labels(_with_labels(series, "value", digits), "low", "high", digits)
    base = alt.Chart(data).encode(x=alt.X("year:O", title=None))
    line = (
        base.transform_filter("!datum.missing").mark_line(color="#555").encode(y=alt.Y("value_shown:Q", title=y_title))
    )
    points = base.mark_point(filled=True, size=45, stroke="#333", strokeWidth=0.5).encode(
        y=alt.Y("value_shown:Q"),
        color=_basis_colour(),
        tooltip=[
            alt.Tooltip("region:N", title=t("table.region")),
            alt.Tooltip("year:O", title=t("table.year")),
            alt.Tooltip("value_label:N", title=y_title),
            alt.Tooltip("basis_label:N", title=t("table.basis")),
        ],
    )
    whiskers = range_whiskers(base, data, "low", "high", "#777777")
    layered = alt.layer(line, whiskers, points).properties(width=170, height=110)
    faceted = layered.facet(facet=alt.Facet("region:N", title=None), columns=4)
    return cast(alt.FacetChart, faceted.resolve_scale(y="shared" if shared_scale else "independent"))


def hub_label(hub: str) -> str:
    """Display text for a ranking hub group (``""`` = not a hub)."""
    return t(HUB_LABEL_KEYS[hub]) if hub else t("hub.none")


def ranking_chart(ranked: pd.DataFrame, x_title: str, digits: int) -> AnyChart:
    """Horizontal bars, highest first, coloured by hub group."""
    data = ranked.assign(
        value_label=ranked["value"].map(lambda value: amount(value, digits)),
        value_shown=ranked["value"].astype("Float64").fillna(0).astype(float),
        hub_label=ranked["hub"].map(hub_label),
        basis_label=ranked["basis"].map(basis_label),
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("region:N", sort=list(data["region"]), title=None),
            x=alt.X("value_shown:Q", title=x_title),
            color=alt.Color(
                "hub_label:N",
                scale=alt.Scale(domain=[hub_label(hub) for hub in HUB_COLOURS], range=list(HUB_COLOURS.values())),
                legend=alt.Legend(title=t("filters.hubs")),
            ),
            tooltip=[
                alt.Tooltip("region:N", title=t("table.region")),
                alt.Tooltip("value_label:N", title=x_title),
                alt.Tooltip("basis_label:N", title=t("table.basis")),
                alt.Tooltip("hub_label:N", title=t("filters.hubs")),
            ],
        )
        .properties(height=max(140, 28 * len(data)))
    )
    return cast(alt.Chart, chart)


def hub_chart(groups: pd.DataFrame, value: str, y_title: str, digits: int) -> AnyChart:
    """One line per hub group over the years (years without data are left as gaps); for
    cases, each group-year's model-level range as a whisker in the group's colour."""
    data = with_range_labels(
        groups.assign(
            value_label=groups[value].map(lambda figure: amount(figure, digits)),
            value_shown=groups[value].astype("Float64").astype(float),
            group_label=groups["group"].map(lambda group: t(GROUP_LABEL_KEYS[group])),
        ),
        "cases_low",
        "cases_high",
    )
    colour = alt.Color(
        "group_label:N",
        scale=alt.Scale(
            domain=[t(GROUP_LABEL_KEYS[group]) for group in GROUP_COLOURS], range=list(GROUP_COLOURS.values())
        ),
        legend=alt.Legend(title=None),
    )
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=t("table.year")),
            y=alt.Y("value_shown:Q", title=y_title),
            color=colour,
            tooltip=[
                alt.Tooltip("group_label:N", title=t("filters.hubs")),
                alt.Tooltip("year:O", title=t("table.year")),
                alt.Tooltip("value_label:N", title=y_title),
            ],
        )
        .properties(height=240)
    )
    if value != "cases" or data["cases_low"].isna().all():
        return cast(alt.Chart, lines)
    return alt.layer(lines, range_whiskers(alt.Chart(data).encode(x="year:O"), data, "cases_low", "cases_high", colour))
