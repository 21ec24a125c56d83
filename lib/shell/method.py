"""The data page's account of the model: what it holds, its assumptions, how wide the
ranges are, and the other registers shown as context."""

from __future__ import annotations

import streamlit as st

from lib.data import Dataset
from lib.explain import candidate_text
from lib.labels import label
from lib.model import Assumptions, Treatment
from lib.shell import keys
from lib.sources import figures_table, range_widths
from lib.text import number, t
from lib.years import YearSpan

WIDTH_SPAN_KEYS = {"single year": "data.widths.single year", "whole span": "data.widths.whole span"}
FIGURE_COLUMNS = {
    "figure": "data.model.figure",
    "cited": "data.model.cited",
    "unit": "data.model.unit",
    "treatment": "data.model.treatment",
    "allowed_low": "data.model.allowed_low",
    "allowed_high": "data.model.allowed_high",
    "estimate": "data.model.estimate",
    "model_low": "data.model.model_low",
    "model_high": "data.model.model_high",
    "sources_low": "data.model.sources_low",
    "sources_high": "data.model.sources_high",
    "note": "data.model.note",
}


def model_section(dataset: Dataset) -> None:
    """Every cited figure with its treatment, then the assumptions and the range widths."""
    if dataset.model_figures.empty:
        return
    st.subheader(t("data.model.header"))
    st.caption(t("data.model.caption"))
    table = figures_table(dataset.model_figures)
    counts = table["treatment"].value_counts()
    st.markdown(
        t(
            "data.model.counts",
            held=int(counts.get(Treatment.HELD, 0)),
            bent=int(counts.get(Treatment.BENT, 0)),
            set_aside=int(counts.get(Treatment.SET_ASIDE, 0)),
        )
    )
    table["treatment"] = table["treatment"].map(lambda value: label(Treatment(value)))
    columns = {name: st.column_config.TextColumn(t(FIGURE_COLUMNS[name])) for name in FIGURE_COLUMNS}
    columns["url"] = st.column_config.LinkColumn(t("data.links.url"))
    st.dataframe(table, hide_index=True, width="stretch", column_config=columns)

    st.subheader(t("data.assumptions.header"))
    st.caption(t("data.assumptions.caption"))
    assumptions = Assumptions()
    low, high = assumptions.jan_apr_2014
    st.markdown(
        "\n".join(
            [
                "- " + t("data.assumptions.share", factor=number(assumptions.share_factor)),
                "- "
                + t(
                    "data.assumptions.change",
                    first=assumptions.first_smooth_year,
                    change=number(assumptions.yearly_change * 100),
                ),
                "- " + t("data.assumptions.even", low=number(low * 100), high=number(high * 100)),
            ]
        )
    )
    widths = range_widths(dataset.ranges)
    if not widths.empty:
        st.subheader(t("data.widths.header"))
        regions = dataset.ranges.loc[dataset.ranges["region_id"] != "all", "region_id"].nunique()
        st.caption(t("data.widths.caption", count=regions))
        whole = YearSpan(int(dataset.ranges["first_year"].min()), int(dataset.ranges["last_year"].max())).label
        widths["span"] = widths["span"].map(lambda span: t(WIDTH_SPAN_KEYS[span], years=whole))
        st.dataframe(
            widths,
            hide_index=True,
            column_config={
                "span": st.column_config.TextColumn(t("data.widths.span")),
                "model": st.column_config.NumberColumn(t("data.widths.model"), format="%.0f"),
                "sources": st.column_config.NumberColumn(t("data.widths.sources"), format="%.0f"),
            },
        )


def registers_section(dataset: Dataset) -> None:
    registers = dataset.sources.get("other_registers.csv")
    if registers is None or registers.empty:
        return
    st.subheader(t("data.registers.header"))
    st.caption(t("data.registers.caption"))
    names = dataset.region_lookup("region_id", "name")
    shown = registers.assign(
        region_ids=registers["region_ids"].map(
            lambda ids: ", ".join(names.get(code, code) for code in ids.split(";") if code) or "Perú"
        )
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={
            "register": st.column_config.TextColumn(t("data.links.register")),
            "region_ids": st.column_config.TextColumn(t("table.region")),
            "period": st.column_config.TextColumn(t("data.links.periods")),
            "value": st.column_config.TextColumn(t("data.model.cited")),
            "measure": st.column_config.TextColumn(t("data.model.unit")),
            "url": st.column_config.LinkColumn(t("data.links.url")),
            "note": st.column_config.TextColumn(t("data.model.note")),
        },
    )


WISHLIST_HEADERS = {"verdicts": "data.wishlist.by_verdicts", "widths": "data.wishlist.by_widths"}


def wishlist_section(dataset: Dataset) -> None:
    """The figures most worth asking the Ministerio Público for, with the request's wording."""
    if dataset.wishlist.empty:
        return
    st.subheader(t("data.wishlist.header"))
    st.caption(t("data.wishlist.caption"))
    names = dataset.region_lookup("region_id", "name")
    table = dataset.wishlist.assign(
        figure=[
            candidate_text(row.kind, row.region_id, int(row.first_year), int(row.last_year), names)
            for row in dataset.wishlist.itertuples()
        ]
    )
    columns = {
        "rank": st.column_config.NumberColumn("#", format="%s"),
        "figure": st.column_config.TextColumn(t("data.wishlist.figure")),
        "verdicts_settled": st.column_config.NumberColumn(t("data.wishlist.verdicts")),
        "width_shrunk": st.column_config.NumberColumn(t("data.wishlist.widths"), format="%.0f"),
        "request_es": st.column_config.TextColumn(t("data.wishlist.request")),
    }
    for name in WISHLIST_HEADERS:
        st.markdown(f"**{t(WISHLIST_HEADERS[name])}**")
        shown = table[table["list"] == name]
        st.dataframe(shown, hide_index=True, width="stretch", column_config=columns, column_order=list(columns))
    st.download_button(
        t("data.wishlist.download"),
        dataset.files.get("wishlist.csv", b""),
        "wishlist.csv",
        "text/csv",
        key=keys.download("wishlist"),
        on_click="ignore",
    )
