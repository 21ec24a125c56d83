"""Filter storm: N sessions each changing the year filter every 0.2–0.8 s for a while, and
whether any change is lost.

Each session opens the map page, then repeatedly presses an arrow key on the end of the
year slider (2014 → 2013 → 2014 …, so every press changes the value) and waits for the
page to show the change (the sidebar summary, which the script writes, names the new end
year), then waits a random 0.2–0.8 s. A change is **lost** if the page does not show it
within ``LOST_AFTER_S``. At the end each session waits for the page to be idle and checks
that what the page shows is what the slider holds.

An earlier version counted script runs by the app element's state attribute turning to
"running", as the independent tester did, and called a change without such a flip lost:
3–4 % were. Every one of those changes was on the page afterwards: React batches the
state of a quick run, so the attribute can go from "notRunning" to "notRunning" while a
whole run happens; and a change made while a run is going merges into it (Streamlit's
fast reruns) without a new flip. The table still counts those, to show the size of that
artifact.

Run: ``python -m bench.storm [sessions] [seconds]`` (``make storm``: 10 sessions, 2 minutes).
"""

from __future__ import annotations

import asyncio
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from playwright.async_api import Page, async_playwright

from bench.load import percentile
from bench.probe import INIT_SCRIPT
from bench.results import machine, write_section
from bench.targets import APP, serving
from tests.support.harness import CHROMIUM, CHROMIUM_ARGS, DEAD_PROXY

LOST_AFTER_S = 60
# Counts script runs: the app's state attribute turning to "running", by the page's clock.
COUNT_RUNS = """() => {
  window.__storm = {runs: 0, started: []};
  const app = document.querySelector('[data-testid=stApp]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') {
      window.__storm.runs += 1; window.__storm.started.push(performance.now());
    }
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
STATE = "() => document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state')"
# performance.now() once the sidebar summary shows the wanted end year (the script wrote it).
SHOWS_YEAR = """(wanted) => {
  const caption = document.querySelector('[data-testid=stSidebar] [data-testid=stCaptionContainer]');
  return caption && caption.innerText.replaceAll('\u2013', '–').includes(wanted) && performance.now();
}"""
SLIDER = "[data-testid=stSidebar] [data-testid=stSlider] input[type=range]"
SUMMARY = "[data-testid=stSidebar] [data-testid=stCaptionContainer]"


@dataclass
class StormResult:
    changes: int = 0
    lost: int = 0
    shown_s: list[float] = field(default_factory=list)
    mismatched_sessions: int = 0
    errors: Counter = field(default_factory=Counter)
    # Changes whose run never flipped the page's script state to "running" in the DOM, by
    # the state at the key press: React batches a quick run's states, so the run counter
    # a page-side observer keeps misses runs that did happen.
    unseen_runs: Counter = field(default_factory=Counter)


async def _idle(page: Page) -> None:
    await page.wait_for_selector(
        "[data-testid=stApp][data-test-script-state=notRunning]", state="attached", timeout=LOST_AFTER_S * 1000
    )


async def _session(context: object, url: str, seconds: float, result: StormResult, seed: int) -> None:
    rng = random.Random(seed)
    page = await context.new_page()  # type: ignore[attr-defined]
    try:
        await page.goto(url + "/")
        await _idle(page)
        await page.wait_for_selector(SLIDER)
        await page.evaluate(COUNT_RUNS)
        end_thumb = page.locator(SLIDER).nth(1)
        deadline = time.monotonic() + seconds
        step = 0
        while time.monotonic() < deadline:
            before = await page.evaluate("() => window.__storm.runs")
            pressed = await page.evaluate("() => performance.now()")
            state_at_press = await page.evaluate(STATE)
            await end_thumb.press("ArrowLeft" if step % 2 == 0 else "ArrowRight")
            step += 1
            result.changes += 1
            wanted = await end_thumb.evaluate("(input) => input.value")
            try:
                shown = await page.wait_for_function(
                    SHOWS_YEAR, arg=f"–{wanted}", polling=50, timeout=LOST_AFTER_S * 1000
                )
                result.shown_s.append((float(await shown.json_value()) - pressed) / 1000)
            except Exception:  # the page never showed the change: it was lost
                result.lost += 1
            if await page.evaluate("() => window.__storm.runs") == before:
                result.unseen_runs[state_at_press] += 1
            await asyncio.sleep(rng.uniform(0.2, 0.8))
        await _idle(page)
        await page.wait_for_timeout(500)  # a run the last change queued would have started by now
        await _idle(page)
        shown = await page.locator(SUMMARY).first.inner_text()
        wanted = await end_thumb.evaluate("(input) => input.value")
        if wanted is None or f"–{wanted}" not in shown.replace("\u2013", "–"):
            result.mismatched_sessions += 1
    except Exception as error:
        result.errors[type(error).__name__] += 1
    finally:
        await page.close()


async def storm(url: str, sessions: int, seconds: float) -> StormResult:
    result = StormResult()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, proxy=DEAD_PROXY)
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        await context.add_init_script(INIT_SCRIPT)
        await asyncio.gather(*(_session(context, url, seconds, result, seed) for seed in range(sessions)))
        await context.close()
        await browser.close()
    return result


def report(result: StormResult, sessions: int, seconds: float) -> str:
    share = result.lost / result.changes if result.changes else float("nan")
    return (
        f"## Filter storm ({sessions} sessions, a change every 0.2–0.8 s for {seconds:.0f} s)\n\n"
        f"Machine: {machine()}\n\n"
        f"| figure | value |\n|---|---:|\n"
        f"| changes | {result.changes} |\n"
        f"| lost (the page never showed the change within {LOST_AFTER_S} s) | {result.lost} ({share:.1%}) |\n"
        f"| key press → page shows the change, p50 / p95 | {percentile(result.shown_s, 50):.2f} / "
        f"{percentile(result.shown_s, 95):.2f} s |\n"
        f"| changes shown although no 'running' state reached the DOM | {sum(result.unseen_runs.values())} "
        f"({dict(result.unseen_runs)}) |\n"
        f"| sessions whose page ended out of step with the slider | {result.mismatched_sessions} |\n"
        f"| errors | {dict(result.errors) or 0} |\n"
    )


def main() -> None:
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 120
    with serving(APP) as (url, _):
        result = asyncio.run(storm(url, sessions, seconds))
    text = report(result, sessions, seconds)
    print(text)
    write_section("storm", text)


if __name__ == "__main__":
    main()
