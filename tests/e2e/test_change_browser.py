"""The change page in headless Chromium with every non-localhost request blocked: the change
map draws with only the supported regions coloured, a hover shows both ranges, a click marks
the region on every map, and the CSV holds the table."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from tests.support.harness import click_map_at, map_frame, wait_for_script

pytestmark = pytest.mark.e2e

HUANUCO = (-9.6, -75.9)  # inside Huánuco, whose rise the sources alone support


def test_change_map_hover_click_and_csv(page, app_url: str, offline) -> None:
    page.goto(app_url + "/change?a=2007-2010&b=2011-2014")
    frame = map_frame(page)
    wait_for_script(page)
    fills = frame.evaluate(
        """() => Array.from(document.querySelectorAll('path.leaflet-interactive'))
              .map(path => path.getAttribute('fill')).filter(fill => fill && !fill.startsWith('url('))"""
    )
    # 3 regions with a supported rise get an orange; the other 22 share the neutral fill.
    assert sum(fill == "#f0f0f0" for fill in fills) == 22
    assert len({fill for fill in fills if fill != "#f0f0f0"} - {"#ffffff"}) >= 1
    dots = frame.evaluate("() => document.querySelectorAll('path[fill=\"url(#trata-dots)\"]').length")
    assert dots == 22

    iframe = page.locator("iframe[title='streamlit_folium.st_folium']")
    iframe.scroll_into_view_if_needed()
    point = frame.evaluate("([lat, lon]) => window.map_div.latLngToContainerPoint([lat, lon])", list(HUANUCO))
    box = iframe.bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = frame.wait_for_selector(".leaflet-tooltip", timeout=10_000).inner_text()
    assert "Huánuco" in tooltip and "With the model's assumptions" in tooltip and "+6.8 to +10.4" in tooltip
    assert "Rose (the sources alone too)" in tooltip

    click_map_at(page, frame, *HUANUCO)
    page.wait_for_function("() => window.location.search.includes('region=huanuco')", timeout=30_000)
    wait_for_script(page)
    assert page.locator("[data-testid=stImage] img").count() == 2

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the change table (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "peru-trafficking_change_2007-2010_vs_2011-2014.csv"
    table = pd.read_csv(io.BytesIO(Path(download.path()).read_bytes()), encoding="utf-8-sig", dtype={"region_id": str})
    assert len(table) == 25 and set(table.loc[table["verdict"] == "rose", "region"]) == {
        "Cusco",
        "Huánuco",
        "San Martín",
    }
    assert table.set_index("region").loc["Huánuco", "sources_support"]
    assert not page.js_errors and not offline.blocked
