"""Reading and checking each file of a data folder: its schema (:mod:`lib.schemas`), unique
keys, known regions, complete years, drawable shapes; every problem in a file is collected
and raised together as one :class:`lib.files.DataError`. :func:`lib.data.load_dataset` puts
the files together.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import pandas as pd

from lib import schemas
from lib.files import DataError, inside, line_of, read_bytes, read_table, read_text
from lib.region_names import normalise
from lib.validate import Problem, basis_problem, drawable_shape

GEOMETRY_FILE = "geo/peru_regions.geojson"
CONTEXT_FILE = "geo/context.geojson"
DOCUMENTS = ("SOURCES.md", "SOURCES.es.md")
RANGE_TABLE_COLUMNS = ["region_id", "first_year", "last_year", "cases_low", "cases_high", "sources_low", "sources_high"]
DOWNLOADABLE = (
    "cases.csv",
    "ranges.csv",
    "model_figures.csv",
    "wishlist.csv",
    "population.csv",
    "regions.csv",
    "offices.csv",
    GEOMETRY_FILE,
    *DOCUMENTS,
)


# A file of many repeated rows is named by its first few: a flood of messages helps nobody.
MAX_REPEATS_NAMED = 20


def _duplicates(table: pd.DataFrame, keys: list[str], name: str) -> list[Problem]:
    repeated = table[table.duplicated(keys, keep="first")]
    problems = [
        Problem(
            f"{', '.join(f'{k}={row[k]}' for k in keys)} appears more than once; keep one row",
            line_of(index),
            file=name,
        )
        for index, row in repeated.head(MAX_REPEATS_NAMED).iterrows()
    ]
    if len(repeated) > MAX_REPEATS_NAMED:
        problems.append(Problem(f"and {len(repeated) - MAX_REPEATS_NAMED:,} more repeated rows", file=name))
    return problems


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


def _unlike_latin(name: str) -> str:
    """What in a region name is neither a Latin letter nor ordinary punctuation: an invisible
    character, or a letter of another script that looks like a Latin one (a Cyrillic і in
    "Lima"); empty when there is none."""
    for character in name:
        category = unicodedata.category(character)
        if category in ("Cf", "Cc", "Co", "Cn", "Zl", "Zp"):
            return f"an invisible character (U+{ord(character):04X})"
        if category.startswith("L") and not unicodedata.name(character, "").startswith("LATIN"):
            return f"a letter of another script ({unicodedata.name(character, 'unknown')})"
    return ""


def load_regions(data_dir: Path) -> pd.DataFrame:
    table = read_table(data_dir, "regions.csv", schemas.REGIONS)
    problems = _duplicates(table, ["region_id"], "regions.csv") + _duplicates(table, ["slug"], "regions.csv")
    # An analyst's file names regions by name (accents, case and spacing aside): two regions
    # that read the same could not be told apart, so an upload would silently pick one.
    spelled = table["name"].map(normalise)
    first_of: dict[str, int] = {}
    for index, name, key in zip(table.index, table["name"], spelled, strict=True):
        odd = _unlike_latin(name)
        if odd:
            message = f"region name {name!r} has {odd}, which can make it read like another name; type it again"
            problems.append(Problem(message, line_of(index), "name", file="regions.csv"))
        if key in first_of:
            other = table.loc[first_of[key], "name"]
            message = (
                f"region name {name!r} reads the same as {other!r} (line {line_of(first_of[key])}); "
                "give each region its own name"
            )
            problems.append(Problem(message, line_of(index), "name", file="regions.csv"))
        else:
            first_of[key] = index
    # A link or an upload may name a region by its slug: a slug that reads as another
    # region's name would silently pick one of the two.
    for index, slug, own in zip(table.index, table["slug"], spelled, strict=True):
        other = first_of.get(normalise(slug.replace("-", " ")))
        if other is not None and spelled[other] != own:
            message = f"slug {slug!r} reads as the name of region {table.loc[other, 'name']!r}; give it its own slug"
            problems.append(Problem(message, line_of(index), "slug", file="regions.csv"))
    if problems:
        raise DataError(problems)
    for column in ("tourism_hub", "mining_hub", "mining_hub_wide"):
        table[column] = table[column] == "true"
    for column in ("lat", "lon"):
        table[column] = table[column].astype(float)
    return table.sort_values("region_id").reset_index(drop=True)


def load_yearly(
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


def load_wishlist(data_dir: Path) -> pd.DataFrame:
    """``wishlist.csv`` (optional): the figures most worth asking for, as text cells."""
    if not inside(data_dir, "wishlist.csv").is_file():
        return pd.DataFrame(columns=list(schemas.WISHLIST))
    return read_table(data_dir, "wishlist.csv", schemas.WISHLIST)


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
