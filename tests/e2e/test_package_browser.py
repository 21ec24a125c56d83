"""Data packages and citations in headless Chromium, offline: each page's package downloads
(map and change with the map's exports, trends with its series), holds the page's own CSV
byte for byte and a valid descriptor; the citation downloads; in Spanish too."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.support.harness import map_frame, wait_for_script

pytestmark = pytest.mark.e2e
LABELS = {
    "en": ("Prepare the map as PNG, SVG and HTML", "Download this view as a data package (ZIP)", "Cite this view"),
    "es": (
        "Preparar el mapa en PNG, SVG y HTML",
        "Descargar esta vista como paquete de datos (ZIP)",
        "Citar esta vista",
    ),
}


def download(page, name: str) -> tuple[str, bytes]:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=name).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


@pytest.mark.parametrize(
    ("path", "resource", "csv_button", "prepare"),
    [
        ("/?years=2010-2012&hubs=mining", "region-years.csv", "Download these rows (CSV)", True),
        ("/change?a=2007-2010&b=2011-2014", "change.csv", "Download the change table (CSV)", True),
        ("/trends?years=2010-2012", "national-series.csv", None, False),
    ],
)
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_package_downloads_with_the_pages_own_csv(
    page, app_url, offline, path, resource, csv_button, prepare, language
):
    prepare_label, package_label, cite_label = LABELS[language]
    separator = "&" if "?" in path else "?"
    page.goto(f"{app_url}{path}{separator}lang={language}")
    wait_for_script(page)
    if prepare:
        map_frame(page)
        page.get_by_role("button", name=prepare_label).click()
    name, data = download(page, package_label)
    assert name.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(data))
    described = json.loads(archive.read("datapackage.json"))
    assert described["resources"][0]["path"] == resource and "README.md" in archive.namelist()
    assert ("map.svg" in archive.namelist()) == prepare
    if csv_button and language == "en":
        _, csv = download(page, csv_button)
        assert archive.read(resource) == csv
    page.get_by_text(cite_label).click()
    bib_name, bib = download(page, "Citation (BibTeX)" if language == "en" else "Cita (BibTeX)")
    assert bib_name.endswith(".bib") and bib.startswith(b"@misc{")
    assert not page.js_errors and not offline.blocked
