"""Copy Leaflet from the ``xstatic-leaflet`` package into ``static/`` for Streamlit to serve.

Run ``python -m lib.assets`` (``make run`` does); the app also calls
:func:`ensure_leaflet` at start, so a fresh clone works either way.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.leaflet

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
LEAFLET_FILES = ("leaflet.js", "leaflet.css")


def ensure_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Copy leaflet.js, leaflet.css and its images into ``static_dir/leaflet`` if absent."""
    source = Path(xstatic.pkg.leaflet.BASE_DIR)
    target = static_dir / "leaflet"
    if all((target / name).exists() for name in LEAFLET_FILES) and (target / "images").is_dir():
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name in LEAFLET_FILES:
        shutil.copyfile(source / name, target / name)
    shutil.copytree(source / "images", target / "images", dirs_exist_ok=True)
    return target


if __name__ == "__main__":
    print(f"Leaflet {xstatic.pkg.leaflet.VERSION} ready in {ensure_leaflet()}")
