"""Coverage page: plan 2014 vs actual 2015 vs the best k sites, on a map and in tables."""

import streamlit as st

from lib.labels import label
from lib.map.legend import legend_html
from lib.map.publish import Seat
from lib.shell import keys
from lib.shell.cite import cite_this_view, page_view
from lib.shell.coverage import coverage_controls, view_from_url
from lib.shell.exports import export_lines, export_section, page_export, view_link
from lib.shell.figures import per_data
from lib.shell.loaders import dataset_or_stop
from lib.shell.maps import region_map
from lib.shell.state import current_filters
from lib.shell.views import coverage_metrics, page_header, planner_caption, table_with_download
from lib.text import t
from lib.views.coverage.drawing import coverage_layers
from lib.views.coverage.page import coverage_drawing, coverage_page
from lib.views.coverage.view import coverage_to_query

dataset = dataset_or_stop()
filters = current_filters()

page_header(t("coverage.title"), t("coverage.caption"), view_from_url(dataset))
st.caption(t("coverage.years_only", count=len(dataset.regions), years=filters.years.label))
view = coverage_controls(dataset)

page = per_data(coverage_page, dataset, filters.years, view, given=(label,), in_language=True)
drawing = coverage_drawing(dataset, page)
coverage_metrics(page.figures, page.ranges)
map_column, legend_column = st.columns([3, 1])
with legend_column:
    basemap = st.toggle(t("map.basemap"), value=False, key=keys.COVERAGE_BASEMAP, help=t("map.basemap_help"))
    title = t("coverage.legend.title", scenario=f"{label(view.scenario)}, {filters.years.label}")
    st.markdown(legend_html(title, drawing.legend, hub_outline=False), unsafe_allow_html=True)
    st.caption(t("coverage.legend.area"))
with map_column:
    region_map(
        dataset,
        keys.COVERAGE_MAP,
        lambda shapes: [
            coverage_layers(shapes, drawing.paints, drawing.areas, page.values, page.offices, label(view.scenario))
        ],
        basemap,
        reports=False,
    )

export_section(
    page_export(
        dataset,
        drawing,
        title=t("coverage.title"),
        legend_title=title,
        lines=export_lines(
            dataset,
            filters.years.label,
            label(view.scenario),
            view_link(dataset, filters, coverage_to_query(view)),
        ),
        seats=[Seat(office.lat, office.lon, office.city) for office in page.offices],
        areas=drawing.areas,
    ),
    filters,
    "coverage-map",
)

st.subheader(t("coverage.compare.header"))
table_with_download(page.comparison, "comparison", filters)
planner_caption(page.differences, page.planner_ms)
st.subheader(t("coverage.offices.header"))
table_with_download(page.office_table, f"offices-{view.scenario.value}", filters)
st.subheader(t("coverage.uncovered.header"))
table_with_download(page.uncovered_table, f"uncovered-{view.scenario.value}", filters)
st.caption(t("caveat"))
cite_this_view(
    page_view(
        dataset,
        "coverage",
        t("coverage.title"),
        [filters.years.label, label(view.scenario)],
        view_link(dataset, filters, coverage_to_query(view)),
    )
)
