"""The change page's costs: server time of its figures (the change ranges of 25 regions, the
groups and the country at both levels) cold and cached, and its first render against the
map page's, side by side in one browser. Run: ``python -m bench.change [N]``."""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace

from playwright.sync_api import sync_playwright

from bench.perf import TIMEOUT_MS, load, new_context, new_page
from bench.results import elapsed_ms, machine, write_section
from bench.targets import APP, serving
from lib.data import DEFAULT_DATA_DIR, load_dataset
from lib.filters import Filters, Metric
from lib.views.change.figures import change_figures
from lib.views.change.periods import Periods
from tests.support.harness import CHROMIUM, CHROMIUM_ARGS, DEAD_PROXY, Offline

PAIRS = (Periods((2007, 2010), (2011, 2014)), Periods((2012, 2012), (2013, 2013)))
CHANGE = replace(APP, complete_selector="[data-testid=stImage] img")


def server_times(runs: int) -> list[str]:
    dataset = load_dataset(DEFAULT_DATA_DIR)
    built = time.perf_counter()
    assert dataset.solver is not None  # built on first use, once per server
    build_ms = (time.perf_counter() - built) * 1000
    lines = [
        f"Both levels' programs built once per server: {build_ms:,.0f} ms.",
        "",
        "| periods | metric | cold (ms, median) | spread | budget |",
        "|---|---|---:|---|---|",
    ]
    for periods in PAIRS:
        for metric in Metric:
            filters = Filters(years=(2007, 2014), metric=metric)
            arguments = (dataset, filters, periods)
            times = [elapsed_ms(change_figures, *arguments) for _ in range(runs)]
            median = statistics.median(times)
            mark = "✅" if median <= 300 else "❌"
            spread = f"{min(times):,.0f}–{max(times):,.0f}"
            label = f"{periods.a.label} vs {periods.b.label}"
            lines.append(f"| {label} | {metric.value} | {median:,.0f} | {spread} | {mark} ≤ 300 ms |")
    return lines


def cached_time(runs: int) -> str:
    """A hit on the cross-session cache the page uses (lib.shell.change)."""
    from lib.shell.figures import per_data

    dataset = load_dataset(DEFAULT_DATA_DIR)
    filters = Filters(years=dataset.year_range.default)
    arguments = (change_figures, dataset, filters, PAIRS[0])
    per_data(*arguments)
    times = [elapsed_ms(per_data, *arguments) for _ in range(runs)]
    median = statistics.median(times)
    mark = "✅" if median <= 20 else "❌"
    return f"Cached (a hit on the shared cache, median of {runs}): {median:,.1f} ms {mark} ≤ 20 ms."


def first_renders(runs: int) -> list[str]:
    """Cold browser cache each load; the map page and the change page in turn; the first
    round is a warm-up and is dropped (it fills the server's shared caches)."""
    offline = Offline()
    times: dict[str, list[float]] = {"map": [], "change": []}
    with serving(APP) as (url, _pid), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, proxy=DEAD_PROXY
        )
        for round_number in range(runs + 1):
            for name, path, target in (("map", "/", APP), ("change", "/change", CHANGE)):
                context = new_context(browser, offline)
                page = new_page(context)
                page.set_default_timeout(TIMEOUT_MS)
                drawn = load(page, url + path, target)
                if round_number:
                    times[name].append(drawn)
                context.close()
        browser.close()
    map_ms, change_ms = statistics.median(times["map"]), statistics.median(times["change"])
    ratio = change_ms / map_ms
    ratios = [change / page for change, page in zip(times["change"], times["map"], strict=True)]
    return [
        "| page | first render, cold cache (ms, median) | spread |",
        "|---|---:|---|",
        f"| map `/` | {map_ms:,.0f} | {min(times['map']):,.0f}–{max(times['map']):,.0f} |",
        f"| change `/change` | {change_ms:,.0f} | {min(times['change']):,.0f}–{max(times['change']):,.0f} |",
        "",
        f"Change / map: {ratio:.2f} × (per round {min(ratios):.2f}–{max(ratios):.2f})"
        f" {'✅' if ratio <= 1.3 else '❌'} ≤ 1.3 ×."
        f" Requests that tried to leave the machine: {len(offline.blocked)}.",
    ]


def main(runs: int = 7) -> None:
    lines = [
        "## Change page",
        "",
        f"Machine: {machine()}; {runs} runs.",
        "",
        "Server time of the change figures "
        "(25 regions, the hub groups and the country, both levels: 116 linear programs, warm-started):",
        "",
    ]
    lines += server_times(runs)
    lines += ["", cached_time(runs * 10), "", "First render, the map page and the change page in turn:", ""]
    lines += first_renders(runs)
    text = "\n".join(lines)
    print(text)
    write_section("change", text)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
