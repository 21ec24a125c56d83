"""Map page: the choropleth, headline figures, region detail, table and downloads."""

import streamlit as st
from streamlit_folium import st_folium

from lib.aggregate import basis_counts, headline, region_summary, region_years
from lib.classify import classify, sequential_palette
from lib.export import download_name, summary_geojson
from lib.filters import years_label
from lib.mapview import (
    MapStyle,
    base_map,
    choropleth_layers,
    choropleth_paints,
    legend_entries,
    legend_html,
    map_summary,
)
from lib.safe import csv_bytes, escape_markdown
from lib.shell.loaders import dataset_or_stop, region_shapes
from lib.shell.state import current_filters, selected_region, url_notices
from lib.shell.views import detail_panel, empty_state, handle_map_click, headline_metrics, rows_table, show_notices
from lib.text import t

dataset = dataset_or_stop()
filters = current_filters()

st.title(t("app.title"))
st.caption(t("app.subtitle"))
show_notices(url_notices())

summary = region_summary(dataset, filters)
figures = headline(dataset, filters, summary)
rows = region_years(dataset, filters)
headline_metrics(figures)
st.caption(t("metrics.basis_counts", total=len(rows), **basis_counts(rows)))
if figures.years_without_data:
    st.info(t("filters.years_without_data", years=", ".join(map(str, figures.years_without_data))))

if figures.regions_shown == 0:
    empty_state()
    st.stop()

inside = summary[summary["in_filter"]].set_index("region_id")["value"]
classes = classify(inside, filters.scheme, filters.classes)
palette = sequential_palette(classes.size)
map_column, legend_column = st.columns([3, 1])
with legend_column:
    outline_hubs = st.toggle(t("map.outline_hubs"), value=True, key="map_outline_hubs")
    basemap = st.toggle(t("map.basemap"), value=False, key="map_basemap", help=t("map.basemap_help"))
    title = t("legend.title", metric=t(f"metric.{filters.metric.value}"), years=years_label(filters.years))
    st.markdown(
        legend_html(title, legend_entries(classes, palette, summary, filters), outline_hubs), unsafe_allow_html=True
    )
with map_column:
    shapes = region_shapes()
    paints = choropleth_paints(summary, filters, MapStyle(classes, palette, outline_hubs))
    result = st_folium(
        base_map(shapes, basemap),
        key="case_map",
        height=600,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked"],
        feature_group_to_add=choropleth_layers(shapes, paints, selected_region()),
    )
    st.caption(t("map.caption"))
    st.caption(escape_markdown(t("map.summary", summary=map_summary(summary, filters))))
handle_map_click(result, set(dataset.regions["region_id"]))

detail_panel(dataset, filters, summary)

rows_table(rows)
csv_column, geojson_column = st.columns(2)
# Built on every run (~10 ms), not on click: Streamlit's deferred (callable) downloads failed
# 7 of 75 times in the 25-session soak; bytes built here did not fail (bench/RESULTS.md).
csv_column.download_button(
    t("download.csv"),
    csv_bytes(rows),
    download_name(filters, "csv"),
    "text/csv",
    key="download_csv",
    on_click="ignore",
)
geojson_column.download_button(
    t("download.geojson"),
    summary_geojson(dataset.geometry, summary, filters),
    download_name(filters, "geojson"),
    "application/geo+json",
    key="download_geojson",
    on_click="ignore",
)
st.caption(t("caveat"))
