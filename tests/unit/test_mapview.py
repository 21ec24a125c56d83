"""Map building: offline assets, escaped properties, styles, legend, clicks."""

import json

import pandas as pd

from lib.aggregate import region_summary
from lib.classify import classify, sequential_palette
from lib.filters import Filters, Hubs, Metric, Scheme
from lib.map.choropleth import MapStyle, choropleth_layers, choropleth_paints
from lib.map.click import click_key, clicked_region, toggle_selection
from lib.map.leaflet import LEAFLET_CSS, LEAFLET_JS, RegionPaint, RegionShapes, base_map, shapes_script
from lib.map.legend import legend_entries, legend_html

HOSTILE = '<img src=x onerror=alert(1)>"'
SHAPES = RegionShapes(key="0123456789abcdef", url="/app/static/geo/regions-0123456789abcdef.js")


def build(tiny, filters: Filters) -> tuple[dict[str, RegionPaint], pd.DataFrame, MapStyle]:
    summary = region_summary(tiny, filters)
    classes = classify(summary[summary["in_filter"]].set_index("region_id")["value"], filters.scheme, filters.classes)
    style = MapStyle(classes, sequential_palette(classes.size), outline_hubs=True)
    paints = choropleth_paints(summary, filters, style)
    return {paint.region_id: paint for paint in paints}, summary, style


def rendered(paints: list[RegionPaint], selected: str | None = None) -> str:
    fmap = base_map(SHAPES)
    for layer in choropleth_layers(SHAPES, paints, selected):
        layer.add_to(fmap)
    return fmap.get_root().render()


def test_map_loads_only_local_files(tiny) -> None:
    paints, _, _ = build(tiny, Filters(years=(2010, 2011)))
    html = rendered(list(paints.values()))
    assert LEAFLET_JS in html and LEAFLET_CSS in html and SHAPES.url in html
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "unpkg", "openstreetmap"):
        assert cdn not in html


def test_the_map_frame_does_not_depend_on_filters(tiny) -> None:
    """streamlit-folium remounts its frame when the map's script changes; filters travel
    as layers instead, so a filter change redraws the regions in the same frame."""
    from streamlit_folium import _get_feature_group_string, _get_map_string

    def strings(filters: Filters) -> tuple[str, str]:
        fmap = base_map(SHAPES)
        fmap.get_root().render()
        map_script = _get_map_string(fmap)  # st_folium takes it before adding the layers
        layers = choropleth_layers(SHAPES, list(build(tiny, filters)[0].values()), None)
        layer_script = "".join(_get_feature_group_string(layer, fmap, index) for index, layer in enumerate(layers))
        return map_script, layer_script

    first, again, other = (strings(Filters(years=years)) for years in ((2010, 2011), (2010, 2011), (2011, 2011)))
    assert first[0] == again[0] == other[0]  # same frame for every filter
    assert first[1] == again[1]  # same inputs, same layers: nothing to redraw
    assert first[1] != other[1]


def test_shapes_script_registers_every_outline_under_its_hash(tiny) -> None:
    key, script = shapes_script(tiny.geometry)
    again, _ = shapes_script(tiny.geometry)
    assert key == again and len(key) == 16
    assert f'window.trataRegionShapes["{key}"]' in script
    outlines = json.loads(script.split(" = ", 2)[2].rstrip().rstrip(";"))
    assert sorted(outlines) == ["01", "02", "03"] and outlines["01"]["type"] == "Polygon"
    moved = tiny.geometry.assign(geometry=tiny.geometry.translate(1, 0))
    assert shapes_script(moved)[0] != key


def test_paints_carry_escaped_tooltips_and_styles(tiny) -> None:
    tiny.regions.loc[0, "name"] = HOSTILE
    paints, _, _ = build(tiny, Filters(years=(2010, 2011), hubs=Hubs.EITHER))
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;" in paints["01"].tooltip
    assert "<td>30</td>" in paints["01"].tooltip and "<td>reported</td>" in paints["01"].tooltip
    assert "<td>estimated (1 of 2 years no data)</td>" in paints["02"].tooltip
    assert paints["03"].style["fillColor"] == "#e6e6e6"  # outside the filter: muted
    assert paints["01"].style["dashArray"] == "6 4"  # hub outline
    assert "<img" not in json.dumps([paint.tooltip for paint in paints.values()])


def test_selection_is_an_outline_layer_of_its_own(tiny) -> None:
    paints, _, _ = build(tiny, Filters(years=(2010, 2011)))
    with_selection, without = rendered(list(paints.values()), "02"), rendered(list(paints.values()))
    assert with_selection.count('"region_id":"02"') == without.count('"region_id":"02"') + 1
    assert len(choropleth_layers(SHAPES, list(paints.values()), None)[1]._children) == 0


def test_missing_value_inside_the_filter_has_its_own_style(tiny) -> None:
    paints, _, _ = build(tiny, Filters(years=(2011, 2011)))
    gamma = paints["03"]
    assert "<td>no data</td>" in gamma.tooltip and gamma.style["fillColor"] == "#ffffff"
    assert gamma.style["dashArray"] == "2 3"


def test_legend_counts_classes_no_data_and_outside(tiny) -> None:
    filters = Filters(years=(2011, 2011), hubs=Hubs.EITHER, scheme=Scheme.EQUAL_INTERVAL)
    _, summary, style = build(tiny, filters)
    entries = legend_entries(style.classes, style.palette, summary, filters)
    labels = [(entry.label, entry.count) for entry in entries]
    assert labels == [("20", 1), ("No data", 1), ("Outside the filter", 1)]


def test_legend_html_escapes_everything() -> None:
    from lib.map.legend import LegendEntry

    html = legend_html(HOSTILE, [LegendEntry(HOSTILE, "#fff", 2)], hub_outline=True)
    assert "<img" not in html and "&lt;img" in html


def test_rate_values_are_formatted_with_two_decimals(tiny) -> None:
    paints, _, _ = build(tiny, Filters(years=(2010, 2011), metric=Metric.RATE))
    assert "<td>1,500.00</td>" in paints["01"].tooltip


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


def test_publish_shapes_writes_the_script_once(tiny, tmp_path) -> None:
    from lib.map.assets import publish_shapes

    shapes = publish_shapes(tiny.geometry, tmp_path)
    written = tmp_path / "geo" / f"regions-{shapes.key}.js"
    assert shapes.url == f"/app/static/geo/regions-{shapes.key}.js"
    assert written.read_text(encoding="utf-8") == shapes_script(tiny.geometry)[1]
    before = written.stat().st_mtime_ns
    assert publish_shapes(tiny.geometry, tmp_path) == shapes and written.stat().st_mtime_ns == before
    assert [path.name for path in written.parent.iterdir()] == [written.name]  # no temporary file left


def test_static_files_go_where_streamlit_serves_them() -> None:
    from pathlib import Path

    from lib.map.assets import STATIC_DIR

    assert Path(__file__).resolve().parents[2] / "static" == STATIC_DIR  # next to app.py
