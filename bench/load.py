"""Concurrency: N browser sessions open at once against one app server.

Each session loads the map page and then changes the year filter ``changes`` times (a key
press on the slider, one second apart; never on the stack floor, whose map ignores its
slider), timing each step by the page's own clock. Compared with the stack floor, sessions
only load (``changes`` = 0): the same work on both sides. All
sessions stay open until the last one has finished, so N sessions are connected at the
same time. Sessions arrive ``gap_s`` apart (0 = all at the same instant).

The pages share one browser context, i.e. the browser's HTTP cache is warm, as a
returning analyst's would be; each page is still its own Streamlit session.
"""

from __future__ import annotations

import asyncio
import statistics
from collections import Counter
from dataclasses import dataclass

from playwright.async_api import Page, async_playwright

from bench.probe import INIT_SCRIPT
from bench.targets import Target
from tests.support.harness import CHROMIUM, CHROMIUM_ARGS, DEAD_PROXY, Offline

STEP_TIMEOUT_MS = 60_000
# Checked every 100 ms, not every animation frame: 25 pages polling at 60 Hz would make the
# harness itself a large part of the load it measures.
POLL_MS = 100
VIEWPORT = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class LoadResult:
    sessions: int
    gap_s: float
    succeeded: int
    first_render_s: list[float]
    filter_change_s: list[float]
    errors: dict[str, int]
    blocked: int

    @property
    def arrivals(self) -> str:
        return "all at once" if self.gap_s == 0 else f"{self.gap_s:g} s apart"

    @property
    def success_rate(self) -> float:
        return self.succeeded / self.sessions


def percentile(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def script_done(page: Page) -> None:
    await page.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]", state="attached", timeout=STEP_TIMEOUT_MS
    )


async def _session(
    context: object, url: str, target: Target, steps: int, first: list[float], changes: list[float], errors: Counter
) -> bool:
    page = await context.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(STEP_TIMEOUT_MS)
    try:
        await page.goto(url + "/")
        drawn = await page.wait_for_function(target.drawn_js(), polling=POLL_MS)
        first.append(float(await drawn.json_value()) / 1000)
        await script_done(page)
        for step in range(steps if target.redraws else 0):
            await asyncio.sleep(1)
            await page.evaluate(target.mark_js())
            key = target.step_key if step % 2 == 0 else target.step_back_key
            await page.locator(target.slider).nth(target.thumb).press(key)
            redrawn = float(await (await page.wait_for_function(target.redrawn_js(), polling=POLL_MS)).json_value())
            pressed = float(await page.evaluate("() => window.__bench.keydown"))
            changes.append((redrawn - pressed) / 1000)
            await script_done(page)
        if await page.locator("[data-testid=stException]").count():
            errors["exception shown"] += 1
            return False
        return True
    except Exception as error:  # a timeout or crash fails this session; the run goes on
        errors[type(error).__name__] += 1
        return False


async def _run(url: str, target: Target, sessions: int, gap_s: float, steps: int) -> LoadResult:
    offline = Offline()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, proxy=DEAD_PROXY)
        context = await browser.new_context(viewport=VIEWPORT)
        context.on("requestfailed", offline.failed)
        await context.add_init_script(INIT_SCRIPT)
        warm_up = await context.new_page()  # fills the shared cache; not counted
        await warm_up.goto(url + "/")
        await warm_up.wait_for_function(target.drawn_js(), polling=POLL_MS, timeout=STEP_TIMEOUT_MS)
        await warm_up.close()

        first: list[float] = []
        changes: list[float] = []
        errors: Counter = Counter()

        async def arrive(index: int) -> bool:
            await asyncio.sleep(index * gap_s)
            return await _session(context, url, target, steps, first, changes, errors)

        # Pages stay open until every session is done, so all are connected together.
        outcomes = await asyncio.gather(*(arrive(index) for index in range(sessions)))
        await context.close()
        await browser.close()
    return LoadResult(sessions, gap_s, sum(outcomes), first, changes, dict(errors), len(offline.blocked))


def run_load(url: str, target: Target, sessions: int, gap_s: float, steps: int = 3) -> LoadResult:
    """``sessions`` sessions arriving ``gap_s`` apart, each loading the page and then making
    ``steps`` filter changes."""
    return asyncio.run(_run(url, target, sessions, gap_s, steps))
