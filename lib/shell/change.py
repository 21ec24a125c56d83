"""The change page's periods (two sliders, kept across pages and mirrored in the URL) and its
figures, computed once per view and shared across sessions for the bundled data."""

from __future__ import annotations

import streamlit as st

from lib.data import Dataset
from lib.filters import Filters
from lib.map.figure import small_map_png
from lib.map.leaflet import RegionPaint
from lib.shell import keys
from lib.shell.figures import per_data
from lib.shell.url import UrlState
from lib.text import t
from lib.views.change.drawing import ChangeDrawing, change_drawing
from lib.views.change.figures import ChangeFigures, YearSteps, change_figures, year_to_year
from lib.views.change.periods import Periods, PeriodsCodec

PERIODS = UrlState(
    PeriodsCodec(),
    {"a": keys.CHANGE_A, "b": keys.CHANGE_B},
    keys.CHANGE_PERIODS,
    keys.CHANGE_NOTICES,
    keys.CHANGE_YEARS,
    parameters=("a", "b"),
    follows_link=True,  # a "compare periods" link names the periods to show
)


def link_notices(dataset: Dataset) -> list[str]:
    """The periods of this session brought in; what the link's ``a`` and ``b`` had that
    could not be used."""
    return PERIODS.enter(dataset)


def period_controls(dataset: Dataset) -> Periods:
    """Two year-range sliders (A and B); returns the periods and mirrors them in the URL."""
    PERIODS.enter(dataset)
    years = dataset.year_range
    if years.first == years.last:  # a slider needs two distinct ends
        return PERIODS.read(dataset, {"a": years.whole, "b": years.whole})
    left, right = st.columns(2)
    help_text = t("change.periods_help")
    left.slider(t("change.period_a"), years.first, years.last, key=keys.CHANGE_A, help=help_text)
    right.slider(t("change.period_b"), years.first, years.last, key=keys.CHANGE_B, help=help_text)
    return PERIODS.read(dataset)


def _figures_filters(filters: Filters, dataset: Dataset) -> Filters:
    """What the figures depend on: the regions, hubs and metric (not the years, the class
    scheme or the selection), so views that differ only there share them."""
    return Filters(
        years=dataset.year_range.default,
        regions=filters.regions,
        hubs=filters.hubs,
        hub_set=filters.hub_set,
        metric=filters.metric,
    )


def change_page_figures(dataset: Dataset, filters: Filters, periods: Periods) -> ChangeFigures:
    """:func:`lib.views.change.figures.change_figures` for the view; an upload's are its own, never shared."""
    return per_data(change_figures, dataset, _figures_filters(filters, dataset), periods)


def _drawing(dataset: Dataset, filters: Filters, periods: Periods, figures: ChangeFigures) -> ChangeDrawing:
    return change_drawing(figures, filters)


def change_page_drawing(dataset: Dataset, filters: Filters, figures: ChangeFigures) -> ChangeDrawing:
    """The drawing of the figures in the page's language, with the filter's class scheme."""
    key = _figures_filters(filters, dataset).with_changes(scheme=filters.scheme, classes=filters.classes)
    return per_data(_drawing, dataset, key, figures.periods, given=(figures,), in_language=True)


def _small_map(dataset: Dataset, paints: tuple[RegionPaint, ...]) -> bytes:
    return small_map_png(dataset.geometry, dataset.context, list(paints))


def small_map(dataset: Dataset, paints: list[RegionPaint]) -> bytes:
    """A period map as PNG (cached by its paints for a data folder)."""
    return per_data(_small_map, dataset, tuple(paints))


def _year_changes(dataset: Dataset, filters: Filters) -> YearSteps:
    return year_to_year(dataset, filters, list(filters.years.years))


def year_changes(dataset: Dataset, filters: Filters) -> YearSteps:
    """:func:`lib.views.change.figures.year_to_year` over the filter's years in its metric (each region,
    the hub groups and ``all``); empty lists without ranges (an upload)."""
    return per_data(_year_changes, dataset, _figures_filters(filters, dataset).with_changes(years=filters.years))
