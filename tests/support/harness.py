"""The server and browser harness shared by the browser tests and the benchmarks: a real
``streamlit run`` on a free port, headless Debian Chromium, and two ways to keep the browser
offline (request routing for tests, a dead proxy for benchmarks)."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

from serve.replicas import start_streamlit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def start_server(
    env: dict[str, str] | None = None, script: Path = ROOT / "app.py", cwd: Path = ROOT
) -> tuple[str, subprocess.Popen[bytes]]:
    """Start ``script`` (the app by default) on a free port; see :func:`serve.replicas.start_streamlit`."""
    return start_streamlit(script=script, cwd=cwd, env=env)


def upstreams_of(folder: Path, path_part: str) -> list[str]:
    """The replica (``host:port``) that answered each request whose line holds ``path_part``,
    oldest first, from the access log nginx writes in ``folder``. After a failover nginx logs
    every upstream it tried ("dead, live"): the last one answered."""
    lines = (folder / "access.log").read_text(encoding="utf-8").splitlines()
    tried = [re.search(r" upstream=(.*) bytes=", line) for line in lines if path_part in line]
    return [found[1].split(", ")[-1] for found in tried if found and found[1] != "-"]


class Offline:
    """Aborts every request that would leave the machine and remembers it."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def allows(self, url: str) -> bool:
        if url.startswith(("data:", "blob:")) or (urlparse(url).hostname or "") in LOCAL_HOSTS:
            return True
        self.blocked.append(url)
        return False

    def route(self, route: object) -> None:
        """Handler for the sync Playwright API."""
        if self.allows(route.request.url):  # type: ignore[attr-defined]
            route.continue_()  # type: ignore[attr-defined]
        else:
            route.abort()  # type: ignore[attr-defined]

    def failed(self, request: object) -> None:
        """``requestfailed`` listener for browsers launched with :data:`DEAD_PROXY`: records
        the requests that tried to leave the machine (the proxy made them fail)."""
        self.allows(request.url)  # type: ignore[attr-defined]


# The benchmarks block the network without intercepting requests: everything not addressed
# to this machine goes to a proxy port nothing listens on and fails inside the browser.
# Playwright's request routing (used by the tests above) turns Chromium's HTTP cache off and
# passes every request through the Python process, which made a "warm" page load as slow as
# a cold one and added a round trip per script the page loads.
DEAD_PROXY = {"server": "http://127.0.0.1:9", "bypass": ",".join(sorted(LOCAL_HOSTS - {"[::1]"}))}


def wait_for_script(page: object, timeout_ms: int = 60_000) -> None:
    """Wait until Streamlit has finished the current script run (not merely painted)."""
    page.wait_for_selector(  # type: ignore[attr-defined]
        "[data-testid=stApp][data-test-script-state=notRunning]", state="attached", timeout=timeout_ms
    )
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector('[data-testid=stApp][data-test-script-state=running]')", timeout=timeout_ms
    )


def map_frame(page: object) -> object:
    """The streamlit-folium iframe's frame, once its map has drawn the region shapes."""
    handle = page.wait_for_selector("iframe[title='streamlit_folium.st_folium']", timeout=60_000)  # type: ignore[attr-defined]
    frame = handle.content_frame()
    frame.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length >= 25", timeout=60_000)
    return frame


def map_back_after_reconnect(page: object, since: float, limit_s: float) -> float:
    """Wait until a page whose server went away has reconnected, rerun and drawn its map
    again; the seconds since ``since`` (a ``time.monotonic()``)."""
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state') !== 'notRunning'",
        timeout=limit_s * 1000,
    )
    wait_for_script(page)
    map_frame(page)
    return time.monotonic() - since


def click_map_at(page: object, frame: object, lat: float, lon: float) -> None:
    """Click the map at a coordinate, after scrolling the map fully into view."""
    iframe = page.locator("iframe[title='streamlit_folium.st_folium']")  # type: ignore[attr-defined]
    iframe.scroll_into_view_if_needed()
    point = frame.evaluate("([lat, lon]) => window.map_div.latLngToContainerPoint([lat, lon])", [lat, lon])  # type: ignore[attr-defined]
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])  # type: ignore[attr-defined]


def metric_value(page: object, label: str) -> str:
    """The shown value of the first metric whose label contains ``label``."""
    metric = page.locator("[data-testid=stMetric]", has_text=label).first  # type: ignore[attr-defined]
    return metric.locator("[data-testid=stMetricValue]").inner_text().strip()
