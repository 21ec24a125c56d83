"""Ranges on the pages, in both languages: headline, region detail, map summary, coverage."""

from __future__ import annotations

import pytest

from tests.app.helpers import open_app

WORDS = {
    "en": ("with the model's assumptions", "Class not determined"),
    "es": ("con los supuestos del modelo", "Clase no determinada"),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_detail_headline_and_map_summary_show_ranges(language: str) -> None:
    at = open_app(years="2010", region="loreto", regions="loreto,cusco,puno", lang=language)
    range_words, undetermined = WORDS[language]
    captions = [caption.value.replace("\\", "") for caption in at.caption]
    assert sum(range_words in caption for caption in captions) >= 2  # headline and detail panel
    assert any(undetermined in caption for caption in captions)  # the text summary names them
    assert any(undetermined in markdown.value for markdown in at.markdown)  # the legend


def test_coverage_shows_the_range_of_cases_covered() -> None:
    at = open_app("app_pages/coverage.py", scenario="best", offices="3")
    assert any("Cases covered" in caption.value and "sources alone" in caption.value for caption in at.caption)
    comparison = at.dataframe[0].value
    assert (comparison["cases_low"] <= comparison["cases_covered"]).all()
    assert (comparison["cases_covered"] <= comparison["cases_high"]).all()


def test_data_page_states_the_model() -> None:
    at = open_app("app_pages/data.py")
    assert any("figures held" in markdown.value for markdown in at.markdown)
    figures = next(frame.value for frame in at.dataframe if "treatment" in frame.value.columns)
    assert {"held", "bent", "set aside"} <= set(figures["treatment"])
    assert any("factor 3" in markdown.value for markdown in at.markdown)


def test_an_upload_carries_no_ranges() -> None:
    from pathlib import Path

    at = open_app("app_pages/data.py")
    upload = Path(__file__).resolve().parents[1] / "uploads" / "good_basic.csv"
    at.file_uploader[0].set_value(("good_basic.csv", upload.read_bytes(), "text/csv")).run()
    at.switch_page("app_pages/map.py").run()
    assert not at.exception
    assert not any("model's assumptions" in caption.value for caption in at.caption)


@pytest.mark.parametrize("page", ["app_pages/map.py", "app_pages/coverage.py"])
def test_exports_are_prepared_on_request_for_both_maps(page: str) -> None:
    from lib.shell import keys

    at = open_app(page, years="2012")
    assert keys.EXPORTS not in at.session_state  # nothing built until asked
    at.button(key=keys.EXPORT_PREPARE).click().run()
    assert not at.exception
    files = at.session_state[keys.EXPORTS]["files"]
    assert files["png"].startswith(b"\x89PNG") and b"<svg" in files["svg"] and b"<html" in files["html"]
    names = [button.proto.label for button in at.get("download_button")]
    assert any("(PNG)" in name for name in names) and any("(SVG)" in name for name in names)
    assert any("(HTML)" in name for name in names)
