"""Trends page: national series, regions over time, ranking, hubs versus the rest."""

import streamlit as st

from lib.charts import hub_chart, localised, national_chart, ranking_chart, small_multiples
from lib.filters import Metric, years_label
from lib.shell.loaders import dataset_or_stop
from lib.shell.state import current_filters, url_notices
from lib.shell.views import csv_download, empty_state, show_notices
from lib.text import t
from lib.trends import hub_groups, national_series, ranking, region_series

dataset = dataset_or_stop()
filters = current_filters()
metric_label = t(f"metric.{filters.metric.value}")
digits = 2 if filters.metric is Metric.RATE else 0

st.title(t("trends.title"))
st.caption(t("trends.caption"))
show_notices(url_notices())

st.subheader(t("trends.national.header"))
national = national_series(dataset, filters)
st.altair_chart(localised(national_chart(national)), width="stretch")
st.caption(t("trends.national.note"))
csv_download(national, "national", filters, t("download.chart"))

st.subheader(t("trends.regions.header"))
regions = region_series(dataset, filters)
if regions.empty:
    empty_state()
else:
    shared = st.toggle(t("trends.regions.shared"), value=True, key="trends_shared_scale")
    unit = t(f"metric.{filters.metric.value}.unit")
    st.altair_chart(localised(small_multiples(regions, unit, shared, digits)))
    st.caption(t("trends.regions.note"))
    csv_download(regions, "regions", filters, t("download.chart"))

    st.subheader(t("trends.ranking.header", years=years_label(filters.years)))
    ranked = ranking(dataset, filters)
    st.altair_chart(localised(ranking_chart(ranked, metric_label, digits)), width="stretch")
    csv_download(ranked, "ranking", filters, t("download.chart"))

st.subheader(t("trends.hubs.header"))
groups = hub_groups(dataset, filters)
cases_column, rate_column = st.columns(2)
cases_column.altair_chart(localised(hub_chart(groups, "cases", t("trends.hubs.cases"), 0)), width="stretch")
rate_column.altair_chart(localised(hub_chart(groups, "rate", t("trends.hubs.rate"), 2)), width="stretch")
st.caption(t("trends.hubs.caveat"))
csv_download(groups, "hubs", filters, t("download.chart"))
st.caption(t("caveat"))
