"""Exports from the browser: prepare, download, and the standalone HTML opened from disk
with every request blocked still draws the 25 regions and shows a tooltip."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.harness import map_frame, wait_for_script

pytestmark = pytest.mark.e2e


def test_prepared_exports_download_and_the_html_works_from_disk(page, app_url: str, browser, tmp_path: Path) -> None:
    page.goto(app_url + "/?years=2012&hubs=mining")
    wait_for_script(page)
    map_frame(page)
    page.get_by_role("button", name="Prepare the map as PNG, SVG and HTML").click()
    names = {}
    for label in ("Download the map (PNG)", "Download the map (SVG)", "Download the interactive map (HTML)"):
        button = page.get_by_role("button", name=label)
        button.wait_for(timeout=60_000)
        with page.expect_download() as download_info:
            button.click()
        download = download_info.value
        names[label] = download.suggested_filename
        target = tmp_path / download.suggested_filename
        download.save_as(target)
    assert set(names.values()) == {
        "peru-trafficking_map_2012_mining.png",
        "peru-trafficking_map_2012_mining.svg",
        "peru-trafficking_map_2012_mining.html",
    }
    assert (tmp_path / "peru-trafficking_map_2012_mining.png").read_bytes().startswith(b"\x89PNG")

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    requested: list[str] = []

    def refuse_all_but_the_file(route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    context.route("**/*", refuse_all_but_the_file)
    standalone = context.new_page()
    errors: list[str] = []
    standalone.on("pageerror", lambda error: errors.append(str(error)))
    standalone.goto((tmp_path / "peru-trafficking_map_2012_mining.html").as_uri())
    standalone.wait_for_function("() => document.querySelectorAll('path.leaflet-interactive').length >= 25")
    point = standalone.evaluate(
        "() => { const path = document.querySelectorAll('path.leaflet-interactive')[12];"
        " const box = path.getBoundingClientRect(); return [box.x + box.width / 2, box.y + box.height / 2]; }"
    )
    standalone.mouse.move(*point)
    tooltip = standalone.wait_for_selector(".leaflet-tooltip")
    assert "Value (cases)" in tooltip.inner_text() and "Range" in tooltip.inner_text()
    assert requested == [] and errors == []
    context.close()
