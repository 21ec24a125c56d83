"""Datasets as the app makes them from the bundled one."""

from __future__ import annotations

from dataclasses import replace

from lib.data import Dataset, UploadedFile


def as_upload(dataset: Dataset, name: str = "own.csv") -> Dataset:
    """``dataset``'s cases as if an analyst had uploaded them as ``name`` (no ranges)."""
    return replace(dataset, ranges=dataset.ranges.iloc[0:0], origin=UploadedFile(name, len(dataset.cases)))
