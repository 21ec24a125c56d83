"""Load and validate the bundled data tables.

Every table is checked before the app uses it: columns, types, allowed values, unique
keys, region ids known to ``regions.csv`` and the geometry, years in range. All problems
in a file are collected and raised together as one :class:`DataError` whose message names
the file, the line, the column, the value and how to fix it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DATA_DIR_VARIABLE = "TRATA_DATA_DIR"
BASIS_VALUES = ("reported", "estimated", "missing")
SCENARIOS = ("plan-2014", "actual-2015")
COVERAGE_BASES = ("stated", "assumed")
YEAR_LIMITS = (1990, 2035)
# Generous box around Peru, to catch swapped or mistyped coordinates.
LAT_LIMITS = (-19.0, 0.5)
LON_LIMITS = (-82.0, -68.0)
MAX_PROBLEMS_SHOWN = 20


class DataError(Exception):
    """A bundled data file cannot be used; ``problems`` says where and why."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        super().__init__("\n".join(shown + ([f"... and {more} more"] if more else [])))


@dataclass(frozen=True)
class Dataset:
    """The validated tables the app works with. ``cases`` and ``population`` carry
    ``region_id, year`` and one value column; ``geometry`` has ``region_id, name``."""

    regions: pd.DataFrame
    cases: pd.DataFrame
    population: pd.DataFrame
    offices: pd.DataFrame
    geometry: gpd.GeoDataFrame
    # Published national totals by year (cited single-year figures), for marking on charts.
    national_cited: dict[int, int] = field(default_factory=dict)

    def region_lookup(self, key: str, value: str) -> dict[str, str]:
        """One ``regions.csv`` column by another, e.g. ``region_lookup("region_id", "name")``."""
        return dict(zip(self.regions[key], self.regions[value], strict=True))


def data_dir_from_env(environ: dict[str, str] | None = None) -> Path:
    """The data folder: ``$TRATA_DATA_DIR`` when set, else the bundled ``data/``."""
    value = (environ if environ is not None else os.environ).get(DATA_DIR_VARIABLE, "").strip()
    return Path(value) if value else DEFAULT_DATA_DIR


# --- column checks: each returns an error text for a bad value, or None -------------------


def _region_code(value: str) -> str | None:
    return None if re.fullmatch(r"\d{2}", value) else "must be a two-digit INEI code such as 08"


def _whole(low: int | None = None, high: int | None = None, empty_ok: bool = False) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if value == "":
            return None if empty_ok else "is empty; give a whole number"
        if not re.fullmatch(r"-?\d+", value):
            return "must be a whole number (digits only, no decimal point or thousands separator)"
        number = int(value)
        if low is not None and number < low:
            return f"must be at least {low}" if high is None else f"must be between {low} and {high}"
        if high is not None and number > high:
            return f"must be between {low} and {high}"
        return None

    return check


def _decimal(low: float, high: float) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        try:
            number = float(value)
        except ValueError:
            return "must be a decimal number with a point, e.g. -12.04"
        return None if low <= number <= high else f"must be between {low} and {high}"

    return check


def _one_of(allowed: Iterable[str]) -> Callable[[str], str | None]:
    options = tuple(allowed)
    return lambda value: None if value in options else f"must be one of {', '.join(options)}"


def _not_empty(value: str) -> str | None:
    return None if value.strip() else "is empty"


def _slug(value: str) -> str | None:
    return None if re.fullmatch(r"[a-z]+(-[a-z]+)*", value) else "must be lowercase ASCII words joined by hyphens"


def _code_list(value: str) -> str | None:
    codes = [code for code in value.split(";") if code]
    return None if codes and all(re.fullmatch(r"\d{2}", c) for c in codes) else "must be codes like 15;07"


def _optional_code_list(value: str) -> str | None:
    return None if value == "" else _code_list(value)


Schema = dict[str, Callable[[str], str | None]]

REGIONS_SCHEMA: Schema = {
    "region_id": _region_code,
    "iso_code": lambda v: None if re.fullmatch(r"PE-[A-Z]{3}", v) else "must look like PE-CUS",
    "name": _not_empty,
    "slug": _slug,
    "capital": _not_empty,
    "lat": _decimal(*LAT_LIMITS),
    "lon": _decimal(*LON_LIMITS),
    "tourism_hub": _one_of(("true", "false")),
    "mining_hub": _one_of(("true", "false")),
    "mining_hub_wide": _one_of(("true", "false")),
    "hub_source": _not_empty,
}
CASES_SCHEMA: Schema = {
    "region_id": _region_code,
    "year": _whole(*YEAR_LIMITS),
    "cases": _whole(0, None, empty_ok=True),
    "basis": _one_of(BASIS_VALUES),
    "source": _not_empty,
}
POPULATION_SCHEMA: Schema = {
    "region_id": _region_code,
    "year": _whole(*YEAR_LIMITS),
    "population": _whole(1, None),
    "basis": _one_of(("reported", "estimated")),
    "source": _not_empty,
}
OFFICES_SCHEMA: Schema = {
    "office_id": _slug,
    "scenario": _one_of(SCENARIOS),
    "city": _not_empty,
    "region_id": _region_code,
    "lat": _decimal(*LAT_LIMITS),
    "lon": _decimal(*LON_LIMITS),
    "covers": _code_list,
    "assumed_covers": _optional_code_list,
    "coverage_basis": _one_of(COVERAGE_BASES),
    "opened": lambda v: None if v == "" or re.fullmatch(r"\d{4}-\d{2}", v) else "must be YYYY-MM or empty",
    "source": _not_empty,
    "note": lambda v: None,
}


def _line(index: int) -> int:
    """File line of a data row: the header is line 1."""
    return index + 2


def _read_text_table(path: Path, schema: Schema) -> pd.DataFrame:
    """Read ``path`` as text cells and check every cell against ``schema``."""
    name = path.name
    if not path.exists():
        raise DataError(
            [f"{name}: file not found at {path}; restore it from the repository or fix {DATA_DIR_VARIABLE}"]
        )
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataError([f"{name}: not UTF-8 text ({error.reason} at byte {error.start}); save it as UTF-8"]) from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        raise DataError([f"{name}: not a readable CSV ({error}); check delimiters and quotes"]) from None
    missing = [column for column in schema if column not in table.columns]
    if missing:
        raise DataError(
            [f"{name}: missing column(s) {', '.join(missing)}; the header must include {', '.join(schema)}"]
        )
    if table.empty:
        raise DataError([f"{name}: has a header but no rows"])
    problems = [
        f"{name} line {_line(index)}, column {column}: value {value!r} {reason}"
        for column, check in schema.items()
        for index, value in table[column].items()
        if (reason := check(value)) is not None
    ]
    if problems:
        raise DataError(problems)
    return table


def _duplicates(table: pd.DataFrame, keys: list[str], name: str) -> list[str]:
    repeated = table[table.duplicated(keys, keep="first")]
    return [
        f"{name} line {_line(index)}: {', '.join(f'{k}={row[k]}' for k in keys)} appears more than once; keep one row"
        for index, row in repeated.iterrows()
    ]


def _unknown_regions(table: pd.DataFrame, column: str, known: set[str], name: str) -> list[str]:
    problems = []
    for index, value in table[column].items():
        unknown = [code for code in value.split(";") if code and code not in known]
        if unknown:
            problems.append(
                f"{name} line {_line(index)}, column {column}: region {', '.join(unknown)} is not in regions.csv; "
                "use a region_id from regions.csv"
            )
    return problems


def load_regions(path: Path) -> pd.DataFrame:
    table = _read_text_table(path, REGIONS_SCHEMA)
    problems = _duplicates(table, ["region_id"], path.name) + _duplicates(table, ["slug"], path.name)
    if problems:
        raise DataError(problems)
    for column in ("tourism_hub", "mining_hub", "mining_hub_wide"):
        table[column] = table[column] == "true"
    for column in ("lat", "lon"):
        table[column] = table[column].astype(float)
    return table.sort_values("region_id").reset_index(drop=True)


def _load_yearly(path: Path, schema: Schema, value_column: str, known: set[str]) -> pd.DataFrame:
    table = _read_text_table(path, schema)
    problems = _duplicates(table, ["region_id", "year"], path.name)
    problems += _unknown_regions(table, "region_id", known, path.name)
    if value_column == "cases":
        for index, row in table.iterrows():
            if (row["basis"] == "missing") != (row["cases"] == ""):
                problems.append(
                    f"{path.name} line {_line(index)}: basis {row['basis']!r} with cases {row['cases']!r}; "
                    "a missing value has an empty cases cell and basis 'missing', every other row has a number"
                )
    if problems:
        raise DataError(problems)
    table["year"] = table["year"].astype(int)
    table[value_column] = pd.to_numeric(table[value_column].replace("", None)).astype("Int64")
    return table.sort_values(["region_id", "year"]).reset_index(drop=True)


def load_offices(path: Path, known: set[str]) -> pd.DataFrame:
    table = _read_text_table(path, OFFICES_SCHEMA)
    problems = _duplicates(table, ["office_id"], path.name)
    for column in ("region_id", "covers", "assumed_covers"):
        problems += _unknown_regions(table, column, known, path.name)
    for index, row in table.iterrows():
        covers = set(row["covers"].split(";"))
        assumed = {code for code in row["assumed_covers"].split(";") if code}
        if not assumed <= covers:
            problems.append(
                f"{path.name} line {_line(index)}: assumed_covers lists regions not in covers; add them to covers"
            )
        if bool(assumed) != (row["coverage_basis"] == "assumed"):
            problems.append(
                f"{path.name} line {_line(index)}: coverage_basis is {row['coverage_basis']!r} but assumed_covers is "
                f"{row['assumed_covers']!r}; use 'assumed' exactly when some coverage is assumed"
            )
    if problems:
        raise DataError(problems)
    for column in ("lat", "lon"):
        table[column] = table[column].astype(float)
    return table.reset_index(drop=True)


def load_geometry(path: Path, known: set[str]) -> gpd.GeoDataFrame:
    name = path.name
    if not path.exists():
        raise DataError([f"{name}: file not found at {path}; rebuild it with scripts/build_geo.py"])
    try:
        geometry = gpd.read_file(path)
    except Exception as error:  # pyogrio raises several unrelated types for a broken file
        raise DataError([f"{name}: not readable GeoJSON ({error}); rebuild it with scripts/build_geo.py"]) from None
    if "region_id" not in geometry.columns:
        raise DataError([f"{name}: features have no region_id property; rebuild it with scripts/build_geo.py"])
    geometry["region_id"] = geometry["region_id"].astype(str)
    problems = _duplicates(geometry, ["region_id"], name)
    problems += [
        f"{name}: feature {index + 1} has region_id {code!r}, which is not in regions.csv"
        for index, code in geometry["region_id"].items()
        if code not in known
    ]
    problems += [
        f"{name}: region {code} has no shape; rebuild the geometry or remove the region from regions.csv"
        for code in sorted(known - set(geometry["region_id"]))
    ]
    problems += [
        f"{name}: feature {index + 1} (region {code}) has an empty or invalid geometry; rebuild it"
        for index, code in geometry["region_id"].items()
        if geometry.geometry[index] is None
        or geometry.geometry[index].is_empty
        or not geometry.geometry[index].is_valid
    ]
    if problems:
        raise DataError(problems)
    return geometry[["region_id", "geometry"]].sort_values("region_id").reset_index(drop=True)


def load_national_cited(path: Path) -> dict[int, int]:
    """Single-year national totals from ``sources/national_totals.csv`` (optional file):
    rows whose period is a whole calendar year ``YYYY-01/YYYY-12``."""
    if not path.exists():
        return {}
    table = _read_text_table(path, {"period": _not_empty, "value": _whole(0, None)})
    cited = {}
    for period, value in zip(table["period"], table["value"], strict=True):
        match = re.fullmatch(r"(\d{4})-01/(\d{4})-12", period)
        if match and match.group(1) == match.group(2):
            cited[int(match.group(1))] = int(value)
    return cited


def load_dataset(data_dir: Path) -> Dataset:
    """Load and validate every table under ``data_dir``; raise :class:`DataError` on any problem."""
    regions = load_regions(data_dir / "regions.csv")
    known = set(regions["region_id"])
    return Dataset(
        regions=regions,
        cases=_load_yearly(data_dir / "cases.csv", CASES_SCHEMA, "cases", known),
        population=_load_yearly(data_dir / "population.csv", POPULATION_SCHEMA, "population", known),
        offices=load_offices(data_dir / "offices.csv", known),
        geometry=load_geometry(data_dir / "geo" / "peru_regions.geojson", known),
        national_cited=load_national_cited(data_dir / "sources" / "national_totals.csv"),
    )
