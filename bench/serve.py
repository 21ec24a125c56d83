"""Many analysts through ``make serve``: N browser sessions against one replica and against
two behind nginx, then one of the two replicas killed mid-run.

Each session (its own browser context, as a separate analyst) arrives ``GAP_S`` after the
previous one, opens the map page (first render: navigation to the 25 regions drawn), then
changes the year filter every ``THINK_S`` until the run ends (filter change: key press to
the map redrawn). In the two-replica run, the
replica holding more sessions is killed halfway: each of its sessions must reconnect
through nginx to the live replica and show the same view again (the page's URL and headline
unchanged) within ``RECONNECT_LIMIT_S``; sessions on the live replica must not notice (no new
websocket, no failed step). Run: ``python -m bench.serve [sessions] [seconds]``.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import Page, async_playwright

from bench.load import POLL_MS, percentile, script_done
from bench.probe import INIT_SCRIPT
from bench.results import machine, rss_mb, write_section
from bench.targets import APP
from serve.replicas import Served, free_port, serve
from tests.support.harness import CHROMIUM, CHROMIUM_ARGS, DEAD_PROXY, upstreams_of

GAP_S = float(os.environ.get("BENCH_GAP_S", "1.0"))
THINK_S = 8.0
RECONNECT_LIMIT_S = 10
HEADLINE = "[data-testid=stMetric] [data-testid=stMetricValue]"


@dataclass
class Outcome:
    served: int = 0
    first_render_s: list[float] = field(default_factory=list)
    filter_change_s: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    reconnect_s: list[float] = field(default_factory=list)
    reconnected_same_view: int = 0
    on_killed: int = 0
    survivors_disturbed: int = 0
    rss_mb: dict[str, float] = field(default_factory=dict)


@dataclass
class Session:
    index: int
    page: Page
    replica: str = ""
    changes: int = 0
    sockets: int = 0
    view: tuple[str, str] = ("", "")


async def _view(page: Page) -> tuple[str, str]:
    return page.url, await page.locator(HEADLINE).first.inner_text()


async def _replica(page: Page, served: Served, index: int) -> str:
    await page.evaluate(f"() => fetch('/_stcore/health?bench_session={index}')")
    await asyncio.sleep(0.2)
    answered = upstreams_of(served.folder, f"bench_session={index} ")
    return answered[-1] if answered else ""


async def _change_filter(session: Session, outcome: Outcome) -> None:
    page = session.page
    await page.evaluate(APP.mark_js())
    # Back and forth (2014 → 2013 → 2014), so every press changes the view.
    await page.locator(APP.slider).nth(APP.thumb).press(APP.step_key if session.changes % 2 == 0 else APP.step_back_key)
    session.changes += 1
    redrawn = float(await (await page.wait_for_function(APP.redrawn_js(), polling=POLL_MS)).json_value())
    outcome.filter_change_s.append((redrawn - float(await page.evaluate("() => window.__bench.keydown"))) / 1000)
    await script_done(page)


async def _run(served: Served, sessions: int, seconds: float, kill: bool) -> Outcome:
    outcome = Outcome()
    deadline = time.monotonic() + seconds
    kill_at = time.monotonic() + seconds / 2
    open_sessions: list[Session] = []
    contexts: list[object] = []
    killed: set[str] = set()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, proxy=DEAD_PROXY)

        async def one(index: int) -> None:
            await asyncio.sleep(index * GAP_S)
            # One browser context per analyst: its own cookies, so nginx spreads them over replicas.
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            await context.add_init_script(INIT_SCRIPT)
            contexts.append(context)
            page = await context.new_page()
            page.set_default_timeout(60_000)
            session = Session(index, page)
            page.on("websocket", lambda _: setattr(session, "sockets", session.sockets + 1))
            try:
                await page.goto(served.url + f"/?years=2009-2014&region={'cusco' if index % 2 else 'puno'}")
                drawn = await page.wait_for_function(APP.drawn_js(), polling=POLL_MS)
                outcome.first_render_s.append(float(await drawn.json_value()) / 1000)
                await script_done(page)
                session.replica = await _replica(page, served, index)
                open_sessions.append(session)
                outcome.served += 1
                while time.monotonic() < deadline:
                    await asyncio.sleep(THINK_S)
                    if session.replica in killed:
                        return
                    await _change_filter(session, outcome)
            except Exception as error:  # a failed session is counted; the run goes on
                outcome.errors[type(error).__name__] += 1

        async def killer() -> None:
            await asyncio.sleep(max(0.0, kill_at - time.monotonic()))
            counts = Counter(session.replica for session in open_sessions)
            victim = counts.most_common(1)[0][0]
            on_victim = [s for s in open_sessions if s.replica == victim]
            survivors = [s for s in open_sessions if s.replica != victim]
            for session in on_victim + survivors:
                session.view = await _view(session.page)
            sockets_before = {s.index: s.sockets for s in survivors}
            outcome.on_killed = len(on_victim)
            killed.add(victim)
            served.replicas[victim].kill()
            started = time.monotonic()

            async def back(session: Session) -> None:
                try:
                    await session.page.wait_for_function(
                        "() => document.querySelector('[data-testid=stApp]')"
                        ".getAttribute('data-test-script-state') !== 'notRunning'",
                        timeout=RECONNECT_LIMIT_S * 1000,
                    )
                    await script_done(session.page)
                    outcome.reconnect_s.append(time.monotonic() - started)
                    outcome.reconnected_same_view += await _view(session.page) == session.view
                except Exception as error:
                    outcome.errors[f"reconnect {type(error).__name__}"] += 1

            await asyncio.gather(*(back(session) for session in on_victim))
            outcome.survivors_disturbed = sum(s.sockets != sockets_before[s.index] for s in survivors)

        tasks = [one(index) for index in range(sessions)] + ([killer()] if kill else [])
        await asyncio.gather(*tasks)
        outcome.rss_mb = {
            replica: rss_mb(process.pid) for replica, process in served.replicas.items() if process.poll() is None
        }
        for context in contexts:
            await context.close()  # type: ignore[attr-defined]
        await browser.close()
    return outcome


def measure(replicas: int, sessions: int, seconds: float, kill: bool) -> Outcome:
    served = serve(replicas, free_port(), Path(tempfile.mkdtemp(prefix="bench-serve-")))
    try:
        return asyncio.run(_run(served, sessions, seconds, kill))
    finally:
        served.stop()


def row(name: str, outcome: Outcome, sessions: int) -> str:
    return (
        f"| {name} | {outcome.served}/{sessions} | {percentile(outcome.first_render_s, 50):.2f} / "
        f"{percentile(outcome.first_render_s, 95):.2f} s | {percentile(outcome.filter_change_s, 50):.2f} / "
        f"{percentile(outcome.filter_change_s, 95):.2f} s | {dict(outcome.errors) or 0} | "
        f"{', '.join(f'{mb:.0f}' for mb in outcome.rss_mb.values())} MB |"
    )


def main() -> None:
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 180
    one = measure(1, sessions, seconds, kill=False)
    two = measure(2, sessions, seconds, kill=True)
    text = (
        f"## Serving many users ({sessions} sessions {GAP_S:g} s apart, a filter change every {THINK_S:g} s, "
        f"{seconds:.0f} s)\n\nMachine: {machine()}\n\n"
        "| setup | served | first render p50 / p95 | filter change p50 / p95 | errors | replica RSS at the end |\n"
        "|---|---:|---:|---:|---|---|\n"
        f"{row('1 replica behind nginx', one, sessions)}\n"
        f"{row('2 replicas behind nginx, one killed halfway', two, sessions)}\n\n"
        f"Killed replica held {two.on_killed} sessions: {two.reconnected_same_view} came back to the same view "
        f"(URL and headline) on the live replica, in {percentile(two.reconnect_s, 50):.1f} s median, "
        f"{max(two.reconnect_s, default=float('nan')):.1f} s at most (limit {RECONNECT_LIMIT_S} s). "
        f"Sessions on the live replica that reconnected or lost a step: {two.survivors_disturbed}.\n"
    )
    print(text)
    write_section("serve", text)


if __name__ == "__main__":
    main()
