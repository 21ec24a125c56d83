"""The map page's lower part (region detail, table, exports, downloads), drawn once the map
has drawn.

A session's first run of the map page draws only what the analyst sees first: filters,
headline figures, legend and map. The browser then starts the map's frame without also
building Streamlit's data grid and the buttons below the fold, which cost about 0.4 s of
the first render on this stack (bench/RESULTS.md). streamlit-folium reports its value once
its map has drawn (``selected_layers`` is ``None`` until then, a list after); that report
is the second, automatic run, which draws the rest. From then on every run of the session
draws the whole page, so a filter change never hides the table. Should the map never report
(its script failed to load), a timer draws the rest after :data:`FALLBACK`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lib.shell import keys
from lib.text import t

DRAWN_SIGNAL = "selected_layers"
# Long enough that a crowd of sessions loading at once on a busy machine still gets its maps
# before the rest (their maps take tens of seconds to draw then), short enough to matter
# when a map's script failed.
FALLBACK = "10s"


def map_drawn(result: Mapping[str, Any] | None) -> bool:
    """Whether the case map has drawn in this session. Remembered, so a map that is mounted
    again (the basemap toggle makes a new frame) does not hide the lower part again."""
    if result is not None and result.get(DRAWN_SIGNAL) is not None:
        st.session_state[keys.MAP_DRAWN] = True
    return bool(st.session_state.get(keys.MAP_DRAWN))


@st.fragment(run_every=FALLBACK)
def draw_rest_later() -> None:
    """Stands in for the lower part until the map has drawn. In the full run it only says
    what is coming; its own timed run (the map has not reported by then) draws the whole
    page. The next full run does not call it, which stops its timer."""
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.fragment_ids_this_run:
        st.session_state[keys.MAP_DRAWN] = True
        st.rerun()
    st.caption(t("map.more_below"))
