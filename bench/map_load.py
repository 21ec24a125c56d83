"""Measure the map page as a browser sees it: time from navigation to the 25 region shapes
drawn, and bytes received over Streamlit's websocket (where the map arrives).

Runs the real app on a free port, headless Chromium, every non-localhost request blocked.
Usage: ``.venv/bin/python -m bench.map_load [runs]`` (default 5). Prints medians.
"""

from __future__ import annotations

import statistics
import sys
import time

from playwright.sync_api import sync_playwright

from bench.results import machine, write_section
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Offline, map_frame, start_server, wait_for_script


def measure(runs: int) -> dict[str, float]:
    url, server = start_server()
    timings, payloads = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for _ in range(runs + 1):  # the first run warms the server's data cache and is dropped
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                offline = Offline()
                context.route("**/*", offline.route)
                page = context.new_page()
                received = [0]
                page.on(
                    "websocket",
                    lambda socket, received=received: socket.on(
                        "framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload))
                    ),
                )
                start = time.perf_counter()
                page.goto(url + "/")
                map_frame(page)
                timings.append(time.perf_counter() - start)
                wait_for_script(page)
                payloads.append(received[0])
                assert not offline.blocked, offline.blocked
                context.close()
            browser.close()
    finally:
        server.terminate()
    return {
        "load_to_map_drawn_s": statistics.median(timings[1:]),
        "websocket_bytes_received": statistics.median(payloads[1:]),
    }


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    results = measure(runs)
    body = "\n".join(
        [
            "## Map page load (one browser, no other load)",
            "",
            f"Run {machine()}; median of {runs} after a warm-up (`python -m bench.map_load {runs}`).",
            "",
            f"- navigation to the 25 region shapes drawn: {results['load_to_map_drawn_s']:.2f} s",
            f"- bytes received over the websocket for the whole map page: {results['websocket_bytes_received']:,.0f}",
        ]
    )
    write_section("map-load", body)
    print(body)
