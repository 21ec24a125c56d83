"""Performance benchmark: the bare floor, the stack floor, a naive reference and the app.

Each app runs in its own ``streamlit run`` on a free port; one headless Chromium drives
it with every non-localhost request blocked. The references:

- floor (``bench/apps/floor.py``): one slider and a line of text, what Streamlit costs;
- stack (``bench/apps/stack.py``): one slider and the 25 regions drawn by folium and
  streamlit-folium from the app's own Leaflet, what the map stack costs at least;
- naive (``bench/apps/naive.py``): the same choropleth written the tutorial way.

Figures (medians over ``runs`` after one warm-up run that is dropped, with the spread):

- first render: navigation to the 25 region shapes drawn (the floor: to its text);
- filter change: a key press on the year slider to the map redrawn (the floor: its text);
- bytes received over the websocket for the map page;
- server time per script run: a rerun request to its ``script_finished`` (page load,
  filter change, and the coverage page with the planner at k = 8);
- server CPU per page load: the server process's CPU time from navigation to drawn;
- reruns caused by panning and zooming the map;
- server RSS idle and its growth per additional open session;
- concurrency: 25 sessions arriving at once, each loading the map (the app and the stack
  floor), and 25 arriving 3 s apart, each also changing a filter three times (see
  :mod:`bench.load`).

First render is measured twice: "warm" pages share one browser context, as a returning
analyst's browser has Streamlit's and the map's scripts cached; "cold" pages each get a
fresh context with an empty cache.

Usage: ``.venv/bin/python -m bench.perf [runs]`` (default 7). Writes bench/RESULTS.md.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from bench.load import LoadResult, percentile, run_load
from bench.probe import INIT_SCRIPT, Frames
from bench.results import machine, rss_mb, write_section
from bench.targets import TARGETS, Target, serving
from tests.support.harness import CHROMIUM, CHROMIUM_ARGS, DEAD_PROXY, Offline, wait_for_script

TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1400, "height": 1000}
# (sessions, seconds between arrivals, filter changes per session). The budget is for 25 at
# once against the stack floor doing the same (loading only); 25 arriving 3 s apart, each
# changing the filter three times, is the app's steady state.
LOADS = {"stack": ((25, 0.0, 0),), "app": ((25, 3.0, 3), (25, 0.0, 0))}


@dataclass
class Measures:
    """Everything measured for one target; lists hold one value per run."""

    first_render_warm_ms: list[float] = field(default_factory=list)
    first_render_cold_ms: list[float] = field(default_factory=list)
    filter_change_ms: list[float] = field(default_factory=list)
    page_bytes: list[int] = field(default_factory=list)
    server_load_ms: list[float] = field(default_factory=list)
    server_filter_ms: list[float] = field(default_factory=list)
    server_coverage_ms: list[float] = field(default_factory=list)
    server_cpu_ms: list[float] = field(default_factory=list)
    pan_zoom_reruns: int | None = None
    rss_idle_mb: float = 0.0
    rss_per_session_mb: float = 0.0
    load: dict[tuple[int, float], LoadResult] = field(default_factory=dict)
    blocked: list[str] = field(default_factory=list)


def new_page(context: object) -> Page:
    page = context.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    return page


def new_context(browser: Browser, offline: Offline) -> object:
    context = browser.new_context(viewport=VIEWPORT)
    context.on("requestfailed", offline.failed)
    context.add_init_script(INIT_SCRIPT)
    return context


def wait_ms(page: Page, predicate: str) -> float:
    """Wait until ``predicate`` returns a time (checked every animation frame); return it."""
    return float(page.wait_for_function(predicate, polling="raf", timeout=TIMEOUT_MS).json_value())


def load(page: Page, url: str, target: Target) -> float:
    """Open ``url``; return when the content was drawn, after waiting for the whole page."""
    page.goto(url)
    drawn = wait_ms(page, target.drawn_js())
    if target.complete_selector:
        page.wait_for_selector(target.complete_selector, state="attached", timeout=TIMEOUT_MS)
    wait_for_script(page)
    return drawn


def cpu_ms(pid: int) -> float:
    """CPU time process ``pid`` has used so far, all threads (ended ones too), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    user, system = int(fields[11]), int(fields[12])  # utime and stime, fields 14 and 15
    return (user + system) * 1000 / os.sysconf("SC_CLK_TCK")


def change_filter(page: Page, target: Target, key: str) -> float:
    """Move the slider's first thumb one step with ``key``; return ms until redrawn."""
    page.evaluate(target.mark_js())
    page.locator(target.slider).nth(target.thumb).press(key)
    redrawn = wait_ms(page, target.redrawn_js())
    wait_for_script(page)
    return redrawn - float(page.evaluate("() => window.__bench.keydown"))


def pan_and_zoom_reruns(page: Page) -> int:
    """Drag the map three times and zoom in and out with the wheel; count the reruns the
    browser asks for (in the 2 s after, too, for debounced reports)."""
    frames_before = Frames.read(page)
    started = frames_before.sent[-1][0] if frames_before.sent else 0.0
    box = page.locator("iframe[title='streamlit_folium.st_folium']").first.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in ((120, 0), (0, 90), (-120, -90)):
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + dx, y + dy, steps=8)
        page.mouse.up()
        page.wait_for_timeout(400)
    for delta in (-300, 300):
        page.mouse.move(x, y)
        page.mouse.wheel(0, delta)
        page.wait_for_timeout(600)
    page.wait_for_timeout(2000)
    wait_for_script(page)
    return len(Frames.read(page).reruns(after_ms=started))


def memory(browser: Browser, url: str, pid: int, target: Target, sessions: int, measures: Measures) -> None:
    """RSS after one session has loaded and closed (idle), then the slope of RSS over
    ``sessions`` sessions kept open at once."""
    offline = Offline()
    context = new_context(browser, offline)
    page = new_page(context)
    load(page, url, target)
    page.close()
    time.sleep(2)
    measures.rss_idle_mb = rss_mb(pid)
    pages, samples = [], []
    for count in range(1, sessions + 1):
        page = new_page(context)
        load(page, url, target)
        pages.append(page)
        samples.append((count, rss_mb(pid)))
    slope = statistics.linear_regression([c for c, _ in samples], [r for _, r in samples]).slope
    measures.rss_per_session_mb = slope
    context.close()  # type: ignore[attr-defined]
    measures.blocked += offline.blocked


def warm_load(context: object, served: tuple[str, int], target: Target, measures: Measures, counted: bool) -> None:
    """One page load in the shared (warm) context, then one filter change."""
    url, pid = served
    page = new_page(context)
    cpu_before = cpu_ms(pid)
    first = load(page, url + "/", target)
    cpu = cpu_ms(pid) - cpu_before
    frames = Frames.read(page)
    loaded = frames.received[-1][0]
    if target.redraws:
        filter_ms = change_filter(page, target, target.step_key)
    after_load = Frames.read(page)
    page.close()
    if not counted:  # the first run warms server caches and the browser's cache
        return
    measures.first_render_warm_ms.append(first)
    measures.server_cpu_ms.append(cpu)
    measures.page_bytes.append(frames.bytes_received(loaded))
    measures.server_load_ms.append(frames.server_time_ms() or float("nan"))
    if target.redraws:
        measures.server_filter_ms.append(after_load.server_time_ms(after_ms=loaded) or float("nan"))
        measures.filter_change_ms.append(filter_ms)


def measure(browser: Browser, targets: tuple[Target, ...], runs: int, sessions: int) -> dict[str, Measures]:
    """Every figure of every target. All apps are served at once and each round loads each
    app once, in turn: drift in this machine's speed (other tenants, thermal) then touches
    every app alike instead of whichever happened to be measured during it."""
    results = {target.name: Measures() for target in targets}
    offline = {target.name: Offline() for target in targets}
    with ExitStack() as stack:
        served = {target.name: stack.enter_context(serving(target)) for target in targets}
        warm = {target.name: new_context(browser, offline[target.name]) for target in targets}
        for run in range(runs + 1):
            for target in targets:
                warm_load(warm[target.name], served[target.name], target, results[target.name], counted=run > 0)
        for target in targets:
            url, _ = served[target.name]
            if target.is_map:
                page = new_page(warm[target.name])
                load(page, url + "/", target)
                results[target.name].pan_zoom_reruns = pan_and_zoom_reruns(page)
                page.close()
            if target.coverage_path:
                for run in range(runs + 1):
                    page = new_page(warm[target.name])
                    page.goto(url + target.coverage_path)
                    wait_ms(page, target.drawn_js())
                    wait_for_script(page)
                    if run > 0:
                        results[target.name].server_coverage_ms.append(
                            Frames.read(page).server_time_ms() or float("nan")
                        )
                    page.close()
        for context in warm.values():
            context.close()  # type: ignore[attr-defined]
        for _ in range(runs):
            for target in targets:
                cold = new_context(browser, offline[target.name])
                page = new_page(cold)
                results[target.name].first_render_cold_ms.append(load(page, served[target.name][0] + "/", target))
                cold.close()  # type: ignore[attr-defined]
        for target in targets:
            url, pid = served[target.name]
            memory(browser, url, pid, target, sessions, results[target.name])
            results[target.name].blocked += offline[target.name].blocked
    return results


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _fmt(value: float | None, unit: str) -> str:
    if value is None or value != value:  # NaN
        return "n/a"
    return f"{value:,.1f}" if unit in ("KB", "MB") else f"{value:,.0f}"


def _spread(values: list[float], unit: str) -> str:
    """The median and, with more than one run, the lowest and highest run."""
    if len(values) < 2:
        return _fmt(median(values), unit)
    return f"{_fmt(median(values), unit)} ({_fmt(min(values), unit)}–{_fmt(max(values), unit)})"


def _mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def budget_rows(results: dict[str, Measures]) -> list[str]:
    """The budgets of the stack-floor issue, each with the measured figure and a verdict."""
    app, stack, floor = results["app"], results["stack"], results["floor"]
    rows: list[str] = []

    def against(figure: str, app_values: list[float], reference: str, values: list[float], limit: float) -> None:
        ratio = median(app_values) / median(values) if values else float("nan")
        rows.append(
            f"| {figure} | {_spread(app_values, 'ms')} | {reference}: {_spread(values, 'ms')} | {ratio:.2f}× | "
            f"≤ {limit:.2f}× {_mark(ratio <= limit)} |"
        )

    def absolute(figure: str, app_values: list[float], unit: str, rule: str, ok: bool) -> None:
        rows.append(f"| {figure} | {_spread(app_values, unit)} | – | – | {rule} {_mark(ok)} |")

    against("first render, warm cache (ms)", app.first_render_warm_ms, "stack", stack.first_render_warm_ms, 1.10)
    against("first render, cold cache (ms)", app.first_render_cold_ms, "stack", stack.first_render_cold_ms, 1.15)
    against("filter change → map redrawn (ms)", app.filter_change_ms, "floor's round trip", floor.filter_change_ms, 2.0)
    against("server CPU per map-page load (ms)", app.server_cpu_ms, "stack", stack.server_cpu_ms, 2.0)
    crowd, crowd_stack = app.load.get((25, 0.0)), stack.load.get((25, 0.0))
    if crowd and crowd_stack:
        app_p95, stack_p95 = percentile(crowd.first_render_s, 95), percentile(crowd_stack.first_render_s, 95)
        ratio = app_p95 / stack_p95
        ok = ratio <= 1.3 and crowd.success_rate == 1.0
        rows.append(
            f"| 25 sessions at once: p95 first render (s), served | {app_p95:.2f}, {crowd.success_rate:.0%} | "
            f"stack: {stack_p95:.2f}, {crowd_stack.success_rate:.0%} | {ratio:.2f}× | ≤ 1.30×, 100 % {_mark(ok)} |"
        )
    page_kb = [size / 1000 for size in app.page_bytes]
    absolute("websocket bytes, map page (KB)", page_kb, "KB", "≤ 100 KB", median(page_kb) <= 100)
    reruns = app.pan_zoom_reruns
    rows.append(f"| reruns from 3 drags + 2 wheel zooms | {reruns} | – | – | 0 {_mark(reruns == 0)} |")
    coverage = app.server_coverage_ms
    absolute("server time, coverage page, planner k = 8 (ms)", coverage, "ms", "< 2 s", median(coverage) < 2000)
    growth = app.rss_per_session_mb * 50
    absolute("RSS growth per 50 open sessions (MB)", [growth], "MB", "< 100 MB", growth < 100)
    return rows


def report(results: dict[str, Measures], runs: int, sessions: int, elapsed_s: float) -> str:
    names = list(results)
    rows = []

    def row(label: str, value: Callable[[Measures], list[float]], unit: str) -> None:
        cells = " | ".join(_spread(value(results[name]), unit) for name in names)
        rows.append(f"| {label} | {cells} |")

    row("first render, warm cache (ms)", lambda m: m.first_render_warm_ms, "ms")
    row("first render, cold cache (ms)", lambda m: m.first_render_cold_ms, "ms")
    row("filter change → redrawn (ms)", lambda m: m.filter_change_ms, "ms")
    row("websocket bytes for the page (KB)", lambda m: [size / 1000 for size in m.page_bytes], "KB")
    row("server time, page load run (ms)", lambda m: m.server_load_ms, "ms")
    row("server time, filter change run (ms)", lambda m: m.server_filter_ms, "ms")
    row("server CPU, navigation → drawn (ms)", lambda m: m.server_cpu_ms, "ms")
    row("reruns from 3 drags + 2 wheel zooms", lambda m: [] if m.pan_zoom_reruns is None else [m.pan_zoom_reruns], "n")
    row("server RSS idle (MB)", lambda m: [m.rss_idle_mb], "MB")
    row(f"RSS growth per 50 sessions (MB, slope over {sessions} open)", lambda m: [m.rss_per_session_mb * 50], "MB")
    row("requests that tried to leave the machine (blocked)", lambda m: [len(m.blocked)], "n")
    load_lines = [
        "| app | sessions | arrivals | served | first render p50 / p95 (s) | filter change p50 / p95 (s) |",
        "|---|---:|---|---:|---|---|",
    ]
    for name, measures in results.items():
        for result in measures.load.values():
            first, change = result.first_render_s, result.filter_change_s
            load_lines.append(
                f"| {name} | {result.sessions} | {result.arrivals} | {result.success_rate:.0%} | "
                f"{percentile(first, 50):.2f} / {percentile(first, 95):.2f} | "
                + (f"{percentile(change, 50):.2f} / {percentile(change, 95):.2f} |" if change else "– |")
            )
            if result.errors:
                load_lines.append(f"|  |  | errors: {result.errors} |  |  |  |")
    return "\n".join(
        [
            "## Performance: bare floor, stack floor, naive reference, app",
            "",
            f"Run {machine()}; `make bench` (`python -m bench.perf {runs}`), {elapsed_s / 60:.1f} min.",
            f"Medians of {runs} runs after a dropped warm-up, with the lowest and highest run in brackets; "
            "headless Chromium with every non-localhost request blocked.",
            "",
            "| budget | app | reference | ratio | budget |",
            "|---|---:|---:|---:|---|",
            *budget_rows(results),
            "",
            f"| figure | {' | '.join(names)} |",
            f"|---|{'---:|' * len(names)}",
            *rows,
            "",
            "Concurrency: sessions open at once (all stay open until the last is done); those arriving 3 s apart "
            "also change the year filter three times each.",
            "",
            *load_lines,
        ]
    )


def main(runs: int = 7, sessions: int = 10, loads: dict[str, tuple[tuple[int, float, int], ...]] = LOADS) -> None:
    started = time.perf_counter()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, proxy=DEAD_PROXY)
        results = measure(browser, TARGETS, runs, sessions)
        print(f"page loads: done after {time.perf_counter() - started:.0f} s", file=sys.stderr)
        browser.close()
    for target in TARGETS:
        for count, gap_s, steps in loads.get(target.name, ()):
            with serving(target) as (url, _):
                results[target.name].load[(count, gap_s)] = run_load(url, target, count, gap_s, steps)
            elapsed = time.perf_counter() - started
            print(f"load {target.name} {count} sessions: done after {elapsed:.0f} s", file=sys.stderr)
    body = report(results, runs, sessions, time.perf_counter() - started)
    write_section("perf", body)
    print(body)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
