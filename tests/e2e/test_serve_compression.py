"""make serve on a slow link: nginx compresses (Brotli where accepted, else gzip) and serves
the static trees itself with the right cache headers; HTTPS with HTTP/2 serves every page
with no CSP violation; a returning analyst's browser fetches almost nothing again."""

from __future__ import annotations

import gzip
import http.client
import re
import ssl
from collections.abc import Iterator

import brotli
import pytest

from lib.map.leaflet import LEAFLET_FOLDER
from serve.replicas import Served
from serve.tls import self_signed
from tests.e2e.conftest import nginx_in_front
from tests.support.harness import map_frame, wait_for_script

pytestmark = pytest.mark.e2e
CSP_PROBE = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("serve-tls")
    with nginx_in_front(folder, tls=self_signed(folder)) as running:
        yield running


def fetch(served: Served, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    """One request to nginx (HTTPS, our own certificate)."""
    host, port = served.url.removeprefix("https://").split(":")
    connection = http.client.HTTPSConnection(host, int(port), context=ssl._create_unverified_context(), timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    return response


def replica(served: Served, path: str) -> bytes:
    host, port = next(iter(served.replicas)).rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", path)
    return connection.getresponse().read()


def main_script(served: Served) -> str:
    page = brotli.decompress(fetch(served, "/", {"Accept-Encoding": "br"}).body).decode()  # type: ignore[attr-defined]
    return re.search(r'src="\.?(/static/js/index\.[^"]+\.js)"', page).group(1)  # type: ignore[union-attr]


def test_scripts_are_brotli_or_gzip_with_vary_and_the_same_bytes(served: Served) -> None:
    path = main_script(served)
    original = replica(served, path)
    as_brotli = fetch(served, path, {"Accept-Encoding": "gzip, deflate, br"})
    assert as_brotli.status == 200 and as_brotli.getheader("Content-Encoding") == "br"
    assert "Accept-Encoding" in (as_brotli.getheader("Vary") or "")
    assert brotli.decompress(as_brotli.body) == original  # type: ignore[attr-defined]
    as_gzip = fetch(served, path, {"Accept-Encoding": "gzip"})
    assert as_gzip.getheader("Content-Encoding") == "gzip" and "Accept-Encoding" in as_gzip.getheader("Vary")
    assert gzip.decompress(as_gzip.body) == original  # type: ignore[attr-defined]
    plain = fetch(served, path)
    assert plain.getheader("Content-Encoding") is None and plain.body == original  # type: ignore[attr-defined]
    # Brotli 11 from disk: well under a third of the original.
    assert len(as_brotli.body) < len(original) / 3  # type: ignore[attr-defined]
    assert "immutable" in as_brotli.getheader("Cache-Control")


def test_the_page_the_replicas_answer_is_compressed_too(served: Served) -> None:
    response = fetch(served, "/", {"Accept-Encoding": "br"})
    assert response.getheader("Content-Encoding") == "br"
    assert b"<html" in brotli.decompress(response.body)  # type: ignore[attr-defined]
    assert response.getheader("Strict-Transport-Security") and "Secure" in response.getheader("Set-Cookie")


def test_fonts_and_images_are_never_compressed_again(served: Served) -> None:
    page = brotli.decompress(fetch(served, "/", {"Accept-Encoding": "br"}).body).decode()  # type: ignore[attr-defined]
    stylesheet = re.search(r'href="\.?(/static/css/[^"]+\.css)"', page).group(1)  # type: ignore[union-attr]
    css = gzip.decompress(fetch(served, stylesheet, {"Accept-Encoding": "gzip"}).body).decode()  # type: ignore[attr-defined]
    font = re.search(r"(/static/media/[^)\"']+\.woff2)", css) or re.search(r"\./(media/[^)\"']+\.woff2)", css)
    font_path = font.group(1) if font.group(1).startswith("/") else "/static/" + font.group(1)  # type: ignore[union-attr]
    for path in (font_path, f"/app/static/{LEAFLET_FOLDER}/images/marker-icon.png"):
        response = fetch(served, path, {"Accept-Encoding": "gzip, br"})
        assert response.status == 200, path
        assert response.getheader("Content-Encoding") is None, path


def test_unhashed_files_revalidate_with_a_cheap_304(served: Served) -> None:
    # The frame's page names its script by hash, so the page itself must revalidate.
    frame_page = "/component/streamlit_folium.st_folium/index.html"
    first = fetch(served, frame_page, {"Accept-Encoding": "br"})
    assert first.getheader("Cache-Control") == "no-cache" and first.getheader("ETag")
    again = fetch(served, frame_page, {"Accept-Encoding": "br", "If-None-Match": first.getheader("ETag")})
    assert again.status == 304 and again.body == b""  # type: ignore[attr-defined]


def test_a_path_with_a_segment_too_many_goes_to_the_page(served: Served) -> None:
    response = fetch(served, "/coverage/x?scenario=best")
    assert response.status == 302 and response.getheader("Location").endswith("/coverage?scenario=best")


@pytest.mark.parametrize(
    "path", ["/?years=2012", "/change?a=2012&b=2013", "/trends", "/coverage?scenario=best", "/data"]
)
def test_every_page_over_https_and_http2_without_csp_violations(browser, served: Served, path: str) -> None:
    context = browser.new_context(ignore_https_errors=True, viewport={"width": 1400, "height": 1000})
    context.add_init_script(CSP_PROBE)
    outside: list[str] = []
    context.on(
        "request",
        lambda request: (
            None
            if "127.0.0.1" in request.url or request.url.startswith(("data:", "blob:"))
            else outside.append(request.url)
        ),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url + path)
    wait_for_script(page)
    if path.startswith(("/?", "/change", "/coverage")):
        map_frame(page)
    else:
        page.wait_for_selector("[data-testid=stVegaLiteChart], [data-testid=stDataFrame]")
    assert page.evaluate("() => performance.getEntriesByType('navigation')[0].nextHopProtocol") == "h2"
    violations = [item for frame in page.frames for item in frame.evaluate("() => window.__csp || []")]
    assert violations == [] and errors == [] and outside == []
    context.close()


def test_a_returning_analyst_fetches_the_map_frame_from_cache(browser, served: Served) -> None:
    """Second visit in the same browser: streamlit-folium's bundle and every hashed file come
    from the cache (transferSize 0), not over the link again."""
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()
    page.goto(served.url + "/?years=2012")
    map_frame(page)
    wait_for_script(page)
    page.goto(served.url + "/?years=2012")
    frame = map_frame(page)
    fetched = frame.evaluate(
        """() => performance.getEntriesByType('resource')
              .filter(entry => /main\\.[0-9a-f]+\\.js$/.test(entry.name)).map(entry => entry.transferSize)"""
    )
    assert fetched and all(size == 0 for size in fetched), fetched
    context.close()
