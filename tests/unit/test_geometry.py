"""The committed geometry meets its budget: 25 valid, edge-matched regions, small file."""

import json
from pathlib import Path

import geopandas as gpd
import shapely

from lib.data import DEFAULT_DATA_DIR

GEOJSON = DEFAULT_DATA_DIR / "geo" / "peru_regions.geojson"


def regions() -> gpd.GeoDataFrame:
    return gpd.read_file(GEOJSON)


def test_file_is_well_under_budget() -> None:
    assert GEOJSON.stat().st_size < 150_000


def test_exactly_the_25_ubigeo_regions_with_names() -> None:
    frame = regions()
    assert sorted(frame["region_id"]) == [f"{code:02d}" for code in range(1, 26)]
    assert frame["name"].is_unique
    names = dict(zip(frame["region_id"], frame["name"], strict=True))
    assert names["08"] == "Cusco" and names["15"] == "Lima" and names["07"] == "Callao" and names["21"] == "Puno"


def test_geometries_are_valid_polygons() -> None:
    frame = regions()
    assert frame.is_valid.all()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    assert not frame.is_empty.any()


def test_neighbours_share_edges_without_gaps_or_overlaps() -> None:
    shapes = regions().geometry.to_numpy()
    assert shapely.coverage_is_valid(shapes)
    union = shapely.union_all(shapes)
    holes = [ring for part in getattr(union, "geoms", [union]) for ring in part.interiors]
    assert holes == []


def test_puno_is_in_the_south_east_and_callao_is_next_to_lima() -> None:
    frame = regions().set_index("region_id")
    puno = frame.geometry["21"].centroid
    assert -17 < puno.y < -13 and -71.5 < puno.x < -68.5  # Lake Titicaca side, not the coast
    assert frame.geometry["07"].touches(frame.geometry["15"])
    assert frame.geometry["07"].area < 0.02  # Callao is tiny; the mislabelled source made Puno "Callao"


def test_lima_is_one_region_including_lima_province() -> None:
    lima = regions().set_index("region_id").geometry["15"]
    metropolitan_lima = shapely.Point(-77.03, -12.05)
    huacho = shapely.Point(-77.6, -11.1)
    assert lima.contains(metropolitan_lima) and lima.contains(huacho)


def test_properties_are_only_id_and_name() -> None:
    collection = json.loads(Path(GEOJSON).read_text(encoding="utf-8"))
    assert {key for feature in collection["features"] for key in feature["properties"]} == {"region_id", "name"}


def test_context_holds_the_five_neighbours_small_and_valid(bundled) -> None:
    context = bundled.context
    assert set(context["name"]) == {"Ecuador", "Colombia", "Brazil", "Bolivia", "Chile"}
    assert context.geometry.is_valid.all() and not context.geometry.is_empty.any()
    assert (DEFAULT_DATA_DIR / "geo" / "context.geojson").stat().st_size < 20_000
    # A coarser scale than the regions, drawn underneath them: borders may overlap a little,
    # never by more than half a percent of Peru's ~105 square degrees.
    assert context.geometry.union_all().intersection(bundled.geometry.union_all()).area < 0.5
