"""The four apps the benchmark compares, and how to serve each one."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.harness import ROOT, start_server

APPS = ROOT / "bench" / "apps"
REGIONS = 25


@dataclass(frozen=True)
class Target:
    """One app under test and how to tell that its content is on screen."""

    name: str
    script: Path
    is_map: bool
    slider: str  # the slider thumbs on the page; ``thumb`` is moved with the arrow keys
    thumb: int
    step_key: str  # the key that changes the data shown, from the default position
    coverage_path: str | None = None
    redraws: bool = True  # whether moving the slider changes what is drawn
    complete_selector: str | None = None  # on the page once all of it is there

    @property
    def step_back_key(self) -> str:
        return "ArrowLeft" if self.step_key == "ArrowRight" else "ArrowRight"

    def drawn_js(self) -> str:
        """A page function that returns ``performance.now()`` once the content is drawn."""
        if self.is_map:
            return f"() => window.__bench.paths().length >= {REGIONS} && performance.now()"
        return "() => window.__bench.text('Cases shown for') !== null && performance.now()"

    def mark_js(self) -> str:
        """Remember what is on screen now, so a redraw can be told apart from it."""
        if self.is_map:
            return "() => { window.__bench.paths().forEach((path) => { path.__benchSeen = true; }); }"
        return "() => { window.__bench.before = window.__bench.text('Cases shown for'); }"

    def redrawn_js(self) -> str:
        if self.is_map:
            return (
                "() => window.__bench.paths().filter((path) => !path.__benchSeen).length >= "
                f"{REGIONS} && performance.now()"
            )
        return (
            "() => { const now = window.__bench.text('Cases shown for');"
            " return now !== null && now !== window.__bench.before && performance.now(); }"
        )


SLIDER = "[data-testid=stSlider] input[type=range]"
# Each step moves the end of the year range from 2014 to 2013 and back: a change every map
# shows (a step of the start from 2007 adds or drops only a dozen cases, and the naive
# map's colour bins may not change at all).
FLOOR = Target("floor", APPS / "floor.py", is_map=False, slider=SLIDER, thumb=0, step_key="ArrowLeft")
STACK = Target("stack", APPS / "stack.py", is_map=True, slider=SLIDER, thumb=0, step_key="ArrowLeft", redraws=False)
NAIVE = Target("naive", APPS / "naive.py", is_map=True, slider=SLIDER, thumb=1, step_key="ArrowLeft")
APP = Target(
    "app",
    ROOT / "app.py",
    is_map=True,
    slider=f"[data-testid=stSidebar] {SLIDER}",
    thumb=1,
    step_key="ArrowLeft",
    coverage_path="/coverage?scenario=best&offices=8&rule=radius&radius=300",
    # The table comes in the run the map's first report asks for (lib.shell.deferred).
    complete_selector="[data-testid=stDataFrame]",
)
TARGETS = (FLOOR, STACK, NAIVE, APP)


@contextmanager
def serving(target: Target) -> Iterator[tuple[str, int]]:
    """Run ``target`` on a free port. Bench apps run from a scratch folder that links the
    app's config and ``static/`` (Streamlit serves ``static/`` next to the script)."""
    if target.script == ROOT / "app.py":
        url, process = start_server()
    else:
        scratch = Path(tempfile.mkdtemp(prefix=f"bench-{target.name}-"))
        (scratch / ".streamlit").symlink_to(ROOT / ".streamlit")
        (scratch / "static").symlink_to(ROOT / "static")
        (scratch / "app.py").symlink_to(target.script)
        url, process = start_server(script=scratch / "app.py", cwd=scratch)
    try:
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)
