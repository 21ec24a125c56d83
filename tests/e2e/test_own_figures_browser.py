"""An analyst's own figures in headless Chromium, offline: uploaded on the data page they join
the sources for that browser only (banner; Lima's change now rose, in the change table's CSV;
the exported map's footer names them); another browser sees the sources alone; a
contradicting file is refused naming the clash."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from lib.data import DEFAULT_DATA_DIR, load_dataset
from tests.support.harness import map_frame, wait_for_script

pytestmark = pytest.mark.e2e
HEADER = "kind,region,first_year,last_year,value,source\n"


def upload_figures(page, app_url: str, path: Path) -> None:
    page.goto(app_url + "/data")
    wait_for_script(page)
    page.locator("input[type=file]").nth(1).set_input_files(str(path))  # the figures upload


def change_csv(page) -> pd.DataFrame:
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the change table (CSV)").click()
    data = Path(download_info.value.path()).read_bytes()
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"region_id": str}).set_index("region")


def test_figures_join_this_browser_only(browser, page, app_url: str, offline, tmp_path: Path) -> None:
    cases = load_dataset(DEFAULT_DATA_DIR).cases
    total = int(cases[(cases["region_id"] == "15") & cases["year"].between(2011, 2014)]["cases"].sum())
    mine = tmp_path / "mine.csv"
    mine.write_text(HEADER + f"region-span,Lima,2011,2014,{total},https://example.org/oficio-1\n", encoding="utf-8")
    upload_figures(page, app_url, mine)
    page.get_by_text("With your 1 figure(s) from mine.csv").wait_for(timeout=60_000)
    page.get_by_role("link", name="Change").click()
    wait_for_script(page)
    map_frame(page)
    table = change_csv(page)
    assert table.loc["Lima", "verdict"] == "rose"
    assert table["data"].str.contains("figures the analyst added \\(mine.csv").all()
    assert "figures=session" in page.url
    page.get_by_role("button", name="Prepare the map as PNG, SVG and HTML").click()
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("button", name="Download the interactive map (HTML)").click()
    html = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "figure(s) the analyst added (mine.csv: https://example.org/oficio-1)" in html

    other = browser.new_context()
    elsewhere = other.new_page()
    elsewhere.goto(app_url + "/change")
    wait_for_script(elsewhere)
    map_frame(elsewhere)
    assert elsewhere.get_by_text("figure(s) from mine.csv").count() == 0
    assert change_csv(elsewhere).loc["Lima", "verdict"] == "cannot-tell"
    other.close()
    assert not page.js_errors and not offline.blocked


def test_a_contradicting_file_is_refused_naming_the_clash(page, app_url: str, offline, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "region-year,Lima,2012,2012,400,https://example.org/x\n", encoding="utf-8")
    upload_figures(page, app_url, bad)
    page.get_by_text("bad.csv was not used: its figures cannot all be true").wait_for(timeout=60_000)
    assert page.get_by_text("With your 1 figure(s)").count() == 0
    assert not offline.blocked
