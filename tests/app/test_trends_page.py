"""AppTest: the trends page with each metric and filter."""

import pytest

from lib.shell import keys
from tests.app.helpers import open_app

PAGE = "app_pages/trends.py"


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
    at = open_app(PAGE, **params)
    headers = [header.value for header in at.subheader]
    assert headers[0] == "National total per year" and headers[-1] == "Hubs versus the rest"
    assert len(at.get("download_button")) >= 2


def test_empty_filter_shows_the_empty_state() -> None:
    at = open_app(PAGE, regions="cusco", hubs="mining")
    assert any("No region matches these filters" in info.value for info in at.info)


def test_free_scale_toggle() -> None:
    at = open_app(PAGE, regions="cusco,lima")
    at.toggle(key=keys.SHARED_SCALE).set_value(False).run()
    assert not at.exception
