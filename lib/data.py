"""Load and validate the data folder.

Every file the app reads is checked before use: it must lie inside the data folder (a link
pointing elsewhere is refused), be UTF-8, and have the columns, types, allowed values,
unique keys and region ids its schema (:mod:`lib.schemas`) asks for; the cases table must be
a complete region × year grid. All problems in a file are collected and raised together as
one :class:`DataError` whose messages name the file, the line, the column, the value and
how to fix it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from lib import schemas
from lib.consistency import ranges_problems
from lib.files import DATA_DIR_VARIABLE, DataError, fingerprint, inside, read_bytes
from lib.own_figures import OwnFigure
from lib.solver import RangeSolver, solver_of_sources
from lib.tables import (
    CONTEXT_FILE,
    RANGE_TABLE_COLUMNS,
    load_context,
    load_documents,
    load_files,
    load_geometry,
    load_model_figures,
    load_offices,
    load_ranges,
    load_regions,
    load_sources,
    load_wishlist,
    load_yearly,
    national_cited,
    with_case_ranges,
)
from lib.years import YearRange, YearSpan

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class DataFolder:
    """Data read from a folder (the bundled ``data/`` or ``$TRATA_DATA_DIR``): results
    computed from it can be shared across sessions under its ``fingerprint``."""

    path: Path
    fingerprint: str


@dataclass(frozen=True)
class UploadedFile:
    """An analyst's case table, in one browser session only: it replaces the cited cases,
    so it carries no ranges, and nothing computed from it is shared."""

    name: str
    rows: int


@dataclass(frozen=True)
class AddedFigures:
    """A data folder's sources with an analyst's own figures joined to them, in one browser
    session only: its ranges, estimates and verdicts are its own, never shared."""

    folder: DataFolder
    file_name: str
    figures: tuple[OwnFigure, ...]


# Where a dataset's cases come from; ``None`` for data made in code (never shared).
Origin = DataFolder | UploadedFile | AddedFigures | None


@dataclass(frozen=True)
class Dataset:
    """The validated tables the app works with. ``cases`` and ``population`` carry
    ``region_id, year`` and one value column; ``geometry`` has ``region_id, name``.

    ``sources`` holds each ``sources/*.csv`` as text cells; ``documents`` the method texts
    (``SOURCES.md``…); ``files`` the bytes of every file offered for download, by its path
    inside the data folder. Nothing is read from disk after loading.
    """

    regions: pd.DataFrame
    cases: pd.DataFrame
    population: pd.DataFrame
    offices: pd.DataFrame
    geometry: gpd.GeoDataFrame
    # Published national totals by year (cited single-year figures), for marking on charts.
    national_cited: dict[int, int] = field(default_factory=dict)
    # Ranges of sums (``scripts/build_cases.py``): ``region_id`` (or ``all``), ``first_year``,
    # ``last_year``, ``cases_low``, ``cases_high`` (model level), ``sources_low``,
    # ``sources_high`` (the sources alone). Empty for a data folder without ``ranges.csv``.
    ranges: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RANGE_TABLE_COLUMNS))
    # Neighbouring countries (``iso_numeric``, ``name``, geometry) drawn around the regions;
    # empty for a data folder without ``geo/context.geojson``.
    context: gpd.GeoDataFrame = field(
        default_factory=lambda: gpd.GeoDataFrame({"iso_numeric": [], "name": []}, geometry=[])
    )
    # What the model makes of each cited figure (``model_figures.csv``), as text cells.
    model_figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    # The figures most worth asking for (``wishlist.csv``), as text cells; empty without it.
    wishlist: pd.DataFrame = field(default_factory=pd.DataFrame)
    sources: dict[str, pd.DataFrame] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    origin: Origin = None

    @property
    def fingerprint(self) -> str | None:
        """A hash of every file the data was read from, under which results computed from it
        are shared across sessions; ``None`` for data that is not shared (an upload)."""
        return self.origin.fingerprint if isinstance(self.origin, DataFolder) else None

    @property
    def upload(self) -> UploadedFile | None:
        return self.origin if isinstance(self.origin, UploadedFile) else None

    @property
    def added(self) -> AddedFigures | None:
        return self.origin if isinstance(self.origin, AddedFigures) else None

    @cached_property
    def solver(self) -> RangeSolver | None:
        """The range solver of this data's own cited sources (and the analyst's added
        figures); ``None`` for an upload (it replaces the cited cases) or a folder without
        ranges or the model's source tables."""
        if self.upload is not None or self.ranges.empty:
            return None
        added = self.added.figures if self.added is not None else ()
        return solver_of_sources(self.sources, self.regions["region_id"], added)

    @cached_property
    def year_range(self) -> YearRange:
        """The years the cases cover (the slider's ends), and the default selection: the
        first to the last year with data."""
        years = self.cases["year"]
        with_data = self.cases.loc[self.cases["cases"].notna(), "year"]
        default = (
            YearSpan(int(with_data.min()), int(with_data.max()))
            if not with_data.empty
            else YearSpan.single(int(years.min()))
        )
        return YearRange(first=int(years.min()), last=int(years.max()), default=default)

    def region_lookup(self, key: str, value: str) -> dict[str, str]:
        """One ``regions.csv`` column by another, e.g. ``region_lookup("region_id", "name")``."""
        return dict(zip(self.regions[key], self.regions[value], strict=True))


def data_dir_from_env(environ: dict[str, str] | None = None) -> Path:
    """The data folder: ``$TRATA_DATA_DIR`` when set, else the bundled ``data/``."""
    value = (environ if environ is not None else os.environ).get(DATA_DIR_VARIABLE, "").strip()
    return Path(value) if value else DEFAULT_DATA_DIR


def load_dataset(data_dir: Path) -> Dataset:
    """Load and validate every file under ``data_dir``; raise :class:`DataError` on any problem."""
    regions = load_regions(data_dir)
    known = set(regions["region_id"])
    sources = load_sources(data_dir)
    files = load_files(data_dir, sources)
    context_file = (
        {CONTEXT_FILE: read_bytes(data_dir, CONTEXT_FILE, "")} if inside(data_dir, CONTEXT_FILE).is_file() else {}
    )
    cases = with_case_ranges(load_yearly(data_dir, "cases.csv", schemas.CASES, "cases", known, schemas.CASE_RANGES))
    ranges = load_ranges(data_dir)
    problems = ranges_problems(cases, ranges, known)
    if problems:
        raise DataError(problems)
    return Dataset(
        regions=regions,
        cases=cases,
        ranges=ranges.reset_index(drop=True),
        model_figures=load_model_figures(data_dir),
        wishlist=load_wishlist(data_dir),
        context=load_context(data_dir),
        population=load_yearly(data_dir, "population.csv", schemas.POPULATION, "population", known, {}),
        offices=load_offices(data_dir, known),
        geometry=load_geometry(data_dir, known),
        national_cited=national_cited(sources.get("national_totals.csv")),
        sources=sources,
        documents=load_documents(data_dir),
        files=files,
        origin=DataFolder(data_dir, fingerprint(files | context_file)),
    )
