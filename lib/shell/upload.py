"""The upload control and the banner that says uploaded data is in use."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.data import Dataset
from lib.reading import MAX_UPLOAD_MB
from lib.safe import escape_markdown
from lib.shell import keys
from lib.shell.loaders import UploadedCases, active_upload, use_upload
from lib.text import t
from lib.upload import complete_grid, read_cases_upload
from lib.validate import Problem


def problem_table(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("upload.problem.line"): [problem.line for problem in problems],
            t("upload.problem.column"): [problem.column or "" for problem in problems],
            t("upload.problem.value"): [problem.shown_value for problem in problems],
            t("upload.problem.message"): [problem.message for problem in problems],
        }
    ).astype({t("upload.problem.line"): "Int64"})


def upload_section(bundled: Dataset) -> None:
    """File uploader; a new file is validated once, then used or refused with every problem."""
    st.subheader(t("upload.header"))
    st.caption(t("upload.help"))
    uploaded = st.file_uploader(
        t("upload.label"), type=["csv", "txt"], key=keys.UPLOADER, max_upload_size=MAX_UPLOAD_MB
    )
    if uploaded is not None and st.session_state.get(keys.UPLOAD_PROCESSED) != uploaded.file_id:
        st.session_state[keys.UPLOAD_PROCESSED] = uploaded.file_id
        result = read_cases_upload(uploaded.getvalue(), uploaded.name, bundled.regions)
        if result.accepted and result.table is not None:
            st.session_state[keys.UPLOAD_REFUSED] = None
            grid = complete_grid(result.table, bundled.regions)
            use_upload(UploadedCases(uploaded.name, len(result.table), grid))
            st.session_state[keys.UPLOAD_ACCEPTED] = t(
                "upload.accepted",
                file=escape_markdown(uploaded.name),
                rows=len(result.table),
                encoding=result.encoding,
                delimiter=result.delimiter,
            )
            st.rerun()  # the sidebar and banner were drawn with the old data in this run
        st.session_state[keys.UPLOAD_REFUSED] = (uploaded.name, result.problems)
    refused = st.session_state.get(keys.UPLOAD_REFUSED)
    if refused:
        name, problems = refused
        st.error(t("upload.refused", file=escape_markdown(name), count=len(problems)))
        st.dataframe(problem_table(problems), hide_index=True, width="stretch")
    elif active_upload() is not None and st.session_state.get(keys.UPLOAD_ACCEPTED):
        st.success(st.session_state[keys.UPLOAD_ACCEPTED])


def upload_banner() -> None:
    """On every page while uploaded data is in use: say so, with a way back."""
    upload = active_upload()
    if upload is None:
        return
    text, button = st.columns([5, 1])
    text.info(
        t("upload.banner", file=escape_markdown(upload.file_name), rows=upload.rows), icon=":material/upload_file:"
    )
    button.button(t("upload.back"), key=keys.UPLOAD_BACK, on_click=use_upload, args=(None,))
