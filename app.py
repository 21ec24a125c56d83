"""Entry point: page config, shared data and filters, navigation."""

import streamlit as st

from lib.assets import ensure_leaflet
from lib.shell.loaders import dataset_or_stop
from lib.shell.state import init_from_url, sidebar_filters, sync_url
from lib.text import t

st.set_page_config(page_title=t("app.title"), page_icon="🗺️", layout="wide")
ensure_leaflet()

dataset = dataset_or_stop()
init_from_url(dataset)
page = st.navigation([st.Page("pages/map.py", title=t("nav.map"), url_path="", default=True)])
filters = sidebar_filters(dataset)
st.session_state["filters"] = filters
page.run()
sync_url(st.session_state["filters"], dataset)
