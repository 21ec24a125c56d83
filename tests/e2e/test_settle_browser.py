"""Why this range and what would settle it in headless Chromium, every non-localhost request
blocked: /change?region=lima shows what holds Lima's change, ranks the figures on request and
hands out the ranking as CSV with the columns asked for; the same in Spanish."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from lib.settle import SETTLE_COLUMNS
from tests.support.harness import map_frame, wait_for_script

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("lang", "why", "button", "download", "sentence"),
    [
        (
            "en",
            "Why this range: Lima",
            "Rank the figures that would settle it",
            "What would settle it (CSV)",
            "If the Ministerio Público published",
        ),
        (
            "es",
            "Por qué este rango: Lima",
            "Ordenar las cifras que lo zanjarían",
            "Qué lo zanjaría (CSV)",
            "Si el Ministerio Público publicara",
        ),
    ],
)
def test_lima_change_is_explained_ranked_and_downloadable(
    page, app_url: str, offline, lang: str, why: str, button: str, download: str, sentence: str
) -> None:
    page.goto(f"{app_url}/change?region=lima&lang={lang}")
    map_frame(page)
    wait_for_script(page)
    expander = page.get_by_text(why, exact=True)
    expander.scroll_into_view_if_needed()
    expander.click()
    # The table of what holds each end names the window's cited figure.
    page.locator("[data-testid=stExpanderDetails] [data-testid=stDataFrame]").first.wait_for(timeout=30_000)
    page.get_by_role("button", name=button).click()
    page.get_by_text(sentence).first.wait_for(timeout=60_000)
    assert page.get_by_text(sentence).count() >= 1
    with page.expect_download() as download_info:
        page.get_by_role("button", name=download).click()
    saved = download_info.value
    assert saved.suggested_filename == "peru-trafficking_settle-lima_2007-2010_vs_2011-2014.csv"
    table = pd.read_csv(io.BytesIO(Path(saved.path()).read_bytes()), encoding="utf-8-sig", dtype={"region_id": str})
    assert list(table.columns) == SETTLE_COLUMNS
    assert set(table["level"]) == {"model", "sources"} and table["question"].str.startswith("change:15:").all()
    assert table["open_low"].notna().any()  # Lima's change is open: where it stays open is given
    assert not page.js_errors and not offline.blocked
