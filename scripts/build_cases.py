"""Build ``data/cases.csv``, ``data/ranges.csv`` and ``data/population.csv`` from the cited facts
in ``data/sources/``.

The method lives in ``lib/model.py`` (what each cited figure holds), ``lib/ranges.py`` (the
linear programs) and ``lib/estimate.py`` (population), and is described in ``data/SOURCES.md``. This
script only reads the source tables, calls it, and writes the two outputs. Rerunning it
gives the same bytes; the outputs are committed and tested.

Usage::

    python scripts/build_cases.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lib.cited import build_model  # noqa: E402
from lib.data import DEFAULT_DATA_DIR  # noqa: E402
from lib.estimate import fill_population  # noqa: E402
from lib.model import YEARS as MODEL_YEARS  # noqa: E402
from lib.model import Level  # noqa: E402
from lib.ranges import check, point_estimate, program, sum_range, terms_for  # noqa: E402
from lib.tables import load_sources  # noqa: E402

DATA = ROOT / "data"
SOURCES = DATA / "sources"
YEARS = range(2006, 2015)
NATIONAL = "all"
ESTIMATED_CASES_SOURCE = "estimated: whole-case fit to every cited MP figure the model holds (SOURCES.md)"
MISSING_CASES_SOURCE = "no prosecutor-office data for this year in any cited source"
POPULATION_METHOD_SOURCE = {
    "interpolated": "estimated: linear interpolation between the nearest reported years (SOURCES.md)",
    "extrapolated": "estimated: growth of the nearest two consecutive reported years carried on (SOURCES.md)",
}
RANGE_COLUMNS = ["cases_low", "cases_high", "sources_low", "sources_high"]


def _model():
    sources = load_sources(DEFAULT_DATA_DIR)
    regions = pd.read_csv(DATA / "regions.csv", dtype={"region_id": str})["region_id"]
    model = build_model(sources, list(regions))
    check(model)
    return sources, model


def build_cases() -> pd.DataFrame:
    """One row per region and year: the whole-case point estimate and, for each cell, the
    range at the model level (``cases_low``, ``cases_high``) and from the sources alone."""
    sources, model = _model()
    estimate = point_estimate(model)
    programs = {level: program(model, level) for level in Level}
    points = sources["region_year_points.csv"]
    reported = {(row.region_id, int(row.year)): row.url for row in points.itertuples() if row.used == "fixed cell"}
    rows = []
    for region_id in model.regions:
        for year in YEARS:
            if year not in MODEL_YEARS:
                rows.append((region_id, year, None, "missing", MISSING_CASES_SOURCE, None, None, None, None))
                continue
            terms = terms_for([region_id], [year])
            value = sum(estimate[term] for term in terms)
            model_range = sum_range(programs[Level.MODEL], terms)
            sources_range = sum_range(programs[Level.SOURCES], terms)
            basis, source = (
                ("reported", reported[region_id, year])
                if (region_id, year) in reported
                else (
                    "estimated",
                    ESTIMATED_CASES_SOURCE,
                )
            )
            rows.append((region_id, year, value, basis, source, *model_range, *sources_range))
    cases = pd.DataFrame(rows, columns=["region_id", "year", "cases", "basis", "source", *RANGE_COLUMNS])
    for column in ["cases", *RANGE_COLUMNS]:
        cases[column] = cases[column].astype("Int64")
    return cases


def build_ranges() -> pd.DataFrame:
    """Ranges of sums: each region and the whole country over every span of years, at both
    levels. Far narrower than the cells' ranges added up (see SOURCES.md)."""
    _, model = _model()
    programs = {level: program(model, level) for level in Level}
    rows = []
    for subject in (NATIONAL, *model.regions):
        regions = model.regions if subject == NATIONAL else (subject,)
        for first in MODEL_YEARS:
            for last in MODEL_YEARS:
                if last < first:
                    continue
                terms = terms_for(regions, range(first, last + 1))
                model_range = sum_range(programs[Level.MODEL], terms)
                sources_range = sum_range(programs[Level.SOURCES], terms)
                rows.append((subject, first, last, *model_range, *sources_range))
    return pd.DataFrame(rows, columns=["region_id", "first_year", "last_year", *RANGE_COLUMNS])


def build_population() -> pd.DataFrame:
    cited = pd.read_csv(SOURCES / "population.csv", dtype={"region_id": str})
    filled = fill_population(cited.rename(columns={"value": "population"}), YEARS)
    url_of = {(row.region_id, int(row.year)): row.url for row in cited.itertuples()}
    filled["basis"] = filled["method"].where(filled["method"] == "reported", "estimated")
    filled["source"] = [
        url_of[(row.region_id, row.year)] if row.method == "reported" else POPULATION_METHOD_SOURCE[row.method]
        for row in filled.itertuples()
    ]
    return filled[["region_id", "year", "population", "basis", "source"]]


def build_figures() -> pd.DataFrame:
    """Every cited figure with what the model makes of it: the treatment and the allowed
    range, the point estimate's value of the same sum, and that sum's range at both levels
    (shown on the data page)."""
    _, model = _model()
    estimate = point_estimate(model)
    programs = {level: program(model, level) for level in Level}
    names = pd.read_csv(DATA / "regions.csv", dtype={"region_id": str}).set_index("region_id")["name"]

    def named(match: re.Match[str]) -> str:
        return " + ".join(names[code] for code in match.group(1).split(" + "))

    rows = []
    for figure in model.figures:
        label = re.sub(r"region (\d\d)", lambda m: f"region {names[m.group(1)]}", figure.label)
        label = re.sub(r"Region (\d\d(?: \+ \d\d)*)", named, label)
        terms = [term for term in figure.terms if term[1]]  # the Lima district is not a cell
        exact = len(terms) == len(figure.terms)
        value = sum(estimate[term] for term in terms) if terms and exact else None
        model_range = sum_range(programs[Level.MODEL], terms) if terms and exact else (None, None)
        sources_range = sum_range(programs[Level.SOURCES], terms) if terms and exact else (None, None)
        rows.append(
            (figure.key, label, figure.cited, figure.unit, figure.treatment.value, figure.low, figure.high,
             value, *model_range, *sources_range, figure.note, figure.url)
        )  # fmt: skip
    columns = ["key", "figure", "cited", "unit", "treatment", "allowed_low", "allowed_high", "estimate"]
    table = pd.DataFrame(
        rows, columns=columns + ["model_low", "model_high", "sources_low", "sources_high", "note", "url"]
    )
    for column in ("allowed_low", "allowed_high"):
        table[column] = table[column].round(2)
    for column in ("estimate", "model_low", "model_high", "sources_low", "sources_high"):
        table[column] = table[column].astype("Int64")
    return table


BUILDERS = {
    "cases.csv": build_cases,
    "ranges.csv": build_ranges,
    "model_figures.csv": build_figures,
    "population.csv": build_population,
}


def main() -> None:
    for name, build in BUILDERS.items():
        table = build()
        table.to_csv(DATA / name, index=False, lineterminator="\n")
        counts = table["basis"].value_counts().to_dict() if "basis" in table else {}
        print(f"wrote data/{name}: {len(table)} rows {counts}")


if __name__ == "__main__":
    main()
