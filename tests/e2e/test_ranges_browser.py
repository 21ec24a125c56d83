"""Ranges in the browser: striped regions whose class is undetermined, a tooltip with the
range, and a CSV and GeoJSON that carry the range columns."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from tests.support.harness import map_frame, wait_for_script

pytestmark = pytest.mark.e2e
RANGE_COLUMNS = ["cases_low", "cases_high", "sources_low", "sources_high"]


def test_single_year_map_stripes_undetermined_regions(page, app_url: str, offline) -> None:
    page.goto(app_url + "/?years=2010")
    wait_for_script(page)
    frame = map_frame(page)
    frame.wait_for_function("() => document.querySelector('pattern#trata-hatch') !== null")
    striped = frame.evaluate("() => document.querySelectorAll('path[fill=\"url(#trata-hatch)\"]').length")
    assert striped >= 1
    assert page.locator(".legend", has_text="Class not determined").count() == 1
    assert offline.blocked == [] and page.js_errors == []


def test_tooltip_shows_the_range(page, app_url: str) -> None:
    page.goto(app_url + "/?years=2010&region=loreto")
    wait_for_script(page)
    frame = map_frame(page)
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    point = frame.evaluate("() => window.map_div.latLngToContainerPoint([-3.75, -73.25])")  # Iquitos, Loreto
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = frame.wait_for_selector(".leaflet-tooltip")
    assert "Range" in tooltip.inner_text() and "sources alone" in tooltip.inner_text()
    assert page.get_by_text("with the model's assumptions").count() >= 1  # the detail panel


@pytest.mark.parametrize(
    ("button", "kind"), [("Download these rows (CSV)", "csv"), ("Download the map values (GeoJSON)", "geojson")]
)
def test_downloads_carry_the_ranges(page, app_url: str, button: str, kind: str) -> None:
    page.goto(app_url + "/?years=2010-2012")
    wait_for_script(page)
    map_frame(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name=button).click()
    content = Path(download_info.value.path()).read_bytes()
    if kind == "csv":
        rows = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig", dtype={"region_id": str})
        assert set(RANGE_COLUMNS + ["rate_low", "rate_high"]) <= set(rows.columns)
        assert (rows["cases_low"] <= rows["cases"]).all() and (rows["cases"] <= rows["cases_high"]).all()
    else:
        properties = [feature["properties"] for feature in json.loads(content)["features"]]
        assert all(set(RANGE_COLUMNS) <= set(p) for p in properties)
        assert all(p["cases_low"] <= p["cases"] <= p["cases_high"] for p in properties)
