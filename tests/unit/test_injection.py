"""Every hostile string stays inert in everything the core builds for display or download."""

import ast
import io
import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit_folium import _get_feature_group_string

from lib.aggregate import region_summary, region_years
from lib.classify import classify, sequential_palette
from lib.filters import Filters
from lib.map.choropleth import MapStyle, choropleth_layers, choropleth_paints
from lib.map.leaflet import BoundHtml, RegionShapes, base_map, script_json
from lib.map.legend import LegendEntry, legend_html
from lib.safe import FORMULA_PREFIXES, csv_bytes, escape_markdown
from lib.views.coverage.drawing import coverage_layers, coverage_paints, office_areas, office_popup
from lib.views.coverage.offices import Office
from tests.hostile import HOSTILE_STRINGS

ROOT = Path(__file__).resolve().parents[2]
ACTIVE = ("<img", "<script", "<svg")  # escaped text may still say onerror=, inertly
SHAPES = RegionShapes(key="0123456789abcdef", url="/app/static/geo/regions-0123456789abcdef.js")


def render(*layers: object) -> str:
    fmap = base_map(SHAPES)
    for layer in layers:
        layer.add_to(fmap)  # type: ignore[attr-defined]
    return fmap.get_root().render()


def hostile_tiny(tiny, text: str):
    regions = tiny.regions.assign(name=[text, text + "2", text + "3"], capital=text)
    cases = tiny.cases.assign(source=text)
    return replace(tiny, regions=regions, cases=cases)


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_map_features_legend_and_script_are_inert(tiny, text: str) -> None:
    dataset = hostile_tiny(tiny, text)
    filters = Filters(years=(2010, 2011))
    summary = region_summary(dataset, filters)
    classes = classify(summary.set_index("region_id")["value"], filters.scheme, 3)
    paints = choropleth_paints(summary, filters, MapStyle(classes, sequential_palette(3), True))
    assert not any(marker in paint.tooltip for paint in paints for marker in ACTIVE)
    legend = legend_html(text, [LegendEntry(text, "#fff", 1)], True)
    assert not any(marker in legend for marker in ACTIVE) and "\n" not in legend
    html = render(*choropleth_layers(SHAPES, paints, "01"))
    assert "<script>alert" not in html and "<img src=x" not in html and "</script><script>" not in html
    # Verbatim, both as a full page and as the layers streamlit-folium sends (no Jinja on the way).
    fmap = base_map(SHAPES)
    fmap.get_root().render()
    sent = "".join(
        _get_feature_group_string(layer, fmap, index)
        for index, layer in enumerate(choropleth_layers(SHAPES, paints, "01"))
    )
    for paint in paints:
        assert script_json(paint.tooltip) in html and script_json(paint.tooltip) in sent


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_coverage_popups_and_tooltips_are_inert(tiny, text: str) -> None:
    dataset = hostile_tiny(tiny, text)
    values = dataset.regions[["region_id", "name", "capital", "lat", "lon"]].assign(
        cases=pd.array([1, 2, None], dtype="Int64"), population=pd.array([1, 2, 3], dtype="Int64")
    )
    office = Office("o", text, "01", -10.0, -75.0, ("01", "02"), ("02",), opened=text, source=text, note=text)
    popup = office_popup(office, text, dict(zip(values["region_id"], values["name"], strict=True)))
    assert not any(marker in popup for marker in ACTIVE)
    assert not any(marker in paint.tooltip for paint in coverage_paints(values, [office]) for marker in ACTIVE)
    paints, areas = coverage_paints(values, [office]), office_areas(dataset.geometry, [office])
    script = render(coverage_layers(SHAPES, paints, areas, values, [office], text))
    assert script_json(popup) in script
    # Content reaches the page only as JSON string literals, never inside a template literal.
    assert "${alert(1)}`" not in script.replace(json.dumps(escape_markdown("")), "")
    assert "</script><script>" not in script


def test_bound_html_is_a_json_string_without_closing_tags() -> None:
    element = BoundHtml("</script><script>alert(1)</script>${x}`", "Popup")
    assert "</" not in element.content and json.loads(element.content).startswith("</script>")


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_markdown_escaping_leaves_no_markup(text: str) -> None:
    escaped = escape_markdown(text)
    for char in "[]()!<>`$:*_":
        assert char not in escaped.replace("\\" + char, "")


def read_back(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_csv_neutralises_formulas_in_values_and_headers(tiny, text: str) -> None:
    rows = region_years(hostile_tiny(tiny, text), Filters(years=(2010, 2011)))
    rows = rows.rename(columns={"source": "=source"})
    back = read_back(csv_bytes(rows))
    assert back.columns[-1] == "'=source"
    expected = "'" + text if text.startswith(FORMULA_PREFIXES) else text
    assert set(back["region"]) == {expected, expected + "2", expected + "3"}
    assert back["cases"].tolist()[:3] == ["10", "20", "0"]


@settings(max_examples=300)
@given(st.lists(st.tuples(st.text(max_size=20), st.integers(-(10**9), 10**9)), min_size=1, max_size=20))
def test_csv_round_trips_apart_from_the_prefix(cells: list[tuple[str, int]]) -> None:
    table = pd.DataFrame({"text": [text for text, _ in cells], "number": [number for _, number in cells]})
    back = read_back(csv_bytes(table))
    expected = ["'" + text if text.startswith(FORMULA_PREFIXES) else text for text, _ in cells]
    assert back["text"].tolist() == expected
    assert back["number"].astype(int).tolist() == [number for _, number in cells]  # numbers never prefixed


def test_html_rendering_goes_through_the_shared_escaper_only() -> None:
    """unsafe_allow_html only with HTML built by lib.mapview.legend_html; no st.html or components.html."""
    for path in [ROOT / "app.py", *ROOT.glob("app_pages/*.py"), *ROOT.glob("lib/**/*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "html" and getattr(node.value, "id", "") == "st":
                pytest.fail(f"{path}: st.html is not allowed")
            if (
                isinstance(node, ast.Name | ast.Attribute)
                and "components" in ast.unparse(node)
                and "html" in ast.unparse(node)
            ):
                pytest.fail(f"{path}: components.html is not allowed")
            if isinstance(node, ast.Call):
                unsafe = [k for k in node.keywords if k.arg == "unsafe_allow_html"]
                if unsafe:
                    argument = ast.unparse(node.args[0]) if node.args else ""
                    assert argument.startswith("legend_html("), f"{path}:{node.lineno} renders {argument} as HTML"
