"""Performance benchmark: the floor, a naive reference and the app, side by side.

Each app runs in its own ``streamlit run`` on a free port; one headless Chromium drives
it with every non-localhost request blocked. Figures (medians over ``runs`` after one
warm-up run that is dropped):

- first render: navigation to the 25 region shapes drawn (the floor: to its text);
- filter change: a key press on the year slider to the map redrawn (the floor: its text);
- bytes received over the websocket for the map page;
- server time per script run: a rerun request to its ``script_finished`` (page load,
  filter change, and the coverage page with the planner at k = 8);
- reruns caused by panning and zooming the map;
- server RSS idle and its growth per additional open session;
- concurrency: N sessions open at once, each loading the map and changing a filter three
  times (see :mod:`bench.load`).

First render is measured twice: "warm" pages share one browser context, as a returning
analyst's browser has Streamlit's and the map's scripts cached; "cold" pages each get a
fresh context with an empty cache. The budgets apply to both.

Usage: ``.venv/bin/python -m bench.perf [runs]`` (default 5). Writes bench/RESULTS.md.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page, sync_playwright

from bench.load import LoadResult, percentile, run_load
from bench.probe import INIT_SCRIPT, Frames
from bench.results import machine, rss_mb, write_section
from bench.targets import TARGETS, Target, serving
from tests.support.harness import CHROMIUM, CHROMIUM_ARGS, DEAD_PROXY, Offline, wait_for_script

TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1400, "height": 1000}
# (sessions, seconds between arrivals); the budget is for 25. The floor gets the hardest
# case too: what 25 browsers starting at once on this machine cost with no app at all.
LOADS = {"floor": ((25, 0.0),), "app": ((10, 3.0), (25, 3.0), (25, 0.0))}


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
    page.goto(url)
    drawn = wait_ms(page, target.drawn_js())
    wait_for_script(page)
    return drawn


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


def measure(browser: Browser, target: Target, runs: int, sessions: int) -> Measures:
    measures = Measures()
    with serving(target) as (url, pid):
        offline = Offline()
        warm = new_context(browser, offline)
        for run in range(runs + 1):
            page = new_page(warm)
            first = load(page, url + "/", target)
            frames = Frames.read(page)
            loaded = frames.received[-1][0]
            filter_ms = change_filter(page, target, target.step_key)
            after_load = Frames.read(page)
            if run > 0:  # the first run warms server caches and the browser's cache
                measures.first_render_warm_ms.append(first)
                measures.page_bytes.append(frames.bytes_received(loaded))
                measures.server_load_ms.append(frames.server_time_ms() or float("nan"))
                measures.server_filter_ms.append(after_load.server_time_ms(after_ms=loaded) or float("nan"))
                measures.filter_change_ms.append(filter_ms)
            if run == runs and target.is_map:
                measures.pan_zoom_reruns = pan_and_zoom_reruns(page)
            page.close()
        if target.coverage_path:
            for run in range(runs + 1):
                page = new_page(warm)
                page.goto(url + target.coverage_path)
                wait_ms(page, target.drawn_js())
                wait_for_script(page)
                if run > 0:
                    measures.server_coverage_ms.append(Frames.read(page).server_time_ms() or float("nan"))
                page.close()
        warm.close()  # type: ignore[attr-defined]
        for _ in range(runs):
            cold = new_context(browser, offline)
            page = new_page(cold)
            measures.first_render_cold_ms.append(load(page, url + "/", target))
            cold.close()  # type: ignore[attr-defined]
        memory(browser, url, pid, target, sessions, measures)
        measures.blocked += offline.blocked
    return measures


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(results: dict[str, Measures], runs: int, sessions: int, elapsed_s: float) -> str:
    floor, app = results["floor"], results["app"]
    floor_first = {mode: median(getattr(floor, f"first_render_{mode}_ms")) for mode in ("warm", "cold")}
    rows = []

    def row(label: str, value: Callable[[Measures], float], unit: str, floor_ratio: bool, budget: str = "") -> None:
        values = {name: value(measures) for name, measures in results.items()}
        ratio_floor = f"{values['app'] / values['floor']:.2f}×" if floor_ratio and values["floor"] > 0 else "–"
        ratio_naive = f"{values['app'] / values['naive']:.2f}×" if unit != "n" and values["naive"] > 0 else "–"
        cells = " | ".join(_fmt(values[name], unit) for name in ("floor", "naive", "app"))
        rows.append(f"| {label} | {cells} | {ratio_floor} | {ratio_naive} | {budget} |")

    def verdict(ok: bool, rule: str) -> str:
        return f"{rule} {'✅' if ok else '❌'}"

    for mode in ("warm", "cold"):
        app_first = median(getattr(app, f"first_render_{mode}_ms"))
        row(
            f"first render, {mode} cache (ms)",
            lambda m, mode=mode: median(getattr(m, f"first_render_{mode}_ms")),
            "ms",
            True,
            verdict(app_first <= 1.3 * floor_first[mode], "≤ 1.3× floor"),
        )
    row(
        "filter change → redrawn (ms)",
        lambda m: median(m.filter_change_ms),
        "ms",
        True,
        verdict(median(app.filter_change_ms) <= 1.3 * median(floor.filter_change_ms), "≤ 1.3× floor"),
    )
    row(
        "websocket bytes for the page (KB)",
        lambda m: median(m.page_bytes) / 1000,
        "KB",
        False,
        verdict(median(app.page_bytes) <= 100_000, "≤ 100 KB"),
    )
    row("server time, page load run (ms)", lambda m: median(m.server_load_ms), "ms", False)
    row("server time, filter change run (ms)", lambda m: median(m.server_filter_ms), "ms", False)
    coverage_ms = median(app.server_coverage_ms)
    rows.append(
        f"| server time, coverage page, planner k = 8 (ms) | – | – | {_fmt(coverage_ms, 'ms')} | – | – | "
        f"{verdict(coverage_ms < 2000, '< 2 s')} |"
    )
    reruns = {name: m.pan_zoom_reruns for name, m in results.items()}
    rows.append(
        f"| reruns from 3 drags + 2 wheel zooms | – | {reruns['naive']} | {reruns['app']} | – | – | "
        f"{verdict(reruns['app'] == 0, '0')} |"
    )
    row("server RSS idle (MB)", lambda m: m.rss_idle_mb, "MB", False)
    row("requests that tried to leave the machine (blocked)", lambda m: len(m.blocked), "n", False)
    row(
        f"RSS growth per 50 sessions (MB, slope over {sessions} open)",
        lambda m: m.rss_per_session_mb * 50,
        "MB",
        False,
        verdict(app.rss_per_session_mb * 50 < 100, "< 100 MB"),
    )
    header = [
        "| figure | floor | naive | app | app ÷ floor | app ÷ naive | budget |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    load_lines = [
        "",
        "Concurrency: sessions open at once, each loading the page and changing the year filter three times.",
        "",
        "| app | sessions | arrivals | success | first render p50 / p95 (s) | filter change p50 / p95 (s) | budget |",
        "|---|---:|---|---:|---|---|---|",
    ]
    for name, measures in results.items():
        for (count, _), result in measures.load.items():
            first_p95 = percentile(result.first_render_s, 95)
            ok = result.success_rate == 1.0 and first_p95 < 5.0
            budget = verdict(ok, "100 %, p95 first render < 5 s") if name == "app" and count == 25 else ""
            load_lines.append(
                f"| {name} | {count} | {result.arrivals} | {result.success_rate:.0%} | "
                f"{percentile(result.first_render_s, 50):.2f} / {first_p95:.2f} | "
                f"{percentile(result.filter_change_s, 50):.2f} / {percentile(result.filter_change_s, 95):.2f} | "
                f"{budget} |"
            )
            if result.errors:
                load_lines.append(f"|  |  | errors: {result.errors} |  |  |  |  |")
    return "\n".join(
        [
            "## Performance: floor, naive reference, app",
            "",
            f"Run {machine()}; `make bench` (`python -m bench.perf {runs}`), {elapsed_s / 60:.1f} min.",
            f"Medians of {runs} runs after a dropped warm-up; headless Chromium with every non-localhost "
            "request blocked.",
            "",
            *header,
            *rows,
            *load_lines,
        ]
    )


def _fmt(value: float | None, unit: str) -> str:
    if value is None or value != value:  # NaN
        return "n/a"
    return f"{value:,.1f}" if unit in ("KB", "MB") else f"{value:,.0f}"


def main(runs: int = 5, sessions: int = 10, loads: dict[str, tuple[tuple[int, float], ...]] = LOADS) -> None:
    started = time.perf_counter()
    results: dict[str, Measures] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, proxy=DEAD_PROXY)
        for target in TARGETS:
            results[target.name] = measure(browser, target, runs, sessions)
            print(f"{target.name}: done after {time.perf_counter() - started:.0f} s", file=sys.stderr)
        browser.close()
    for target in TARGETS:
        for count, gap_s in loads.get(target.name, ()):
            with serving(target) as (url, _):
                results[target.name].load[(count, gap_s)] = run_load(url, target, count, gap_s)
            elapsed = time.perf_counter() - started
            print(f"load {target.name} {count} sessions: done after {elapsed:.0f} s", file=sys.stderr)
    body = report(results, runs, sessions, time.perf_counter() - started)
    write_section("perf", body)
    print(body)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
