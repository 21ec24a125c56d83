"""Map page: the choropleth, headline figures, region detail, table and downloads.

The figures are computed once per view and shared across sessions (lib.shell.figures); the
part below the map waits for the map to draw on a session's first visit (lib.shell.deferred).
"""

import streamlit as st

from lib.export import download_name
from lib.map.choropleth import choropleth_layers, legend_title
from lib.map.legend import legend_html
from lib.safe import escape_markdown
from lib.shell import keys
from lib.shell.cite import cite_this_view, page_view
from lib.shell.deferred import draw_rest_later, map_drawn
from lib.shell.exports import export_lines, export_section, page_export, view_link
from lib.shell.figures import map_page_drawing, map_page_figures
from lib.shell.loaders import dataset_or_stop
from lib.shell.maps import region_map
from lib.shell.state import current_filters
from lib.shell.views import (
    detail_panel,
    empty_state,
    filter_text,
    handle_map_click,
    headline_metrics,
    page_header,
    rows_table,
)
from lib.text import t

dataset = dataset_or_stop()
filters = current_filters()
page_header(t("app.title"), t("app.subtitle", years=dataset.year_range.whole.label))

view = map_page_figures(dataset, filters)
summary, figures = view.summary, view.headline
headline_metrics(figures, len(dataset.regions))
basis_line = t("metrics.basis_counts", total=len(view.rows), **view.basis)
st.caption(basis_line)
if figures.years_without_data:
    st.info(t("filters.years_without_data", years=", ".join(map(str, figures.years_without_data))))
if figures.years_without_population:
    st.info(t("filters.years_without_population", years=", ".join(map(str, figures.years_without_population))))

if view.classes is None:
    empty_state()
    st.stop()

map_column, legend_column = st.columns([3, 1])
with legend_column:
    outline_hubs = st.toggle(t("map.outline_hubs"), value=True, key=keys.OUTLINE_HUBS)
    basemap = st.toggle(t("map.basemap"), value=False, key=keys.BASEMAP, help=t("map.basemap_help"))
    names_on = st.toggle(t("map.labels"), value=False, key=keys.LABELS)
    drawing = map_page_drawing(dataset, filters, view, outline_hubs)
    st.markdown(legend_html(legend_title(filters), drawing.legend, outline_hubs), unsafe_allow_html=True)
with map_column:
    selected = dataset.region_lookup("slug", "region_id").get(filters.selected or "")
    result = region_map(
        dataset,
        keys.CASE_MAP,
        lambda shapes: choropleth_layers(shapes, drawing.paints, selected, drawing.patterns),
        basemap,
        region_names=names_on,
    )
    st.caption(t("map.caption"))
    st.caption(escape_markdown(t("map.summary", summary=drawing.text)))
handle_map_click(result, dataset)


cited = page_view(dataset, "map", t("app.title"), [filter_text(dataset, filters)], view_link(dataset, filters))


def lower_part() -> None:
    """Below the map: the selected region's detail, the table, the exports and downloads."""
    detail_panel(dataset, filters, summary)

    rows_table(view.table)
    export_section(
        page_export(
            dataset,
            drawing,
            selected=selected,
            title=t("app.title"),
            legend_title=legend_title(filters),
            hub_outline_label=t("legend.hub_outline") if outline_hubs else None,
            lines=export_lines(dataset, filter_text(dataset, filters), basis_line, view_link(dataset, filters)),
        ),
        filters,
        package=(cited, "region-years", view.csv),
    )
    # Built with the figures (and cached with them), not on click: Streamlit's deferred
    # (callable) downloads failed 7 of 75 times in the 25-session soak (bench/RESULTS.md).
    downloads = (
        (t("download.csv"), view.csv, "csv", "text/csv", keys.DOWNLOAD_CSV),
        (t("download.geojson"), view.geojson, "geojson", "application/geo+json", keys.DOWNLOAD_GEOJSON),
    )
    for column, (text, data, extension, mime, key) in zip(st.columns(2), downloads, strict=True):
        column.download_button(text, data, download_name(filters, extension), mime, key=key, on_click="ignore")
    st.caption(t("caveat"))
    cite_this_view(cited)


if map_drawn(result):
    lower_part()
else:
    draw_rest_later()
