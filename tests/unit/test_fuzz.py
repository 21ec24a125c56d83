"""Long fuzzing runs: 10,000 examples each, every example bounded in time."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.filters import filters_from_query
from lib.upload import read_cases_upload
from lib.views.coverage.planner import best_plan
from lib.years import YearRange

LONG = settings(max_examples=10_000, deadline=1000, suppress_health_check=[HealthCheck.too_slow])
YEARS = YearRange(first=2006, last=2014, default=(2007, 2014))
SLUGS = ["cusco", "lima", "madre-de-dios"]


@LONG
@given(st.binary(max_size=2000))
def test_upload_validator_on_arbitrary_bytes(bundled_regions, data: bytes) -> None:
    result = read_cases_upload(data, "fuzz.csv", bundled_regions)
    assert result.accepted or result.problems


@LONG
@given(
    st.dictionaries(st.text(max_size=10), st.one_of(st.text(max_size=40), st.lists(st.text(max_size=20), max_size=3)))
)
def test_url_parser_on_arbitrary_query_strings(params) -> None:
    filters, notices = filters_from_query(params, YEARS, SLUGS)
    assert YEARS.first <= filters.years[0] <= filters.years[1] <= YEARS.last
    assert set(filters.regions) <= set(SLUGS)


@st.composite
def planner_instances(draw):
    regions = [f"r{i}" for i in range(draw(st.integers(1, 7)))]
    coverage = {r: frozenset({r} | set(draw(st.lists(st.sampled_from(regions), max_size=3)))) for r in regions}
    cases = {r: draw(st.integers(0, 9)) for r in regions}
    population = {r: draw(st.integers(0, 3)) for r in regions}
    names = {r: draw(st.sampled_from("ABCDEFG")) + r for r in regions}
    return regions, coverage, cases, population, names, draw(st.integers(1, 4))


@LONG
@given(planner_instances())
def test_planner_against_brute_force(instance) -> None:
    regions, coverage, cases, population, names, k = instance
    plan = best_plan(regions, coverage, cases, population, names, k)
    best_score = max(
        (sum(cases[r] for r in covered), sum(population[r] for r in covered))
        for combo in itertools.combinations(regions, min(k, len(regions)))
        for covered in [set().union(*(coverage[seat] for seat in combo))]
    )
    assert (plan.cases, plan.population) == best_score  # the name tie-break is checked in test_coverage
