"""The one way a view state travels between the URL, its widgets and the session
(:mod:`lib.url` holds the codecs): the link read on a session's first visit (and again when a
link names other values, for a state that follows links), the widgets written whenever the
state is set or Streamlit forgot them (a run that did not draw them: another page), the data's
years changing under the state, and the state read back from the widgets and mirrored."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import streamlit as st

from lib.data import Dataset
from lib.shell import keys
from lib.url import Codec, UrlContext, from_widgets, to_widgets

State = TypeVar("State")


def query_params() -> dict[str, list[str]]:
    """The URL's parameters, every value of each."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def url_context(dataset: Dataset) -> UrlContext:
    return UrlContext(dataset.year_range, tuple(dataset.regions["slug"]), dataset.region_lookup("slug", "region_id"))


@dataclass(frozen=True)
class UrlState(Generic[State]):
    """A view state: its codec, its widgets (state field -> widget key), where the session
    keeps it, its notices and the data's years it was set in; ``parameters`` it owns in the
    URL when a link naming them replaces the stored state (``follows_link``); ``page``: its
    parameters are the page's own, mirrored beside the shared filters."""

    codec: Codec[State]
    widgets: Mapping[str, str]
    state_key: str
    notices_key: str
    years_key: str
    parameters: tuple[str, ...] = ()
    follows_link: bool = False
    page: bool = True

    def stored(self) -> State | None:
        return st.session_state.get(self.state_key)

    def set(self, state: State, context: UrlContext) -> None:
        """Make ``state`` the session's, its widgets included."""
        for key, value in to_widgets(state, self.widgets, self.codec, context).items():
            st.session_state[key] = value
        st.session_state[self.state_key] = state
        st.session_state[self.years_key] = context.years

    def enter(self, dataset: Dataset) -> list[str]:
        """Bring the state in on entering its page; return what the link had that was ignored."""
        context, stored, params = url_context(dataset), self.stored(), query_params()
        if stored is not None and st.session_state.get(self.years_key) != context.years:
            self.set(self.codec.fit(stored, context), context)  # the data changed under it
        elif stored is None or (
            self.follows_link
            and any(name in params for name in self.parameters)
            and self.codec.from_query(params, context)[0] != stored
        ):
            state, notices = self.codec.from_query(params, context)
            st.session_state[self.notices_key] = notices
            self.set(state, context)
        elif any(key not in st.session_state for key in self.widgets.values()):
            self.set(stored, context)
        return list(st.session_state.get(self.notices_key, []))

    def read(self, dataset: Dataset, widgets: Mapping[str, Any] | None = None) -> State:
        """The state as the widgets now say (``widgets``: values by field instead of the
        widgets' own, for one a run does not draw); kept, and mirrored in the URL."""
        context, stored = url_context(dataset), self.stored()
        assert stored is not None, "enter() first"
        values = widgets if widgets is not None else {f: st.session_state[k] for f, k in self.widgets.items()}
        state = from_widgets(stored, values, self.codec, context)
        st.session_state[self.state_key] = state
        if self.page:
            st.session_state[keys.PAGE_QUERY] = self.codec.to_query(state, context)
        return state
