"""Which regions and cases a set of prosecutor offices covers, and the tables that compare
scenarios.

All figures are for the selected years: ``values`` (:func:`region_values`) is a frame with
``region_id, name, capital, lat, lon, cases, population`` where ``cases`` may be NA (no
data), counted as 0 covered cases but never shown as 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from lib.aggregate import RANGE_COLUMNS, ranges_holding
from lib.solver import RangeSolver
from lib.text import number, t
from lib.views.coverage.distance import distance_km
from lib.views.coverage.offices import Office
from lib.years import YearSpan


def region_values(
    summary: pd.DataFrame, regions: pd.DataFrame, population: pd.DataFrame, years: YearSpan
) -> pd.DataFrame:
    """``region_id, name, capital, lat, lon, cases, population`` for the coverage functions:
    cases summed over the years (from :func:`lib.aggregate.region_summary`), population the
    mean over the same years (people, not person-years), places from ``regions.csv``."""
    in_years = population[population["year"].between(*years)]
    mean_population = in_years.groupby("region_id")["population"].mean().round().astype("Int64")
    places = regions[["region_id", "capital", "lat", "lon"]]
    values = summary[["region_id", "name", "cases"]].merge(places, on="region_id")
    values["population"] = values["region_id"].map(mean_population).astype("Int64")
    return values


@dataclass(frozen=True)
class CoverageFigures:
    """Coverage of one set of offices over the selected years. ``None`` = no data."""

    offices: int
    regions_covered: int
    regions_covered_with_assumed: int
    cases_covered: int | None
    cases_covered_with_assumed: int | None
    national_cases: int | None
    share: float | None  # 0..1, stated coverage only
    share_with_assumed: float | None
    population_covered: int | None  # None: a covered region's population is unknown (never 0)
    cases_per_office_per_year: float | None
    largest_uncovered: tuple[str, int] | None  # (region name, cases), with assumed coverage counted


def _sum_cases(values: pd.DataFrame, region_ids: Iterable[str]) -> int | None:
    chosen = values[values["region_id"].isin(set(region_ids))]["cases"]
    total = chosen.sum(min_count=1)
    return None if pd.isna(total) else int(total)


def _known_sum(values: pd.Series) -> int | None:
    """The sum, or ``None`` if any value is unknown: an unknown population is never 0."""
    return None if values.isna().any() else int(values.sum())


def coverage_figures(offices: Sequence[Office], values: pd.DataFrame, years: int) -> CoverageFigures:
    """Headline coverage figures; ``years`` is the number of selected years (for per-year rates)."""
    stated = {r for office in offices for r in office.regions(include_assumed=False)}
    every = {r for office in offices for r in office.regions(include_assumed=True)}
    national = values["cases"].sum(min_count=1)
    national_cases = None if pd.isna(national) else int(national)
    covered, covered_all = _sum_cases(values, stated), _sum_cases(values, every)

    def share(part: int | None) -> float | None:
        return None if part is None or not national_cases else part / national_cases

    uncovered = values[~values["region_id"].isin(every) & values["cases"].notna()]
    uncovered = uncovered.sort_values(["cases", "name"], ascending=[False, True])
    largest = None if uncovered.empty else (str(uncovered.iloc[0]["name"]), int(uncovered.iloc[0]["cases"]))
    per_office = None if covered is None or not offices or years <= 0 else covered / len(offices) / years
    return CoverageFigures(
        offices=len(offices),
        regions_covered=len(stated),
        regions_covered_with_assumed=len(every),
        cases_covered=covered,
        cases_covered_with_assumed=covered_all,
        national_cases=national_cases,
        share=share(covered),
        share_with_assumed=share(covered_all),
        population_covered=_known_sum(values[values["region_id"].isin(stated)]["population"]),
        cases_per_office_per_year=per_office,
        largest_uncovered=largest,
    )


def office_table(offices: Sequence[Office], values: pd.DataFrame, years: int) -> pd.DataFrame:
    """One row per office: regions covered (assumed marked), cases, population, cases per
    year, and great-circle km from the office city to each covered region's capital."""
    by_id = values.set_index("region_id")
    names = by_id["name"].to_dict()
    rows = []
    for office in offices:
        distances = []
        for region_id in office.covers:
            region = by_id.loc[region_id]
            km = distance_km(office.lat, office.lon, float(region["lat"]), float(region["lon"]))
            distances.append(f"{region['name']} {number(km)}")
        cases = _sum_cases(values, office.covers)
        rows.append(
            {
                "office": office.city,
                "region_id": office.region_id,
                "regions_covered": "; ".join(office.covered_labels(names)),
                "coverage": t("coverage.assumed_in_part") if office.assumed else t("coverage.stated"),
                "cases": cases,
                "population": int(by_id.loc[list(office.covers), "population"].fillna(0).sum()),
                "cases_per_year": None if cases is None or years <= 0 else round(cases / years, 1),
                "km_to_capitals": "; ".join(distances),
                "opened": office.opened,
                "source": office.source,
            }
        )
    table = pd.DataFrame(rows)
    if not table.empty:
        table["cases"] = table["cases"].astype("Int64")
    return table


def uncovered_table(offices: Sequence[Office], values: pd.DataFrame) -> pd.DataFrame:
    """Regions no office covers (assumed coverage counts as covered), most cases first;
    regions without data last."""
    covered = {r for office in offices for r in office.regions(include_assumed=True)}
    rest = values[~values["region_id"].isin(covered)][["region_id", "name", "cases", "population"]]
    return rest.sort_values(["cases", "name"], ascending=[False, True], na_position="last").reset_index(drop=True)


def stated_regions(offices: Sequence[Office]) -> list[str]:
    """The regions a set of offices covers by stated coverage (what ``cases_covered`` counts)."""
    return sorted({region for office in offices for region in office.regions(include_assumed=False)})


def covered_ranges(
    figures: CoverageFigures, offices: Sequence[Office], span: YearSpan, solver: RangeSolver | None
) -> Mapping[str, int]:
    """The ranges of the cases ``offices`` cover by stated coverage over ``span``:
    ``cases_low``, ``cases_high`` at the model level, ``sources_low``, ``sources_high``; empty
    without a solver, offices, or a range that holds the covered cases."""
    if solver is None or not offices:
        return {}
    return ranges_holding(figures.cases_covered, solver.group_range(stated_regions(offices), span))


def comparison_table(
    scenarios: Sequence[tuple[str, Sequence[Office]]],
    values: pd.DataFrame,
    span: YearSpan,
    solver: RangeSolver | None,
) -> pd.DataFrame:
    """One row per scenario: offices, seats, cases covered and its ranges (:func:`covered_ranges`),
    shares, worst uncovered hotspot."""
    rows = []
    for label, offices in scenarios:
        figures = coverage_figures(offices, values, span.year_count)
        worst = figures.largest_uncovered
        spans = covered_ranges(figures, offices, span, solver)
        rows.append(
            {
                "scenario": label,
                "offices": figures.offices,
                "seats": ", ".join(office.city for office in offices),
                "cases_covered": figures.cases_covered,
                "share_covered": None if figures.share is None else round(figures.share, 4),
                "share_with_assumed": None
                if figures.share_with_assumed is None
                else round(figures.share_with_assumed, 4),
                "worst_uncovered": "" if worst is None else f"{worst[0]} ({number(worst[1])})",
                **{column: spans.get(column) for column in RANGE_COLUMNS},
            }
        )
    table = pd.DataFrame(rows)
    for column in ["cases_covered", *RANGE_COLUMNS]:
        table[column] = table[column].astype("Int64")
    return table


def covered_difference(left: Sequence[Office], right: Sequence[Office], names: Mapping[str, str]) -> tuple[str, ...]:
    """Names of regions ``left`` covers (assumed included) that ``right`` does not."""

    def covered(offices: Sequence[Office]) -> set[str]:
        return {r for office in offices for r in office.regions(include_assumed=True)}

    return tuple(sorted(names[r] for r in covered(left) - covered(right)))


@dataclass(frozen=True)
class ScenarioDifferences:
    """Region names the planner's best sites cover and a scenario does not (``added``), and
    the reverse (``dropped``), against the 2014 plan and the 2015 offices."""

    added_to_plan: tuple[str, ...]
    dropped_from_plan: tuple[str, ...]
    added_to_actual: tuple[str, ...]
    dropped_from_actual: tuple[str, ...]


def scenario_differences(
    best: Sequence[Office], plan: Sequence[Office], actual: Sequence[Office], names: Mapping[str, str]
) -> ScenarioDifferences:
    return ScenarioDifferences(
        added_to_plan=covered_difference(best, plan, names),
        dropped_from_plan=covered_difference(plan, best, names),
        added_to_actual=covered_difference(best, actual, names),
        dropped_from_actual=covered_difference(actual, best, names),
    )
