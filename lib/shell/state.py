"""Shared sidebar filters, their session state, and the URL that mirrors them.

On a session's first run the URL is parsed into :class:`Filters` and written into the
widgets' session state; afterwards the widgets are the truth and the URL follows them.
"""

from __future__ import annotations

import streamlit as st

from lib.data import Dataset
from lib.filters import (
    CLASS_COUNTS,
    Filters,
    Hubs,
    HubSet,
    Metric,
    Scheme,
    YearRange,
    default_filters,
    filters_from_query,
    filters_to_query,
    language_from_query,
    years_label,
)
from lib.safe import escape_markdown
from lib.text import DEFAULT_LANGUAGE, LANGUAGES, browser_language, set_language, t

KEY_YEARS = "filter_years"
KEY_REGIONS = "filter_regions"
KEY_HUBS = "filter_hubs"
KEY_HUB_SET = "filter_hub_set"
KEY_METRIC = "filter_metric"
KEY_SCHEME = "filter_scheme"
KEY_CLASSES = "filter_classes"
KEY_SELECTED = "selected_region"
KEY_RESET = "filter_reset"
KEY_NOTICES = "url_notices"
KEY_INITIALISED = "filters_initialised"
KEY_PAGE_QUERY = "page_query"
KEY_LANGUAGE = "language"
KEY_LANGUAGE_NOTICE = "language_notice"
KEY_FILTERS = "filters"


def year_range(dataset: Dataset) -> YearRange:
    """Slider bounds are all years in the table; the default is the years that have data."""
    years = dataset.cases["year"]
    with_data = dataset.cases.loc[dataset.cases["cases"].notna(), "year"]
    default = (int(with_data.min()), int(with_data.max())) if not with_data.empty else (int(years.min()),) * 2
    return YearRange(first=int(years.min()), last=int(years.max()), default=default)


def _write_widgets(filters: Filters, dataset: Dataset) -> None:
    ids = dataset.region_lookup("slug", "region_id")
    st.session_state[KEY_YEARS] = filters.years
    st.session_state[KEY_REGIONS] = [ids[slug] for slug in filters.regions]
    st.session_state[KEY_HUBS] = filters.hubs
    st.session_state[KEY_HUB_SET] = filters.hub_set
    st.session_state[KEY_METRIC] = filters.metric
    st.session_state[KEY_SCHEME] = filters.scheme
    st.session_state[KEY_CLASSES] = filters.classes
    st.session_state[KEY_SELECTED] = ids.get(filters.selected) if filters.selected else None


def _browser_language() -> str:
    return browser_language(st.context.locale)


def start_language() -> None:
    """Pick this run's language before any text is made: the widget's value, else the
    ``lang`` URL parameter, else the browser's language."""
    if KEY_LANGUAGE not in st.session_state:
        language, notice = language_from_query(st.query_params.get("lang"), _browser_language())
        st.session_state[KEY_LANGUAGE] = language
        st.session_state[KEY_LANGUAGE_NOTICE] = notice
    set_language(st.session_state[KEY_LANGUAGE])


def init_from_url(dataset: Dataset) -> None:
    """Parse the URL into the widgets once per session; remember what was ignored."""
    if st.session_state.get(KEY_INITIALISED):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    filters, notices = filters_from_query(params, year_range(dataset), list(dataset.regions["slug"]))
    _write_widgets(filters, dataset)
    st.session_state[KEY_NOTICES] = notices
    st.session_state[KEY_INITIALISED] = True


def _reset(dataset: Dataset) -> None:
    _write_widgets(default_filters(year_range(dataset)), dataset)
    st.session_state[KEY_NOTICES] = []
    st.session_state[KEY_LANGUAGE_NOTICE] = None


def _keep_years_in_range(years: YearRange) -> None:
    """After the data changes (an upload, or going back), a year selection outside the new
    range falls back to the default instead of breaking the slider."""
    start, end = st.session_state.get(KEY_YEARS, years.default)
    if not years.first <= start <= end <= years.last:
        st.session_state[KEY_YEARS] = years.default


def region_multiselect(container: object, dataset: Dataset, label: str, key: str, placeholder: str) -> None:
    """A multiselect of region ids shown by name; its value lives in ``st.session_state[key]``."""
    names = dataset.region_lookup("region_id", "name")
    container.multiselect(label, list(names), format_func=names.__getitem__, key=key, placeholder=placeholder)  # type: ignore[attr-defined]


def sidebar_filters(dataset: Dataset) -> Filters:
    """Render the shared filters in the sidebar and return them as :class:`Filters`."""
    years = year_range(dataset)
    _keep_years_in_range(years)
    slugs = dataset.region_lookup("region_id", "slug")
    with st.sidebar:
        st.selectbox(
            t("filters.language"), list(LANGUAGES), format_func=lambda code: t(f"language.{code}"), key=KEY_LANGUAGE
        )
        st.header(t("filters.header"))
        if years.first == years.last:
            # A slider needs two distinct ends; data with one year (e.g. an upload) has nothing to choose.
            st.session_state[KEY_YEARS] = (years.first, years.last)
            st.caption(t("filters.single_year", year=years.first))
        else:
            st.slider(t("filters.years"), years.first, years.last, key=KEY_YEARS, help=t("filters.years_help"))
        region_multiselect(st, dataset, t("filters.regions"), KEY_REGIONS, t("filters.regions_placeholder"))
        st.selectbox(t("filters.hubs"), list(Hubs), format_func=lambda hub: t(f"hubs.{hub.value}"), key=KEY_HUBS)
        st.selectbox(
            t("filters.hub_set"),
            list(HubSet),
            format_func=lambda hub_set: t(f"hub_set.{hub_set.value}"),
            key=KEY_HUB_SET,
        )
        st.radio(
            t("filters.metric"), list(Metric), format_func=lambda metric: t(f"metric.{metric.value}"), key=KEY_METRIC
        )
        st.selectbox(
            t("filters.scheme"), list(Scheme), format_func=lambda scheme: t(f"scheme.{scheme.value}"), key=KEY_SCHEME
        )
        st.select_slider(t("filters.classes"), list(CLASS_COUNTS), key=KEY_CLASSES)
        filters = Filters(
            years=tuple(st.session_state[KEY_YEARS]),  # type: ignore[arg-type]
            regions=tuple(slugs[region_id] for region_id in sorted(st.session_state[KEY_REGIONS])),
            hubs=st.session_state[KEY_HUBS],
            hub_set=st.session_state[KEY_HUB_SET],
            metric=st.session_state[KEY_METRIC],
            scheme=st.session_state[KEY_SCHEME],
            classes=st.session_state[KEY_CLASSES],
            selected=slugs.get(st.session_state.get(KEY_SELECTED) or ""),
        )
        st.caption(escape_markdown(filter_summary(filters, dataset)))  # region names come from data
        st.button(t("filters.reset"), key=KEY_RESET, on_click=_reset, args=(dataset,), width="stretch")
    st.session_state[KEY_FILTERS] = filters
    return filters


def filter_summary(filters: Filters, dataset: Dataset) -> str:
    """One line saying what is filtered, e.g. ``2010–2012 · all regions · Mining hubs · Cases``."""
    years = years_label(filters.years)
    if not filters.regions:
        regions = t("filters.all_regions")
    elif len(filters.regions) <= 3:
        names = dataset.region_lookup("slug", "name")
        regions = ", ".join(names[slug] for slug in filters.regions)
    else:
        regions = t("filters.n_regions", count=len(filters.regions))
    hubs = t(f"hubs.{filters.hubs.value}")
    return t("filters.summary", years=years, regions=regions, hubs=hubs, metric=t(f"metric.{filters.metric.value}"))


def current_filters() -> Filters:
    """The filters the sidebar produced in this run (pages run after the sidebar)."""
    filters = st.session_state[KEY_FILTERS]
    assert isinstance(filters, Filters)
    return filters


def url_notices() -> list[str]:
    language_notice = st.session_state.get(KEY_LANGUAGE_NOTICE)
    return list(st.session_state.get(KEY_NOTICES, [])) + ([language_notice] if language_notice else [])


def select_region(region_id: str | None) -> None:
    st.session_state[KEY_SELECTED] = region_id


def selected_region() -> str | None:
    value = st.session_state.get(KEY_SELECTED)
    return value if isinstance(value, str) else None


def set_page_query(query: dict[str, str]) -> None:
    """Page-specific URL parameters (e.g. ``scenario``) to show next to the shared filters."""
    st.session_state[KEY_PAGE_QUERY] = dict(query)


def clear_page_query() -> None:
    st.session_state[KEY_PAGE_QUERY] = {}


def sync_url(filters: Filters, dataset: Dataset) -> None:
    """Make the address bar show ``filters`` and the page's own parameters (only writing
    when it differs)."""
    wanted = filters_to_query(filters, year_range(dataset)) | st.session_state.get(KEY_PAGE_QUERY, {})
    if st.session_state.get(KEY_LANGUAGE, DEFAULT_LANGUAGE) != _browser_language():
        wanted["lang"] = st.session_state[KEY_LANGUAGE]  # so the link opens in the chosen language
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)
