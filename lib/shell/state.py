"""Shared sidebar filters, their session state, and the URL that mirrors them.

On a session's first run the URL is parsed into :class:`Filters` and written into the
widgets (through :data:`keys.FILTER_WIDGETS`); afterwards the widgets are the truth for the
filters and the URL follows them. The selected region has no widget: the :class:`Filters`
kept in session state is its only home.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib.data import Dataset
from lib.filters import (
    CLASS_COUNTS,
    IN_SESSION,
    UPLOADED,
    Filters,
    FiltersCodec,
    Hubs,
    HubSet,
    Metric,
    Scheme,
    default_filters,
    filters_to_query,
    language_from_query,
    made_with_figures,
    made_with_upload,
)
from lib.labels import filter_summary, label, language_name
from lib.safe import escape_markdown
from lib.shell import keys
from lib.shell.url import UrlState, query_params, url_context
from lib.text import DEFAULT_LANGUAGE, LANGUAGES, browser_language, set_language, t

FILTERS = UrlState(FiltersCodec(), keys.FILTER_WIDGETS, keys.FILTERS, keys.NOTICES, keys.FILTER_YEARS, page=False)


def _browser_language() -> str:
    return browser_language(st.context.locale)


def start_language() -> None:
    """Pick this run's language before any text is made: the widget's value, else the
    ``lang`` URL parameter, else the browser's language."""
    if keys.LANGUAGE not in st.session_state:
        language, notice = language_from_query(st.query_params.get_all("lang"), _browser_language())
        st.session_state[keys.LANGUAGE] = language
        st.session_state[keys.LANGUAGE_NOTICE] = notice
    set_language(st.session_state[keys.LANGUAGE])


def filters_from_url(dataset: Dataset) -> None:
    """Bring the filters in (the URL on the session's first visit, the data's default years
    when its years change); on the first visit also say what the link had that is gone."""
    first = FILTERS.stored() is None
    FILTERS.enter(dataset)
    if not first:
        return
    params = query_params()
    notices = list(st.session_state.get(keys.NOTICES, []))
    uploaded, data_notices = made_with_upload(params)
    if uploaded:
        # The file was in another session (or on a server that stopped): say so rather than
        # silently showing the bundled data under the same link.
        notices.append(t("upload.lost"))
    with_figures, figure_notices = made_with_figures(params)
    if with_figures:
        notices.append(t("figures.lost"))
    st.session_state[keys.NOTICES] = notices + data_notices + figure_notices


def _reset(dataset: Dataset) -> None:
    FILTERS.set(default_filters(dataset.year_range), url_context(dataset))
    st.session_state[keys.NOTICES] = []
    st.session_state[keys.LANGUAGE_NOTICE] = None


def region_multiselect(container: object, dataset: Dataset, label_text: str, key: str, placeholder: str) -> None:
    """A multiselect of region ids shown by name; its value lives in ``st.session_state[key]``."""
    names = dataset.region_lookup("region_id", "name")
    container.multiselect(label_text, list(names), format_func=names.__getitem__, key=key, placeholder=placeholder)  # type: ignore[attr-defined]


def sidebar_filters(dataset: Dataset) -> Filters:
    """Render the shared filters in the sidebar and return them as :class:`Filters`."""
    years = dataset.year_range
    with st.sidebar:
        st.selectbox(t("filters.language"), list(LANGUAGES), format_func=language_name, key=keys.LANGUAGE)
        st.header(t("filters.header"))
        if years.first == years.last:
            # A slider needs two distinct ends; data with one year (e.g. an upload) has nothing to choose.
            st.session_state[keys.YEARS] = (years.first, years.last)
            st.caption(t("filters.single_year", year=years.first))
        else:
            st.slider(t("filters.years"), years.first, years.last, key=keys.YEARS, help=t("filters.years_help"))
        region_multiselect(st, dataset, t("filters.regions"), keys.REGIONS, t("filters.regions_placeholder"))
        st.selectbox(t("filters.hubs"), list(Hubs), format_func=label, key=keys.HUBS)
        st.selectbox(t("filters.hub_set"), list(HubSet), format_func=label, key=keys.HUB_SET)
        st.radio(t("filters.metric"), list(Metric), format_func=label, key=keys.METRIC)
        st.selectbox(t("filters.scheme"), list(Scheme), format_func=label, key=keys.SCHEME)
        st.select_slider(t("filters.classes"), list(CLASS_COUNTS), key=keys.CLASSES)
        filters = FILTERS.read(dataset)
        names = dataset.region_lookup("slug", "name")
        st.caption(escape_markdown(filter_summary(filters, names)))  # region names come from data
        st.button(t("filters.reset"), key=keys.RESET, on_click=_reset, args=(dataset,), width="stretch")
    return filters


def current_filters() -> Filters:
    """The filters of this run (pages run after the sidebar), selection included."""
    filters = st.session_state[keys.FILTERS]
    assert isinstance(filters, Filters)
    return filters


def select_region(slug: str | None) -> None:
    """Select a region by slug (``None`` clears the selection)."""
    st.session_state[keys.FILTERS] = replace(current_filters(), selected=slug)


def url_notices() -> list[str]:
    language_notice = st.session_state.get(keys.LANGUAGE_NOTICE)
    return list(st.session_state.get(keys.NOTICES, [])) + ([language_notice] if language_notice else [])


def clear_page_query() -> None:
    st.session_state[keys.PAGE_QUERY] = {}


def sync_url(dataset: Dataset) -> None:
    """Make the address bar show the filters (as they are after the page ran: a click may
    have changed the selection) and the page's own parameters, writing only on a change."""
    wanted = filters_to_query(current_filters(), dataset.year_range) | st.session_state.get(keys.PAGE_QUERY, {})
    if dataset.upload is not None:
        wanted["data"] = UPLOADED
    if dataset.added is not None:
        wanted["figures"] = IN_SESSION
    if st.session_state.get(keys.LANGUAGE, DEFAULT_LANGUAGE) != _browser_language():
        wanted["lang"] = st.session_state[keys.LANGUAGE]  # so the link opens in the chosen language
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)
