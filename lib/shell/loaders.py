"""Cached loaders: the only place the app reads files. Keyed by path strings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.data import DataError, Dataset, data_dir_from_env, load_dataset
from lib.safe import escape_markdown
from lib.text import t

KEY_UPLOAD = "uploaded_cases"


@dataclass(frozen=True)
class UploadedCases:
    """An accepted upload, kept in this browser session only (never in a shared cache)."""

    file_name: str
    rows: int
    cases: pd.DataFrame  # complete region × year grid, see lib.upload.complete_grid


@st.cache_data(show_spinner=False)
def _load(data_dir: str) -> Dataset:
    return load_dataset(Path(data_dir))


def use_upload(upload: UploadedCases | None) -> None:
    """Switch this session to uploaded cases, or back to the bundled ones with ``None``."""
    if upload is None:
        st.session_state.pop(KEY_UPLOAD, None)
    else:
        st.session_state[KEY_UPLOAD] = upload


def active_upload() -> UploadedCases | None:
    upload = st.session_state.get(KEY_UPLOAD)
    return upload if isinstance(upload, UploadedCases) else None


def bundled_dataset_or_stop() -> Dataset:
    """The validated bundled (or ``$TRATA_DATA_DIR``) dataset, or an error page naming the
    broken file (and stop)."""
    data_dir = data_dir_from_env()
    try:
        return _load(str(data_dir))
    except DataError as error:
        st.error(f"**{t('error.data_title')}**\n\n{t('error.data_hint')}")
        st.code("\n".join(error.problems), language=None, wrap_lines=True)
        st.caption(escape_markdown(data_dir))
        st.stop()
        raise  # st.stop() raises; this keeps type checkers sure the function returns a Dataset


def dataset_or_stop() -> Dataset:
    """The dataset this session works with: bundled, with the cases replaced by an upload
    if the analyst made one."""
    dataset = bundled_dataset_or_stop()
    upload = active_upload()
    return dataset if upload is None else replace(dataset, cases=upload.cases)
