"""Streamlit renderings shared by pages: headline metrics, map clicks, detail, tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from lib.aggregate import Headline, region_years
from lib.charts import localised, yearly_bars
from lib.coverage import CoverageFigures
from lib.data import Dataset
from lib.export import download_name
from lib.filters import Filters
from lib.mapview import click_key, clicked_region, hubs_text, toggle_selection
from lib.safe import csv_bytes, escape_markdown
from lib.shell.state import select_region, selected_region
from lib.text import number, percent, t

KEY_LAST_CLICK = "map_last_click"


def show_notices(notices: list[str]) -> None:
    """What was ignored in the link; the notices quote the URL, so they are escaped."""
    for notice in notices:
        st.warning(escape_markdown(notice), icon=":material/warning:")


def empty_state() -> None:
    st.info(f"**{t('empty.title')}** {t('empty.hint')}")


def _number(value: float | None, digits: int = 0) -> str:
    return t("metrics.none") if value is None else number(value, digits)


def headline_metrics(figures: Headline) -> None:
    cases, share, regions, rate = st.columns(4)
    cases.metric(t("metrics.cases"), _number(figures.cases), help=t("metrics.cases_help"))
    share_text = t("metrics.none") if figures.share_of_national is None else percent(figures.share_of_national)
    share.metric(t("metrics.share"), share_text, help=t("metrics.share_help"))
    regions.metric(t("metrics.regions"), figures.regions_shown)
    rate.metric(t("metrics.rate"), _number(figures.rate_per_100k, 2), help=t("metrics.rate_help"))


def handle_map_click(result: Mapping[str, Any] | None, known_ids: set[str]) -> None:
    """Turn a new click on the map into a selection change, then rerun once."""
    key = click_key(result)
    if key is None or key == st.session_state.get(KEY_LAST_CLICK):
        return
    st.session_state[KEY_LAST_CLICK] = key
    region = clicked_region(result, known_ids)
    if region is None:
        return
    new = toggle_selection(selected_region(), region)
    if new != selected_region():
        select_region(new)
        st.rerun()


def detail_panel(dataset: Dataset, filters: Filters, summary: pd.DataFrame) -> None:
    """The clicked region's figures, yearly chart and sources (nothing when none is selected)."""
    region_id = selected_region()
    if region_id is None:
        return
    row = summary.set_index("region_id").loc[region_id]
    with st.container(border=True):
        heading, clear = st.columns([4, 1])
        heading.subheader(t("detail.header", region=escape_markdown(row["name"])))
        clear.button(t("detail.clear"), key="detail_clear", on_click=select_region, args=(None,))
        st.caption(t("detail.hubs", hubs=hubs_text(bool(row["tourism"]), bool(row["mining"]))))
        total, rate, share, rank = st.columns(4)
        national = summary["cases"].sum(min_count=1)
        total.metric(t("detail.total"), _number(None if pd.isna(row["cases"]) else float(row["cases"])))
        rate.metric(t("detail.rate"), _number(None if pd.isna(row["rate"]) else float(row["rate"]), 2))
        share_value = row["cases"] / national if not pd.isna(row["cases"]) and national else None
        share.metric(t("detail.share"), t("metrics.none") if share_value is None else percent(share_value))
        in_filter = int(summary["in_filter"].sum())
        rank_text = (
            t("detail.rank_value", rank=int(row["rank"]), count=in_filter)
            if not pd.isna(row["rank"])
            else t("detail.outside")
        )
        rank.metric(t("detail.rank"), rank_text)
        detail = region_years(dataset, filters, {region_id})
        chart = yearly_bars(detail, "cases", t("detail.chart_title"), t("table.cases"))
        st.altair_chart(localised(chart), width="stretch")
        with st.expander(t("detail.sources")):
            for source in sorted(set(detail["source"])):
                st.markdown(f"- {escape_markdown(source)}")  # sources may come from an upload


def rows_table(rows: pd.DataFrame) -> None:
    st.subheader(t("table.header"))
    st.dataframe(
        rows.drop(columns=["region_id"]),
        hide_index=True,
        width="stretch",
        column_config={
            "region": st.column_config.TextColumn(t("table.region")),
            "year": st.column_config.NumberColumn(t("table.year"), format="%d"),
            "cases": st.column_config.NumberColumn(t("table.cases"), format="%d"),
            "population": st.column_config.NumberColumn(t("table.population"), format="localized"),
            "rate_per_100k": st.column_config.NumberColumn(t("table.rate"), format="%.2f"),
            "basis": st.column_config.TextColumn(t("table.basis")),
            "source": st.column_config.TextColumn(t("table.source")),
        },
    )


def coverage_metrics(figures: CoverageFigures) -> None:
    cases, share, regions = st.columns(3)
    population, per_office, uncovered = st.columns(3)
    delta = None
    if figures.cases_covered_with_assumed is not None and figures.cases_covered_with_assumed != figures.cases_covered:
        delta = f"+{number(figures.cases_covered_with_assumed - (figures.cases_covered or 0))} {t('coverage.assumed')}"
    cases.metric(
        t("coverage.metric.cases"),
        _number(figures.cases_covered),
        delta=delta,
        delta_color="off",
        help=t("coverage.metric.cases_help"),
    )
    share_text = t("metrics.none") if figures.share is None else percent(figures.share)
    assumed_share = None
    if figures.share_with_assumed is not None and figures.share_with_assumed != figures.share:
        assumed_share = t("coverage.metric.share_assumed", share=percent(figures.share_with_assumed))
    share.metric(t("coverage.metric.share"), share_text, delta=assumed_share, delta_color="off")
    regions.metric(t("coverage.metric.regions"), figures.regions_covered)
    population.metric(t("coverage.metric.population"), number(figures.population_covered))
    per_office.metric(t("coverage.metric.per_office"), _number(figures.cases_per_office_per_year, 1))
    worst = figures.largest_uncovered
    uncovered.metric(
        t("coverage.metric.uncovered"),
        t("coverage.none")
        if worst is None
        else t("coverage.metric.uncovered_value", region=escape_markdown(worst[0]), cases=number(worst[1])),
    )


def _coverage_columns() -> dict[str, object]:
    """Display labels and formats for the coverage tables (the CSV keeps the plain names)."""
    text = st.column_config.TextColumn
    number = st.column_config.NumberColumn
    return {
        "scenario": text(t("coverage.compare.scenario")),
        "offices": number(t("coverage.compare.offices")),
        "seats": text(t("coverage.compare.seats")),
        "cases_covered": number(t("coverage.compare.cases"), format="%d"),
        "share_covered": number(t("coverage.compare.share"), format="percent"),
        "share_with_assumed": number(t("coverage.compare.share_assumed"), format="percent"),
        "worst_uncovered": text(t("coverage.compare.worst")),
        "office": text(t("coverage.popup.city")),
        "region_id": None,
        "regions_covered": text(t("coverage.popup.covers")),
        "coverage": text(t("coverage.popup.basis")),
        "name": text(t("table.region")),
        "cases": number(t("table.cases"), format="%d"),
        "population": number(t("coverage.column.population"), format="localized"),
        "cases_per_year": number(t("coverage.column.cases_per_year"), format="%.1f"),
        "km_to_capitals": text(t("coverage.column.km")),
        "opened": text(t("coverage.popup.opened")),
        "source": text(t("table.source")),
    }


def table_with_download(table: pd.DataFrame, subject: str, filters: Filters) -> None:
    """A table and a button that downloads exactly it as CSV (named after the years)."""
    columns = {name: config for name, config in _coverage_columns().items() if name in table.columns}
    st.dataframe(table, hide_index=True, width="stretch", column_config=columns)
    csv_download(table, subject, filters)


def csv_download(table: pd.DataFrame, subject: str, filters: Filters, label: str | None = None) -> None:
    """A button that downloads exactly ``table`` as CSV, named after the subject and years."""
    st.download_button(
        label or t("download.table"),
        csv_bytes(table),
        download_name(Filters(years=filters.years), "csv", subject),
        "text/csv",
        key=f"download_{subject}",
        on_click="ignore",
    )
