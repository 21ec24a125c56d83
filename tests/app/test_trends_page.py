"""AppTest: the trends page with each metric and filter."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "app_pages/trends.py"


def open_trends(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"metric": "rate"},
        {"years": "2006"},
        {"years": "2010-2012", "hubs": "mining"},
        {"regions": "cusco,puno", "metric": "rate"},
        {"hubs": "other", "hubset": "wide"},
    ],
)
def test_trends_renders_every_section(params: dict[str, str]) -> None:
    at = open_trends(**params)
    headers = [header.value for header in at.subheader]
    assert headers[0] == "National total per year" and headers[-1] == "Hubs versus the rest"
    assert len(at.get("download_button")) >= 2


def test_empty_filter_shows_the_empty_state() -> None:
    at = open_trends(regions="cusco", hubs="mining")
    assert any("No region matches these filters" in info.value for info in at.info)


def test_free_scale_toggle() -> None:
    at = open_trends(regions="cusco,lima")
    at.toggle(key="trends_shared_scale").set_value(False).run()
    assert not at.exception
