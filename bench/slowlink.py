"""An analyst on a slow mobile link: the app served directly (``streamlit run``), the app
through ``make serve`` (nginx, HTTPS with HTTP/2, compression, static files from disk) and
the stack floor (``bench/apps/stack.py``, ``streamlit run``), interleaved in one run.

The link is Chrome's network emulation at Lighthouse's mobile profile (150 ms round trip,
1.6 Mbit/s down, 750 kbit/s up), set on each page through the DevTools protocol. Figures:

- first map, cold cache: navigation to the 25 regions drawn, in a fresh browser context;
- bytes before the map draws: every HTTP transfer (the page, its frames) that ended before
  the draw, by the Resource Timing API, plus the websocket's messages until then;
- first map, warm cache: the same address again in the same context (a returning analyst),
  and the HTTP bytes that visit moved, besides the websocket;
- websocket bytes of the map page on the wire through nginx (its log's ``$bytes_sent``),
  with Streamlit's permessage-deflate off and on;
- server CPU per page load (the replica, plus nginx through make serve) and, with no
  emulation, the desktop first render and a filter change, direct and through make serve.

Usage: ``python -m bench.slowlink [runs]`` (default 3). Writes its section of bench/RESULTS.md.
"""

from __future__ import annotations

import base64
import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from bench.perf import TIMEOUT_MS, change_filter, cpu_ms, wait_ms
from bench.probe import INIT_SCRIPT, Frames
from bench.results import machine, write_section
from bench.targets import APP, STACK, Target, serving
from serve.replicas import Served, free_port, serve
from serve.tls import self_signed
from tests.support.harness import CHROMIUM, CHROMIUM_ARGS, DEAD_PROXY, Offline, wait_for_script

MOBILE = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
# HTTP bytes that ended before ``drawn`` (ms since the page's navigation; null: all), page and
# frames; with ``fontsOnly`` only the fonts'.
HTTP_BYTES_JS = """([drawn, fontsOnly]) => {
  const origin = performance.timeOrigin;
  let total = 0;
  const count = (win) => {
    const shift = win.performance.timeOrigin - origin;
    const entries = win.performance.getEntriesByType('navigation')
      .concat(win.performance.getEntriesByType('resource'));
    for (const entry of entries) {
      if (fontsOnly && !/\\.(woff2?|ttf|otf)([?#]|$)/.test(entry.name)) { continue; }
      if (drawn === null || shift + entry.responseEnd <= drawn) { total += entry.transferSize || 0; }
    }
  };
  count(window);
  for (const frame of document.querySelectorAll('iframe')) { try { count(frame.contentWindow); } catch (e) {} }
  return total;
}"""


@dataclass
class Figures:
    cold_ms: list[float] = field(default_factory=list)
    cold_bytes: list[float] = field(default_factory=list)
    cold_font_bytes: list[float] = field(default_factory=list)
    cold_socket_bytes: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    warm_bytes: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    desktop_ms: list[float] = field(default_factory=list)
    filter_ms: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class Site:
    name: str
    url: str
    cpu: Callable[[], float]  # CPU ms so far of every process serving it
    target: Target


def trusted(certificate: Path) -> str:
    """The Chromium flag that trusts ``certificate`` by its key's SHA-256: Chromium keeps
    nothing in its HTTP cache from a site whose certificate it does not trust, so with
    ``ignore_https_errors`` a returning visit would be timed as a first one."""
    public = subprocess.run(
        ["openssl", "x509", "-pubkey", "-noout", "-in", str(certificate)], check=True, capture_output=True
    ).stdout
    der = subprocess.run(
        ["openssl", "pkey", "-pubin", "-outform", "der"], input=public, check=True, capture_output=True
    )
    return "--ignore-certificate-errors-spki-list=" + base64.b64encode(hashlib.sha256(der.stdout).digest()).decode()


CERTIFICATE_FOLDER = Path(tempfile.mkdtemp(prefix="bench-slowlink-tls-"))


@contextmanager
def through_nginx(websocket_compression: bool = True) -> Iterator[Served]:
    folder = Path(tempfile.mkdtemp(prefix="bench-slowlink-"))
    env = {"STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION": "true" if websocket_compression else "false"}
    tls = (CERTIFICATE_FOLDER / "cert.pem", CERTIFICATE_FOLDER / "key.pem")
    served = serve(1, free_port(), folder, tls=tls, replica_env=env)
    try:
        yield served
    finally:
        served.stop()


def _page(browser_context: object, emulate: bool) -> Page:
    page = browser_context.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS * 2)
    if emulate:
        session = browser_context.new_cdp_session(page)  # type: ignore[attr-defined]
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", MOBILE)
    return page


def _visit(page: Page, site: Site) -> tuple[float, float, float, float]:
    """Open the map; return ms to the 25 regions drawn, the HTTP bytes that came before (all,
    and the fonts') and the websocket's message bytes before it (as delivered:
    permessage-deflate makes the wire smaller, see :func:`websocket_wire_bytes`)."""
    page.goto(site.url + "/")
    drawn = wait_ms(page, site.target.drawn_js())
    http_bytes = float(page.evaluate(HTTP_BYTES_JS, [drawn, False]))
    font_bytes = float(page.evaluate(HTTP_BYTES_JS, [drawn, True]))
    socket_bytes = sum(size for at, size, _ in Frames.read(page).received if at <= drawn)
    wait_for_script(page)
    return drawn, http_bytes, font_bytes, float(socket_bytes)


def _context(browser: Browser, offline: Offline) -> object:
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 412, "height": 900})
    context.on("requestfailed", offline.failed)
    context.add_init_script(INIT_SCRIPT)
    return context


def measure_round(browser: Browser, site: Site, figures: Figures, offline: Offline, counted: bool) -> None:
    context = _context(browser, offline)
    page = _page(context, emulate=True)
    before = site.cpu()
    cold, cold_bytes, font_bytes, socket_bytes = _visit(page, site)
    cpu = site.cpu() - before
    page.close()
    page = _page(context, emulate=True)
    page.goto(site.url + "/")
    warm = wait_ms(page, site.target.drawn_js())
    wait_for_script(page)
    warm_bytes = float(page.evaluate(HTTP_BYTES_JS, [None, False]))
    page.close()
    context.close()  # type: ignore[attr-defined]
    desktop = _context(browser, offline)
    page = _page(desktop, emulate=False)
    page.goto(site.url + "/")
    first = wait_ms(page, site.target.drawn_js())
    wait_for_script(page)
    change = change_filter(page, site.target, site.target.step_key) if site.target.redraws else float("nan")
    desktop.close()  # type: ignore[attr-defined]
    if counted:
        figures.cold_ms.append(cold)
        figures.cold_bytes.append(cold_bytes)
        figures.cold_font_bytes.append(font_bytes)
        figures.cold_socket_bytes.append(socket_bytes)
        figures.warm_ms.append(warm)
        figures.warm_bytes.append(warm_bytes)
        figures.cpu_ms.append(cpu)
        figures.desktop_ms.append(first)
        figures.filter_ms.append(change)


def websocket_wire_bytes(browser: Browser, served: Served) -> float:
    """The map page's websocket bytes on the wire, from nginx's log once the page closed."""
    context = _context(browser, Offline())
    page = _page(context, emulate=False)
    page.goto(served.url + "/")
    wait_ms(page, APP.drawn_js())
    page.wait_for_selector("[data-testid=stDataFrame]", timeout=TIMEOUT_MS)
    wait_for_script(page)
    context.close()  # type: ignore[attr-defined]
    time.sleep(1)  # nginx logs the websocket when it closes
    lines = (served.folder / "access.log").read_text(encoding="utf-8").splitlines()
    stream = [line for line in lines if "/_stcore/stream" in line]
    return float(stream[-1].rsplit("bytes=", 1)[1].split()[0])


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _spread(values: list[float], scale: float = 1.0, digits: int = 1) -> str:
    return f"{min(values) / scale:,.{digits}f}–{max(values) / scale:,.{digits}f}" if values else "–"


def main(runs: int = 3) -> None:
    offline = Offline()
    results: dict[str, Figures] = {name: Figures() for name in ("direct", "serve", "stack")}
    with ExitStack() as stack, sync_playwright() as playwright:
        certificate, _ = self_signed(CERTIFICATE_FOLDER)
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, trusted(certificate)], headless=True, proxy=DEAD_PROXY
        )
        direct_url, direct_pid = stack.enter_context(serving(APP))
        stack_url, stack_pid = stack.enter_context(serving(STACK))
        served = stack.enter_context(through_nginx())
        replica_pids = [process.pid for process in served.replicas.values()]
        sites = [
            Site("direct", direct_url, lambda: cpu_ms(direct_pid), APP),
            Site("serve", served.url, lambda: sum(map(cpu_ms, [*replica_pids, served.proxy.pid])), APP),
            Site("stack", stack_url, lambda: cpu_ms(stack_pid), STACK),
        ]
        for round_number in range(runs + 1):  # the first round warms the servers and is dropped
            for site in sites:
                measure_round(browser, site, results[site.name], offline, counted=round_number > 0)
        compressed = websocket_wire_bytes(browser, served)
        with through_nginx(websocket_compression=False) as plain_served:
            websocket_wire_bytes(browser, plain_served)  # warms its caches
            plain = websocket_wire_bytes(browser, plain_served)
        browser.close()
    direct, through, floor = results["direct"], results["serve"], results["stack"]
    ratio = _median(through.cold_ms) / _median(floor.cold_ms)
    warm_ratio = _median(through.warm_ms) / _median(floor.warm_ms)
    rows = [
        ("first map, cold, mobile (s)", lambda f: f.cold_ms, 1000, 1),
        ("HTTP bytes before the map draws, cold (MB)", lambda f: f.cold_bytes, 1e6, 2),
        ("of which fonts (KB)", lambda f: f.cold_font_bytes, 1e3, 1),
        ("websocket message bytes before it (KB, uncompressed)", lambda f: f.cold_socket_bytes, 1e3, 1),
        ("first map, warm, mobile (s)", lambda f: f.warm_ms, 1000, 1),
        ("HTTP bytes on a warm visit (KB)", lambda f: f.warm_bytes, 1e3, 1),
        ("server CPU per page load (ms)", lambda f: f.cpu_ms, 1, 0),
        ("desktop first render, cold (ms)", lambda f: f.desktop_ms, 1, 0),
        ("desktop filter change (ms)", lambda f: f.filter_ms, 1, 0),
    ]
    lines = [
        "## On a slow link",
        "",
        f"Machine: {machine()}; {runs} rounds after a warm-up, each target in turn; Lighthouse's mobile profile "
        "(150 ms, 1.6 Mbit/s down, 750 kbit/s up) through Chrome's network emulation. `make serve` here: one "
        "replica behind nginx, HTTPS with HTTP/2 (a certificate made for the run, trusted by the browser), "
        "websocket compression on.",
        "",
        "| figure | app, `streamlit run` | app, `make serve` | stack floor, `streamlit run` |",
        "|---|---:|---:|---:|",
    ]
    for label, values, scale, digits in rows:
        cells = [
            f"{_median(values(figures)) / scale:,.{digits}f} ({_spread(values(figures), scale, digits)})"
            for figures in (direct, through, floor)
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    cold_mb = (_median(through.cold_bytes) + _median(through.cold_socket_bytes)) / 1e6
    warm_kb = _median(through.warm_bytes) / 1e3
    cpu_ok = _median(through.cpu_ms) <= _median(direct.cpu_ms)
    desktop_ok = _median(through.desktop_ms) <= _median(direct.desktop_ms) * 1.05
    filter_ok = _median(through.filter_ms) <= _median(direct.filter_ms) * 1.05
    budgets = [
        f"first map, cold: {ratio:.2f} × the stack floor {'✅' if ratio <= 0.45 else '❌'} ≤ 0.45 ×",
        f"bytes before the map draws (HTTP, plus the websocket's messages uncompressed: an upper bound): "
        f"{cold_mb:.2f} MB {'✅' if cold_mb <= 0.9 else '❌'} ≤ 0.9 MB",
        f"first map, warm: {warm_ratio:.2f} × the stack floor's warm figure "
        f"{'✅' if warm_ratio <= 0.8 else '❌'} ≤ 0.8 ×",
        f"bytes on a warm visit besides the websocket: {warm_kb:.1f} KB {'✅' if warm_kb <= 10 else '❌'} ≤ 10 KB",
        f"server CPU per load through nginx (replica + nginx) against direct: {'✅' if cpu_ok else '❌'}",
        f"desktop first render and filter change through make serve not worse than direct (5 % noise): "
        f"{'✅' if desktop_ok else '❌'} / {'✅' if filter_ok else '❌'}",
        f"websocket bytes of the map page on the wire through nginx: {plain / 1e3:,.1f} KB without "
        f"permessage-deflate, {compressed / 1e3:,.1f} KB with it",
        f"requests that tried to leave the machine: {len(offline.blocked)}",
    ]
    lines += ["", "Budgets:", "", *[f"- {line}" for line in budgets]]
    text = "\n".join(lines)
    print(text)
    write_section("slowlink", text)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
