"""Cached loaders: the only place the app reads files. Keyed by path strings."""

from __future__ import annotations

import gc
import importlib
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import streamlit as st

from lib.data import Dataset, UploadedFile, data_dir_from_env, load_dataset
from lib.files import DataError
from lib.map.assets import outlines, publish_shapes
from lib.map.leaflet import RegionShapes
from lib.own_figures import OwnFigure
from lib.safe import escape_markdown
from lib.shell import keys
from lib.text import t

# What the pages import on their first run; imported up front so they are frozen with the rest.
PAGE_LIBRARIES = (
    "lib.views.trends.charts",
    "lib.views.coverage.figures",
    "lib.map.choropleth",
    "lib.views.coverage.drawing",
    "lib.map.legend",
    "lib.views.trends.series",
    "lib.upload",
    "streamlit_folium",
)


@dataclass(frozen=True)
class UploadedCases:
    """An accepted upload, kept in this browser session only (never in a shared cache)."""

    file_name: str
    rows: int
    cases: pd.DataFrame  # complete region × year grid, see lib.upload.complete_grid


# One shared Dataset per data folder, not a copy per call (``st.cache_data`` unpickled the
# whole dataset twice per run). Nothing changes a Dataset after loading: it is frozen, and
# an upload makes a new one with ``dataclasses.replace``. A refusal is kept too, under the
# folder's files as they are (a folder of 100,000 repeated rows took 9 s to refuse, on every
# page view); fixing a file changes the stamp and the folder is read again.
@st.cache_resource(show_spinner=False, max_entries=8)
def _outcome(data_dir: str, stamp: tuple[tuple[str, int, int], ...]) -> Dataset | DataError:
    try:
        return load_dataset(Path(data_dir))
    except DataError as error:
        return error


def _stamp(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Each file under the data folder with its size and modification time."""
    files = sorted(path for path in data_dir.rglob("*") if path.is_file()) if data_dir.is_dir() else []
    return tuple((str(path.relative_to(data_dir)), path.stat().st_size, path.stat().st_mtime_ns) for path in files)


def _load(data_dir: str) -> Dataset:
    """The data folder's dataset; raises its refusal (computed once while it is unchanged)."""
    outcome = _outcome(data_dir, _stamp(Path(data_dir)))
    if isinstance(outcome, DataError):
        raise outcome
    return outcome


def use_upload(upload: UploadedCases | None) -> None:
    """Switch this session to uploaded cases, or back to the bundled ones with ``None``."""
    if upload is None:
        st.session_state.pop(keys.UPLOAD, None)
    else:
        st.session_state[keys.UPLOAD] = upload


@dataclass(frozen=True)
class FiguresInUse:
    """An analyst's accepted figures and the bundled data with them joined to its sources,
    kept in this browser session only (never in a shared cache)."""

    file_name: str
    figures: tuple[OwnFigure, ...]
    dataset: Dataset


def use_figures(figures: FiguresInUse | None) -> None:
    """Join this session's figures to the sources, or go back to the sources alone."""
    if figures is None:
        st.session_state.pop(keys.FIGURES, None)
    else:
        st.session_state[keys.FIGURES] = figures


def active_figures() -> FiguresInUse | None:
    figures = st.session_state.get(keys.FIGURES)
    return figures if isinstance(figures, FiguresInUse) else None


def active_upload() -> UploadedCases | None:
    upload = st.session_state.get(keys.UPLOAD)
    return upload if isinstance(upload, UploadedCases) else None


@st.cache_resource(show_spinner=False)
def _settle_heap() -> None:
    """Move everything loaded so far (libraries, the dataset) out of the garbage collector's
    reach, once per server process.

    Streamlit runs a full ``gc.collect()`` after every script run (``runner.postScriptGC``).
    With pandas, geopandas, folium and altair loaded that walked about 200,000 long-lived
    objects: ~100 ms per run, holding the GIL, so no other session could send in the
    meantime (bench/RESULTS.md). Frozen objects are skipped; what a run leaves behind is
    still collected.
    """
    for module in PAGE_LIBRARIES:
        importlib.import_module(module)
    gc.freeze()


def bundled_dataset_or_stop() -> Dataset:
    """The validated bundled (or ``$TRATA_DATA_DIR``) dataset, or an error page naming the
    broken file (and stop)."""
    data_dir = data_dir_from_env()
    try:
        dataset = _load(str(data_dir))
    except DataError as error:
        st.error(f"**{t('error.data_title')}**\n\n{t('error.data_hint')}")
        st.code(str(error), language=None, wrap_lines=True)
        st.caption(escape_markdown(data_dir))
        st.stop()
        raise  # st.stop() raises; this keeps type checkers sure the function returns a Dataset
    _settle_heap()
    return dataset


@st.cache_resource(show_spinner=False)
def _published_shapes(data_dir: str) -> RegionShapes:
    dataset = _load(data_dir)
    return publish_shapes(outlines(dataset.geometry, dataset.context))


def region_shapes() -> RegionShapes:
    """The outlines script of the dataset in use, written to ``static/`` on first use."""
    return _published_shapes(str(data_dir_from_env()))


def dataset_or_stop() -> Dataset:
    """The dataset this session works with: bundled, with the cases replaced by an upload
    if the analyst made one."""
    dataset = bundled_dataset_or_stop()
    upload = active_upload()
    figures = active_figures()
    if upload is None and figures is not None:
        return figures.dataset
    # The precomputed ranges belong to the bundled cases, never to an upload; nor does the
    # fingerprint, so nothing computed from an upload is shared with other sessions.
    if upload is None:
        return dataset
    origin = UploadedFile(upload.file_name, upload.rows)
    return replace(dataset, cases=upload.cases, ranges=dataset.ranges.iloc[0:0], origin=origin)
