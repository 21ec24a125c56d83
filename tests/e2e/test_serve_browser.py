"""Replicas behind nginx: every page works under the proxy's security headers with no CSP
violation, and a session whose replica dies comes back to the same view on the other."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from serve.replicas import Served, free_port, serve
from tests.e2e.conftest import require_nginx
from tests.support.harness import map_frame, metric_value, wait_for_script

pytestmark = pytest.mark.e2e
# Records every Content-Security-Policy violation in the page and in its frames.
CSP_PROBE = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI);
});
"""
RECONNECT_LIMIT_S = 10


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    require_nginx()
    running = serve(2, free_port(), tmp_path_factory.mktemp("serve"))
    yield running
    running.stop()


def violations(page) -> list[str]:
    found = []
    for frame in page.frames:
        try:
            found += frame.evaluate("() => window.__csp || []")
        except Exception:  # a frame that went away
            continue
    return found


@pytest.mark.parametrize("path", ["/?years=2012", "/trends", "/coverage?scenario=best", "/data"])
def test_every_page_works_behind_the_proxy_without_csp_violations(page, served: Served, offline, path) -> None:
    page.context.add_init_script(CSP_PROBE)
    response = page.goto(served.url + path)
    headers = response.headers
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert headers["referrer-policy"]
    wait_for_script(page)
    if not path.startswith(("/trends", "/data")):
        map_frame(page)
    else:
        page.wait_for_selector("[data-testid=stVegaLiteChart], [data-testid=stDataFrame]")
    assert page.locator("[data-testid=stException]").count() == 0
    assert violations(page) == [] and page.js_errors == []
    assert offline.blocked == []


def replica_of_last_session(served: Served) -> int:
    """The replica that served the newest page's Streamlit calls, from nginx's access log."""
    lines = (served.folder / "access.log").read_text(encoding="utf-8").splitlines()
    calls = [line for line in lines if "/_stcore/" in line and "upstream=127.0.0.1:" in line]
    # After a failover nginx logs every upstream it tried ("…:dead, …:live"): the last answered.
    return int(re.findall(r"127\.0\.0\.1:(\d+)", calls[-1].split("upstream=")[1])[-1])


def test_a_session_whose_replica_dies_comes_back_to_the_same_view(page, served: Served) -> None:
    link = "/?years=2010-2012&metric=rate&region=cusco&lang=es"
    page.goto(served.url + link)
    wait_for_script(page)
    map_frame(page)
    before = (metric_value(page, "Casos"), metric_value(page, "Por 100.000 al año"), page.url)
    replica = replica_of_last_session(served)
    served.replicas[replica].kill()
    killed = time.monotonic()
    # The page loses its websocket, reconnects through nginx to the live replica, and the
    # new session reads the whole view back from the link.
    page.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]').getAttribute('data-test-script-state') !== 'notRunning'",
        timeout=RECONNECT_LIMIT_S * 1000,
    )
    wait_for_script(page)
    map_frame(page)
    took = time.monotonic() - killed
    assert replica_of_last_session(served) != replica
    assert (metric_value(page, "Casos"), metric_value(page, "Por 100.000 al año"), page.url) == before
    assert page.get_by_role("heading", name="Cusco").count() == 1  # the selection came back
    assert took < RECONNECT_LIMIT_S
