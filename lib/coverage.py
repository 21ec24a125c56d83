"""Which regions and cases a set of prosecutor offices covers, and the best k sites.

Scenarios come from ``offices.csv`` (``plan-2014``, ``actual-2015``); the planner builds a
third from region capitals. All figures are for the selected years: ``values`` is a frame
with ``region_id, name, capital, lat, lon, cases, population`` where ``cases`` may be NA
(no data), counted as 0 covered cases but never shown as 0.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import pandas as pd

from lib.filters import QueryParams, QueryReader
from lib.text import number, t

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
MAX_RADIUS_KM = 1000
MAX_OFFICES = 8


class Scenario(StrEnum):
    PLAN_2014 = "plan-2014"
    ACTUAL_2015 = "actual-2015"
    BEST = "best"  # the planner's result


class Rule(StrEnum):
    OWN_REGION = "own"  # each office covers its own region only
    RADIUS = "radius"  # every region whose capital is within R km of the office city


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two WGS84 points.

    >>> round(haversine_km(-12.04318, -77.02824, -16.39889, -71.535))  # Lima to Arequipa
    765
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True)
class Office:
    """An office seat and the regions it covers (``assumed`` ⊆ ``covers``)."""

    office_id: str
    city: str
    region_id: str
    lat: float
    lon: float
    covers: tuple[str, ...]
    assumed: tuple[str, ...] = ()
    opened: str = ""
    source: str = ""
    note: str = ""

    def regions(self, include_assumed: bool) -> tuple[str, ...]:
        return self.covers if include_assumed else tuple(r for r in self.covers if r not in self.assumed)

    def covered_labels(self, names: Mapping[str, str]) -> list[str]:
        """Names of the covered regions, assumed ones marked as such."""
        return [names[r] + (f" ({t('coverage.assumed')})" if r in self.assumed else "") for r in self.covers]


def scenario_offices(offices: pd.DataFrame, scenario: Scenario) -> list[Office]:
    """The offices of a scenario from ``offices.csv``, in file order."""
    rows = offices[offices["scenario"] == scenario.value]
    return [
        Office(
            office_id=row.office_id,
            city=row.city,
            region_id=row.region_id,
            lat=float(row.lat),
            lon=float(row.lon),
            covers=tuple(code for code in row.covers.split(";") if code),
            assumed=tuple(code for code in row.assumed_covers.split(";") if code),
            opened=row.opened,
            source=row.source,
            note=row.note,
        )
        for row in rows.itertuples()
    ]


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
    population_covered: int
    cases_per_office_per_year: float | None
    largest_uncovered: tuple[str, int] | None  # (region name, cases), with assumed coverage counted


def _sum_cases(values: pd.DataFrame, region_ids: Iterable[str]) -> int | None:
    chosen = values[values["region_id"].isin(set(region_ids))]["cases"]
    total = chosen.sum(min_count=1)
    return None if pd.isna(total) else int(total)


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
        population_covered=int(values[values["region_id"].isin(stated)]["population"].fillna(0).sum()),
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
            km = haversine_km(office.lat, office.lon, float(region["lat"]), float(region["lon"]))
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


# --- the planner --------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """The best seats found: region ids of the seats (sorted by name) and what they cover."""

    seats: tuple[str, ...]
    covered: frozenset[str]
    cases: int
    population: int


def reach(values: pd.DataFrame, rule: Rule, radius_km: float) -> dict[str, frozenset[str]]:
    """For each region's capital as a seat, the regions an office there would cover."""
    points = list(zip(values["region_id"], values["lat"].astype(float), values["lon"].astype(float), strict=True))
    if rule is Rule.OWN_REGION:
        return {region_id: frozenset({region_id}) for region_id, _, _ in points}
    return {
        seat: frozenset(other for other, lat2, lon2 in points if haversine_km(lat, lon, lat2, lon2) <= radius_km)
        for seat, lat, lon in points
    }


def best_plan(
    candidates: Sequence[str],
    coverage: Mapping[str, frozenset[str]],
    cases: Mapping[str, int],
    population: Mapping[str, int],
    names: Mapping[str, str],
    k: int,
) -> Plan:
    """The ``k`` seats among ``candidates`` whose covered regions hold the most cases.

    Exact (branch and bound over combinations): most cases, then most population, then the
    alphabetically first list of seat names. A region covered by several seats counts once.
    If there are fewer candidates than ``k``, all are used.
    """
    seats = sorted(dict.fromkeys(candidates), key=lambda seat: names[seat])
    k = min(k, len(seats))
    regions = sorted({region for seat in seats for region in coverage[seat]})
    bit = {region: 1 << index for index, region in enumerate(regions)}
    masks = [sum(bit[region] for region in coverage[seat]) for seat in seats]
    weights = [(cases.get(region, 0), population.get(region, 0)) for region in regions]

    @functools.cache
    def value(mask: int) -> tuple[int, int]:
        total_cases = total_population = 0
        index = 0
        while mask:
            if mask & 1:
                total_cases += weights[index][0]
                total_population += weights[index][1]
            mask >>= 1
            index += 1
        return total_cases, total_population

    best: tuple[tuple[int, int], tuple[str, ...], int] | None = None

    def search(start: int, chosen: list[int], covered: int) -> None:
        nonlocal best
        if len(chosen) == k:
            score = value(covered)
            label = tuple(names[seats[i]] for i in chosen)
            # Combinations come in alphabetical order of seat names, so among equal scores the
            # first one found is the tie-break winner: only a strictly better score replaces it.
            if best is None or score > best[0]:
                best = (score, label, covered)
            return
        remaining = k - len(chosen)
        if len(seats) - start < remaining:
            return
        if best is not None:
            here = value(covered)
            gains = sorted((value(masks[i] & ~covered) for i in range(start, len(seats))), reverse=True)
            bound_cases = here[0] + sum(gain[0] for gain in gains[:remaining])
            bound_population = here[1] + sum(sorted((gain[1] for gain in gains), reverse=True)[:remaining])
            # A branch that can at best tie comes later alphabetically, so it loses the tie-break.
            if (bound_cases, bound_population) <= best[0]:
                return
        for index in range(start, len(seats)):
            chosen.append(index)
            search(index + 1, chosen, covered | masks[index])
            chosen.pop()

    search(0, [], 0)
    if best is None:
        return Plan(seats=(), covered=frozenset(), cases=0, population=0)
    (total_cases, total_population), label, covered_mask = best
    by_name = {names[seat]: seat for seat in seats}
    return Plan(
        seats=tuple(by_name[name] for name in label),
        covered=frozenset(region for region in regions if covered_mask & bit[region]),
        cases=total_cases,
        population=total_population,
    )


def plan_offices(plan: Plan, values: pd.DataFrame, coverage: Mapping[str, frozenset[str]]) -> list[Office]:
    """The plan as offices at region capitals; a region reachable from several seats is
    assigned to the nearest one, so each region is drawn and counted once."""
    by_id = values.set_index("region_id")
    nearest: dict[str, list[str]] = {seat: [] for seat in plan.seats}
    for region in sorted(plan.covered):
        options = [seat for seat in plan.seats if region in coverage[seat]]
        lat, lon = float(by_id.loc[region, "lat"]), float(by_id.loc[region, "lon"])
        closest = min(options, key=lambda s: (haversine_km(by_id.loc[s, "lat"], by_id.loc[s, "lon"], lat, lon), s))
        nearest[closest].append(region)
    return [
        Office(
            office_id=f"best-{seat}",
            city=str(by_id.loc[seat, "capital"]),
            region_id=seat,
            lat=float(by_id.loc[seat, "lat"]),
            lon=float(by_id.loc[seat, "lon"]),
            covers=tuple(sorted(nearest[seat], key=lambda region, seat=seat: (region != seat, region))),
        )
        for seat in plan.seats
    ]


# --- URL state of the coverage page ---------------------------------------------------------


@dataclass(frozen=True)
class CoverageView:
    """What the coverage page shows: a scenario and the planner's inputs.

    ``seats`` holds candidate region slugs, empty meaning every region capital.
    """

    scenario: Scenario = Scenario.ACTUAL_2015
    offices: int = 4
    rule: Rule = Rule.OWN_REGION
    radius_km: int = 300
    seats: tuple[str, ...] = ()


def coverage_from_query(params: QueryParams, slugs: Sequence[str]) -> tuple[CoverageView, list[str]]:
    """Parse ``scenario, offices, rule, radius, seats``; junk falls back with a notice."""
    reader = QueryReader(params)
    values = {
        "scenario": reader.enum("scenario", Scenario),
        "offices": reader.whole("offices", 1, MAX_OFFICES),
        "rule": reader.enum("rule", Rule),
        "radius_km": reader.whole("radius", 0, MAX_RADIUS_KM, lambda: t("expect.radius", high=MAX_RADIUS_KM)),
        "seats": reader.slugs("seats", slugs),
    }
    given = {name: value for name, value in values.items() if value is not None}
    return replace(CoverageView(), **given), reader.notices  # type: ignore[arg-type]


def coverage_to_query(view: CoverageView) -> dict[str, str]:
    """Query parameters for ``view``; defaults are left out, planner inputs only for ``best``."""
    default = CoverageView()
    query: dict[str, str] = {}
    if view.scenario != default.scenario:
        query["scenario"] = view.scenario.value
    if view.scenario is Scenario.BEST:
        if view.offices != default.offices:
            query["offices"] = str(view.offices)
        if view.rule != default.rule:
            query["rule"] = view.rule.value
        if view.rule is Rule.RADIUS and view.radius_km != default.radius_km:
            query["radius"] = str(view.radius_km)
        if view.seats:
            query["seats"] = ",".join(view.seats)
    return query


# --- putting it together for the page -----------------------------------------------------


def region_values(
    summary: pd.DataFrame, regions: pd.DataFrame, population: pd.DataFrame, years: tuple[int, int]
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


def run_planner(view: CoverageView, values: pd.DataFrame, slugs: Mapping[str, str]) -> tuple[Plan, list[Office]]:
    """The best plan for the view's inputs, and the same plan as offices for the map.

    ``slugs`` maps region id to slug, to read ``view.seats``.
    """
    coverage = reach(values, view.rule, view.radius_km)
    wanted = set(view.seats)
    candidates = [r for r in values["region_id"] if not wanted or slugs[r] in wanted]
    cases = dict(zip(values["region_id"], values["cases"].fillna(0).astype(int), strict=True))
    population = dict(zip(values["region_id"], values["population"].fillna(0).astype(int), strict=True))
    names = dict(zip(values["region_id"], values["name"], strict=True))
    plan = best_plan(candidates, coverage, cases, population, names, view.offices)
    return plan, plan_offices(plan, values, coverage)


def comparison_table(
    scenarios: Sequence[tuple[str, Sequence[Office]]], values: pd.DataFrame, years: int
) -> pd.DataFrame:
    """One row per scenario: offices, seats, cases covered, shares, worst uncovered hotspot."""
    rows = []
    for label, offices in scenarios:
        figures = coverage_figures(offices, values, years)
        worst = figures.largest_uncovered
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
            }
        )
    table = pd.DataFrame(rows)
    table["cases_covered"] = table["cases_covered"].astype("Int64")
    return table


def covered_difference(left: Sequence[Office], right: Sequence[Office], names: Mapping[str, str]) -> tuple[str, ...]:
    """Names of regions ``left`` covers (assumed included) that ``right`` does not."""

    def covered(offices: Sequence[Office]) -> set[str]:
        return {r for office in offices for r in office.regions(include_assumed=True)}

    return tuple(sorted(names[r] for r in covered(left) - covered(right)))
