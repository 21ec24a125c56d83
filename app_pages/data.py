"""Data page: what a case is, data quality, sources, method, bundled files, own data upload."""

import streamlit as st

from lib.data import data_dir_from_env
from lib.shell.loaders import bundled_dataset_or_stop, dataset_or_stop
from lib.shell.upload import upload_section
from lib.sources import bundled_files, data_quality, source_links
from lib.text import current_language, t

dataset = dataset_or_stop()
data_dir = data_dir_from_env()

st.title(t("data.title"))
st.caption(t("data.caption"))
st.info(t("caveat"))

st.subheader(t("data.quality.header"))
quality_columns = {
    "year": st.column_config.NumberColumn(t("table.year"), format="%d"),
    **{basis: st.column_config.NumberColumn(t(f"basis.{basis}")) for basis in ("reported", "estimated", "missing")},
    "regions": st.column_config.NumberColumn(t("data.quality.regions")),
}
st.dataframe(data_quality(dataset.cases), hide_index=True, width="stretch", column_config=quality_columns)
st.caption(t("data.quality.note"))

upload_section(bundled_dataset_or_stop())

st.subheader(t("data.links.header"))
links = source_links(data_dir / "sources")
link_columns = {
    "url": st.column_config.LinkColumn(t("data.links.url")),
    **{name: st.column_config.TextColumn(t(f"data.links.{name}")) for name in ("files", "periods", "register")},
    "figures": st.column_config.NumberColumn(t("data.links.figures")),
}
st.dataframe(links, hide_index=True, width="stretch", column_config=link_columns)

st.subheader(t("data.files.header"))
files = bundled_files(data_dir)
chosen = st.selectbox(t("data.files.pick"), files, format_func=lambda path: str(path.relative_to(data_dir)))
if chosen is not None:
    st.download_button(
        t("data.files.download", name=chosen.name),
        chosen.read_bytes(),
        chosen.name,
        key="download_bundled",
        on_click="ignore",
    )

st.subheader(t("data.method.header"))
methods = data_dir / ("SOURCES.es.md" if current_language() == "es" else "SOURCES.md")
methods = methods if methods.is_file() else data_dir / "SOURCES.md"
if methods.is_file():
    # The deployment's own documentation; rendered as markdown without HTML.
    st.markdown(methods.read_text(encoding="utf-8"))
