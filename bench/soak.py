"""Load and soak test: N concurrent browser sessions against one local app server.

Each session loops until the time is up: map page with a deep link, a filter change by
widget, a CSV download, the trends page, the coverage planner at k = 8, and an upload on
the data page. Every step is timed; errors (timeouts, exceptions shown by Streamlit, page
errors, any request leaving the machine) are counted. The server's RSS is sampled every
5 s. Loopback only, bounded in sessions and time; it stops by itself.

Each session pauses ``think`` seconds between steps, as an analyst reading the page would;
``think`` = 0 hammers the server with no pause. Sessions arrive spread evenly over the
first ``ramp`` seconds and then all stay connected until the time is up.

The browsers run on the same machine as the server: on 2 cores, one session's steps cost
Chromium about four times the server's CPU (bench/RESULTS.md), so the think time decides
whether the run measures the server or the browsers' queue.

Usage: ``.venv/bin/python -m bench.soak [sessions] [seconds] [think] [ramp]``
(default 25, 600, 20, 60).
Writes the "Soak" section of ``bench/RESULTS.md`` and prints it.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from playwright.async_api import Page, async_playwright

from bench.load import POLL_MS, percentile, script_done
from bench.probe import INIT_SCRIPT
from bench.results import machine, rss_mb, write_section
from bench.targets import APP
from tests.support.harness import CHROMIUM, CHROMIUM_ARGS, DEAD_PROXY, Offline, start_server

ROOT = Path(__file__).resolve().parents[1]
UPLOAD = ROOT / "tests" / "uploads" / "good_semicolon_cp1252.csv"
STEP_TIMEOUT_MS = 60_000


async def map_drawn(page: Page) -> None:
    await page.wait_for_function(APP.drawn_js(), polling=POLL_MS)


async def session(
    index: int, browser, url: str, start_in: float, deadline: float, think: float, timings, errors
) -> None:
    await asyncio.sleep(start_in)
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    offline = Offline()
    context.on("requestfailed", offline.failed)
    await context.add_init_script(INIT_SCRIPT)
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.on("pageerror", lambda error: errors["pageerror"].append(str(error)))

    async def step(name: str, action) -> None:
        started = time.perf_counter()
        try:
            await action()
            if await page.locator("[data-testid=stException]").count():
                errors[name].append("exception shown")
        except Exception as error:  # a timeout or a crash counts as one error of this step
            errors[name].append(type(error).__name__)
        timings[name].append(time.perf_counter() - started)

    years = ["2007-2014", "2010-2012", "2009-2013", "2012"]
    cycle = 0
    while time.monotonic() < deadline:
        link = f"/?years={years[(index + cycle) % len(years)]}&hubs={'mining' if cycle % 2 else 'tourism'}"

        async def first_render(link: str = link) -> None:
            await page.goto(url + link)
            await script_done(page)
            await map_drawn(page)

        async def filter_change() -> None:
            await page.evaluate(APP.mark_js())
            await page.get_by_text("Cases per 100,000 people per year").first.click()
            await page.wait_for_function(APP.redrawn_js(), polling=POLL_MS)
            await script_done(page)

        async def download() -> None:
            async with page.expect_download() as info:
                await page.get_by_role("button", name="Download these rows (CSV)").click()
            await (await info.value).path()

        async def trends() -> None:  # by the sidebar, as an analyst moves between pages
            await page.get_by_role("link", name="Trends").click()
            await page.wait_for_selector("[data-testid=stVegaLiteChart]")
            await script_done(page)

        async def planner() -> None:
            await page.goto(url + "/coverage?scenario=best&offices=8&rule=radius&radius=300")
            await script_done(page)
            await map_drawn(page)

        async def upload() -> None:
            await page.get_by_role("link", name="Data and methods").click()
            await page.wait_for_selector("input[type=file]", state="attached")
            await script_done(page)
            await page.locator("input[type=file]").set_input_files(str(UPLOAD))
            await page.get_by_text("Accepted").wait_for()
            await page.get_by_role("button", name="Use bundled data").click()
            await script_done(page)

        for name, action in [
            ("first render", first_render),
            ("filter change", filter_change),
            ("download", download),
            ("trends", trends),
            ("planner k=8", planner),
            ("upload", upload),
        ]:
            if time.monotonic() >= deadline:
                break
            await step(name, action)
            await asyncio.sleep(think)
        cycle += 1
    if offline.blocked:
        errors["external request"].extend(offline.blocked)
    await context.close()


async def run(sessions: int, seconds: float, think: float, ramp: float) -> dict:
    url, server = start_server()
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    memory: list[tuple[float, float]] = []
    started = time.monotonic()
    deadline = started + seconds

    async def sample_memory() -> None:
        while time.monotonic() < deadline + 5:
            memory.append((time.monotonic() - started, rss_mb(server.pid)))
            await asyncio.sleep(5)

    try:
        memory.append((0.0, rss_mb(server.pid)))
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, proxy=DEAD_PROXY
            )
            sampler = asyncio.create_task(sample_memory())
            await asyncio.gather(
                *(
                    session(i, browser, url, i * ramp / sessions, deadline, think, timings, errors)
                    for i in range(sessions)
                )
            )
            await sampler
            await browser.close()
    finally:
        server.terminate()
    return {
        "sessions": sessions,
        "seconds": seconds,
        "think": think,
        "ramp": ramp,
        "timings": timings,
        "errors": errors,
        "memory": memory,
    }


def _error_text(found: list[str]) -> str:
    """``0``, or the count with each kind: ``2 (TimeoutError 2)``."""
    if not found:
        return "0"
    kinds = Counter(found)
    return f"{len(found)} ({', '.join(f'{kind} {count}' for kind, count in kinds.most_common())})"


def report(result: dict) -> str:
    lines = [
        f"## Soak: {result['sessions']} concurrent browser sessions for {result['seconds']:.0f} s, "
        f"{result['think']:.0f} s between steps",
        "",
        f"Run {machine()}; one headless Chromium, every non-localhost request blocked "
        f"(`python -m bench.soak {result['sessions']} {result['seconds']:.0f} {result['think']:g} "
        f"{result['ramp']:g}`); sessions arrived over the first {result['ramp']:.0f} s.",
        "",
        "| step | runs | errors | p50 s | p95 s |",
        "|---|---:|---|---:|---:|",
    ]
    for name, values in result["timings"].items():
        lines.append(
            f"| {name} | {len(values)} | {_error_text(result['errors'].get(name, []))} | "
            f"{statistics.median(values):.2f} | {percentile(values, 95):.2f} |"
        )
    other = {name: found for name, found in result["errors"].items() if name not in result["timings"]}
    lines += ["", f"Other errors: {sum(len(v) for v in other.values())} {dict((k, len(v)) for k, v in other.items())}"]
    memory = result["memory"]
    quarter = max(1, len(memory) // 4)
    second_quarter = statistics.mean(mb for _, mb in memory[quarter : 2 * quarter])
    last_quarter = statistics.mean(mb for _, mb in memory[-quarter:])
    lines += [
        "",
        "Server RSS (MB) over time: "
        + ", ".join(f"{seconds:.0f}s {mb:.0f}" for seconds, mb in memory[:: max(1, len(memory) // 12)]),
        "",
        f"RSS idle {memory[0][1]:.0f} MB; mean of the second quarter {second_quarter:.0f} MB, "
        f"of the last quarter {last_quarter:.0f} MB.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 600
    think = float(sys.argv[3]) if len(sys.argv) > 3 else 20
    ramp = float(sys.argv[4]) if len(sys.argv) > 4 else 60
    section = report(asyncio.run(run(sessions, seconds, think, ramp)))
    write_section(f"soak-{sessions}-think-{think:g}", section)
    print(section)
