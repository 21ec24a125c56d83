"""What each bundled data file must hold: a check per column (each returns why a cell is
wrong, or ``None``), in the vocabulary of :mod:`lib.validate`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lib.validate import (
    BASIS_VALUES,
    MAX_CASES,
    MAX_POPULATION,
    REGION_CODE,
    YEAR_LIMITS,
    region_code_problem,
    whole_number_problem,
)

SCENARIOS = ("plan-2014", "actual-2015")
COVERAGE_BASES = ("stated", "assumed")
# Generous box around Peru, to catch swapped or mistyped coordinates.
LAT_LIMITS = (-19.0, 0.5)
LON_LIMITS = (-82.0, -68.0)

Check = Callable[[str], str | None]
Schema = dict[str, Check]


def whole(low: int, high: int, empty_ok: bool = False, counts: bool = False) -> Check:
    def check(value: str) -> str | None:
        return None if empty_ok and value == "" else whole_number_problem(value, low, high, counts)

    return check


def decimal(low: float, high: float) -> Check:
    def check(value: str) -> str | None:
        try:
            number = float(value)
        except ValueError:
            return "must be a decimal number with a point, e.g. -12.04"
        return None if low <= number <= high else f"must be between {low} and {high}"

    return check


def one_of(allowed: Iterable[str]) -> Check:
    options = tuple(allowed)
    return lambda value: None if value in options else f"must be one of {', '.join(options)}"


def not_empty(value: str) -> str | None:
    return None if value.strip() else "is empty"


def anything(value: str) -> str | None:
    return None


def slug(value: str) -> str | None:
    return None if re.fullmatch(r"[a-z]+(-[a-z]+)*", value) else "must be lowercase ASCII words joined by hyphens"


def code_list(value: str) -> str | None:
    codes = [code for code in value.split(";") if code]
    return None if codes and all(REGION_CODE.fullmatch(code) for code in codes) else "must be codes like 15;07"


def optional_code_list(value: str) -> str | None:
    return None if value == "" else code_list(value)


REGIONS: Schema = {
    "region_id": region_code_problem,
    "iso_code": lambda v: None if re.fullmatch(r"PE-[A-Z]{3}", v) else "must look like PE-CUS",
    "name": not_empty,
    "slug": slug,
    "capital": not_empty,
    "lat": decimal(*LAT_LIMITS),
    "lon": decimal(*LON_LIMITS),
    "tourism_hub": one_of(("true", "false")),
    "mining_hub": one_of(("true", "false")),
    "mining_hub_wide": one_of(("true", "false")),
    "hub_source": not_empty,
}
CASES: Schema = {
    "region_id": region_code_problem,
    "year": whole(*YEAR_LIMITS),
    "cases": whole(0, MAX_CASES, empty_ok=True, counts=True),
    "basis": one_of(BASIS_VALUES),
    "source": not_empty,
}
POPULATION: Schema = {
    "region_id": region_code_problem,
    "year": whole(*YEAR_LIMITS),
    "population": whole(1, MAX_POPULATION, counts=True),
    "basis": one_of(("reported", "estimated")),
    "source": not_empty,
}
OFFICES: Schema = {
    "office_id": slug,
    "scenario": one_of(SCENARIOS),
    "city": not_empty,
    "region_id": region_code_problem,
    "lat": decimal(*LAT_LIMITS),
    "lon": decimal(*LON_LIMITS),
    "covers": code_list,
    "assumed_covers": optional_code_list,
    "coverage_basis": one_of(COVERAGE_BASES),
    "opened": lambda v: None if v == "" or re.fullmatch(r"\d{4}-\d{2}", v) else "must be YYYY-MM or empty",
    "source": not_empty,
    "note": anything,
}
# Optional in cases.csv (written by scripts/build_cases.py): each cell's range at the model
# level and from the sources alone; empty where the cell is missing.
CASE_RANGES: Schema = {
    column: whole(0, MAX_CASES, empty_ok=True, counts=True)
    for column in ("cases_low", "cases_high", "sources_low", "sources_high")
}
RANGES: Schema = {
    "region_id": lambda v: None if v == "all" else region_code_problem(v),
    "first_year": whole(*YEAR_LIMITS),
    "last_year": whole(*YEAR_LIMITS),
    **{column: whole(0, MAX_CASES * 25 * 20, counts=True) for column in CASE_RANGES},
}
# Optional, written by scripts/build_cases.py: each cited figure and what the model makes of it.
MODEL_FIGURES: Schema = {
    "key": not_empty,
    "figure": not_empty,
    "cited": decimal(0, 1e9),
    "unit": one_of(("cases", "%")),
    "treatment": one_of(("held", "bent", "set aside")),
    "note": anything,
    "url": anything,
}
# The figures most worth asking for (scripts/build_wishlist.py; lib.views.change.wishlist).
WISHLIST: Schema = {
    "list": one_of(("verdicts", "widths")),
    "rank": whole(1, 100),
    "kind": one_of(("region-year", "region-span", "region-window", "national-year")),
    "region_id": anything,
    "first_year": whole(*YEAR_LIMITS),
    "last_year": whole(*YEAR_LIMITS),
    "candidate_low": decimal(0, 1e9),
    "candidate_high": decimal(0, 1e9),
    "verdicts_settled": whole(0, 1000),
    "width_shrunk": decimal(0, 1e9),
    "request_es": not_empty,
}
# Every file in sources/ cites its figures: a URL per row (the data page lists them).
SOURCE_FACTS: Schema = {"url": anything}
NATIONAL_TOTALS: Schema = {"period": not_empty, "value": whole(0, MAX_CASES * 25 * 20, counts=True)}
