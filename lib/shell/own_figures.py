"""The analyst's own figures: the upload beside the cases upload (data page), what they
changed, and the banner on every page while they are joined to the sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.data import Dataset
from lib.labels import bound_text, label, span_text
from lib.model import Level
from lib.own_figures import OwnFigure, figures_file, read_figures_upload
from lib.reading import MAX_UPLOAD_MB
from lib.safe import escape_markdown
from lib.shell import keys
from lib.shell.loaders import FiguresInUse, active_figures, active_upload, use_figures
from lib.shell.upload import problem_table
from lib.text import t
from lib.views.change.effects import figure_ranges, moved_verdicts, narrowed_cells
from lib.vocabulary import Verdict
from lib.with_figures import Clash, figure_rows, with_figures
from lib.years import YearSpan


def _ranges(frame: pd.DataFrame, low: str, high: str) -> list[str]:
    """Each row's ``low``–``high`` as text (one number when they agree)."""
    return [span_text(a, b) for a, b in zip(frame[low], frame[high], strict=True)]


def _show(columns: dict[str, object]) -> None:
    st.dataframe(pd.DataFrame(columns), hide_index=True, width="stretch")


def _arithmetic(bundled: Dataset, figures: tuple[OwnFigure, ...], clash: Clash) -> list[str]:
    """For each of the file's figures in the clash, what the cited figures allow there:
    "your Lima, 2012 is 400; the cited figures allow 50–226 there (sources alone)"."""
    allowed = figure_ranges(bundled, tuple(f for f in figures if f.key in clash.keys))
    names = bundled.region_lookup("region_id", "name")
    low, high = ("sources_low", "sources_high") if clash.level is Level.SOURCES else ("cases_low", "cases_high")
    lines = []
    for figure, row in zip((f for f in figures if f.key in clash.keys), allowed.itertuples(), strict=True):
        if pd.isna(getattr(row, low)):
            continue  # a share: its range is of a ratio, not given here
        place = names.get(figure.region_id, t("figures.national"))
        span = YearSpan(figure.first_year, figure.last_year).label
        lines.append(
            t(
                "figures.clash.arithmetic",
                figure=f"{place}, {span}",
                yours=bound_text(figure.low, figure.high),
                allowed=span_text(getattr(row, low), getattr(row, high)),
                level=label(clash.level),
            )
        )
    return lines


def _clash_table(named: pd.DataFrame, clash: Clash) -> pd.DataFrame:
    """The clashing figures as the pages name them, with their values and sources."""
    figures = named.set_index("key").reindex(list(clash.keys)).fillna("")
    return pd.DataFrame(
        {
            t("figures.clash.figure"): figures["figure"],
            t("figures.clash.value"): figures["cited"].astype(str) + " " + figures["unit"].astype(str),
            t("figures.clash.source"): figures["url"],
        }
    )


def _accept(bundled: Dataset, name: str, data: bytes) -> None:
    read = read_figures_upload(data, bundled.regions)
    if read.result.problems:
        st.session_state[keys.FIGURES_OUTCOME] = ("refused", name, read.result.problems)
        return
    with st.spinner(t("figures.joining")):
        joined = with_figures(bundled, read.figures, name)
    if isinstance(joined, Clash):
        # Named as the pages name figures: the cited ones and the file's.
        arithmetic = _arithmetic(bundled, read.figures, joined)
        st.session_state[keys.FIGURES_OUTCOME] = (
            "clash",
            name,
            (joined, figure_rows(bundled, read.figures), arithmetic),
        )
        return
    use_figures(FiguresInUse(name, read.figures, joined))
    st.session_state[keys.FIGURES_OUTCOME] = ("accepted", name, None)
    st.rerun()  # the sidebar and banner were drawn with the sources alone in this run


def figures_section(bundled: Dataset) -> None:
    """The figures upload: refused with every problem, refused naming a clash, or joined."""
    st.subheader(t("figures.header"))
    st.caption(t("figures.help"))
    if active_upload() is not None:
        st.info(t("figures.with_upload"))
        return
    uploaded = st.file_uploader(
        t("figures.label"), type=["csv", "txt"], key=keys.FIGURES_UPLOADER, max_upload_size=MAX_UPLOAD_MB
    )
    if uploaded is not None and st.session_state.get(keys.FIGURES_PROCESSED) != uploaded.file_id:
        st.session_state[keys.FIGURES_PROCESSED] = uploaded.file_id
        _accept(bundled, uploaded.name, uploaded.getvalue())
    outcome = st.session_state.get(keys.FIGURES_OUTCOME)
    if outcome and outcome[0] == "refused":
        _, name, problems = outcome
        st.error(t("figures.refused", file=escape_markdown(name), count=len(problems)))
        st.dataframe(problem_table(problems), hide_index=True, width="stretch")
    elif outcome and outcome[0] == "clash":
        _, name, (clash, joined, arithmetic) = outcome
        text = t("figures.clash", file=escape_markdown(name), level=label(clash.level))
        lines = "".join(f"\n\n{escape_markdown(line)}" for line in arithmetic)
        st.error(text + (" " + t("figures.clash_assumptions") if clash.assumptions else "") + lines)
        st.dataframe(_clash_table(joined, clash), hide_index=True, width="stretch")
    figures = active_figures()
    if figures is not None:
        what_they_changed(bundled, figures)


def what_they_changed(bundled: Dataset, figures: FiguresInUse) -> None:
    """Each added figure with the range the sources allowed before, the region-year ranges
    that narrowed and the verdicts that moved; the figures as a file that uploads again."""
    st.success(t("figures.accepted", file=escape_markdown(figures.file_name), count=len(figures.figures)))
    names = bundled.region_lookup("region_id", "name")
    before = figure_ranges(bundled, figures.figures)
    _show(
        {
            t("figures.col.line"): before["line"],
            t("figures.col.figure"): [
                f"{names.get(f.region_id, t('figures.national'))}, {YearSpan(f.first_year, f.last_year).label}"
                for f in figures.figures
            ],
            t("figures.col.kind"): before["kind"],
            t("figures.col.yours"): [bound_text(f.low, f.high) for f in figures.figures],
            t("figures.col.model_before"): _ranges(before, "cases_low", "cases_high"),
            t("figures.col.sources_before"): _ranges(before, "sources_low", "sources_high"),
        }
    )
    narrowed = narrowed_cells(bundled, figures.dataset)
    st.markdown(f"**{t('figures.narrowed', count=len(narrowed))}**")
    if not narrowed.empty:
        _show(
            {
                t("table.region"): narrowed["region_id"].map(names),
                t("table.year"): narrowed["year"],
                t("figures.col.model_before"): _ranges(narrowed, "cases_low", "cases_high"),
                t("figures.col.model_after"): _ranges(narrowed, "cases_low_after", "cases_high_after"),
                t("figures.col.sources_before"): _ranges(narrowed, "sources_low", "sources_high"),
                t("figures.col.sources_after"): _ranges(narrowed, "sources_low_after", "sources_high_after"),
            }
        )
    moved = moved_verdicts(bundled, figures.dataset)
    st.markdown(f"**{t('figures.moved', count=len(moved))}**")
    if not moved.empty:
        _show(
            {
                t("table.region"): moved["region_id"].map(names),
                t("filters.metric"): moved["metric"],
                t("figures.col.before"): moved["before"].map(lambda value: label(Verdict(value))),
                t("figures.col.after"): moved["after"].map(lambda value: label(Verdict(value))),
            }
        )
    st.download_button(
        t("figures.download"),
        figures_file(figures.figures, bundled.regions),
        figures.file_name,
        "text/csv",
        key=keys.FIGURES_DOWNLOAD,
        on_click="ignore",
    )


def figures_banner() -> None:
    """On every page while added figures are joined to the sources: say so, with a way back."""
    figures = active_figures()
    if figures is None or active_upload() is not None:
        return
    text, button = st.columns([5, 1])
    text.info(
        t("figures.banner", count=len(figures.figures), file=escape_markdown(figures.file_name)),
        icon=":material/playlist_add:",
    )
    button.button(t("figures.back"), key=keys.FIGURES_BACK, on_click=use_figures, args=(None,))
