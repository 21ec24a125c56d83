"""Pure results shared across sessions for data with a fingerprint (the bundled data folder),
keyed by that fingerprint and their other inputs: the map page's figures and their drawing,
the map's place names. An upload has no fingerprint: what is computed from it stays in its
own session and is never cached."""

from __future__ import annotations

from functools import partial

import streamlit as st

from lib.data import Dataset
from lib.export import data_note
from lib.filters import Filters
from lib.labels import country_names
from lib.map.context import PlaceLabel, context_labels, region_labels
from lib.map.figures import MapDrawing, MapFigures, map_drawing, map_figures
from lib.shell.loaders import active_upload
from lib.shell.ranges import group_range
from lib.text import current_language, t


@st.cache_data(show_spinner=False, max_entries=2_000)
def _shared_figures(fingerprint: str, filters: Filters, _dataset: Dataset) -> MapFigures:
    return map_figures(_dataset, filters, partial(group_range, _dataset))


def map_page_figures(dataset: Dataset, filters: Filters) -> MapFigures:
    """:func:`lib.map.figures.map_figures` for ``dataset`` and ``filters``."""
    upload = active_upload()
    if dataset.fingerprint is None or upload is not None:
        note = data_note(upload.file_name if upload is not None else None)
        return map_figures(dataset, filters, partial(group_range, dataset), note)
    return _shared_figures(dataset.fingerprint, filters, dataset)


@st.cache_data(show_spinner=False, max_entries=4_000)
def _shared_drawing(
    fingerprint: str, filters: Filters, language: str, outline_hubs: bool, _figures: MapFigures
) -> MapDrawing:
    return map_drawing(_figures, filters, outline_hubs)


def map_page_drawing(dataset: Dataset, filters: Filters, figures: MapFigures, outline_hubs: bool) -> MapDrawing:
    """The drawing of :func:`map_page_figures` for the same dataset and filters, in the
    page's language."""
    if dataset.fingerprint is None:
        return map_drawing(figures, filters, outline_hubs)
    return _shared_drawing(dataset.fingerprint, filters, current_language(), outline_hubs, figures)


def _labels(dataset: Dataset, region_names: bool) -> list[PlaceLabel]:
    labels = context_labels(dataset.context, country_names(), t("map.sea")) if not dataset.context.empty else []
    if region_names:
        labels += region_labels(dataset.geometry, dataset.region_lookup("region_id", "name"))
    return labels


@st.cache_data(show_spinner=False, max_entries=32)
def _shared_labels(fingerprint: str, language: str, region_names: bool, _dataset: Dataset) -> list[PlaceLabel]:
    return _labels(_dataset, region_names)


def place_labels(dataset: Dataset, region_names: bool) -> list[PlaceLabel]:
    """The map's text in the page's language: the sea and the neighbours always, region
    names when asked for."""
    if dataset.fingerprint is None:
        return _labels(dataset, region_names)
    return _shared_labels(dataset.fingerprint, current_language(), region_names, dataset)
