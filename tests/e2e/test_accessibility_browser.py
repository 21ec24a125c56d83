"""axe-core (the engine behind Lighthouse's accessibility audit) on every page in both
languages, inside the map frames too, and on the standalone HTML export: no violation of the
WCAG 2.0/2.1 A and AA rules. A failure prints the rule, the elements and the fix."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.harness import wait_for_script

pytestmark = pytest.mark.e2e

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "iframes": False}
# Each page settled: (path, what is on it once all of it is there).
PAGES = [
    ("/?years=2010-2012&region=cusco", "[data-testid=stDataFrame]"),
    ("/change?a=2007-2010&b=2011-2014", "[data-testid=stDataFrame]"),
    ("/trends?regions=cusco,lima", "[data-testid=stVegaLiteChart]"),
    ("/coverage", "[data-testid=stDataFrame]"),
    ("/data", "[data-testid=stDataFrame]"),
]
AXE = Axe()


def violations(target: object) -> list[str]:
    """axe's violations in ``target`` (a page or a frame), one line per element."""
    results = AXE.run(target, options=WCAG)
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} — {node['failureSummary']}"
        for violation in results.response["violations"]
        for node in violation["nodes"]
    ]


def map_frames(page: object) -> list[object]:
    handles = page.query_selector_all("iframe[title='streamlit_folium.st_folium']")  # type: ignore[attr-defined]
    return [handle.content_frame() for handle in handles]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("path", "settled"), PAGES)
def test_axe_finds_nothing(page, app_url: str, path: str, settled: str, language: str) -> None:
    separator = "&" if "?" in path else "?"
    page.goto(f"{app_url}{path}{separator}lang={language}")
    # A collapsed expander ("Why this range") may hold the first one: wait for one that shows.
    page.wait_for_selector(f"{settled} >> visible=true", timeout=60_000)
    wait_for_script(page)
    for frame in map_frames(page):
        frame.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length >= 25")
    found = violations(page)
    for frame in map_frames(page):
        found += [f"in the map frame: {line}" for line in violations(frame)]
    assert not found, "\n".join(found)


def test_axe_finds_nothing_in_the_standalone_html_export(page, bundled) -> None:
    from lib.map.publish import export_bytes
    from tests.support.exports import make_export

    page.set_content(export_bytes(make_export(bundled), "html").decode("utf-8"))
    page.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length >= 25")
    found = violations(page)
    assert not found, "\n".join(found)
