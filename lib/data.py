"""Load and validate the data folder.

Every file the app reads is checked before use: it must lie inside the data folder (a link
pointing elsewhere is refused), be UTF-8, and have the columns, types, allowed values,
unique keys and region ids its schema (:mod:`lib.schemas`) asks for; the cases table must be
a complete region × year grid. All problems in a file are collected and raised together as
one :class:`DataError` whose messages name the file, the line, the column, the value and
how to fix it.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from lib import schemas
from lib.filters import YearRange
from lib.validate import Problem, basis_problem

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DATA_DIR_VARIABLE = "TRATA_DATA_DIR"
MAX_PROBLEMS_SHOWN = 20
MAX_FILE_BYTES = 5_000_000
GEOMETRY_FILE = "geo/peru_regions.geojson"
DOCUMENTS = ("SOURCES.md", "SOURCES.es.md")
DOWNLOADABLE = ("cases.csv", "population.csv", "regions.csv", "offices.csv", GEOMETRY_FILE, *DOCUMENTS)


class DataError(Exception):
    """A data file cannot be used; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = [str(problem) for problem in problems[:MAX_PROBLEMS_SHOWN]]
        more = len(problems) - len(shown)
        super().__init__("\n".join(shown + ([f"... and {more} more"] if more else [])))


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
    sources: dict[str, pd.DataFrame] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)

    @cached_property
    def year_range(self) -> YearRange:
        """The years the cases cover (the slider's ends), and the default selection: the
        first to the last year with data."""
        years = self.cases["year"]
        with_data = self.cases.loc[self.cases["cases"].notna(), "year"]
        default = (int(with_data.min()), int(with_data.max())) if not with_data.empty else (int(years.min()),) * 2
        return YearRange(first=int(years.min()), last=int(years.max()), default=default)

    def region_lookup(self, key: str, value: str) -> dict[str, str]:
        """One ``regions.csv`` column by another, e.g. ``region_lookup("region_id", "name")``."""
        return dict(zip(self.regions[key], self.regions[value], strict=True))


def data_dir_from_env(environ: dict[str, str] | None = None) -> Path:
    """The data folder: ``$TRATA_DATA_DIR`` when set, else the bundled ``data/``."""
    value = (environ if environ is not None else os.environ).get(DATA_DIR_VARIABLE, "").strip()
    return Path(value) if value else DEFAULT_DATA_DIR


def inside(data_dir: Path, relative: str) -> Path:
    """``data_dir/relative``, refused if it resolves outside ``data_dir`` (a symbolic link to
    another folder, or ``..``), so a deployment can never show or serve other files."""
    path = data_dir / relative
    if not path.resolve().is_relative_to(data_dir.resolve()):
        message = "points outside the data folder (a link?); copy the real file into the data folder"
        raise DataError([Problem(message, file=relative)])
    return path


def _read_bytes(data_dir: Path, relative: str, missing_hint: str) -> bytes:
    path = inside(data_dir, relative)
    if not path.is_file():
        raise DataError([Problem(f"file not found in {data_dir}; {missing_hint}", file=relative)])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise DataError(
            [Problem(f"is larger than {MAX_FILE_BYTES // 1_000_000} MB; is it the right file?", file=relative)]
        )
    return path.read_bytes()


def _read_text(data_dir: Path, relative: str, missing_hint: str) -> str:
    data = _read_bytes(data_dir, relative, missing_hint)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DataError([Problem(f"not UTF-8 text ({error.reason}); save it as UTF-8", line, file=relative)]) from None


def _line(index: int) -> int:
    """File line of a data row: the header is line 1."""
    return index + 2


def read_table(data_dir: Path, relative: str, schema: schemas.Schema) -> pd.DataFrame:
    """Read ``data_dir/relative`` as text cells and check every cell against ``schema``."""
    hint = f"restore it from the repository or fix {DATA_DIR_VARIABLE}"
    text = _read_text(data_dir, relative, hint)
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataError(
            [Problem(f"not a readable CSV ({error}); check delimiters and quotes", file=relative)]
        ) from None
    missing = [column for column in schema if column not in table.columns]
    if missing:
        message = f"missing column(s) {', '.join(missing)}; the header must include {', '.join(schema)}"
        raise DataError([Problem(message, file=relative)])
    header = next(csv.reader(io.StringIO(text)), [])
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        message = f"the header names {', '.join(repeated)} more than once; keep one column of each name"
        raise DataError([Problem(message, 1, file=relative)])
    if table.empty:
        raise DataError([Problem("has a header but no rows", file=relative)])
    problems = [
        Problem(reason, _line(index), column, value, relative)
        for column, check in schema.items()
        for index, value in table[column].items()
        if (reason := check(value)) is not None
    ]
    if problems:
        raise DataError(problems)
    return table


def _duplicates(table: pd.DataFrame, keys: list[str], name: str) -> list[Problem]:
    repeated = table[table.duplicated(keys, keep="first")]
    return [
        Problem(
            f"{', '.join(f'{k}={row[k]}' for k in keys)} appears more than once; keep one row", _line(index), file=name
        )
        for index, row in repeated.iterrows()
    ]


def _unknown_regions(table: pd.DataFrame, column: str, known: set[str], name: str) -> list[Problem]:
    problems = []
    for index, value in table[column].items():
        unknown = [code for code in value.split(";") if code and code not in known]
        if unknown:
            message = f"region {', '.join(unknown)} is not in regions.csv; use a region_id from regions.csv"
            problems.append(Problem(message, _line(index), column, file=name))
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
    if problems:
        raise DataError(problems)
    for column in ("tourism_hub", "mining_hub", "mining_hub_wide"):
        table[column] = table[column] == "true"
    for column in ("lat", "lon"):
        table[column] = table[column].astype(float)
    return table.sort_values("region_id").reset_index(drop=True)


def _load_yearly(data_dir: Path, name: str, schema: schemas.Schema, value_column: str, known: set[str]) -> pd.DataFrame:
    table = read_table(data_dir, name, schema)
    problems = _duplicates(table, ["region_id", "year"], name)
    problems += _unknown_regions(table, "region_id", known, name)
    problems += _incomplete_years(table, known, name, all_years=value_column == "cases")
    if value_column == "cases":
        problems += [
            Problem(f"{reason} (basis is {row.basis!r})", _line(index), "cases", row.cases, name)
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
                Problem("assumed_covers lists regions not in covers; add them to covers", _line(index), file=name)
            )
        if bool(assumed) != (row["coverage_basis"] == "assumed"):
            message = (
                f"coverage_basis is {row['coverage_basis']!r} but assumed_covers is {row['assumed_covers']!r}; "
                "use 'assumed' exactly when some coverage is assumed"
            )
            problems.append(Problem(message, _line(index), file=name))
    if problems:
        raise DataError(problems)
    for column in ("lat", "lon"):
        table[column] = table[column].astype(float)
    return table.reset_index(drop=True)


def load_geometry(data_dir: Path, known: set[str]) -> gpd.GeoDataFrame:
    name, hint = GEOMETRY_FILE, "rebuild it with scripts/build_geo.py"
    data = _read_bytes(data_dir, name, hint)
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
    problems += [
        Problem(f"feature {index + 1} (region {code}) has an empty or invalid geometry; rebuild it", file=name)
        for index, code in geometry["region_id"].items()
        if geometry.geometry[index] is None
        or geometry.geometry[index].is_empty
        or not geometry.geometry[index].is_valid
    ]
    if problems:
        raise DataError(problems)
    return geometry[["region_id", "geometry"]].sort_values("region_id").reset_index(drop=True)


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
    tables = {name: read_table(data_dir, f"sources/{name}", schemas.SOURCE_FACTS) for name in names}
    if "national_totals.csv" in tables:
        read_table(data_dir, "sources/national_totals.csv", schemas.NATIONAL_TOTALS)
    return tables


def load_documents(data_dir: Path) -> dict[str, str]:
    """The method texts that exist (``SOURCES.md``, ``SOURCES.es.md``), as UTF-8 text."""
    return {name: _read_text(data_dir, name, "") for name in DOCUMENTS if inside(data_dir, name).is_file()}


def load_files(data_dir: Path, sources: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """The bytes of every file offered for download, main tables first, then sources/."""
    names = [name for name in DOWNLOADABLE if inside(data_dir, name).is_file()] + [
        f"sources/{name}" for name in sources
    ]
    return {name: _read_bytes(data_dir, name, "") for name in names}


def load_dataset(data_dir: Path) -> Dataset:
    """Load and validate every file under ``data_dir``; raise :class:`DataError` on any problem."""
    regions = load_regions(data_dir)
    known = set(regions["region_id"])
    sources = load_sources(data_dir)
    return Dataset(
        regions=regions,
        cases=_load_yearly(data_dir, "cases.csv", schemas.CASES, "cases", known),
        population=_load_yearly(data_dir, "population.csv", schemas.POPULATION, "population", known),
        offices=load_offices(data_dir, known),
        geometry=load_geometry(data_dir, known),
        national_cited=national_cited(sources.get("national_totals.csv")),
        sources=sources,
        documents=load_documents(data_dir),
        files=load_files(data_dir, sources),
    )
