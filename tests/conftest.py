"""Shared fixtures: the bundled dataset, and tiny hand-made datasets built in code."""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from lib.data import DEFAULT_DATA_DIR, Dataset, load_dataset

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def bundled() -> Dataset:
    return load_dataset(DEFAULT_DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder, for breaking files on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


def tiny_dataset() -> Dataset:
    """Three square regions over two years: a (tourism), b (mining), c (neither).

    a: 10 and 20 cases, reported; b: 0 and missing; c: missing both years.
    Populations 1,000 / 2,000 / 3,000 each year.
    """
    regions = pd.DataFrame(
        {
            "region_id": ["01", "02", "03"],
            "iso_code": ["PE-AAA", "PE-BBB", "PE-CCC"],
            "name": ["Alpha", "Beta", "Gamma"],
            "slug": ["alpha", "beta", "gamma"],
            "capital": ["A", "B", "C"],
            "lat": [-10.0, -11.0, -12.0],
            "lon": [-75.0, -75.0, -75.0],
            "tourism_hub": [True, False, False],
            "mining_hub": [False, True, False],
            "mining_hub_wide": [False, True, True],
            "hub_source": ["test"] * 3,
        }
    )
    cases = pd.DataFrame(
        {
            "region_id": ["01", "01", "02", "02", "03", "03"],
            "year": [2010, 2011] * 3,
            "cases": pd.array([10, 20, 0, None, None, None], dtype="Int64"),
            "basis": ["reported", "reported", "estimated", "missing", "missing", "missing"],
            "source": ["s"] * 6,
        }
    )
    population = pd.DataFrame(
        {
            "region_id": ["01", "01", "02", "02", "03", "03"],
            "year": [2010, 2011] * 3,
            "population": pd.array([1000, 1000, 2000, 2000, 3000, 3000], dtype="Int64"),
            "basis": ["reported"] * 6,
            "source": ["s"] * 6,
        }
    )
    geometry = gpd.GeoDataFrame(
        {"region_id": ["01", "02", "03"]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)],
        crs="EPSG:4326",
    )
    offices = pd.DataFrame(columns=["office_id", "scenario", "city", "region_id", "lat", "lon", "covers"])
    return Dataset(regions=regions, cases=cases, population=population, offices=offices, geometry=geometry)


@pytest.fixture
def tiny() -> Dataset:
    return tiny_dataset()


@pytest.fixture(scope="session")
def bundled_regions(bundled: Dataset) -> pd.DataFrame:
    return bundled.regions
