"""Entry point: page config, shared data and filters, navigation."""

import streamlit as st

from lib.map.assets import ensure_leaflet
from lib.shell.loaders import dataset_or_stop
from lib.shell.own_figures import figures_banner
from lib.shell.state import clear_page_query, filters_from_url, sidebar_filters, start_language, sync_url
from lib.shell.upload import upload_banner
from lib.shell.views import rerun_after_reconnect
from lib.text import t

start_language()
st.set_page_config(page_title=t("app.title"), page_icon="🗺️", layout="wide")
ensure_leaflet()

dataset = dataset_or_stop()
filters_from_url(dataset)
page = st.navigation(
    [
        st.Page("app_pages/map.py", title=t("nav.map"), icon=":material/map:", url_path="", default=True),
        st.Page("app_pages/change.py", title=t("nav.change"), icon=":material/compare_arrows:", url_path="change"),
        st.Page("app_pages/trends.py", title=t("nav.trends"), icon=":material/show_chart:", url_path="trends"),
        st.Page("app_pages/coverage.py", title=t("nav.coverage"), icon=":material/gavel:", url_path="coverage"),
        st.Page("app_pages/data.py", title=t("nav.data"), icon=":material/description:", url_path="data"),
    ]
)
sidebar_filters(dataset)
clear_page_query()
upload_banner()
figures_banner()
rerun_after_reconnect()
try:
    page.run()
finally:
    # Also when a page stops early (st.stop(): identical periods, no region in the filter):
    # the address must still hold the view.
    sync_url(dataset)
