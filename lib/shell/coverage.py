"""Coverage page widgets and their URL parameters."""

from __future__ import annotations

import streamlit as st

from lib.coverage import (
    MAX_OFFICES,
    MAX_RADIUS_KM,
    CoverageView,
    Rule,
    Scenario,
    coverage_from_query,
    coverage_to_query,
)
from lib.data import Dataset
from lib.shell.state import region_multiselect, set_page_query
from lib.text import t

KEY_SCENARIO = "coverage_scenario"
KEY_OFFICES = "coverage_offices"
KEY_RULE = "coverage_rule"
KEY_RADIUS = "coverage_radius"
KEY_SEATS = "coverage_seats"
KEY_NOTICES = "coverage_notices"
RADIUS_STEP_KM = 25


def init_from_url(dataset: Dataset) -> list[str]:
    """On entering the page, set its widgets from the URL; return what was ignored."""
    if KEY_SCENARIO not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        view, notices = coverage_from_query(params, list(dataset.regions["slug"]))
        ids = dataset.region_lookup("slug", "region_id")
        st.session_state[KEY_SCENARIO] = view.scenario
        st.session_state[KEY_OFFICES] = view.offices
        st.session_state[KEY_RULE] = view.rule
        st.session_state[KEY_RADIUS] = view.radius_km
        st.session_state[KEY_SEATS] = [ids[slug] for slug in view.seats]
        st.session_state[KEY_NOTICES] = notices
    return list(st.session_state.get(KEY_NOTICES, []))


def coverage_controls(dataset: Dataset) -> CoverageView:
    """Scenario selector and planner inputs; returns the view and mirrors it in the URL."""
    st.radio(
        t("coverage.scenario"),
        list(Scenario),
        format_func=lambda scenario: t(f"scenario.{scenario.value}"),
        key=KEY_SCENARIO,
        horizontal=True,
    )
    slugs = dataset.region_lookup("region_id", "slug")
    with st.expander(t("coverage.planner"), expanded=st.session_state[KEY_SCENARIO] is Scenario.BEST):
        st.caption(t("coverage.planner_help"))
        left, right = st.columns(2)
        left.slider(t("coverage.offices"), 1, MAX_OFFICES, key=KEY_OFFICES)
        left.radio(t("coverage.rule"), list(Rule), format_func=lambda rule: t(f"rule.{rule.value}"), key=KEY_RULE)
        right.slider(
            t("coverage.radius"),
            0,
            MAX_RADIUS_KM,
            step=RADIUS_STEP_KM,
            key=KEY_RADIUS,
            disabled=st.session_state[KEY_RULE] is Rule.OWN_REGION,
        )
        region_multiselect(right, dataset, t("coverage.seats"), KEY_SEATS, t("coverage.seats_placeholder"))
    view = CoverageView(
        scenario=st.session_state[KEY_SCENARIO],
        offices=st.session_state[KEY_OFFICES],
        rule=st.session_state[KEY_RULE],
        radius_km=st.session_state[KEY_RADIUS],
        seats=tuple(slugs[region_id] for region_id in sorted(st.session_state[KEY_SEATS])),
    )
    set_page_query(coverage_to_query(view))
    return view
