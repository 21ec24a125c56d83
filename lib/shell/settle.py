"""The "Why this range" and "What would settle it" sections of the pages that show ranges
(map page region detail, change page, trends page)."""

from __future__ import annotations

import streamlit as st

from lib.data import Dataset
from lib.explain import exact, held_table, settle_sentences
from lib.export import download_name
from lib.filters import Filters
from lib.held import HeldEnd, held_ends
from lib.labels import label
from lib.model import Assumptions, Level
from lib.safe import csv_bytes, escape_markdown
from lib.settle import SETTLE_COLUMNS, Question, national_question, ranking, region_question
from lib.shell import keys
from lib.text import t
from lib.years import YearSpan


def why_this_range(dataset: Dataset, question: Question | None, subject: str) -> None:
    """An expander with the constraints that hold each end of ``question``'s range (about
    ``subject``), at both levels (nothing for data without ranges)."""
    solver = dataset.solver
    if solver is None or question is None:
        return

    def solve() -> dict[Level, tuple[HeldEnd, HeldEnd]]:
        return {level: held_ends(program, question.objective(program)) for level, program in solver.programs.items()}

    ends = solver.remember(("held", question), solve)
    table = held_table(ends, dataset.model_figures, dataset.region_lookup("region_id", "name"), Assumptions(), label)
    with st.expander(t("explain.why.header", subject=escape_markdown(subject))):  # names come from data
        st.caption(t("explain.why.caption"))
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={
                "level": st.column_config.TextColumn(t("explain.col.level")),
                "end": st.column_config.TextColumn(t("explain.col.end")),
                "value": st.column_config.NumberColumn(t("explain.col.value"), format="%.2f"),
                "holds": st.column_config.TextColumn(t("explain.col.holds")),
                "cited": st.column_config.TextColumn(t("explain.col.cited")),
                "moves": st.column_config.NumberColumn(t("explain.col.moves"), format="%.3f"),
                "url": st.column_config.LinkColumn(t("explain.col.url")),
            },
        )


def what_would_settle_it(
    dataset: Dataset,
    filters: Filters,
    question: Question | None,
    subject: str,
    unit: str,
    file_subject: str,
    span: str,
    digits: int = 1,
) -> None:
    """The figures that would settle ``question`` (``subject`` in words, widths in
    ``unit``): ranked only when the analyst asks, then the best five in words and the whole
    ranking as CSV, named after ``file_subject`` and ``span``."""
    solver = dataset.solver
    if solver is None or question is None:
        return
    st.markdown(f"**{t('explain.settle.header')}**")
    st.caption(t("explain.settle.caption"))
    asked = list(st.session_state.get(keys.SETTLE_ASKED, []))
    if question.key not in asked:
        if not st.button(t("explain.settle.button"), key=keys.settle(question.key)):
            return
        st.session_state[keys.SETTLE_ASKED] = [*asked, question.key]
    with st.spinner(t("explain.settle.button")):
        table = ranking(solver, question)
    if table.empty or exact(table):
        st.info(t("explain.settle.exact") if not table.empty else t("explain.settle.none"))
        return
    names = dataset.region_lookup("region_id", "name")
    sentences = settle_sentences(table, subject, unit, names, digits)
    st.markdown("\n".join(f"- {escape_markdown(sentence)}" for sentence in sentences))
    st.download_button(
        t("explain.settle.download"),
        csv_bytes(table[SETTLE_COLUMNS]),
        download_name(filters, "csv", file_subject, span),
        "text/csv",
        key=keys.settle(question.key) + "_csv",
        on_click="ignore",
    )


def _region_subject(name: str, span: YearSpan) -> str:
    if span.first == span.last:
        return t("explain.candidate.region_year", region=name, year=span.first)
    return t("explain.subject.span", region=name, years=span.label)


def explain_region(dataset: Dataset, filters: Filters, region_id: str, name: str) -> None:
    """The map page's region detail: what holds the region's range over the filtered years,
    and what would settle it, or one of its years."""
    question = region_question(region_id, filters.years)
    why_this_range(dataset, question, _region_subject(name, filters.years))
    if question is None or dataset.solver is None:
        return
    singles = [
        YearSpan.single(year) for year in filters.years.years if region_question(region_id, YearSpan.single(year))
    ]
    options = [filters.years, *singles] if len(singles) > 1 else [filters.years]
    whole = t("explain.settle.whole", years=filters.years.label)
    span = st.selectbox(
        t("explain.settle.year"),
        options,
        key=keys.SETTLE_YEAR,
        format_func=lambda chosen: whole if chosen == filters.years else chosen.label,
    )
    subject = _region_subject(name, span)
    slug = dataset.region_lookup("region_id", "slug")[region_id]
    what_would_settle_it(
        dataset, filters, region_question(region_id, span), subject, t("metric.cases.unit"), f"settle-{slug}", span.text
    )


def _width(ranges: dict[str, int]) -> int:
    return ranges.get("cases_high", 0) - ranges.get("cases_low", 0)


def explain_national(dataset: Dataset, filters: Filters) -> None:
    """The trends page: what holds a national year's range and what would settle it."""
    regions = list(dataset.regions["region_id"])
    years = [YearSpan.single(year) for year in filters.years.years if national_question(regions, year)]
    if not years or dataset.solver is None:
        return
    st.subheader(t("explain.national.header"))
    # The year the sources leave widest open comes first to mind.
    widths = [_width(dataset.solver.group_range(regions, year)) for year in years]
    year = st.selectbox(
        t("explain.settle.national_year"),
        years,
        index=widths.index(max(widths)),
        key=keys.SETTLE_NATIONAL_YEAR,
        format_func=lambda span: span.label,
    )
    question = national_question(regions, year.first)
    subject = t("explain.subject.national", year=year.first)
    why_this_range(dataset, question, subject)
    what_would_settle_it(dataset, filters, question, subject, t("metric.cases.unit"), "settle-national", year.text)
