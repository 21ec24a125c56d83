"""The what-if planner: the k region capitals whose offices would cover the most cases.

Exact (branch and bound over combinations); ties broken by population covered, then by the
seats' names. A region reachable from several seats counts once.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from lib.views.coverage.distance import distance_km
from lib.views.coverage.offices import Office
from lib.views.coverage.view import CoverageView
from lib.vocabulary import Rule


@dataclass(frozen=True)
class Plan:
    """The best seats found: region ids of the seats (sorted by name) and what they cover."""

    seats: tuple[str, ...]
    covered: frozenset[str]
    cases: int
    population: int


def _own_first(seat: str, region: str) -> tuple[bool, str]:
    """Sort key: the seat's own region first, then the others by id."""
    return region != seat, region


def reach(values: pd.DataFrame, rule: Rule, radius_km: float) -> dict[str, frozenset[str]]:
    """For each region's capital as a seat, the regions an office there would cover."""
    points = list(zip(values["region_id"], values["lat"].astype(float), values["lon"].astype(float), strict=True))
    if rule is Rule.OWN_REGION:
        return {region_id: frozenset({region_id}) for region_id, _, _ in points}
    return {
        seat: frozenset(other for other, lat2, lon2 in points if distance_km(lat, lon, lat2, lon2) <= radius_km)
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
        closest = min(options, key=lambda s: (distance_km(by_id.loc[s, "lat"], by_id.loc[s, "lon"], lat, lon), s))
        nearest[closest].append(region)
    return [
        Office(
            office_id=f"best-{seat}",
            city=str(by_id.loc[seat, "capital"]),
            region_id=seat,
            lat=float(by_id.loc[seat, "lat"]),
            lon=float(by_id.loc[seat, "lon"]),
            # The seat's own region first, then the others in order.
            covers=tuple(sorted(nearest[seat], key=functools.partial(_own_first, seat))),
        )
        for seat in plan.seats
    ]


@dataclass(frozen=True)
class PlannerResult:
    """The best plan, the same plan as offices for the map, and how long the search took."""

    plan: Plan
    offices: list[Office]
    elapsed_ms: float


def run_planner(view: CoverageView, values: pd.DataFrame, slugs: Mapping[str, str]) -> PlannerResult:
    """The best plan for the view's inputs (``slugs`` maps region id to slug, to read
    ``view.seats``)."""
    started = time.perf_counter()
    coverage = reach(values, view.rule, view.radius_km)
    wanted = set(view.seats)
    candidates = [r for r in values["region_id"] if not wanted or slugs[r] in wanted]
    cases = dict(zip(values["region_id"], values["cases"].fillna(0).astype(int), strict=True))
    population = dict(zip(values["region_id"], values["population"].fillna(0).astype(int), strict=True))
    names = dict(zip(values["region_id"], values["name"], strict=True))
    plan = best_plan(candidates, coverage, cases, population, names, view.offices)
    offices = plan_offices(plan, values, coverage)
    return PlannerResult(plan, offices, (time.perf_counter() - started) * 1000)
