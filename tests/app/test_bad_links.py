"""One rule for links on every page, and a data folder that points outside itself."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.reading import MAX_UPLOAD_MB
from tests.app.helpers import APP, open_app

PAGES = ["app_pages/map.py", "app_pages/change.py", "app_pages/trends.py", "app_pages/coverage.py", "app_pages/data.py"]


def warnings(at: AppTest) -> str:
    return " ".join(warning.value for warning in at.warning).replace("\\", "")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"years": "2014-2007"}, "years='2014-2007'"),
        ({"k": "99"}, "k='99'"),
        ({"metric": "x" * 5000}, "5000 characters"),
        ({"regions": ",".join(f"r{index}" for index in range(120))}, "120 unknown"),
    ],
)
def test_every_page_says_what_its_link_ignored(page: str, params: dict[str, str], expected: str) -> None:
    at = open_app(page, **params)
    assert expected in warnings(at)
    assert len(at.warning) == 1


def test_coverage_parameters_are_read_by_the_same_rule() -> None:
    at = open_app("app_pages/coverage.py", scenario="best", offices="٣", radius="5000")
    text = warnings(at)
    assert "offices='٣'" in text and "radius='5000'" in text


def test_the_uploader_advertises_the_real_limit() -> None:
    at = open_app("app_pages/data.py")
    uploader = at.get("file_uploader")[0]
    assert uploader.proto.max_upload_size_mb == MAX_UPLOAD_MB == 2


def test_a_linked_sources_document_outside_the_folder_is_never_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(Path(APP).parent / "data", tmp_path / "data")
    secret = tmp_path / "secret.md"
    secret.write_text("TOP SECRET operator notes", encoding="utf-8")
    (tmp_path / "data" / "SOURCES.md").unlink()
    os.symlink(secret, tmp_path / "data" / "SOURCES.md")
    monkeypatch.setenv("TRATA_DATA_DIR", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    assert "SOURCES.md: points outside the data folder" in at.code[0].value
    page_text = " ".join(str(element.value) for element in [*at.markdown, *at.code, *at.caption])
    assert "TOP SECRET" not in page_text


def test_sources_document_images_are_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(Path(APP).parent / "data", tmp_path / "data")
    document = tmp_path / "data" / "SOURCES.md"
    document.write_text("# Method\n\n![chart](https://example.org/tracker.png)\n", encoding="utf-8")
    monkeypatch.setenv("TRATA_DATA_DIR", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/data.py").run()
    shown = " ".join(markdown.value for markdown in at.markdown)
    assert "example.org" not in shown and "[chart]" in shown.replace("\\", "")
    assert any("1 image(s)" in caption.value for caption in at.caption)
