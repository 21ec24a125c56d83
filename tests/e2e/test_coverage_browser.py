"""The coverage page in headless Chromium, offline."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.support.harness import click_map_at, map_frame, metric_value, wait_for_script

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CASES = pd.read_csv(ROOT / "data" / "cases.csv", dtype={"region_id": str})
ACTUAL_2015 = ["15", "07", "08", "17", "21", "24", "16", "23"]


def test_actual_2015_deep_link_draws_offices_and_covered_cases(page, app_url: str, offline) -> None:
    page.goto(app_url + "/coverage?scenario=actual-2015&years=2007-2014")
    wait_for_script(page)
    frame = map_frame(page)
    expected = CASES[CASES["region_id"].isin(ACTUAL_2015) & CASES["year"].between(2007, 2014)]["cases"].sum()
    assert metric_value(page, "Cases covered") == f"{int(expected):,}"
    layers = frame.evaluate(
        """() => {
          const counts = {markers: 0, regions: 0, areas: 0, neighbours: 0};
          window.map_div.eachLayer(layer => {
            const id = layer.feature?.properties?.region_id;
            if (layer instanceof L.CircleMarker) counts.markers += 1;
            else if (layer instanceof L.Polygon && id?.startsWith("ctx-")) counts.neighbours += 1;
            else if (layer instanceof L.Polygon && id) counts.regions += 1;
            else if (layer instanceof L.Polygon) counts.areas += 1;
          });
          return counts;
        }"""
    )
    assert layers == {"markers": 8, "regions": 25, "areas": 8, "neighbours": 5}
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.js_errors == []
    assert offline.blocked == []


def test_office_popup_opens_with_its_details(page, app_url: str, offline) -> None:
    page.goto(app_url + "/coverage?scenario=plan-2014")
    wait_for_script(page)
    frame = map_frame(page)
    click_map_at(page, frame, -18.01465, -70.25362)  # the Tacna office
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "Tacna" in text and "Madre de Dios (assumed)" in text and "planned, not opened" in text
    assert offline.blocked == []
