"""Pure results shared across sessions for data with a fingerprint (a data folder), keyed by
that fingerprint, the page's language when the result holds text, and their other inputs.
An upload has no fingerprint: what is computed from it stays in its own session and is
never cached. One helper, :func:`per_data`, serves every view."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import streamlit as st

from lib.data import Dataset
from lib.filters import Filters
from lib.labels import country_names
from lib.map.context import PlaceLabel, context_labels, region_labels
from lib.text import current_language, t
from lib.views.map.figures import MapDrawing, MapFigures, map_drawing, map_figures

Result = TypeVar("Result")
# Every view's entries together: about 40 views a session, a few hundred sessions a day.
SHARED_ENTRIES = 10_000


@st.cache_data(show_spinner=False, max_entries=SHARED_ENTRIES)
def _shared(
    name: str,
    fingerprint: str,
    language: str,
    inputs: tuple[Hashable, ...],
    _compute: Callable[..., Any],
    _dataset: Dataset,
    _given: tuple[Any, ...],
) -> Any:
    return _compute(_dataset, *inputs, *_given)


def per_data(
    compute: Callable[..., Result],
    dataset: Dataset,
    *inputs: Hashable,
    given: tuple[Any, ...] = (),
    in_language: bool = False,
) -> Result:
    """``compute(dataset, *inputs, *given)``, computed once per data fingerprint, inputs and
    (``in_language``) the page's language and shared across sessions; computed afresh for
    data without a fingerprint (an upload). ``given`` are results already computed from the
    same inputs (figures to draw), passed on but not hashed."""
    if dataset.fingerprint is None:
        return compute(dataset, *inputs, *given)
    name = f"{compute.__module__}.{compute.__qualname__}"
    language = current_language() if in_language else ""
    return _shared(name, dataset.fingerprint, language, inputs, compute, dataset, given)  # type: ignore[no-any-return]


def map_page_figures(dataset: Dataset, filters: Filters) -> MapFigures:
    """:func:`lib.views.map.figures.map_figures` for ``dataset`` and ``filters``."""
    return per_data(map_figures, dataset, filters)


def _drawing(dataset: Dataset, filters: Filters, outline_hubs: bool, figures: MapFigures) -> MapDrawing:
    return map_drawing(figures, filters, outline_hubs)


def map_page_drawing(dataset: Dataset, filters: Filters, figures: MapFigures, outline_hubs: bool) -> MapDrawing:
    """The drawing of :func:`map_page_figures` for the same dataset and filters, in the
    page's language."""
    return per_data(_drawing, dataset, filters, outline_hubs, given=(figures,), in_language=True)


def _labels(dataset: Dataset, region_names: bool) -> list[PlaceLabel]:
    labels = context_labels(dataset.context, country_names(), t("map.sea")) if not dataset.context.empty else []
    if region_names:
        labels += region_labels(dataset.geometry, dataset.region_lookup("region_id", "name"))
    return labels


def place_labels(dataset: Dataset, region_names: bool) -> list[PlaceLabel]:
    """The map's text in the page's language: the sea and the neighbours always, region
    names when asked for."""
    return per_data(_labels, dataset, region_names, in_language=True)
