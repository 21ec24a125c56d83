"""The files nginx serves straight from disk, compressed once at the highest levels.

Streamlit serves its bundle uncompressed and leaves compression to the reverse proxy. Here
nginx serves the static trees itself (no replica spends a request on them) from a mirror in
which every compressible file has a ``.br`` (Brotli, quality 11) and a ``.gz`` (gzip, level 9)
beside it, for ``brotli_static`` and ``gzip_static``. The mirror is kept between starts and
redone only for files whose content changed, so only the first start pays for quality 11.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

from serve.fonts import (
    IconSubset,
    app_icons,
    bundle_icons,
    icon_font,
    local_only,
    subset_icons,
    text_font_preloads,
)

ROOT = Path(__file__).resolve().parents[1]
# Text formats only: woff2, PNG and GIF are compressed already.
COMPRESSIBLE = {".js", ".css", ".html", ".json", ".svg", ".txt", ".map", ".geojson"}


@dataclass(frozen=True)
class StaticTree:
    """A URL prefix nginx answers from ``source`` (mirrored, with compressed copies), and
    where its files come from."""

    prefix: str
    source: Path


def _package_folder(name: str) -> Path:
    """Where an installed package lives (found, not imported: nginx serves its files)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise RuntimeError(f"{name} is not installed: run `make serve`, which installs the app")
    return Path(spec.origin).parent


def static_trees(app_static: Path = ROOT / "static") -> tuple[StaticTree, ...]:
    """Streamlit's bundle (``/static/``, hashed names), streamlit-folium's frame
    (``/component/streamlit_folium.st_folium/``: a hashed script under an unhashed page) and
    the app's own files (``/app/static/``: Leaflet, and the outlines script named by hash)."""
    streamlit_static = _package_folder("streamlit") / "static" / "static"
    folium_frame = _package_folder("streamlit_folium") / "frontend" / "build"
    return (
        StaticTree("/static/", streamlit_static),
        StaticTree("/component/streamlit_folium.st_folium/", folium_frame),
        StaticTree("/app/static/", app_static),
    )


def _compress(job: tuple[Path, Path]) -> None:
    source, target = job
    data = source.read_bytes()
    # Written under a temporary name first: nginx never sees half a file.
    for suffix, packed in ((".br", brotli.compress(data, quality=11)), (".gz", gzip.compress(data, 9, mtime=0))):
        partial = target.with_name(target.name + suffix + ".part")
        partial.write_bytes(packed)
        partial.replace(target.with_name(target.name + suffix))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mirror(tree: StaticTree, root: Path) -> Path:
    """``tree``'s files under ``root`` + its URL prefix (so nginx's ``root`` finds them by
    URL), each compressible one with ``.br`` and ``.gz`` copies; returns the mirror's folder.
    Files whose content is unchanged since the last start are not compressed again (a
    ``.sha256`` beside each records its source, written once its copies are complete); files
    gone from the source are removed."""
    folder = root / tree.prefix.strip("/")
    sources = {path.relative_to(tree.source): path for path in tree.source.rglob("*") if path.is_file()}
    jobs, stamps = [], []
    for relative, source in sorted(sources.items()):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        stamp = target.with_name(target.name + ".sha256")
        digest = _digest(source)
        if stamp.exists() and stamp.read_text() == digest and target.exists():
            continue
        stamp.unlink(missing_ok=True)
        shutil.copyfile(source, target)
        if source.suffix in COMPRESSIBLE:
            jobs.append((source, target))
        stamps.append((stamp, digest))
    if jobs:
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(_compress, jobs, chunksize=4))
    for stamp, digest in stamps:
        stamp.write_text(digest)
    for path in [path for path in folder.rglob("*") if path.is_file()]:
        original = path.with_name(
            path.name.removesuffix(".br").removesuffix(".gz").removesuffix(".sha256").removesuffix(".icons")
        )
        if original.relative_to(folder) not in sources:
            path.unlink()
    return folder


@dataclass(frozen=True)
class ChromeFonts:
    """What nginx does about the fonts of Streamlit's chrome (:mod:`serve.fonts`): the URL
    of the icon font, served as a subset and revalidated (its name is Streamlit's, so a
    subset made for other icons must never outlive a change), and the rewrites of
    Streamlit's page (exact text, replacement): its text font's preload deleted."""

    icon_url: str
    page_rewrites: tuple[tuple[str, str], ...]


def chrome_fonts() -> ChromeFonts:
    """Read from the installed Streamlit: its icon font's URL and its page's font preloads."""
    streamlit = static_trees()[0]
    font = icon_font(streamlit.source)
    page = (streamlit.source.parent / "index.html").read_text(encoding="utf-8")
    rewrites = tuple((preload, "") for preload in text_font_preloads(page))
    return ChromeFonts(streamlit.prefix + font.relative_to(streamlit.source).as_posix(), rewrites)


def write_local_text_font(root: Path) -> list[Path]:
    """Make the mirror's copies of Streamlit's stylesheets declare its text font local-only
    (:func:`serve.fonts.local_only`), compressed copies redone; returns the files changed.
    Checked on every start: the mirror copies a stylesheet afresh when Streamlit's changes."""
    streamlit = static_trees()[0]
    changed = []
    for css in sorted((root / streamlit.prefix.strip("/")).glob("css/*.css")):
        text = css.read_text(encoding="utf-8")
        rewritten = local_only(text)
        if rewritten != text:
            partial = css.with_name(css.name + ".part")
            partial.write_text(rewritten, encoding="utf-8")
            partial.replace(css)
            _compress((css, css))
            changed.append(css)
    return changed


def write_icon_subset(root: Path, app_root: Path = ROOT) -> IconSubset:
    """Put the subset of Streamlit's icon font (the icons its bundle and the app name) in the
    mirror under ``root``, where the full font was; redone only when the font or the names
    change (a ``.icons`` record beside it says what it holds)."""
    streamlit = static_trees()[0]
    source = icon_font(streamlit.source)
    names = sorted(bundle_icons(streamlit.source) | app_icons(app_root))
    target = root / streamlit.prefix.strip("/") / source.relative_to(streamlit.source)
    record = target.with_name(target.name + ".icons")
    target.parent.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(source.read_bytes() + "\n".join(names).encode()).hexdigest()
    if record.exists() and target.exists():
        saved, served = json.loads(record.read_text()), target.read_bytes()
        # The mirror copies the full font back when Streamlit's changes: the record must
        # describe the very file that is there.
        if saved["key"] == key and saved["font_sha256"] == hashlib.sha256(served).hexdigest():
            return IconSubset(served, tuple(saved["icons"]), tuple(saved["not_in_font"]), saved["full_because"])
    made = subset_icons(source.read_bytes(), names)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(made.font)
    partial.replace(target)
    fields = {"icons": made.icons, "not_in_font": made.not_in_font, "full_because": made.full_because}
    font_sha256 = hashlib.sha256(made.font).hexdigest()
    record.write_text(json.dumps({"key": key, "font_sha256": font_sha256} | fields, indent=1))
    return made


def prepare_static(root: Path) -> IconSubset:
    """Every static tree mirrored and precompressed under ``root``, Streamlit's text font made
    local-only and its icon font cut down (:mod:`serve.fonts`)."""
    for tree in static_trees():
        mirror(tree, root)
    write_local_text_font(root)
    return write_icon_subset(root)
