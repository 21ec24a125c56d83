"""Uploading an analyst's own file in the browser, offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.harness import map_frame, metric_value, wait_for_script

pytestmark = pytest.mark.e2e

UPLOADS = Path(__file__).resolve().parents[1] / "uploads"


def upload(page, app_url: str, name: str) -> None:
    page.goto(app_url + "/data")
    wait_for_script(page)
    page.locator("input[type=file]").first.set_input_files(str(UPLOADS / name))  # the cases upload
    # The callers then wait for the outcome's own text: the rerun may start after this returns.


def test_cp1252_semicolon_upload_with_cuzco_changes_the_map(page, app_url: str, offline) -> None:
    upload(page, app_url, "good_semicolon_cp1252.csv")
    page.get_by_text("Accepted good_semicolon_cp1252.csv: 3 rows").wait_for(timeout=30_000)
    page.get_by_role("link", name="Map").click()
    wait_for_script(page)
    map_frame(page)
    assert metric_value(page, "Cases") == "14"  # Cuzco 7 + Áncash 3 + Junín 4, 2010-2012
    assert page.get_by_text("Using uploaded data").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.js_errors == [] and offline.blocked == []


def test_bad_upload_shows_the_problem_list(page, app_url: str, offline) -> None:
    upload(page, app_url, "bad_many_problems.csv")
    page.get_by_text("bad_many_problems.csv was not used: 4 problem(s)").wait_for(timeout=30_000)
    assert page.get_by_text("Using uploaded data").count() == 0
    assert page.locator("[data-testid=stException]").count() == 0
    assert offline.blocked == []
