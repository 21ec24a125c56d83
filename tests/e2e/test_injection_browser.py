"""A data folder full of hostile strings: every page renders them as inert text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hostile import hostile_data
from tests.support.harness import click_map_at, map_frame, start_server, wait_for_script

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = hostile_data(tmp_path_factory.mktemp("hostile") / "data")
    url, process = start_server({"TRATA_DATA_DIR": str(data)})
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize(
    "path",
    ["/?region=cusco", "/trends?regions=cusco,lima", "/coverage?scenario=plan-2014", "/data"],
)
def test_hostile_data_is_inert_on_every_page(page, hostile_url: str, offline, path: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_url + path)
    wait_for_script(page)
    if not path.startswith(("/trends", "/data")):
        frame = map_frame(page)
        click_map_at(page, frame, -18.01465, -70.25362)  # Tacna: a tooltip, and on /coverage a popup
        frame.wait_for_selector(".leaflet-tooltip, .leaflet-popup-content", state="attached")
        assert frame.evaluate("() => document.querySelectorAll('img[src=x], svg[onload]').length") == 0
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.evaluate("() => document.querySelectorAll('img[src=x]').length") == 0
    assert dialogs == [] and page.js_errors == []
    assert offline.blocked == []
