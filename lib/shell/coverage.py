"""Coverage page widgets and their URL parameters."""

from __future__ import annotations

import streamlit as st

from lib.data import Dataset
from lib.labels import label
from lib.shell import keys
from lib.shell.state import query_params, region_multiselect, set_page_query
from lib.text import t
from lib.views.coverage.view import CoverageView, coverage_from_query, coverage_to_query
from lib.vocabulary import MAX_OFFICES, MAX_RADIUS_KM, Rule, Scenario

RADIUS_STEP_KM = 25


def _write_widgets(view: CoverageView, dataset: Dataset) -> None:
    ids = dataset.region_lookup("slug", "region_id")
    for field, key in keys.COVERAGE_WIDGETS.items():
        value = getattr(view, field)
        st.session_state[key] = [ids[slug] for slug in value] if field == "seats" else value


def view_from_url(dataset: Dataset) -> list[str]:
    """On entering the page, set its widgets (through :data:`keys.COVERAGE_WIDGETS`): from
    the URL on the session's first visit, from the view the analyst left on a later one
    (Streamlit forgets a widget's value when a run does not draw it); return what the link
    had that was ignored."""
    stored = st.session_state.get(keys.COVERAGE_VIEW)
    if stored is None:
        view, notices = coverage_from_query(query_params(), list(dataset.regions["slug"]))
        _write_widgets(view, dataset)
        st.session_state[keys.COVERAGE_VIEW] = view
        st.session_state[keys.COVERAGE_NOTICES] = notices
    elif keys.COVERAGE_SCENARIO not in st.session_state:
        _write_widgets(stored, dataset)
    return list(st.session_state.get(keys.COVERAGE_NOTICES, []))


def coverage_controls(dataset: Dataset) -> CoverageView:
    """Scenario selector and planner inputs; returns the view and mirrors it in the URL."""
    st.radio(t("coverage.scenario"), list(Scenario), format_func=label, key=keys.COVERAGE_SCENARIO, horizontal=True)
    slugs = dataset.region_lookup("region_id", "slug")
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
    values = {field: st.session_state[key] for field, key in keys.COVERAGE_WIDGETS.items()}
    values["seats"] = tuple(slugs[region_id] for region_id in sorted(values["seats"]))
    view = CoverageView(**values)
    st.session_state[keys.COVERAGE_VIEW] = view
    set_page_query(coverage_to_query(view))
    return view
