"""Map building: offline assets, escaped properties, styles, legend, clicks."""

import json

import pandas as pd

from lib.aggregate import region_summary
from lib.classify import classify, sequential_palette
from lib.filters import Filters, Hubs, Metric, Scheme
from lib.mapview import (
    LEAFLET_CSS,
    LEAFLET_JS,
    MapStyle,
    choropleth_map,
    click_key,
    clicked_region,
    legend_entries,
    legend_html,
    region_features,
    toggle_selection,
)

HOSTILE = '<img src=x onerror=alert(1)>"'


def build(tiny, filters: Filters) -> tuple[dict, pd.DataFrame, MapStyle]:
    summary = region_summary(tiny, filters)
    classes = classify(summary[summary["in_filter"]].set_index("region_id")["value"], filters.scheme, filters.classes)
    style = MapStyle(classes, sequential_palette(classes.size), outline_hubs=True)
    return region_features(tiny.geometry, summary, filters, style), summary, style


def test_map_loads_only_local_leaflet(tiny) -> None:
    filters = Filters(years=(2010, 2011))
    collection, _, _ = build(tiny, filters)
    fmap = choropleth_map(collection, filters)
    html = fmap.get_root().render()
    assert LEAFLET_JS in html and LEAFLET_CSS in html
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "unpkg", "openstreetmap"):
        assert cdn not in html


def test_same_inputs_build_the_same_script(tiny) -> None:
    from streamlit_folium import _get_map_string  # the text whose hash decides a remount

    filters = Filters(years=(2010, 2011))
    scripts = set()
    for _ in range(2):
        fmap = choropleth_map(build(tiny, filters)[0], filters)
        fmap.get_root().render()
        scripts.add(_get_map_string(fmap))
    assert len(scripts) == 1


def test_features_carry_escaped_text_and_styles(tiny) -> None:
    tiny.regions.loc[0, "name"] = HOSTILE
    collection, _, _ = build(tiny, Filters(years=(2010, 2011), hubs=Hubs.EITHER))
    properties = {f["properties"]["region_id"]: f["properties"] for f in collection["features"]}
    assert properties["01"]["name"] == "&lt;img src=x onerror=alert(1)&gt;&quot;"
    assert properties["01"]["value"] == "30" and properties["01"]["basis"] == "reported"
    assert properties["02"]["basis"] == "estimated (1 of 2 years no data)"
    assert properties["03"]["style"]["fillColor"] == "#e6e6e6"  # outside the filter: muted
    assert properties["01"]["style"]["dashArray"] == "6 4"  # hub outline
    assert "<img" not in json.dumps(collection)


def test_missing_value_inside_the_filter_has_its_own_style(tiny) -> None:
    collection, _, _ = build(tiny, Filters(years=(2011, 2011)))
    gamma = next(f for f in collection["features"] if f["properties"]["region_id"] == "03")["properties"]
    assert gamma["value"] == "no data" and gamma["style"]["fillColor"] == "#ffffff"
    assert gamma["style"]["dashArray"] == "2 3"


def test_legend_counts_classes_no_data_and_outside(tiny) -> None:
    filters = Filters(years=(2011, 2011), hubs=Hubs.EITHER, scheme=Scheme.EQUAL_INTERVAL)
    _, summary, style = build(tiny, filters)
    entries = legend_entries(style.classes, style.palette, summary, filters)
    labels = [(entry.label, entry.count) for entry in entries]
    assert labels == [("20", 1), ("No data", 1), ("Outside the filter", 1)]


def test_legend_html_escapes_everything() -> None:
    from lib.mapview import LegendEntry

    html = legend_html(HOSTILE, [LegendEntry(HOSTILE, "#fff", 2)], hub_outline=True)
    assert "<img" not in html and "&lt;img" in html


def test_rate_values_are_formatted_with_two_decimals(tiny) -> None:
    collection, _, _ = build(tiny, Filters(years=(2010, 2011), metric=Metric.RATE))
    alpha = next(f for f in collection["features"] if f["properties"]["region_id"] == "01")["properties"]
    assert alpha["value"] == "1,500.00"


def test_click_to_region() -> None:
    known = {"08", "17"}
    result = {
        "last_active_drawing": {"properties": {"region_id": "08"}},
        "last_object_clicked": {"lat": -13.5, "lng": -72},
    }
    assert clicked_region(result, known) == "08"
    assert click_key(result) == (-13.5, -72.0)
    assert clicked_region({"last_active_drawing": {"properties": {"region_id": "99"}}}, known) is None
    assert clicked_region(None, known) is None
    assert clicked_region({"last_active_drawing": "junk"}, known) is None
    assert click_key({"last_object_clicked": {"lat": float("nan"), "lng": 1}}) is None


def test_clicking_the_selected_region_again_clears_it() -> None:
    assert toggle_selection(None, "08") == "08"
    assert toggle_selection("08", "08") is None
    assert toggle_selection("08", "17") == "17"
    assert toggle_selection("08", None) == "08"
