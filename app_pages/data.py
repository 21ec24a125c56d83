"""Data page: what a case is, data quality, sources, method, bundled files, own data upload."""

import streamlit as st

from lib.labels import label
from lib.safe import markdown_without_images
from lib.shell import keys
from lib.shell.cite import cite_this_view, page_view
from lib.shell.exports import view_link
from lib.shell.loaders import bundled_dataset_or_stop, dataset_or_stop
from lib.shell.method import model_section, registers_section, wishlist_section
from lib.shell.own_figures import figures_section
from lib.shell.state import current_filters
from lib.shell.upload import upload_section
from lib.shell.views import page_header
from lib.sources import data_quality, source_links
from lib.text import current_language, t
from lib.validate import Basis

dataset = dataset_or_stop()
bundled = bundled_dataset_or_stop()
page_header(t("data.title"), t("data.caption"))
st.info(t("caveat"))

st.subheader(t("data.quality.header"))
quality_columns = {
    "year": st.column_config.NumberColumn(t("table.year"), format="%d"),
    **{basis.value: st.column_config.NumberColumn(label(basis)) for basis in Basis},
    "regions": st.column_config.NumberColumn(t("data.quality.regions")),
}
st.dataframe(data_quality(dataset.cases), hide_index=True, width="stretch", column_config=quality_columns)
st.caption(t("data.quality.note"))

upload_section(bundled)
figures_section(bundled)

model_section(bundled)
wishlist_section(bundled)
registers_section(bundled)

st.subheader(t("data.links.header"))
link_columns = {
    "url": st.column_config.LinkColumn(t("data.links.url")),
    "files": st.column_config.TextColumn(t("data.links.files")),
    "periods": st.column_config.TextColumn(t("data.links.periods")),
    "register": st.column_config.TextColumn(t("data.links.register")),
    "figures": st.column_config.NumberColumn(t("data.links.figures")),
}
st.dataframe(source_links(bundled.sources), hide_index=True, width="stretch", column_config=link_columns)

st.subheader(t("data.files.header"))
chosen = st.selectbox(t("data.files.pick"), list(bundled.files))
if chosen is not None:
    st.download_button(
        t("data.files.download", name=chosen.rsplit("/", 1)[-1]),
        bundled.files[chosen],
        chosen.rsplit("/", 1)[-1],
        key=keys.DOWNLOAD_BUNDLED,
        on_click="ignore",
    )

st.subheader(t("data.method.header"))
document = bundled.documents.get("SOURCES.es.md" if current_language() == "es" else "SOURCES.md")
document = document or bundled.documents.get("SOURCES.md")
if document:
    # The deployment's own documentation, rendered as markdown without HTML or images.
    text, images_dropped = markdown_without_images(document)
    if images_dropped:
        st.caption(t("data.method.images_dropped", count=images_dropped))
    st.markdown(text)
cite_this_view(
    page_view(dataset, "data", t("data.title"), [t("cite.data_page")], view_link(dataset, current_filters()))
)
