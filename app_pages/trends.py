"""Trends page: national series, regions over time, ranking, hubs versus the rest."""

import streamlit as st

from lib.filters import Hubs, Metric
from lib.labels import label, unit, year_changes_text
from lib.map.choropleth import METRIC_DIGITS
from lib.safe import csv_bytes, escape_markdown
from lib.shell import keys
from lib.shell.change import year_changes
from lib.shell.cite import cite_this_view, package_download, page_view
from lib.shell.exports import view_link
from lib.shell.loaders import dataset_or_stop
from lib.shell.settle import explain_national
from lib.shell.state import current_filters
from lib.shell.views import csv_download, empty_state, filter_text, page_header
from lib.text import t
from lib.views.change.weights import NATIONAL
from lib.views.trends.charts import hub_chart, localised, national_chart, ranking_chart, small_multiples
from lib.views.trends.series import hub_groups, national_series, ranking, region_series

dataset = dataset_or_stop()
filters = current_filters()
digits = METRIC_DIGITS[filters.metric]
page_header(t("trends.title"), t("trends.caption"))

st.subheader(t("trends.national.header"))
national = national_series(dataset, filters)
st.altair_chart(localised(national_chart(national)), width="stretch")
st.caption(t("trends.national.note"))
# A line through estimates is not a trend: say which steps the sources support.
national_steps = year_changes(dataset, filters.with_changes(metric=Metric.CASES, regions=(), hubs=Hubs.ALL))
st.caption(t("trends.change.national", changes=year_changes_text(national_steps.get(NATIONAL, []))))
csv_download(national, "national", filters, t("download.chart"))
cited = page_view(dataset, "trends", t("trends.title"), [filter_text(dataset, filters)], view_link(dataset, filters))
package_download(cited, "national-series", csv_bytes(national), filters)
explain_national(dataset, filters)

st.subheader(t("trends.regions.header"))
regions = region_series(dataset, filters)
if regions.empty:
    empty_state()
else:
    shared = st.toggle(t("trends.regions.shared"), value=True, key=keys.SHARED_SCALE)
    st.altair_chart(localised(small_multiples(regions, unit(filters.metric), shared, digits)))
    st.caption(t("trends.regions.note"))
    steps, shown = year_changes(dataset, filters), set(regions["region"])
    by_region = "; ".join(
        f"{row.name}: {year_changes_text(steps.get(row.region_id, []))}"
        for row in dataset.regions.itertuples()
        if row.name in shown
    )
    st.caption(escape_markdown(t("trends.change.regions", changes=by_region)))
    csv_download(regions, "regions", filters, t("download.chart"))

    st.subheader(t("trends.ranking.header", years=filters.years.label))
    ranked = ranking(dataset, filters)
    st.altair_chart(localised(ranking_chart(ranked, label(filters.metric), digits)), width="stretch")
    csv_download(ranked, "ranking", filters, t("download.chart"))

st.subheader(t("trends.hubs.header"))
groups = hub_groups(dataset, filters)
cases_column, rate_column = st.columns(2)
cases_column.altair_chart(localised(hub_chart(groups, "cases", t("trends.hubs.cases"), 0)), width="stretch")
rate_column.altair_chart(localised(hub_chart(groups, "rate", t("trends.hubs.rate"), 2)), width="stretch")
st.caption(t("trends.hubs.caveat"))
csv_download(groups, "hubs", filters, t("download.chart"))
st.caption(t("caveat"))
cite_this_view(cited)
