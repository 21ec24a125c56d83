"""Ranges of sums the precomputed table does not hold (a filtered set of regions, a hub
group, the regions a set of offices covers), solved on demand and cached across sessions
by data folder, regions and years. Never for an upload: it carries no ranges."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from lib.cited import build_model
from lib.data import Dataset, data_dir_from_env
from lib.model import Level
from lib.ranges import Program, group_ranges, program
from lib.shell.loaders import active_upload, bundled_dataset_or_stop


@st.cache_resource(show_spinner=False)
def _programs(data_dir: str) -> dict[Level, Program] | None:
    dataset = bundled_dataset_or_stop()
    try:
        model = build_model(dataset.sources, list(dataset.regions["region_id"]))
    except (KeyError, ValueError):  # a data folder without the model's source tables
        return None
    return {level: program(model, level) for level in Level}


@st.cache_data(show_spinner=False, max_entries=5_000)
def _group(data_dir: str, regions: tuple[str, ...], years: tuple[int, int]) -> dict[str, int]:
    programs = _programs(data_dir)
    return {} if programs is None else group_ranges(programs, regions, years)


def model_programs(dataset: Dataset) -> dict[Level, Program] | None:
    """The two levels' programs of the data folder's model; ``None`` for an upload (it
    carries no ranges) or a folder without the model's source tables."""
    if active_upload() is not None or dataset.ranges.empty:
        return None
    return _programs(str(data_dir_from_env()))


def group_range(dataset: Dataset, regions: Iterable[str], years: tuple[int, int]) -> dict[str, int]:
    """The ranges of the sum of ``regions`` over ``years`` (empty: none known)."""
    if active_upload() is not None or dataset.ranges.empty:
        return {}
    return _group(str(data_dir_from_env()), tuple(sorted(regions)), (int(years[0]), int(years[1])))
