"""CSV safety and download contents."""

import io
import json

import pandas as pd
import pytest

from lib.aggregate import region_summary, region_years
from lib.export import download_name, summary_geojson
from lib.filters import Filters, Hubs
from lib.safe import csv_bytes, escape_html, neutralise_formula


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_text_is_neutralised(text: str) -> None:
    assert neutralise_formula(text) == "'" + text


def test_csv_has_bom_header_first_and_keeps_numbers(tiny) -> None:
    tiny.regions.loc[0, "name"] = '=HYPERLINK("x")'
    rows = region_years(tiny, Filters(years=(2010, 2011)))
    data = csv_bytes(rows)
    assert data.startswith(b"\xef\xbb\xbfregion_id,region,year,cases")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"region_id": str})
    assert back["region"].iloc[0] == '\'=HYPERLINK("x")'
    assert back["cases"].tolist()[:3] == [10, 20, 0]
    assert back["cases"].isna().sum() == 3  # missing stays empty, never 0
    assert back["year"].tolist() == rows["year"].tolist()
    assert back["rate_per_100k"].iloc[0] == pytest.approx(1000.0)


def test_csv_keeps_accents(bundled) -> None:
    rows = region_years(bundled, Filters(years=(2010, 2010), regions=("junin",)))
    assert "Junín".encode() in csv_bytes(rows)


def test_download_names_say_the_filters() -> None:
    assert (
        download_name(Filters(years=(2010, 2012), hubs=Hubs.MINING), "csv") == "peru-trafficking_2010-2012_mining.csv"
    )
    assert download_name(Filters(years=(2011, 2011), regions=("cusco",)), "csv") == "peru-trafficking_2011_cusco.csv"
    many = Filters(years=(2007, 2014), regions=("a", "b", "c", "d"))
    assert download_name(many, "geojson") == "peru-trafficking_2007-2014_4-regions.geojson"


def test_geojson_holds_the_filtered_regions_with_nulls_for_missing(tiny) -> None:
    filters = Filters(years=(2011, 2011), hubs=Hubs.EITHER)
    collection = json.loads(summary_geojson(tiny, region_summary(tiny, filters), filters))
    properties = {f["properties"]["region_id"]: f["properties"] for f in collection["features"]}
    assert set(properties) == {"01", "02"}
    assert properties["01"]["cases"] == 20 and properties["02"]["cases"] is None
    assert properties["02"]["basis"] == "missing"


def test_escape_html_quotes() -> None:
    assert escape_html('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"


def test_geojson_rings_follow_the_right_hand_rule(bundled) -> None:
    """RFC 7946 §3.1.6: outer rings counterclockwise, holes clockwise (the map page's download)."""
    import shapely

    from lib.aggregate import region_summary

    filters = Filters(years=(2007, 2014))
    collection = json.loads(summary_geojson(bundled, region_summary(bundled, filters), filters))
    assert len(collection["features"]) == 25
    for feature in collection["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        for polygon in getattr(shape, "geoms", [shape]):
            assert polygon.exterior.is_ccw and not any(ring.is_ccw for ring in polygon.interiors)


def test_the_geojson_says_what_its_data_is(bundled) -> None:
    from lib.export import data_note
    from lib.views.map.figures import map_figures
    from tests.support.datasets import as_upload

    filters = Filters(years=(2012, 2013))
    bundled_notes = {f["properties"]["data"] for f in json.loads(map_figures(bundled, filters).geojson)["features"]}
    assert bundled_notes == {data_note(bundled)} and "Ministerio" in data_note(bundled)
    uploaded = map_figures(as_upload(bundled, "own $5.csv"), filters).geojson
    notes = {feature["properties"]["data"] for feature in json.loads(uploaded)["features"]}
    assert notes == {"uploaded file own $5.csv: the analyst's own figures, no ranges"}
