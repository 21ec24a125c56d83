"""The map's PNG, SVG and standalone HTML downloads.

Built only when the analyst asks ("Prepare"), never on every rerun: a figure costs about a
second of server time. The files are kept in this session for the view they were made for;
another view shows the prepare button again.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any, Protocol
from urllib.parse import urlencode

import streamlit as st

from lib.data import Dataset
from lib.export import download_name
from lib.filters import IN_SESSION, UPLOADED, Filters, filters_to_query
from lib.map.leaflet import RegionPaint
from lib.map.legend import LegendEntry
from lib.map.publish import FORMATS, MapExport, export_bytes
from lib.package import View, package_zip
from lib.shell import keys
from lib.shell.figures import place_labels
from lib.text import t

LABEL_KEYS = {"png": "export.png", "svg": "export.svg", "html": "export.html"}


def view_link(dataset: Dataset, filters: Filters, page_query: dict[str, str] | None = None) -> str:
    """The address that reopens this view: the page's URL, the filters and the page's own
    parameters."""
    base = st.context.url or ""
    query = filters_to_query(filters, dataset.year_range) | (page_query or {})
    if dataset.upload is not None:
        # Reopened elsewhere the file is gone: the link says so rather than show bundled data.
        query["data"] = UPLOADED
    if dataset.added is not None:
        query["figures"] = IN_SESSION
    encoded = urlencode(query)
    return f"{base}?{encoded}" if encoded else base


def export_lines(dataset: Dataset, view: str, basis: str, link: str) -> list[str]:
    """The footer: what the view is, its basis, what the data is (the bundled data, or the
    uploaded file by name with no ranges), when it was made and the link that reopens it."""
    upload, added = dataset.upload, dataset.added
    if upload is not None:
        source = t("export.source_upload", file=upload.name, rows=upload.rows)
    elif added is not None:
        sources = "; ".join(dict.fromkeys(figure.source for figure in added.figures))
        source = t("export.source_figures", count=len(added.figures), file=added.file_name, sources=sources)
    else:
        source = t("export.source", years=dataset.year_range.default.label)
    return [
        view,
        basis,
        source,
        t("export.made", date=date.today().isoformat()),
        t("export.link", url=link),
    ]


class Drawing(Protocol):
    """What a view draws on its map: each region's paint, the patterns over some, the legend."""

    @property
    def paints(self) -> list[RegionPaint]: ...
    @property
    def patterns(self) -> list[RegionPaint]: ...
    @property
    def legend(self) -> list[LegendEntry]: ...


def page_export(dataset: Dataset, drawing: Drawing, **shown: Any) -> MapExport:
    """A page's :class:`MapExport`: the data's outlines and neighbours and every place name,
    the view's ``drawing``, and what else the page shows (``title``, ``lines``, ``selected``…)."""
    shown.setdefault("selected", None)
    shown.setdefault("hub_outline_label", None)
    return MapExport(
        geometry=dataset.geometry,
        context=dataset.context,
        labels=place_labels(dataset, region_names=True),
        paints=drawing.paints,
        patterns=drawing.patterns,
        legend=drawing.legend,
        **shown,
    )


def export_section(
    export: MapExport,
    filters: Filters,
    subject: str = "map",
    span: str | None = None,
    package: tuple[View, str, bytes] | None = None,
) -> None:
    """A prepare button, then one download button per format for the prepared view;
    ``subject`` names the files (``map``, ``coverage-map``), ``span`` the view's own years
    (see :func:`lib.export.download_name`). With ``package`` (the view, its table's name and
    CSV) the view's data package is prepared too, holding the map as SVG.

    Prepared files are kept under the digest of everything they show and the subject: any
    change of data (an upload, going back), filters, language, toggles or page shows the
    prepare button again instead of files that no longer match the screen."""
    view = (subject, export.digest())
    prepared = st.session_state.get(keys.EXPORTS)
    if not prepared or prepared["view"] != view:
        if not st.button(t("export.prepare"), key=keys.EXPORT_PREPARE, help=t("export.prepare_help")):
            return
        files, timings = {}, {}
        with st.spinner(t("export.preparing")):
            for file_format in FORMATS:
                started = time.perf_counter()
                files[file_format] = export_bytes(export, file_format)
                timings[file_format] = (time.perf_counter() - started) * 1000
        prepared = {"view": view, "files": files, "ms": timings}
        st.session_state[keys.EXPORTS] = prepared
    for column, file_format in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
        column.download_button(
            t(LABEL_KEYS[file_format]),
            prepared["files"][file_format],
            download_name(filters, file_format, subject, span),
            FORMATS[file_format],
            key=keys.download(f"map_{file_format}"),
            on_click="ignore",
        )
    if package is not None:
        described, resource, csv = package
        if "zip" not in prepared["files"]:
            prepared["files"]["zip"] = package_zip(resource, csv, described, prepared["files"]["svg"])
        st.download_button(
            t("package.download"),
            prepared["files"]["zip"],
            download_name(filters, "zip", f"{described.page}-package", span),
            "application/zip",
            key=keys.download(f"{described.page}_package"),
            on_click="ignore",
        )
