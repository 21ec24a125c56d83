"""AppTest: the coverage page, both scenarios, the planner, deep links."""

from pathlib import Path

import pandas as pd
import pytest

from lib.shell import keys
from lib.vocabulary import Rule, Scenario
from tests.app.helpers import APP, metric, open_app

PAGE = "app_pages/coverage.py"
CASES = pd.read_csv(Path(APP).parent / "data" / "cases.csv", dtype={"region_id": str})
ACTUAL_2015 = ["15", "07", "08", "17", "21", "24", "16", "23"]


def test_actual_2015_is_the_default() -> None:
    at = open_app(
        PAGE,
    )
    covered = CASES[CASES["region_id"].isin(ACTUAL_2015) & CASES["year"].between(2007, 2014)]["cases"].sum()
    assert metric(at, "Cases covered") == f"{int(covered):,}"
    assert metric(at, "Regions covered") == "8"
    assert "scenario" not in at.query_params


def test_deep_link_plan_2014_with_assumed_coverage() -> None:
    at = open_app(PAGE, scenario="plan-2014")
    assert at.session_state[keys.COVERAGE_SCENARIO] is Scenario.PLAN_2014
    assert metric(at, "Regions covered") == "4"
    cases = next(m for m in at.metric if m.label == "Cases covered")
    assert "assumed" in str(cases.delta)
    assert at.query_params["scenario"] == "plan-2014"
    comparison = at.dataframe[0].value
    assert comparison["scenario"].tolist() == [
        "Plan 2014 (4 offices)",
        "Actual 2015 (8 offices)",
        "Best k sites (planner)",
    ]


@pytest.mark.parametrize(
    ("k", "rule", "radius"), [(1, Rule.OWN_REGION, 0), (4, Rule.RADIUS, 300), (8, Rule.RADIUS, 600)]
)
def test_planner_settings(k: int, rule: Rule, radius: int) -> None:
    at = open_app(PAGE, scenario="best")
    at.slider(key=keys.COVERAGE_OFFICES).set_value(k).run()
    at.radio(key=keys.COVERAGE_RULE).set_value(rule).run()
    if rule is Rule.RADIUS:
        at.slider(key=keys.COVERAGE_RADIUS).set_value(radius).run()
    assert not at.exception
    best = at.dataframe[0].value.iloc[2]
    assert best["offices"] == k
    assert at.query_params["scenario"] == "best"
    if k != 4:
        assert at.query_params["offices"] == str(k)


def test_planner_beats_or_equals_the_real_offices_with_the_same_k() -> None:
    at = open_app(PAGE, scenario="best", offices="8")
    comparison = at.dataframe[0].value.set_index("offices")
    assert comparison["cases_covered"].iloc[2] >= comparison["cases_covered"].iloc[1]


def test_candidate_subset_and_junk() -> None:
    at = open_app(PAGE, scenario="best", offices="2", seats="tacna,puno,atlantis")
    assert any("atlantis" in w.value for w in at.warning)
    seats = at.dataframe[0].value.iloc[2]["seats"]
    assert set(seats.split(", ")) == {"Tacna", "Puno"}


def test_year_filter_applies() -> None:
    at = open_app(PAGE, years="2012")
    covered = CASES[CASES["region_id"].isin(ACTUAL_2015) & (CASES["year"] == 2012)]["cases"].sum()
    assert metric(at, "Cases covered") == f"{int(covered):,}"


def test_year_without_data() -> None:
    at = open_app(PAGE, years="2006")
    assert metric(at, "Cases covered") == "no data"


def test_planner_inputs_survive_a_visit_to_another_page() -> None:
    at = open_app(PAGE, scenario="best", offices="6", rule="radius", radius="450", seats="cusco,puno,lima")
    at.switch_page("app_pages/trends.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.session_state[keys.COVERAGE_SCENARIO] is Scenario.BEST
    assert at.session_state[keys.COVERAGE_OFFICES] == 6 and at.session_state[keys.COVERAGE_RADIUS] == 450
    assert at.session_state[keys.COVERAGE_RULE] is Rule.RADIUS
    assert sorted(at.session_state[keys.COVERAGE_SEATS]) == ["08", "15", "21"]
    assert at.query_params["offices"] == "6"
