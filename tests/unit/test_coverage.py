"""Coverage metrics, distances, the exact planner and the coverage page's URL state."""

import itertools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.views.coverage.distance import distance_km
from lib.views.coverage.figures import (
    comparison_table,
    coverage_figures,
    covered_difference,
    office_table,
    region_values,
    uncovered_table,
)
from lib.views.coverage.offices import Office, scenario_offices
from lib.views.coverage.planner import best_plan, plan_offices, reach
from lib.views.coverage.view import CoverageView, coverage_from_query, coverage_to_query
from lib.vocabulary import Rule, Scenario
from lib.years import YearSpan

# Four regions on the equator, 1° of longitude (≈111 km) apart; D has no data.
VALUES = pd.DataFrame(
    {
        "region_id": ["A", "B", "C", "D"],
        "name": ["Alpha", "Beta", "Gamma", "Delta"],
        "capital": ["a", "b", "c", "d"],
        "lat": [0.0, 0.0, 0.0, 0.0],
        "lon": [0.0, 1.0, 2.0, 3.0],
        "cases": pd.array([10, 0, 30, None], dtype="Int64"),
        "population": pd.array([100, 200, 300, 400], dtype="Int64"),
    }
)


def office(region_id: str, covers: str, assumed: str = "") -> Office:
    row = VALUES.set_index("region_id").loc[region_id]
    return Office(region_id.lower(), row["capital"], region_id, row["lat"], row["lon"], tuple(covers), tuple(assumed))


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        # On the WGS84 ellipsoid: up to 0.3 % from the spherical figures flight tables quote.
        ((-12.04318, -77.02824), (-13.52264, -71.96734), 573),  # Lima - Cusco
        ((-12.04318, -77.02824), (-16.39889, -71.535), 764),  # Lima - Arequipa (765 on a sphere)
        ((51.5007, -0.1246), (40.6892, -74.0445), 5590),  # Big Ben - Statue of Liberty (5,575 on a sphere)
        ((0.0, 0.0), (0.0, 1.0), 111),
    ],
)
def test_great_circle_distances(a: tuple[float, float], b: tuple[float, float], km: int) -> None:
    assert distance_km(*a, *b) == pytest.approx(km, abs=1)
    assert distance_km(*a, *a) == 0


def test_figures_stated_versus_assumed() -> None:
    figures = coverage_figures([office("A", "AC", assumed="C")], VALUES, years=2)
    assert figures.cases_covered == 10 and figures.cases_covered_with_assumed == 40
    assert figures.share == pytest.approx(0.25) and figures.share_with_assumed == pytest.approx(1.0)
    assert figures.regions_covered == 1 and figures.regions_covered_with_assumed == 2
    assert figures.population_covered == 100
    assert figures.cases_per_office_per_year == 5
    assert figures.largest_uncovered == ("Beta", 0)  # Delta has no data: never "largest"


def test_overlapping_offices_count_each_region_once() -> None:
    figures = coverage_figures([office("A", "AB"), office("B", "BC")], VALUES, years=1)
    assert figures.cases_covered == 40 and figures.regions_covered == 3


def test_no_data_is_none_not_zero() -> None:
    figures = coverage_figures([office("D", "D")], VALUES, years=1)
    assert figures.cases_covered is None and figures.share is None


def test_office_and_uncovered_tables() -> None:
    table = office_table([office("A", "AB", assumed="B")], VALUES, years=2)
    row = table.iloc[0]
    assert row["regions_covered"] == "Alpha; Beta (assumed)"
    assert row["cases"] == 10 and row["cases_per_year"] == 5
    assert row["km_to_capitals"] == "Alpha 0; Beta 111"
    uncovered = uncovered_table([office("A", "AB")], VALUES)
    assert uncovered["name"].tolist() == ["Gamma", "Delta"]  # most cases first, no data last


def test_reach_by_radius() -> None:
    assert reach(VALUES, Rule.OWN_REGION, 0)["B"] == {"B"}
    assert reach(VALUES, Rule.RADIUS, 120)["B"] == {"A", "B", "C"}
    assert reach(VALUES, Rule.RADIUS, 0)["B"] == {"B"}


def test_planner_hand_computed() -> None:
    cases = {"A": 10, "B": 0, "C": 30, "D": 0}
    population = {"A": 100, "B": 200, "C": 300, "D": 400}
    names = dict(zip(VALUES["region_id"], VALUES["name"], strict=True))
    own = reach(VALUES, Rule.OWN_REGION, 0)
    assert best_plan("ABCD", own, cases, population, names, 1).seats == ("C",)
    # With 120 km, B reaches A and C: one office at B covers all 40 cases.
    wide = reach(VALUES, Rule.RADIUS, 120)
    plan = best_plan("ABCD", wide, cases, population, names, 1)
    assert plan.seats == ("B",) and plan.cases == 40 and plan.covered == {"A", "B", "C"}
    # Two offices: several pairs cover all four regions (same cases and population);
    # the alphabetically first pair of names wins: Alpha + Delta.
    assert best_plan("ABCD", wide, cases, population, names, 2).seats == ("A", "D")
    # Population breaks a tie on cases before names do: Beta and Delta both have 0 cases,
    # Delta has more people, so Delta wins although Beta comes first alphabetically.
    assert best_plan("BD", own, cases, population, names, 1).seats == ("D",)
    # Only A and D as candidates.
    assert best_plan("AD", own, cases, population, names, 1).seats == ("A",)
    assert best_plan("AD", own, cases, population, names, 5).seats == ("A", "D")


def test_plan_as_offices_assigns_each_region_to_its_nearest_seat() -> None:
    wide = reach(VALUES, Rule.RADIUS, 120)
    names = dict(zip(VALUES["region_id"], VALUES["name"], strict=True))
    plan = best_plan("ABCD", wide, {"A": 10, "C": 30}, {}, names, 2)
    offices = plan_offices(plan, VALUES, wide)
    assigned = [region for item in offices for region in item.covers]
    assert sorted(assigned) == sorted(plan.covered) and len(assigned) == len(set(assigned))


def brute_force(candidates, coverage, cases, population, names, k):
    best = None
    for combo in itertools.combinations(sorted(candidates, key=names.get), min(k, len(candidates))):
        covered = set().union(*(coverage[c] for c in combo))
        key = (sum(cases.get(r, 0) for r in covered), sum(population.get(r, 0) for r in covered))
        label = tuple(names[c] for c in combo)
        if best is None or key > best[0] or key == best[0] and label < best[1]:
            best = (key, label, combo)
    return best


@st.composite
def instances(draw):
    size = draw(st.integers(1, 8))
    regions = [f"r{i}" for i in range(size)]
    names = {r: draw(st.sampled_from(["Ana", "Bo", "Cy", "Di", "Ed", "Fi", "Gu", "Ha"])) + r for r in regions}
    cases = {r: draw(st.integers(0, 20)) for r in regions}
    population = {r: draw(st.integers(0, 5)) for r in regions}
    coverage = {r: frozenset({r} | set(draw(st.lists(st.sampled_from(regions), max_size=3)))) for r in regions}
    candidates = draw(st.lists(st.sampled_from(regions), min_size=1, unique=True))
    return candidates, coverage, cases, population, names, draw(st.integers(1, 5))


@settings(max_examples=300, deadline=None)
@given(instances())
def test_planner_equals_brute_force(instance) -> None:
    candidates, coverage, cases, population, names, k = instance
    plan = best_plan(candidates, coverage, cases, population, names, k)
    key, label, combo = brute_force(*instance)
    assert (plan.cases, plan.population) == key
    assert tuple(names[s] for s in plan.seats) == label


def test_bundled_scenarios(bundled) -> None:
    plan = scenario_offices(bundled.offices, Scenario.PLAN_2014)
    actual = scenario_offices(bundled.offices, Scenario.ACTUAL_2015)
    assert [o.city for o in plan] == ["Lima", "Iquitos", "Piura", "Tacna"] and len(actual) == 8
    tacna = plan[-1]
    assert tacna.regions(include_assumed=False) == ("23",) and set(tacna.assumed) == {"17", "08"}


def test_bundled_actual_2015_covers_its_eight_regions(bundled) -> None:
    from lib.aggregate import region_summary
    from lib.filters import Filters

    values = region_values(
        region_summary(bundled, Filters(years=(2007, 2014))), bundled.regions, bundled.population, (2007, 2014)
    )
    actual = scenario_offices(bundled.offices, Scenario.ACTUAL_2015)
    cases = bundled.cases
    expected = cases[
        cases["region_id"].isin(["15", "07", "08", "17", "21", "24", "16", "23"]) & (cases["year"] >= 2007)
    ]
    assert coverage_figures(actual, values, 8).cases_covered == int(expected["cases"].sum())
    table = comparison_table(
        [("plan", scenario_offices(bundled.offices, Scenario.PLAN_2014)), ("actual", actual)],
        values,
        YearSpan(2007, 2014),
        None,
    )
    assert table["offices"].tolist() == [4, 8]
    names = dict(zip(bundled.regions["region_id"], bundled.regions["name"], strict=True))
    assert "Piura" in covered_difference(scenario_offices(bundled.offices, Scenario.PLAN_2014), actual, names)


def test_coverage_url_round_trip_and_junk() -> None:
    slugs = ["cusco", "lima", "puno"]
    view = CoverageView(Scenario.BEST, offices=6, rule=Rule.RADIUS, radius_km=450, seats=("cusco", "puno"))
    assert coverage_from_query(coverage_to_query(view), slugs) == (view, [])
    assert coverage_to_query(CoverageView()) == {}
    assert coverage_to_query(CoverageView(Scenario.PLAN_2014, offices=7)) == {"scenario": "plan-2014"}
    parsed, notices = coverage_from_query({"scenario": "plan-2099", "offices": "²", "radius": "5000"}, slugs)
    assert parsed == CoverageView() and len(notices) == 3
