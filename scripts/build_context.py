"""Build ``data/geo/context.geojson``: Peru's neighbouring countries, drawn in light grey
around the regions so a map that leaves the app still reads as South America.

Source: Natural Earth 1:50m admin-0 countries (public domain), as shipped in the npm package
``world-atlas@2.0.2`` (ISC-licensed package) as TopoJSON ``countries-50m.json``, fetched with
``npm pack`` (or given with ``--source``). The builder decodes the TopoJSON, keeps the five
neighbours, clips them to a box around Peru, simplifies and rounds.

Usage::

    python scripts/build_context.py             # fetches the package with `npm pack`
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
from shapely.geometry import box, shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.build_geo import verified_source  # noqa: E402  (the repo root must be importable first)

PACKAGE, MEMBER = "world-atlas@2.0.2", "package/countries-50m.json"
OUTPUT = ROOT / "data" / "geo" / "context.geojson"
SOURCE_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"
# ISO 3166-1 numeric codes (the TopoJSON ids) of Peru's neighbours.
NEIGHBOURS = {"218": "Ecuador", "170": "Colombia", "076": "Brazil", "068": "Bolivia", "152": "Chile"}
FRAME = box(-86.0, -21.5, -64.0, 2.5)  # lon/lat box a little larger than the map's view
TOLERANCE = 0.03
DIGITS = 2


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat coordinates of every arc (TopoJSON stores quantised deltas)."""
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A polygon ring from arc indices (``~i`` means arc ``i`` reversed); shared end points once."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def geometry_of(item: dict, arcs: list[list[tuple[float, float]]]) -> dict:
    if item["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in item["arcs"]]}
    return {"type": "MultiPolygon", "coordinates": [[ring(r, arcs) for r in polygon] for polygon in item["arcs"]]}


def build(source: Path) -> gpd.GeoDataFrame:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    rows = []
    for item in topology["objects"]["countries"]["geometries"]:
        if item.get("id") in NEIGHBOURS:
            clipped = shape(geometry_of(item, arcs)).buffer(0).intersection(FRAME)
            rows.append({"iso_numeric": item["id"], "name": NEIGHBOURS[item["id"]], "geometry": clipped})
    frame = gpd.GeoDataFrame(rows, crs="EPSG:4326").sort_values("iso_numeric").reset_index(drop=True)
    frame["geometry"] = frame.geometry.simplify(TOLERANCE).set_precision(10**-DIGITS)
    return frame


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, help="countries-50m.json (default: fetch with npm pack)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with verified_source(args.source, PACKAGE, MEMBER, SOURCE_SHA256) as source:
        frame = build(source)
    args.output.write_text(frame.to_json(drop_id=True, to_wgs84=False), encoding="utf-8")
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes, {len(frame)} countries)")


if __name__ == "__main__":
    main()
