"""Cached loaders: the only place the app reads files. Keyed by path strings."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lib.data import DataError, Dataset, data_dir_from_env, load_dataset
from lib.text import t


@st.cache_data(show_spinner=False)
def _load(data_dir: str) -> Dataset:
    return load_dataset(Path(data_dir))


def dataset_or_stop() -> Dataset:
    """The validated dataset, or an error page naming the broken file (and stop)."""
    data_dir = data_dir_from_env()
    try:
        return _load(str(data_dir))
    except DataError as error:
        st.error(f"**{t('error.data_title')}**\n\n{t('error.data_hint')}")
        st.code("\n".join(error.problems), language=None, wrap_lines=True)
        st.caption(str(data_dir))
        st.stop()
        raise  # st.stop() raises; this keeps type checkers sure the function returns a Dataset
