"""The map page's figures, shared across sessions for data with a fingerprint (the bundled
data folder), keyed by that fingerprint and the filters. An upload has none: its figures are
computed for its own session on every run and never cached."""

from __future__ import annotations

from functools import partial

import streamlit as st

from lib.data import Dataset
from lib.filters import Filters
from lib.map.figures import MapFigures, map_figures
from lib.shell.ranges import group_range


@st.cache_data(show_spinner=False, max_entries=2_000)
def _shared(fingerprint: str, filters: Filters, _dataset: Dataset) -> MapFigures:
    return map_figures(_dataset, filters, partial(group_range, _dataset))


def map_page_figures(dataset: Dataset, filters: Filters) -> MapFigures:
    if dataset.fingerprint is None:
        return map_figures(dataset, filters, partial(group_range, dataset))
    return _shared(dataset.fingerprint, filters, dataset)
