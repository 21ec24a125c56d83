"""Cite this view (every page) and download it as a data package (map, change and trends
pages): :mod:`lib.package` with what the page shows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from lib.data import Dataset
from lib.export import data_note, download_name
from lib.filters import Filters
from lib.package import View, bibtex, citation_text, package_zip, ris
from lib.shell import keys
from lib.shell.figures import per_data
from lib.sources import source_links
from lib.text import current_language, t


def _cited_urls(dataset: Dataset) -> list[str]:
    return list(dict.fromkeys(source_links(dataset.sources)["url"]))


def page_view(dataset: Dataset, page: str, title: str, filters: Sequence[str], link: str) -> View:
    """What a citation or a package of this page says: the sources are the data folder's
    cited URLs, never for an uploaded case table (the analyst's own data)."""
    # Once per data folder (10 ms on every rerun otherwise).
    sources = [] if dataset.upload is not None else per_data(_cited_urls, dataset)
    caveats = [t("caveat")]
    if dataset.added is not None:
        caveats.append(t("export.source_figures", count=len(dataset.added.figures), file=dataset.added.file_name,
                          sources="; ".join(dict.fromkeys(f.source for f in dataset.added.figures))))  # fmt: skip
    return View(page, title, list(filters), link, data_note(dataset), sources, caveats, date.today(),
                own_data=dataset.upload is not None)  # fmt: skip


def package_download(view: View, resource: str, csv: bytes, filters: Filters, span: str | None = None) -> None:
    """A button that downloads the view as a data package (no map: a page without one)."""
    st.download_button(
        t("package.download"),
        package_zip(resource, csv, view),
        download_name(filters, "zip", f"{view.page}-package", span),
        "application/zip",
        key=keys.download(f"{view.page}_package"),
        on_click="ignore",
    )


def cite_this_view(view: View) -> None:
    """The citation in the page's language, ready to copy, and as BibTeX and RIS."""
    with st.expander(t("cite.header"), icon=":material/format_quote:"):
        st.code(citation_text(view, current_language()), language=None, wrap_lines=True)
        bib, ris_column = st.columns(2)
        name = f"peru-trafficking_{view.page}_{view.made.isoformat()}"
        bib.download_button(t("cite.bibtex"), bibtex(view), f"{name}.bib", "application/x-bibtex",
                            key=keys.download(f"{view.page}_bibtex"), on_click="ignore")  # fmt: skip
        ris_column.download_button(t("cite.ris"), ris(view), f"{name}.ris", "application/x-research-info-systems",
                                   key=keys.download(f"{view.page}_ris"), on_click="ignore")  # fmt: skip
