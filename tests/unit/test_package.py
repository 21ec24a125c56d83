"""A view as a data package: valid for Frictionless (v2), the page's own CSV bytes, a README
that names the filters and the link and credits the producers first, an upload that says so
and names no bundled source; the citations; CITATION.cff valid for CFF 1.2.0."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import frictionless
import jsonschema
import pytest
import yaml

from lib.export import data_note
from lib.filters import Filters, Hubs
from lib.package import View, bibtex, citation_text, package_zip, ris
from lib.safe import csv_bytes
from lib.sources import source_links
from lib.views.change.figures import change_figures
from lib.views.change.periods import Periods
from lib.views.map.figures import map_figures
from lib.views.trends.series import national_series
from tests.support.datasets import as_upload

ROOT = Path(__file__).resolve().parents[2]
SVG = b"<svg xmlns='http://www.w3.org/2000/svg'><title>map</title></svg>"


def view(dataset, page: str, filters: list[str]) -> View:
    sources = [] if dataset.upload else list(source_links(dataset.sources)["url"])
    link = f"http://localhost:8501/{page}?years=2010-2012&hubs=mining"
    return View(page, "Title", filters, link, data_note(dataset), sources, ["Detected cases, not prevalence."],
                date(2026, 12, 5), own_data=dataset.upload is not None)  # fmt: skip


def unpack(data: bytes, folder: Path) -> Path:
    zipfile.ZipFile(io.BytesIO(data)).extractall(folder)
    return folder


def views(bundled):
    filters = Filters(years=(2010, 2012), hubs=Hubs.MINING)
    change = change_figures(bundled, Filters(years=(2007, 2014)), Periods((2007, 2010), (2011, 2014)))
    return [
        ("map", "region-years", map_figures(bundled, filters).csv, SVG),
        ("change", "change", change.csv, SVG),
        ("trends", "national-series", csv_bytes(national_series(bundled, filters)), None),
    ]


def test_every_views_package_is_valid_and_holds_the_pages_own_csv(bundled, tmp_path: Path) -> None:
    for page, resource, csv, svg in views(bundled):
        folder = unpack(
            package_zip(resource, csv, view(bundled, page, ["2010–2012", "mining hubs"]), svg), tmp_path / page
        )
        report = frictionless.validate(folder / "datapackage.json")
        assert report.valid, report.flatten(["type", "note"])[:5]
        assert (folder / f"{resource}.csv").read_bytes() == csv
        described = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        assert described["$schema"].endswith("/2.0/datapackage.json") and described["version"]
        fields = described["resources"][0]["schema"]["fields"]
        assert all(field["description"] for field in fields)
        assert (folder / "map.svg").exists() == (svg is not None)


def test_the_readme_names_the_filters_the_link_and_the_producers_first(bundled, tmp_path: Path) -> None:
    page, resource, csv, svg = views(bundled)[0]
    folder = unpack(package_zip(resource, csv, view(bundled, page, ["2010–2012", "mining hubs"]), svg), tmp_path)
    text = (folder / "README.md").read_text(encoding="utf-8")
    assert "- 2010–2012" in text and "- mining hubs" in text
    assert "http://localhost:8501/map?years=2010-2012&hubs=mining" in text
    citation = text.split("## How to cite")[1]
    assert citation.index("Ministerio Público") < citation.index("Peru trafficking case map")
    assert "not prevalence" in text


def test_an_uploads_package_says_so_and_names_no_bundled_source(bundled, tmp_path: Path) -> None:
    uploaded = as_upload(bundled, "mine.csv")
    csv = map_figures(uploaded, Filters(years=(2010, 2012))).csv
    folder = unpack(package_zip("region-years", csv, view(uploaded, "map", ["2010–2012"]), SVG), tmp_path)
    described = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert described["sources"] == [] and "uploaded file mine.csv" in described["description"]
    assert "Ministerio" not in json.dumps(described["contributors"])
    assert "uploaded file" in (folder / "README.md").read_text(encoding="utf-8")
    assert frictionless.validate(folder / "datapackage.json").valid


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_citations(bundled, language: str) -> None:
    described = view(bundled, "map", ["2010–2012 {hostile} \\ name"])
    text = citation_text(described, language)
    assert text.startswith("Ministerio Público") and ("accessed" if language == "en" else "consultado") in text
    entry = bibtex(described)
    assert entry.startswith("@misc{peru_trafficking_map_2026,") and entry.count("{") == entry.count("}")
    record = ris(described)
    assert record.startswith("TY  - DATA") and record.rstrip().endswith("ER  -")


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    schema = json.loads((ROOT / "tests/support/cff-1.2.0.schema.json").read_text(encoding="utf-8"))
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.validate(citation, schema)
