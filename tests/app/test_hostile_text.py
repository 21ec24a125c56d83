"""Names, sources and notes that markdown would act on reach every page as escaped text.

The browser test (tests/e2e/test_injection_browser.py) spreads all hostile strings over the
data, so which string lands in which single place (say, the largest uncovered region) is
luck. Here every free-text field holds the same markdown image, so every place that shows
one of them is checked.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import open_app
from tests.hostile import MARKDOWN_IMAGE, hostile_data

VIEWS = [
    ("app_pages/map.py", {"region": "cusco"}),
    ("app_pages/trends.py", {"regions": "cusco,lima"}),
    ("app_pages/change.py", {"region": "cusco", "a": "2012", "b": "2013"}),
    ("app_pages/coverage.py", {"scenario": "plan-2014"}),
    ("app_pages/coverage.py", {"scenario": "actual-2015"}),
]  # the data page shows the data's free text only in tables


def markdown_texts(at: AppTest) -> list[str]:
    """Every string the page hands to Streamlit's markdown renderer. Markdown that allows
    HTML is left out: it is built from HTML-escaped values (tests/unit/test_injection.py)."""
    texts = [item.value for item in at.markdown if not item.proto.allow_html]
    texts += [item.value for group in (at.caption, at.title, at.header, at.subheader) for item in group]
    texts += [item.value for group in (at.info, at.warning, at.error, at.success) for item in group]
    texts += [text for item in at.metric for text in (item.label, item.value, item.proto.delta)]
    texts += [item.label for group in (at.expander, at.button, at.toggle, at.checkbox) for item in group]
    return texts


@pytest.fixture(scope="module")
def image_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_data(tmp_path_factory.mktemp("markdown") / "data", [MARKDOWN_IMAGE])


@pytest.mark.parametrize(("page", "params"), VIEWS, ids=[f"{page}?{params}" for page, params in VIEWS])
def test_no_page_renders_data_as_markdown(
    image_data: Path, monkeypatch: pytest.MonkeyPatch, page: str, params: dict[str, str]
) -> None:
    monkeypatch.setenv("TRATA_DATA_DIR", str(image_data))
    at = open_app(page, **params)
    texts = markdown_texts(at)
    assert any("example" in text for text in texts), "the data's text should be on the page"
    assert [text for text in texts if MARKDOWN_IMAGE in text] == []
