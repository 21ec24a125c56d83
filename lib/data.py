"""Load and validate the data folder.

Every file the app reads is checked before use: it must lie inside the data folder (a link
pointing elsewhere is refused), be UTF-8, and have the columns, types, allowed values,
unique keys and region ids its schema (:mod:`lib.schemas`) asks for; the cases table must be
a complete region × year grid. All problems in a file are collected and raised together as
one :class:`DataError` whose messages name the file, the line, the column, the value and
how to fix it.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from lib import schemas
from lib.consistency import ranges_problems
from lib.files import DATA_DIR_VARIABLE, DataError, fingerprint, inside, line_of, read_bytes, read_table, read_text
from lib.region_names import normalise
from lib.solver import RangeSolver, solver_of_sources
from lib.validate import Problem, basis_problem, drawable_shape
from lib.years import YearRange, YearSpan

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"
GEOMETRY_FILE = "geo/peru_regions.geojson"
CONTEXT_FILE = "geo/context.geojson"
DOCUMENTS = ("SOURCES.md", "SOURCES.es.md")
RANGE_TABLE_COLUMNS = ["region_id", "first_year", "last_year", "cases_low", "cases_high", "sources_low", "sources_high"]
DOWNLOADABLE = (
    "cases.csv",
    "ranges.csv",
    "model_figures.csv",
    "population.csv",
    "regions.csv",
    "offices.csv",
    GEOMETRY_FILE,
    *DOCUMENTS,
)


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


# Where a dataset's cases come from; ``None`` for data made in code (never shared).
Origin = DataFolder | UploadedFile | None


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

    @cached_property
    def solver(self) -> RangeSolver | None:
        """The range solver of this data's own cited sources; ``None`` for an upload (it
        replaces the cited cases) or a folder without ranges or the model's source tables."""
        if self.upload is not None or self.ranges.empty:
            return None
        return solver_of_sources(self.sources, self.regions["region_id"])

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


def _duplicates(table: pd.DataFrame, keys: list[str], name: str) -> list[Problem]:
    repeated = table[table.duplicated(keys, keep="first")]
    return [
        Problem(
            f"{', '.join(f'{k}={row[k]}' for k in keys)} appears more than once; keep one row",
            line_of(index),
            file=name,
        )
        for index, row in repeated.iterrows()
    ]


def _unknown_regions(table: pd.DataFrame, column: str, known: set[str], name: str) -> list[Problem]:
    problems = []
    for index, value in table[column].items():
        unknown = [code for code in value.split(";") if code and code not in known]
        if unknown:
            message = f"region {', '.join(unknown)} is not in regions.csv; use a region_id from regions.csv"
            problems.append(Problem(message, line_of(index), column, file=name))
    return problems


def _incomplete_years(table: pd.DataFrame, known: set[str], name: str, all_years: bool) -> list[Problem]:
    """Regions without a row for some year: every year from the first to the last when
    ``all_years`` (cases: no region-year may be silently absent), else every year present."""
    years = sorted({int(year) for year in table["year"] if year.isdigit()})
    if all_years and years:
        years = list(range(years[0], years[-1] + 1))
    present = set(zip(table["region_id"], table["year"].map(lambda y: int(y) if y.isdigit() else -1), strict=True))
    problems = []
    for region_id in sorted(known):
        absent = [year for year in years if (region_id, year) not in present]
        if absent:
            shown = ", ".join(map(str, absent[:10])) + (" …" if len(absent) > 10 else "")
            message = (
                f"region {region_id} has no row for {shown}; add a row per year "
                "(empty cases with basis missing where there is no data)"
            )
            problems.append(Problem(message, file=name))
    return problems


def load_regions(data_dir: Path) -> pd.DataFrame:
    table = read_table(data_dir, "regions.csv", schemas.REGIONS)
    problems = _duplicates(table, ["region_id"], "regions.csv") + _duplicates(table, ["slug"], "regions.csv")
    # An analyst's file names regions by name (accents, case and spacing aside): two regions
    # that read the same could not be told apart, so an upload would silently pick one.
    spelled = table["name"].map(normalise)
    first_of: dict[str, int] = {}
    for index, (name, key) in enumerate(zip(table["name"], spelled, strict=True)):
        if key in first_of:
            other = table["name"].iloc[first_of[key]]
            message = (
                f"region name {name!r} reads the same as {other!r} (line {line_of(first_of[key])}); "
                "give each region its own name"
            )
            problems.append(Problem(message, line_of(index), "name", file="regions.csv"))
        else:
            first_of[key] = index
    if problems:
        raise DataError(problems)
    for column in ("tourism_hub", "mining_hub", "mining_hub_wide"):
        table[column] = table[column] == "true"
    for column in ("lat", "lon"):
        table[column] = table[column].astype(float)
    return table.sort_values("region_id").reset_index(drop=True)


def _load_yearly(
    data_dir: Path, name: str, schema: schemas.Schema, value_column: str, known: set[str], optional: schemas.Schema
) -> pd.DataFrame:
    table = read_table(data_dir, name, schema, optional)
    problems = _duplicates(table, ["region_id", "year"], name)
    problems += _unknown_regions(table, "region_id", known, name)
    problems += _incomplete_years(table, known, name, all_years=value_column == "cases")
    if value_column == "cases":
        problems += [
            Problem(f"{reason} (basis is {row.basis!r})", line_of(index), "cases", row.cases, name)
            for index, row in zip(table.index, table.itertuples(), strict=True)
            if (reason := basis_problem(row.basis, row.cases)) is not None
        ]
    if problems:
        raise DataError(problems)
    table["year"] = table["year"].astype(int)
    table[value_column] = pd.to_numeric(table[value_column].replace("", None)).astype("Int64")
    return table.sort_values(["region_id", "year"]).reset_index(drop=True)


def load_offices(data_dir: Path, known: set[str]) -> pd.DataFrame:
    name = "offices.csv"
    table = read_table(data_dir, name, schemas.OFFICES)
    problems = _duplicates(table, ["office_id"], name)
    for column in ("region_id", "covers", "assumed_covers"):
        problems += _unknown_regions(table, column, known, name)
    for index, row in table.iterrows():
        covers = set(row["covers"].split(";"))
        assumed = {code for code in row["assumed_covers"].split(";") if code}
        if not assumed <= covers:
            problems.append(
                Problem("assumed_covers lists regions not in covers; add them to covers", line_of(index), file=name)
            )
        if bool(assumed) != (row["coverage_basis"] == "assumed"):
            message = (
                f"coverage_basis is {row['coverage_basis']!r} but assumed_covers is {row['assumed_covers']!r}; "
                "use 'assumed' exactly when some coverage is assumed"
            )
            problems.append(Problem(message, line_of(index), file=name))
    if problems:
        raise DataError(problems)
    for column in ("lat", "lon"):
        table[column] = table[column].astype(float)
    return table.reset_index(drop=True)


def load_geometry(data_dir: Path, known: set[str]) -> gpd.GeoDataFrame:
    name, hint = GEOMETRY_FILE, "rebuild it with scripts/build_geo.py"
    data = read_bytes(data_dir, name, hint)
    try:
        geometry = gpd.read_file(io.BytesIO(data))
    except Exception as error:  # pyogrio raises several unrelated types for a broken file
        raise DataError([Problem(f"not readable GeoJSON ({error}); {hint}", file=name)]) from None
    if "region_id" not in geometry.columns:
        raise DataError([Problem(f"features have no region_id property; {hint}", file=name)])
    geometry["region_id"] = geometry["region_id"].astype(str)
    problems = _duplicates(geometry, ["region_id"], name)
    problems += [
        Problem(f"feature {index + 1} has region_id {code!r}, which is not in regions.csv", file=name)
        for index, code in geometry["region_id"].items()
        if code not in known
    ]
    problems += [
        Problem(f"region {code} has no shape; rebuild the geometry or remove the region from regions.csv", file=name)
        for code in sorted(known - set(geometry["region_id"]))
    ]
    shapes = []
    for index, code in geometry["region_id"].items():
        shape, problem = drawable_shape(geometry.geometry[index])
        shapes.append(shape)
        if problem:
            problems.append(Problem(f"feature {index + 1} (region {code}) {problem}", file=name))
    if problems:
        raise DataError(problems)
    geometry = gpd.GeoDataFrame({"region_id": geometry["region_id"]}, geometry=shapes, crs=geometry.crs)
    return geometry.sort_values("region_id").reset_index(drop=True)


def with_case_ranges(cases: pd.DataFrame) -> pd.DataFrame:
    """``cases`` with each cell's range columns as numbers (already checked as text by the
    schema), checked low <= cases <= high when ``cases.csv`` has them, all missing (no data)
    when it does not."""
    columns = list(schemas.CASE_RANGES)
    if not set(columns) <= set(cases.columns):
        return cases.assign(**{column: pd.array([pd.NA] * len(cases), dtype="Int64") for column in columns})
    for column in columns:
        cases[column] = pd.to_numeric(cases[column].replace("", None)).astype("Int64")
    problems = [
        Problem(
            f"{low} {row[low]} to {high} {row[high]} does not hold the estimate {row['cases']} of region "
            f"{row['region_id']}, {row['year']}; rebuild with scripts/build_cases.py",
            file="cases.csv",
        )
        for _, row in cases.iterrows()
        for low, high in (("cases_low", "cases_high"), ("sources_low", "sources_high"))
        if not pd.isna(row["cases"]) and not pd.isna(row[low]) and not row[low] <= row["cases"] <= row[high]
    ]
    if problems:
        raise DataError(problems)
    return cases


def load_context(data_dir: Path) -> gpd.GeoDataFrame:
    """``geo/context.geojson`` (optional): neighbouring countries, checked for shapes and codes."""
    name = CONTEXT_FILE
    if not inside(data_dir, name).is_file():
        return gpd.GeoDataFrame({"iso_numeric": [], "name": []}, geometry=[], crs="EPSG:4326")
    data = read_bytes(data_dir, name, "rebuild it with scripts/build_context.py")
    try:
        context = gpd.read_file(io.BytesIO(data))
    except Exception as error:  # pyogrio raises several unrelated types for a broken file
        raise DataError(
            [Problem(f"not readable GeoJSON ({error}); rebuild it with scripts/build_context.py", file=name)]
        ) from None
    if not {"iso_numeric", "name"} <= set(context.columns) or not context.geometry.is_valid.all():
        raise DataError(
            [
                Problem(
                    "needs valid shapes with iso_numeric and name; rebuild it with scripts/build_context.py", file=name
                )
            ]
        )
    context["iso_numeric"] = context["iso_numeric"].astype(str)
    return context[["iso_numeric", "name", "geometry"]]


def load_model_figures(data_dir: Path) -> pd.DataFrame:
    if not inside(data_dir, "model_figures.csv").is_file():
        return pd.DataFrame(columns=list(schemas.MODEL_FIGURES))
    return read_table(data_dir, "model_figures.csv", schemas.MODEL_FIGURES)


def load_ranges(data_dir: Path) -> pd.DataFrame:
    if not inside(data_dir, "ranges.csv").is_file():
        return pd.DataFrame(columns=RANGE_TABLE_COLUMNS)
    table = read_table(data_dir, "ranges.csv", schemas.RANGES)
    for column in RANGE_TABLE_COLUMNS[1:]:
        table[column] = table[column].astype(int)
    return table[RANGE_TABLE_COLUMNS]


def national_cited(totals: pd.DataFrame | None) -> dict[int, int]:
    """Single-year national totals from ``sources/national_totals.csv``: rows whose period
    is a whole calendar year ``YYYY-01/YYYY-12``."""
    if totals is None:
        return {}
    cited = {}
    for period, value in zip(totals["period"], totals["value"], strict=True):
        match = re.fullmatch(r"(\d{4})-01/(\d{4})-12", period)
        if match and match.group(1) == match.group(2):
            cited[int(match.group(1))] = int(value)
    return cited


def load_sources(data_dir: Path) -> dict[str, pd.DataFrame]:
    """Every ``sources/*.csv`` (each must cite a URL per row), by file name."""
    folder = inside(data_dir, "sources")
    names = sorted(path.name for path in folder.glob("*.csv")) if folder.is_dir() else []
    extra = {"national_totals.csv": schemas.NATIONAL_TOTALS}
    return {name: read_table(data_dir, f"sources/{name}", schemas.SOURCE_FACTS | extra.get(name, {})) for name in names}


def load_documents(data_dir: Path) -> dict[str, str]:
    """The method texts that exist (``SOURCES.md``, ``SOURCES.es.md``), as UTF-8 text."""
    return {name: read_text(data_dir, name, "") for name in DOCUMENTS if inside(data_dir, name).is_file()}


def load_files(data_dir: Path, sources: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """The bytes of every file offered for download, main tables first, then sources/."""
    names = [name for name in DOWNLOADABLE if inside(data_dir, name).is_file()] + [f"sources/{n}" for n in sources]
    return {name: read_bytes(data_dir, name, "") for name in names}


def load_dataset(data_dir: Path) -> Dataset:
    """Load and validate every file under ``data_dir``; raise :class:`DataError` on any problem."""
    regions = load_regions(data_dir)
    known = set(regions["region_id"])
    sources = load_sources(data_dir)
    files = load_files(data_dir, sources)
    context_file = (
        {CONTEXT_FILE: read_bytes(data_dir, CONTEXT_FILE, "")} if inside(data_dir, CONTEXT_FILE).is_file() else {}
    )
    cases = with_case_ranges(_load_yearly(data_dir, "cases.csv", schemas.CASES, "cases", known, schemas.CASE_RANGES))
    ranges = load_ranges(data_dir)
    problems = ranges_problems(cases, ranges, known)
    if problems:
        raise DataError(problems)
    return Dataset(
        regions=regions,
        cases=cases,
        ranges=ranges,
        model_figures=load_model_figures(data_dir),
        context=load_context(data_dir),
        population=_load_yearly(data_dir, "population.csv", schemas.POPULATION, "population", known, {}),
        offices=load_offices(data_dir, known),
        geometry=load_geometry(data_dir, known),
        national_cited=national_cited(sources.get("national_totals.csv")),
        sources=sources,
        documents=load_documents(data_dir),
        files=files,
        origin=DataFolder(data_dir, fingerprint(files | context_file)),
    )
