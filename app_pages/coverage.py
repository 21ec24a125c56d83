"""Coverage page: plan 2014 vs actual 2015 vs the best k sites, on a map and in tables."""

import streamlit as st
from streamlit_folium import st_folium

from lib.aggregate import region_summary
from lib.coverage.figures import (
    comparison_table,
    coverage_figures,
    covered_ranges,
    office_table,
    region_values,
    scenario_differences,
    uncovered_table,
)
from lib.coverage.offices import Scenario, scenario_offices
from lib.coverage.planner import run_planner
from lib.coverage.view import coverage_to_query
from lib.filters import Filters
from lib.labels import label
from lib.map.context import labels_layer, with_context
from lib.map.coverage import coverage_layers, coverage_legend, coverage_paints, office_areas
from lib.map.leaflet import base_map
from lib.map.legend import legend_html
from lib.map.publish import Seat
from lib.shell import keys
from lib.shell.coverage import coverage_controls, view_from_url
from lib.shell.exports import export_lines, export_section, page_export, view_link
from lib.shell.figures import place_labels
from lib.shell.loaders import dataset_or_stop, region_shapes
from lib.shell.state import current_filters
from lib.shell.views import coverage_metrics, page_header, planner_caption, table_with_download
from lib.text import t

dataset = dataset_or_stop()
filters = current_filters()
years = filters.years.year_count

page_header(t("coverage.title"), t("coverage.caption"), view_from_url(dataset))
st.caption(t("coverage.years_only", count=len(dataset.regions), years=filters.years.label))
view = coverage_controls(dataset)

# Coverage is about the whole country: only the year filter applies here.
summary = region_summary(dataset, Filters(years=filters.years))
values = region_values(summary, dataset.regions, dataset.population, filters.years)
planner = run_planner(view, values, dataset.region_lookup("region_id", "slug"))
scenarios = {
    Scenario.PLAN_2014: scenario_offices(dataset.offices, Scenario.PLAN_2014),
    Scenario.ACTUAL_2015: scenario_offices(dataset.offices, Scenario.ACTUAL_2015),
    Scenario.BEST: planner.offices,
}
offices = scenarios[view.scenario]

shown_figures = coverage_figures(offices, values, years)
coverage_metrics(shown_figures, covered_ranges(shown_figures, offices, filters.years, dataset.solver))
paints = coverage_paints(values, offices)
areas = office_areas(dataset.geometry, offices)
legend = coverage_legend(offices, values)
map_column, legend_column = st.columns([3, 1])
with legend_column:
    basemap = st.toggle(t("map.basemap"), value=False, key=keys.COVERAGE_BASEMAP, help=t("map.basemap_help"))
    title = t("coverage.legend.title", scenario=f"{label(view.scenario)}, {filters.years.label}")
    st.markdown(legend_html(title, legend, hub_outline=False), unsafe_allow_html=True)
    st.caption(t("coverage.legend.area"))
with map_column:
    shapes = region_shapes()
    st_folium(
        with_context(base_map(shapes, basemap), shapes, dataset.context),
        key=keys.COVERAGE_MAP,
        height=600,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=[
            coverage_layers(shapes, paints, areas, values, offices, label(view.scenario)),
            labels_layer(place_labels(dataset, region_names=False)),
        ],
    )

export_section(
    page_export(
        dataset,
        paints=paints,
        patterns=[],
        selected=None,
        title=t("coverage.title"),
        legend_title=title,
        legend=legend,
        hub_outline_label=None,
        lines=export_lines(
            dataset,
            filters.years.label,
            label(view.scenario),
            view_link(dataset, filters, coverage_to_query(view)),
        ),
        seats=[Seat(office.lat, office.lon, office.city) for office in offices],
        areas=areas,
    ),
    filters,
    "coverage-map",
)

st.subheader(t("coverage.compare.header"))
comparison = comparison_table([(label(s), scenarios[s]) for s in Scenario], values, filters.years, dataset.solver)
table_with_download(comparison, "comparison", filters)
names = dataset.region_lookup("region_id", "name")
plan_2014, actual_2015 = scenarios[Scenario.PLAN_2014], scenarios[Scenario.ACTUAL_2015]
planner_caption(scenario_differences(planner.offices, plan_2014, actual_2015, names), planner.elapsed_ms)
st.subheader(t("coverage.offices.header"))
table_with_download(office_table(offices, values, years), f"offices-{view.scenario.value}", filters)
st.subheader(t("coverage.uncovered.header"))
table_with_download(uncovered_table(offices, values), f"uncovered-{view.scenario.value}", filters)
st.caption(t("caveat"))
