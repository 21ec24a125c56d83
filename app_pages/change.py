"""Change page: what changed between two periods, and where the sources can tell.

The figures and their drawing are computed once per view and shared across sessions
(lib.shell.change); the change map reuses the map page's layers, legend and exports; the
part below the map waits for the map to draw on a session's first visit (lib.shell.deferred).
"""

import streamlit as st

from lib.export import download_name
from lib.labels import group_label, unit, yearly_unit
from lib.map.choropleth import METRIC_DIGITS, choropleth_layers
from lib.map.leaflet import RegionPaint
from lib.map.legend import legend_html
from lib.safe import escape_markdown
from lib.shell import keys
from lib.shell.change import change_page_drawing, change_page_figures, link_notices, period_controls, small_map
from lib.shell.cite import cite_this_view, page_view
from lib.shell.deferred import draw_rest_later, map_drawn
from lib.shell.exports import export_lines, export_section, page_export, view_link
from lib.shell.loaders import bundled_dataset_or_stop, dataset_or_stop
from lib.shell.maps import region_map
from lib.shell.settle import what_would_settle_it, why_this_range
from lib.shell.state import current_filters
from lib.shell.views import (
    change_table,
    csv_download,
    empty_state,
    filter_text,
    handle_map_click,
    page_header,
)
from lib.text import t
from lib.views.change.drawing import SELECTION_STYLE, legend_title, no_ranges_text
from lib.views.change.questions import change_questions
from lib.views.change.weights import NATIONAL

dataset = dataset_or_stop()
filters = current_filters()
page_header(t("change.title"), t("change.caption"), link_notices(dataset))
periods = period_controls(dataset)
a, b = periods.a.label, periods.b.label
st.caption(t("change.averages", a=a, b=b))

if periods.a == periods.b:
    st.info(t("change.same"))
    st.stop()  # app.py still writes the address
if periods.overlapping:
    st.warning(t("change.overlap", a=a, b=b), icon=":material/join_inner:")

view = change_page_figures(dataset, filters, periods)
if view.years_without_population:
    years = ", ".join(map(str, view.years_without_population))
    st.info(t("filters.years_without_population", years=years))
if not view.regions["in_filter"].any():
    empty_state()  # no region passes the filter: not "no data in one of the periods"
    st.stop()
drawing = change_page_drawing(dataset, filters, view)
st.markdown(escape_markdown(drawing.text))

selected = dataset.region_lookup("slug", "region_id").get(filters.selected or "")
title = legend_title(view)
map_column, legend_column = st.columns([3, 1])
with legend_column:
    basemap = st.toggle(t("map.basemap"), value=False, key=keys.CHANGE_BASEMAP, help=t("map.basemap_help"))
    st.markdown(legend_html(title, drawing.legend, hub_outline=False), unsafe_allow_html=True)
with map_column:
    result = region_map(
        dataset,
        keys.CHANGE_MAP,
        lambda shapes: choropleth_layers(shapes, drawing.paints, selected, drawing.patterns, SELECTION_STYLE),
        basemap,
    )
    st.caption(t("change.map_caption"))
handle_map_click(result, dataset)

cited = page_view(
    dataset,
    "change",
    t("change.export.title", a=a, b=b),
    [t("change.export.view", a=a, b=b, filters=filter_text(dataset, filters, with_years=False))],
    view_link(dataset, filters, periods.to_query()),
)


def lower_part() -> None:
    """Below the map: the period maps, the tables and downloads, the exports."""
    st.subheader(t("change.periods.header"))
    st.caption(t("change.periods.caption"))
    selection = [RegionPaint(selected, SELECTION_STYLE)] if selected else []
    *period_columns, legend_column = st.columns([2, 2, 1])
    for column, label_text, years, paints, text in zip(
        period_columns, ("A", "B"), (periods.a, periods.b), drawing.period_paints, drawing.period_texts, strict=True
    ):
        caption = t("change.periods.map", label=label_text, years=years.label, unit=yearly_unit(view.metric))
        alt = t("change.periods.alt", label=label_text, years=years.label, summary=text)
        column.image(small_map(dataset, [*paints, *selection]), caption=caption, width="stretch", alt=alt)
    legend_column.markdown(
        legend_html(t("change.periods.legend", unit=unit(view.metric)), drawing.period_legend, hub_outline=False),
        unsafe_allow_html=True,
    )

    st.subheader(t("change.table.header"))
    # File names say both periods: peru-trafficking_change_2007-2010_vs_2011-2014.csv
    change_table(view.shown(), "region", unit(view.metric), from_added_figures())
    downloads = (
        (t("change.download.csv"), view.csv, "csv", "text/csv", keys.download("change_csv")),
        (
            t("change.download.geojson"),
            view.geojson,
            "geojson",
            "application/geo+json",
            keys.download("change_geojson"),
        ),
    )
    for column, (text, data, extension, mime, key) in zip(st.columns(2), downloads, strict=True):
        column.download_button(
            text, data, download_name(filters, extension, "change", periods.text), mime, key=key, on_click="ignore"
        )
    st.subheader(t("change.groups.header"))
    groups = view.groups.assign(group=view.groups["group"].map(group_label))
    change_table(groups, "group", unit(view.metric))
    csv_download(view.groups, "change-groups", filters, span=periods.text)
    explain_change()

    export_section(
        page_export(
            dataset,
            drawing,
            selected=selected,
            selection_style=SELECTION_STYLE,
            title=t("change.export.title", a=a, b=b),
            legend_title=title,
            lines=export_lines(
                dataset,
                t("change.export.view", a=a, b=b, filters=filter_text(dataset, filters, with_years=False)),
                t("change.export.basis") if view.ranged else no_ranges_text(view),
                view_link(dataset, filters, periods.to_query()),
            ),
        ),
        filters,
        "change-map",
        periods.text,
        package=(cited, "change", view.csv),
    )
    st.caption(t("caveat"))
    cite_this_view(cited)


def from_added_figures() -> frozenset[str]:
    """The regions whose verdict the analyst's added figures gave (none without them)."""
    if dataset.added is None:
        return frozenset()
    sources_alone = change_page_figures(bundled_dataset_or_stop(), filters, periods).regions.set_index("region_id")
    now = view.regions.set_index("region_id")
    return frozenset(now.index[now["verdict"] != sources_alone.loc[now.index, "verdict"]])


def explain_change() -> None:
    """What holds the selected region's change (the country's when none is selected) and
    each group's, and which figures would settle the selected one."""
    subject = selected or NATIONAL
    name = dataset.region_lookup("region_id", "name")[selected] if selected else group_label(NATIONAL)
    st.subheader(t("explain.change.header", subject=escape_markdown(name)))
    questions = change_questions(dataset, filters, periods)
    question = questions.get(subject)
    why_this_range(dataset, question, name)
    for group in view.groups["group"]:
        if group != subject:
            why_this_range(dataset, questions.get(group), group_label(group))
    what_would_settle_it(
        dataset,
        filters,
        question,
        t("explain.subject.change", region=name),
        yearly_unit(view.metric),
        f"settle-{dataset.region_lookup('region_id', 'slug').get(subject, subject)}",
        periods.text,
        METRIC_DIGITS[view.metric] + 1,
    )


# As on the map page: on a session's first visit the rest waits for the map to draw.
if map_drawn(result):
    lower_part()
else:
    draw_rest_later()
