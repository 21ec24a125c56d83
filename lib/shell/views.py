"""Streamlit renderings shared by pages: notices, headline metrics, map clicks, detail, tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig

from lib.aggregate import Headline, known_ranges, region_detail, region_years
from lib.data import Dataset
from lib.export import download_name
from lib.filters import Filters
from lib.labels import basis_label, filter_summary, holds_while_text, label, range_sentence
from lib.map.choropleth import hubs_text
from lib.map.click import click_key, clicked_region, toggle_selection
from lib.safe import csv_bytes, escape_markdown
from lib.shell import keys
from lib.shell.settle import explain_region
from lib.shell.state import current_filters, select_region, url_notices
from lib.sources import other_register_items
from lib.text import amount, number, percent, t
from lib.views.change.periods import compare_periods
from lib.views.coverage.figures import CoverageFigures, ScenarioDifferences
from lib.views.trends.charts import localised, yearly_bars
from lib.vocabulary import Verdict

# Streamlit's frontend asks for a new run after reconnecting only when the page has an
# auto-rerunning fragment (otherwise it expects to resume its session on the same server).
# Behind several replicas a reconnect may reach another replica, whose new session must run
# to read the view back from the link: this empty fragment makes that happen. Its own hourly
# rerun draws nothing and costs nothing.
RECONNECT_RERUN_EVERY = "1h"


@st.fragment(run_every=RECONNECT_RERUN_EVERY)
def rerun_after_reconnect() -> None:
    """Draws nothing; see :data:`RECONNECT_RERUN_EVERY`."""


def filter_text(dataset: Dataset, filters: Filters, with_years: bool = True) -> str:
    """The filters in one line, with region names from the data."""
    return filter_summary(filters, dataset.region_lookup("slug", "name"), with_years)


def show_notices(notices: list[str]) -> None:
    """What was ignored in the link; the notices quote the URL, so they are escaped."""
    for notice in notices:
        st.warning(escape_markdown(notice), icon=":material/warning:")


def page_header(title: str, caption: str, page_notices: list[str] | None = None) -> None:
    """Every page's title and caption, then what its link ignored: the shared filters'
    notices and the page's own (one rule for every page)."""
    st.title(title)
    st.caption(caption)
    show_notices(url_notices() + (page_notices or []))


def empty_state() -> None:
    st.info(f"**{t('empty.title')}** {t('empty.hint')}")


def _share(share: float | None) -> str:
    return t("metrics.none") if share is None else percent(share)


def headline_metrics(figures: Headline, regions_total: int) -> None:
    """The headline figures; ``regions_total`` is how many regions the data holds."""
    cases, share, regions, rate = st.columns(4)
    cases.metric(t("metrics.cases"), amount(figures.cases), help=t("metrics.cases_help"))
    share.metric(
        t("metrics.share"), _share(figures.share_of_national), help=t("metrics.share_help", count=regions_total)
    )
    regions.metric(t("metrics.regions"), figures.regions_shown)
    rate.metric(t("metrics.rate"), amount(figures.rate_per_100k, 2), help=t("metrics.rate_help"))
    ranges = range_sentence(figures.ranges)
    if ranges:
        st.caption(t("metrics.cases_range", value=amount(figures.cases), ranges=ranges))


def handle_map_click(result: Mapping[str, Any] | None, dataset: Dataset) -> None:
    """Turn a new click on the map into a selection change, then rerun once."""
    key = click_key(result)
    if key is None or key == st.session_state.get(keys.LAST_CLICK):
        return
    st.session_state[keys.LAST_CLICK] = key
    slugs = dataset.region_lookup("region_id", "slug")
    region = clicked_region(result, set(slugs))
    if region is None:
        return
    selected = current_filters().selected
    new = toggle_selection(selected, slugs[region])
    if new != selected:
        select_region(new)
        st.rerun()


def detail_panel(dataset: Dataset, filters: Filters, summary: pd.DataFrame) -> None:
    """The clicked region's figures, yearly chart and sources (nothing when none is selected)."""
    if filters.selected is None:
        return
    region_id = dataset.region_lookup("slug", "region_id")[filters.selected]
    detail = region_detail(summary, region_id)
    with st.container(border=True):
        heading, clear = st.columns([4, 1])
        heading.subheader(t("detail.header", region=escape_markdown(detail.name)))
        clear.button(t("detail.clear"), key=keys.DETAIL_CLEAR, on_click=select_region, args=(None,))
        st.caption(t("detail.hubs", hubs=hubs_text(detail.tourism, detail.mining)))
        total, rate, share, rank = st.columns(4)
        total.metric(t("detail.total"), amount(detail.cases))
        rate.metric(t("detail.rate"), amount(detail.rate_per_100k, 2))
        share.metric(t("detail.share"), _share(detail.share_of_national))
        rank_text = (
            t("detail.outside")
            if detail.rank is None
            else t("detail.rank_value", rank=detail.rank, count=detail.regions_ranked)
        )
        rank.metric(t("detail.rank"), rank_text)
        ranges = range_sentence(known_ranges(summary.set_index("region_id").loc[region_id]))
        if ranges:
            st.caption(t("detail.range", value=amount(detail.cases), ranges=ranges))
        periods = compare_periods(filters.years, dataset.year_range)
        st.page_link(
            "app_pages/change.py",
            label=t("change.compare", region=escape_markdown(detail.name)),
            icon=":material/compare_arrows:",
            query_params={"a": periods.a.text, "b": periods.b.text},
        )
        rows = region_years(dataset, filters, {region_id})
        chart = yearly_bars(rows, "cases", t("detail.chart_title"), t("table.cases"))
        st.altair_chart(localised(chart), width="stretch")
        context = other_register_items(dataset.sources.get("other_registers.csv"), region_id)
        if context:
            st.caption(t("detail.other_registers", items=escape_markdown("; ".join(context))))
        with st.expander(t("detail.sources")):
            for source in sorted(set(rows["source"])):
                st.markdown(f"- {escape_markdown(source)}")  # sources may come from an upload
        explain_region(dataset, filters, region_id, detail.name)


def rows_table(table: pd.DataFrame) -> None:
    """The region-year rows as :func:`lib.aggregate.table_rows` makes them."""
    st.subheader(t("table.header"))
    st.dataframe(
        table,
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


def coverage_metrics(figures: CoverageFigures, covered_ranges: Mapping[str, int]) -> None:
    cases, share, regions = st.columns(3)
    population, per_office, uncovered = st.columns(3)
    delta = None
    if figures.cases_covered_with_assumed is not None and figures.cases_covered_with_assumed != figures.cases_covered:
        delta = f"+{number(figures.cases_covered_with_assumed - (figures.cases_covered or 0))} {t('coverage.assumed')}"
    cases.metric(
        t("coverage.metric.cases"),
        amount(figures.cases_covered),
        delta=delta,
        delta_color="off",
        help=t("coverage.metric.cases_help"),
    )
    assumed_share = None
    if figures.share_with_assumed is not None and figures.share_with_assumed != figures.share:
        assumed_share = t("coverage.metric.share_assumed", share=percent(figures.share_with_assumed))
    share.metric(t("coverage.metric.share"), _share(figures.share), delta=assumed_share, delta_color="off")
    regions.metric(t("coverage.metric.regions"), figures.regions_covered)
    population.metric(t("coverage.metric.population"), amount(figures.population_covered))
    per_office.metric(t("coverage.metric.per_office"), amount(figures.cases_per_office_per_year, 1))
    ranges = range_sentence(covered_ranges)
    if ranges:
        st.caption(t("coverage.metric.cases_range", value=amount(figures.cases_covered), ranges=ranges))
    worst = figures.largest_uncovered
    uncovered.metric(
        t("coverage.metric.uncovered"),
        t("coverage.none")
        if worst is None
        else t("coverage.metric.uncovered_value", region=escape_markdown(worst[0]), cases=number(worst[1])),
    )


def planner_caption(differences: ScenarioDifferences, elapsed_ms: float) -> None:
    """What the planner's best sites add to and drop from the plan and the 2015 offices."""

    def names(regions: tuple[str, ...]) -> str:
        return escape_markdown(", ".join(regions)) or t("coverage.none")

    text = t(
        "coverage.compare.diff",
        added=names(differences.added_to_plan),
        dropped=names(differences.dropped_from_plan),
        added_actual=names(differences.added_to_actual),
        dropped_actual=names(differences.dropped_from_actual),
    )
    st.caption(text + " " + t("coverage.planner_time", ms=number(elapsed_ms)))


def _coverage_columns() -> dict[str, ColumnConfig | None]:
    """Display labels and formats for the coverage tables (the CSV keeps the plain names)."""
    text = st.column_config.TextColumn
    figure = st.column_config.NumberColumn
    return {
        "scenario": text(t("coverage.compare.scenario")),
        "offices": figure(t("coverage.compare.offices")),
        "seats": text(t("coverage.compare.seats")),
        "cases_covered": figure(t("coverage.compare.cases"), format="%d"),
        "share_covered": figure(t("coverage.compare.share"), format="percent"),
        "share_with_assumed": figure(t("coverage.compare.share_assumed"), format="percent"),
        "worst_uncovered": text(t("coverage.compare.worst")),
        "cases_low": figure(t("coverage.compare.cases_low"), format="%d"),
        "cases_high": figure(t("coverage.compare.cases_high"), format="%d"),
        "sources_low": figure(t("coverage.compare.sources_low"), format="%d"),
        "sources_high": figure(t("coverage.compare.sources_high"), format="%d"),
        "office": text(t("coverage.popup.city")),
        "region_id": None,
        "regions_covered": text(t("coverage.popup.covers")),
        "coverage": text(t("coverage.popup.basis")),
        "name": text(t("table.region")),
        "cases": figure(t("table.cases"), format="%d"),
        "population": figure(t("coverage.column.population"), format="localized"),
        "cases_per_year": figure(t("coverage.column.cases_per_year"), format="%.1f"),
        "km_to_capitals": text(t("coverage.column.km")),
        "opened": text(t("coverage.popup.opened")),
        "source": text(t("table.source")),
    }


def table_with_download(table: pd.DataFrame, subject: str, filters: Filters) -> None:
    """A table and a button that downloads exactly it as CSV (named after the years)."""
    columns = {name: config for name, config in _coverage_columns().items() if name in table.columns}
    st.dataframe(table, hide_index=True, width="stretch", column_config=columns)
    csv_download(table, subject, filters)


def csv_download(
    table: pd.DataFrame, subject: str, filters: Filters, label: str | None = None, span: str | None = None
) -> None:
    """A button that downloads exactly ``table`` as CSV, named after the subject and years
    (``span``: the view's own, see :func:`lib.export.download_name`)."""
    st.download_button(
        label or t("download.table"),
        csv_bytes(table),
        download_name(Filters(years=filters.years), "csv", subject, span),
        "text/csv",
        key=keys.download(subject),
        on_click="ignore",
    )


def _change_columns(name_column: str, metric_unit: str) -> dict[str, ColumnConfig | None]:
    figure = st.column_config.NumberColumn
    text = st.column_config.TextColumn
    return {
        name_column: text(t("change.column.region") if name_column == "region" else t("change.column.group")),
        "region_id": None,
        "in_filter": None,
        "a_per_year": figure(f"{t('change.column.a')} ({metric_unit})", format="%.2f"),
        "b_per_year": figure(f"{t('change.column.b')} ({metric_unit})", format="%.2f"),
        "change": figure(t("change.column.change"), format="%+.2f"),
        "change_low": figure(t("change.column.low"), format="%+.2f"),
        "change_high": figure(t("change.column.high"), format="%+.2f"),
        "sources_change_low": figure(t("change.column.sources_low"), format="%+.2f"),
        "sources_change_high": figure(t("change.column.sources_high"), format="%+.2f"),
        "verdict": text(t("change.column.verdict")),
        "sources_support": st.column_config.CheckboxColumn(t("change.column.sources_support")),
        "a_basis": text(t("change.column.a_basis")),
        "b_basis": text(t("change.column.b_basis")),
        "holds_while": text(t("change.column.holds_while"), help=t("change.column.holds_while_help")),
    }


def change_table(rows: pd.DataFrame, name_column: str, metric_unit: str, marked: frozenset[str] = frozenset()) -> None:
    """A change table as the page shows it: verdicts and bases in words (the downloads keep
    the codes), the ranges next to the change; ``marked`` rows (by ``region_id``) got their
    verdict from the analyst's added figures."""
    ids = rows["region_id"] if "region_id" in rows else pd.Series("", index=rows.index)
    shown = rows.assign(
        verdict=[
            label(Verdict(value)) + (" " + t("figures.mark") if region_id in marked else "")
            for value, region_id in zip(rows["verdict"], ids, strict=True)
        ],
        a_basis=rows["a_basis"].map(basis_label),
        b_basis=rows["b_basis"].map(basis_label),
        holds_while=[
            holds_while_text(share, change)
            for share, change in zip(rows["holds_to_share_factor"], rows["holds_to_yearly_change"], strict=True)
        ],
    )
    columns = _change_columns(name_column, metric_unit)
    # The verdict next to the change it judges; the ranges after it, then how strong the
    # assumptions must be for a direction only they support.
    order = [name_column, "a_per_year", "b_per_year", "change", "verdict", "sources_support", "change_low"]
    order += ["change_high", "sources_change_low", "sources_change_high", "holds_while", "a_basis", "b_basis"]
    st.dataframe(shown, hide_index=True, width="stretch", column_config=columns, column_order=order)
