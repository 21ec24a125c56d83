"""Coverage page: plan 2014 vs actual 2015 vs the best k sites, on a map and in tables."""

import time

import streamlit as st
from streamlit_folium import st_folium

from lib.aggregate import region_summary
from lib.coverage import (
    Scenario,
    comparison_table,
    coverage_figures,
    covered_difference,
    office_table,
    region_values,
    run_planner,
    scenario_offices,
    uncovered_table,
)
from lib.coverage_map import coverage_layers, coverage_legend
from lib.filters import Filters, years_label
from lib.mapview import base_map, legend_html
from lib.safe import escape_markdown
from lib.shell.coverage import coverage_controls, init_from_url
from lib.shell.loaders import dataset_or_stop, region_shapes
from lib.shell.state import current_filters
from lib.shell.views import coverage_metrics, show_notices, table_with_download
from lib.text import number, t

dataset = dataset_or_stop()
filters = current_filters()
start, end = filters.years
years = end - start + 1

st.title(t("coverage.title"))
st.caption(t("coverage.caption"))
st.caption(t("coverage.years_only", years=years_label(filters.years)))
show_notices(init_from_url(dataset))
view = coverage_controls(dataset)

# Coverage is about the whole country: only the year filter applies here.
summary = region_summary(dataset, Filters(years=filters.years))
values = region_values(summary, dataset.regions, dataset.population, filters.years)
slugs = dataset.region_lookup("region_id", "slug")
names = dataset.region_lookup("region_id", "name")
started = time.perf_counter()
plan, best_offices = run_planner(view, values, slugs)
planner_ms = (time.perf_counter() - started) * 1000
scenarios = {
    Scenario.PLAN_2014: scenario_offices(dataset.offices, Scenario.PLAN_2014),
    Scenario.ACTUAL_2015: scenario_offices(dataset.offices, Scenario.ACTUAL_2015),
    Scenario.BEST: best_offices,
}
offices = scenarios[view.scenario]
label = t(f"scenario.{view.scenario.value}")

coverage_metrics(coverage_figures(offices, values, years))
map_column, legend_column = st.columns([3, 1])
with legend_column:
    basemap = st.toggle(t("map.basemap"), value=False, key="coverage_basemap", help=t("map.basemap_help"))
    entries = coverage_legend(offices, values)
    title = t("coverage.legend.title", scenario=f"{label}, {years_label(filters.years)}")
    st.markdown(legend_html(title, entries, hub_outline=False), unsafe_allow_html=True)
    st.caption(t("coverage.legend.area"))
with map_column:
    shapes = region_shapes()
    st_folium(
        base_map(shapes, basemap),
        key="coverage_map",
        height=600,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=coverage_layers(shapes, dataset.geometry, values, offices, label),
    )

st.subheader(t("coverage.compare.header"))
comparison = comparison_table([(t(f"scenario.{s.value}"), scenarios[s]) for s in Scenario], values, years)
table_with_download(comparison, "comparison", filters)
plan_2014, actual_2015 = scenarios[Scenario.PLAN_2014], scenarios[Scenario.ACTUAL_2015]
none = t("coverage.none")
st.caption(
    t(
        "coverage.compare.diff",
        added=escape_markdown(", ".join(covered_difference(best_offices, plan_2014, names)) or none),
        dropped=escape_markdown(", ".join(covered_difference(plan_2014, best_offices, names)) or none),
        added_actual=escape_markdown(", ".join(covered_difference(best_offices, actual_2015, names)) or none),
        dropped_actual=escape_markdown(", ".join(covered_difference(actual_2015, best_offices, names)) or none),
    )
    + " "
    + t("coverage.planner_time", ms=number(planner_ms))
)
st.subheader(t("coverage.offices.header"))
table_with_download(office_table(offices, values, years), f"offices-{view.scenario.value}", filters)
st.subheader(t("coverage.uncovered.header"))
table_with_download(uncovered_table(offices, values), f"uncovered-{view.scenario.value}", filters)
st.caption(t("caveat"))
