"""Coverage page widgets and their URL parameters."""

from __future__ import annotations

import streamlit as st

from lib.data import Dataset
from lib.labels import label
from lib.shell import keys
from lib.shell.state import region_multiselect
from lib.shell.url import UrlState
from lib.text import t
from lib.views.coverage.view import CoverageCodec, CoverageView
from lib.vocabulary import MAX_OFFICES, MAX_RADIUS_KM, Rule, Scenario

RADIUS_STEP_KM = 25


COVERAGE = UrlState(
    CoverageCodec(), keys.COVERAGE_WIDGETS, keys.COVERAGE_VIEW, keys.COVERAGE_NOTICES, keys.COVERAGE_YEARS
)


def view_from_url(dataset: Dataset) -> list[str]:
    """On entering the page, set its widgets: from the URL on the session's first visit,
    from the view the analyst left on a later one; return what the link had that was ignored."""
    return COVERAGE.enter(dataset)


def coverage_controls(dataset: Dataset) -> CoverageView:
    """Scenario selector and planner inputs; returns the view and mirrors it in the URL."""
    st.radio(t("coverage.scenario"), list(Scenario), format_func=label, key=keys.COVERAGE_SCENARIO, horizontal=True)
    with st.expander(t("coverage.planner"), expanded=st.session_state[keys.COVERAGE_SCENARIO] is Scenario.BEST):
        st.caption(t("coverage.planner_help"))
        left, right = st.columns(2)
        left.slider(t("coverage.offices"), 1, MAX_OFFICES, key=keys.COVERAGE_OFFICES)
        left.radio(t("coverage.rule"), list(Rule), format_func=label, key=keys.COVERAGE_RULE)
        right.slider(
            t("coverage.radius"),
            0,
            MAX_RADIUS_KM,
            step=RADIUS_STEP_KM,
            key=keys.COVERAGE_RADIUS,
            disabled=st.session_state[keys.COVERAGE_RULE] is Rule.OWN_REGION,
        )
        region_multiselect(right, dataset, t("coverage.seats"), keys.COVERAGE_SEATS, t("coverage.seats_placeholder"))
    return COVERAGE.read(dataset)
