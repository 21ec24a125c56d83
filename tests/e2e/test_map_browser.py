"""The map page in headless Chromium with every non-localhost request blocked."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support.harness import click_map_at, map_frame, metric_value, wait_for_script

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CASES = pd.read_csv(ROOT / "data" / "cases.csv", dtype={"region_id": str})
REGIONS = pd.read_csv(ROOT / "data" / "regions.csv", dtype={"region_id": str}).set_index("slug")

# Counts script runs from now on: the app element's script state flipping to "running".
COUNT_RUNS = """() => {
  window.__runs = 0;
  const app = document.querySelector('[data-testid=stApp]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__runs += 1;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def mining_rows(first: int, last: int) -> pd.DataFrame:
    """The rows of the two mining hubs (Madre de Dios, Puno) from ``first`` to ``last``."""
    return CASES[CASES["region_id"].isin(["16", "17"]) & CASES["year"].between(first, last)]


def open_map(page, url: str) -> object:
    """Open the map page and wait for all of it: the map, then the lower part that the
    map's first report brings (lib.shell.deferred)."""
    page.goto(url)
    frame = map_frame(page)
    page.wait_for_selector("[data-testid=stDataFrame]", timeout=60_000)
    wait_for_script(page)
    return frame


def test_the_map_draws_before_the_table_and_the_table_follows(page, app_url: str) -> None:
    page.goto(app_url + "/?years=2010-2012&hubs=mining")
    table_when_drawn = page.wait_for_function(
        """() => {
          const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
          const paths = frame && frame.contentDocument
            ? frame.contentDocument.querySelectorAll("path.leaflet-interactive").length : 0;
          return paths >= 25 && {table: document.querySelector("[data-testid=stDataFrame]") !== null};
        }""",
        polling="raf",
        timeout=60_000,
    ).json_value()
    assert table_when_drawn == {"table": False}
    # The map's own report brings the rest, not the fallback timer: that one fires 10 s after
    # the first run, while the report's run lands well under a second after the draw here.
    page.wait_for_selector("[data-testid=stDataFrame]", timeout=4_000)
    wait_for_script(page)
    assert page.get_by_role("button", name="Download these rows (CSV)").count() == 1
    assert metric_value(page, "Cases") == f"{int(mining_rows(2010, 2012)['cases'].sum()):,}"


def test_a_map_that_never_draws_still_gets_its_table(page, app_url: str) -> None:
    """The outlines script fails to load, so the map never reports; the fallback timer
    (lib.shell.deferred.FALLBACK, 10 s) brings the table and downloads anyway."""
    page.route("**/static/geo/**", lambda route: route.abort())
    page.goto(app_url + "/?years=2010-2012&hubs=mining")
    page.get_by_text("appear below once the map has drawn").wait_for(timeout=60_000)
    page.wait_for_selector("[data-testid=stDataFrame]", timeout=60_000)
    wait_for_script(page)
    assert page.get_by_role("button", name="Download these rows (CSV)").count() == 1
    assert page.get_by_text("appear below once the map has drawn").count() == 0
    drawn = page.frame_locator("iframe[title='streamlit_folium.st_folium']").locator("path.leaflet-interactive")
    assert drawn.count() == 0  # the table did come without the map


def click_at_capital(page, frame, slug: str) -> None:
    """Click the map where the region's capital is (always inside the region)."""
    lat, lon = REGIONS.loc[slug, ["lat", "lon"]]
    click_map_at(page, frame, float(lat), float(lon))


def test_map_draws_25_regions_offline(page, app_url: str, offline) -> None:
    frame = open_map(page, app_url + "/")
    assert frame.locator("path.leaflet-interactive").count() == 25
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.js_errors == []
    assert offline.blocked == []
    assert frame.evaluate("() => typeof window.jQuery") == "undefined"  # no CDN extras were needed


def test_deep_link_total_equals_the_csv(page, app_url: str, offline) -> None:
    open_map(page, app_url + "/?years=2010-2012&hubs=mining")
    assert metric_value(page, "Cases") == f"{int(mining_rows(2010, 2012)['cases'].sum()):,}"
    assert offline.blocked == []


def test_click_selects_cusco_and_updates_the_url(page, app_url: str) -> None:
    frame = open_map(page, app_url + "/")
    click_at_capital(page, frame, "cusco")
    page.wait_for_selector("h3:has-text('Cusco')", timeout=30_000)
    wait_for_script(page)
    assert "region=cusco" in page.url
    assert page.get_by_role("button", name="Clear selection").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0


def test_csv_download_holds_exactly_the_filtered_rows(page, app_url: str) -> None:
    open_map(page, app_url + "/?years=2010-2012&hubs=mining")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download these rows (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "peru-trafficking_2010-2012_mining.csv"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbfregion_id,")
    got = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype={"region_id": str})
    expected = mining_rows(2010, 2012)
    assert got[["region_id", "year", "cases", "basis"]].values.tolist() == (
        expected[["region_id", "year", "cases", "basis"]].values.tolist()
    )
    wait_for_script(page)
    assert page.locator("iframe[title='streamlit_folium.st_folium']").count() == 1  # page not reset


def test_pan_and_zoom_cause_no_rerun(page, app_url: str) -> None:
    frame = open_map(page, app_url + "/")
    page.evaluate(COUNT_RUNS)
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    start = (box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.8)
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(start[0] - 120, start[1] - 80, steps=8)
    page.mouse.up()
    frame.evaluate("() => window.map_div.setZoom(window.map_div.getZoom() + 1)")
    page.mouse.wheel(0, 200)
    # Absence of a rerun is observed as a condition that must not come true: 2 s is far above
    # a rerun's start latency here, and a rerun ends the wait (and the test) at once.
    with pytest.raises(PlaywrightTimeout):
        page.wait_for_function("() => window.__runs > 0", timeout=2000)
    # Control: the counter does see a real rerun.
    page.get_by_role("button", name="Reset filters").click()
    page.wait_for_function("() => window.__runs > 0", timeout=30_000)


def test_hostile_link_parameters_stay_inert(page, app_url: str, offline) -> None:
    from urllib.parse import urlencode

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = {
        "metric": "![x](http://example.com/x.png)",
        "regions": "<img src=x onerror=alert(1)>",
        "region": "${alert(1)}`",
        "scheme": '"><svg onload=alert(1)>',
    }
    page.goto(app_url + "/?" + urlencode(hostile))
    wait_for_script(page)
    map_frame(page)
    assert page.locator("[data-testid=stAlertContentWarning]").count() == 4
    assert page.locator("[data-testid=stException]").count() == 0
    assert dialogs == [] and page.js_errors == []
    assert offline.blocked == []  # the markdown image was shown as text, not fetched


def test_web_basemap_is_optional_and_the_map_survives_without_tiles(page, app_url: str, offline) -> None:
    frame = open_map(page, app_url + "/")
    assert offline.blocked == []  # off by default: nothing leaves the machine
    page.get_by_text("Web basemap (needs internet)").click()
    # The map is rebuilt in a new frame; ask the page (same origin) instead of holding an old frame.
    page.wait_for_function(
        """() => {
          const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
          const doc = frame && frame.contentDocument;
          return doc && doc.querySelectorAll('img.leaflet-tile').length > 0
            && doc.querySelectorAll('path.leaflet-interactive').length >= 25;
        }""",
        timeout=30_000,
    )
    wait_for_script(page)
    frame = map_frame(page)
    assert frame.locator("path.leaflet-interactive").count() == 25  # tiles blocked, regions still drawn
    assert offline.blocked and all("openstreetmap" in url for url in offline.blocked)
    assert page.locator("[data-testid=stException]").count() == 0
