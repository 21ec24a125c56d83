"""Replicas behind nginx: every page works under the proxy's security headers with no CSP
violation, and a session whose replica dies comes back to the same view on the other."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator

import pytest

from serve.replicas import Served
from tests.e2e.conftest import nginx_in_front
from tests.support.harness import map_back_after_reconnect, map_frame, metric_value, upstreams_of, wait_for_script

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
    with nginx_in_front(tmp_path_factory.mktemp("serve"), 2) as running:
        yield running


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


def replica_of_last_session(served: Served) -> str:
    """The replica that served the newest page's Streamlit calls, from nginx's access log."""
    return upstreams_of(served.folder, "/_stcore/")[-1]


def test_a_session_whose_replica_dies_comes_back_to_the_same_view(page, served: Served) -> None:
    link = "/?years=2010-2012&metric=rate&region=cusco&lang=es"
    page.goto(served.url + link)
    wait_for_script(page)
    map_frame(page)
    before = (metric_value(page, "Casos"), metric_value(page, "Por 100.000 al año"), page.url)
    replica = replica_of_last_session(served)
    served.replicas[replica].kill()
    # The page loses its websocket, reconnects through nginx to the live replica, and the
    # new session reads the whole view back from the link.
    took = map_back_after_reconnect(page, time.monotonic(), RECONNECT_LIMIT_S)
    assert replica_of_last_session(served) != replica
    assert (metric_value(page, "Casos"), metric_value(page, "Por 100.000 al año"), page.url) == before
    assert page.get_by_role("heading", name="Cusco").count() == 1  # the selection came back
    assert took < RECONNECT_LIMIT_S


# --- What a link or a browser sends never writes the proxy's response headers -------------


def raw_response(served: Served, path: str, headers: dict[str, str] | None = None) -> tuple[int, list[str]]:
    """The status and header lines nginx sends for ``GET path``, read off the socket as bytes
    (http.client would refuse or fold a header line a browser takes as it comes)."""
    host, port = served.url.removeprefix("http://").split(":")
    sent = {"Host": f"{host}:{port}", "Connection": "close"} | (headers or {})
    request = f"GET {path} HTTP/1.1\r\n" + "".join(f"{name}: {value}\r\n" for name, value in sent.items())
    with socket.create_connection((host, int(port)), timeout=30) as connection:
        connection.sendall(request.encode("latin-1") + b"\r\n")
        received = b""
        while b"\r\n\r\n" not in received and (chunk := connection.recv(65536)):
            received += chunk
    head = received.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    return int(head[0].split()[1]), head[1:]


def header_values(lines: list[str], name: str) -> list[str]:
    return [line.split(":", 1)[1].strip() for line in lines if line.lower().startswith(name.lower() + ":")]


@pytest.mark.parametrize(
    "path",
    [
        "/coverage%0d%0aSet-Cookie:%20pwned=1/x",
        "/coverage%0aSet-Cookie:%20pwned=1/x?scenario=best",
        "/x%0d%0aX-Injected:%201%0d%0a/y",
        "/trends/x%0d%0aSet-Cookie:%20pwned=1",
        "/coverage/x?scenario=best%0d%0aSet-Cookie:%20pwned=1",
        "/%E2%80%A8%0D/x",
    ],
)
def test_a_link_cannot_write_response_headers(served: Served, path: str) -> None:
    status, lines = raw_response(served, path)
    assert status == 302
    assert not any(line.lower().startswith(("x-injected", "set-cookie: pwned")) for line in lines), lines
    assert all("pwned" not in value for value in header_values(lines, "Set-Cookie"))
    (location,) = header_values(lines, "Location")
    assert "\r" not in location and "\n" not in location
    assert re.fullmatch(r"[\x21-\x7e]+", location), location


def test_a_sent_cookie_is_never_reflected_into_set_cookie(served: Served) -> None:
    hostile = "x; Domain=evil.example; Max-Age=999999999"
    _, lines = raw_response(served, "/_stcore/health", {"Cookie": f"trata_replica={hostile}"})
    (cookie,) = [value for value in header_values(lines, "Set-Cookie") if value.startswith("trata_replica=")]
    assert re.fullmatch(r"trata_replica=[0-9a-f]{32}; Path=/; HttpOnly; SameSite=Lax", cookie), cookie
    issued = cookie.split(";")[0].split("=")[1]
    _, again = raw_response(served, "/_stcore/health", {"Cookie": f"trata_replica={issued}"})
    assert f"trata_replica={issued}; Path=/; HttpOnly; SameSite=Lax" in header_values(again, "Set-Cookie")


def test_session_media_are_private_and_errors_never_cached(page, served: Served, offline) -> None:
    status, lines = raw_response(served, "/media/0123456789abcdef0123456789abcdef.csv")
    assert status == 404 and header_values(lines, "Cache-Control") == ["no-store"]
    # A hashed name the bundle lacks: Streamlit answers its index page, never to be kept.
    _, lines = raw_response(served, "/static/js/no-such-file.0123abcd.js")
    assert "immutable" not in header_values(lines, "Cache-Control")[0]
    media: list[str] = []
    page.on(
        "response",
        lambda response: (
            media.append(response.headers.get("cache-control", ""))
            if response.url.startswith(served.url + "/media/") and response.status == 200
            else None
        ),
    )
    page.goto(served.url + "/?years=2012")
    map_frame(page)
    page.get_by_role("button", name=re.compile("Download these rows")).wait_for()
    with page.expect_download():
        page.get_by_role("button", name=re.compile("Download these rows")).click()
    assert media and all(value.startswith("private,") and "public" not in value for value in media), media


def test_the_websocket_is_the_apps_own_whatever_name_and_port_it_is_reached_by(served: Served) -> None:
    _, lines = raw_response(served, "/")
    (policy,) = header_values(lines, "Content-Security-Policy")
    connect = next(part.strip() for part in policy.split(";") if part.strip().startswith("connect-src"))
    assert connect == "connect-src 'self'"
    upgrade = {
        "Upgrade": "websocket",
        "Connection": "Upgrade",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    }
    port = served.url.rsplit(":", 1)[1]
    for name in ("trata.example:8443", f"127.0.0.1:{port}", "localhost:9"):
        same_origin = upgrade | {"Host": name, "Origin": f"https://{name}"}
        assert raw_response(served, "/_stcore/stream", same_origin)[0] == 101, name
    foreign = upgrade | {"Host": "trata.example:8443", "Origin": "https://evil.example"}
    assert raw_response(served, "/_stcore/stream", foreign)[0] == 403
