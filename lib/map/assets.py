"""The files Streamlit serves from ``static/``: Leaflet, copied from the ``xstatic-leaflet``
package, and the region outlines as a script (see :class:`lib.map.leaflet.RegionShapes`).

Run ``python -m lib.map.assets`` (``make run`` does); the app also calls
:func:`ensure_leaflet` and :func:`publish_shapes` at start, so a fresh clone works either way.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import xstatic.pkg.leaflet

from lib.map.context import context_rows
from lib.map.leaflet import LEAFLET_FOLDER, RegionShapes, shapes_script

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
STATIC_URL = "/app/static"
LEAFLET_FILES = ("leaflet.js", "leaflet.css")


def ensure_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Copy leaflet.js, leaflet.css and its images into ``static_dir/leaflet-<version>`` if absent."""
    source = Path(xstatic.pkg.leaflet.BASE_DIR)
    target = static_dir / LEAFLET_FOLDER
    if all((target / name).exists() for name in LEAFLET_FILES) and (target / "images").is_dir():
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name in LEAFLET_FILES:
        shutil.copyfile(source / name, target / name)
    shutil.copytree(source / "images", target / "images", dirs_exist_ok=True)
    return target


def publish_shapes(geometry: gpd.GeoDataFrame, static_dir: Path = STATIC_DIR) -> RegionShapes:
    """Write the outlines script to ``static_dir/geo/regions-<key>.js`` (once per content)
    and return where the browser finds it."""
    key, script = shapes_script(geometry)
    name = f"regions-{key}.js"
    target = static_dir / "geo" / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a browser never loads a half-written file.
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(script)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    return RegionShapes(key=key, url=f"{STATIC_URL}/geo/{name}")


def outlines(geometry: gpd.GeoDataFrame, context: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Everything the outlines script carries: the regions and the neighbouring countries."""
    return gpd.GeoDataFrame(pd.concat([geometry, context_rows(context)], ignore_index=True), geometry="geometry")


if __name__ == "__main__":
    from lib.data import data_dir_from_env, load_dataset

    # The same outlines the app publishes on first use (regions and neighbours), ready before it starts.
    dataset = load_dataset(data_dir_from_env())
    print(f"Leaflet {xstatic.pkg.leaflet.VERSION} ready in {ensure_leaflet()}")
    print(f"Region outlines ready at {publish_shapes(outlines(dataset.geometry, dataset.context)).url}")
