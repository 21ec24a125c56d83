"""The fonts Streamlit's chrome loads, made cheap on a slow link (``make serve`` only).

Text: the theme names a system font stack (``.streamlit/config.toml``), so no text font is
needed. Streamlit's page still fetches Source Sans twice over: its ``index.html`` preloads it,
and its first paint, before the session's theme arrives, sets text in it. So nginx deletes
the ``<link rel=preload>`` from the page (:func:`text_font_preloads` finds it as this
Streamlit version writes it), and the mirror's copy of Streamlit's stylesheet declares
Source Sans as a font found only on the analyst's machine (:func:`local_only`): that first
paint uses a system font. (Declaring it again, later, in the page is not enough: Chromium
falls back to the earlier declaration when the later one finds no font.)

Icons: Streamlit's chrome loads the whole Material Symbols font (375 KB, about 3,800 icons) on
every first visit, for the few dozen icons it and the app's pages can show. An icon is
drawn by a ligature: the text ``expand_more`` in that font becomes one glyph. A subset by
characters keeps every ligature (all are spelt with the same letters) and saves nothing, so
here the ligature table is pruned to the icons that are used first, and the glyphs the
pruned table still reaches are what the subset keeps.

The icons used are read, not listed by hand: every ``:material/name:`` in Streamlit's
bundle (its chrome's icons are written so) and in the app's sources and texts. If a name is
not in the font the subset is not made and the full font is served: never a missing icon.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools import subset
from fontTools.ttLib import TTFont

ICON_NAME = re.compile(r":material/([a-z0-9_]+):")
FONT_PRELOAD = re.compile(r"<link\b[^>]*>", re.DOTALL)
# Where the app writes icon names: its pages and shell code and its translated texts.
APP_SOURCES = ("app.py", "app_pages/**/*.py", "lib/**/*.py", "lib/locales/*.toml")
ROOT = Path(__file__).resolve().parents[1]


def text_font_preloads(index_html: str) -> list[str]:
    """Each ``<link rel="preload" as="font">`` of a text font in Streamlit's page, exactly as
    written (line breaks included), for nginx to delete."""
    return [
        link
        for link in FONT_PRELOAD.findall(index_html)
        if re.search(r'\brel="preload"', link) and re.search(r'\bas="font"', link) and "MaterialSymbols" not in link
    ]


FONT_FACE = re.compile(r"@font-face\{[^}]*\}")
FONT_SOURCE = re.compile(r"src:[^;}]*")
TEXT_FONT = "Source Sans"


def local_only(css: str, family: str = TEXT_FONT) -> str:
    """``css`` with every ``@font-face`` of ``family`` found only on the analyst's machine
    (``src: local(…)``) instead of downloaded: where the machine lacks it, the browser uses
    the next font of the element's list (a system font).

    >>> local_only('@font-face{font-family:Source Sans;font-weight:100 900;src:url(a.woff2)format("woff2")}p{x:y}')
    '@font-face{font-family:Source Sans;font-weight:100 900;src:local("Source Sans")}p{x:y}'
    """

    def rewrite(face: re.Match[str]) -> str:
        body = face.group(0)
        named = re.search(r"font-family:\s*([^;}]*)", body)
        if named is None or named.group(1).strip("'\" ") != family:
            return body
        return FONT_SOURCE.sub(f'src:local("{family}")', body)

    return FONT_FACE.sub(rewrite, css)


def icon_names(paths: Iterable[Path]) -> set[str]:
    """Every ``:material/name:`` written in ``paths``."""
    return {name for path in paths for name in ICON_NAME.findall(path.read_text(encoding="utf-8", errors="replace"))}


def bundle_icons(streamlit_static: Path) -> set[str]:
    """The icons Streamlit's own scripts name (its chrome: sidebar, menus, alerts, widgets)."""
    return icon_names(streamlit_static.rglob("*.js"))


def app_icons(root: Path = ROOT) -> set[str]:
    return icon_names(path for pattern in APP_SOURCES for path in sorted(root.glob(pattern)))


def icon_font(streamlit_static: Path) -> Path:
    """The Material Symbols font Streamlit's stylesheet names (one per Streamlit version)."""
    (font,) = sorted(streamlit_static.glob("media/MaterialSymbols-*.woff2"))
    return font


def _ligature_tables(font: TTFont) -> list[Any]:
    """The font's ligature substitution subtables (type 4, inside extension lookups or not)."""
    tables = []
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            inner = table.ExtSubTable if lookup.LookupType == 7 else table
            if inner.LookupType == 4:
                tables.append(inner)
    return tables


def _spelling(font: TTFont) -> dict[str, str]:
    """The character each glyph a ligature is spelt with stands for: icon names are lower-case
    ASCII, and the font maps ``K`` and ``k`` to one glyph (the later, lower-case, wins)."""
    return {glyph: chr(code) for code, glyph in sorted(font.getBestCmap().items()) if code < 128}


def ligatures(font: TTFont) -> dict[str, str]:
    """Icon name → its glyph, read from the font's ligature table."""
    spelled = _spelling(font)
    found = {}
    for table in _ligature_tables(font):
        for first, entries in table.ligatures.items():
            for entry in entries:
                name = "".join(spelled.get(glyph, "\0") for glyph in (first, *entry.Component))
                found[name] = entry.LigGlyph
    return found


@dataclass(frozen=True)
class IconSubset:
    """The font to serve: the subset, or the full font and why."""

    font: bytes
    icons: tuple[str, ...]  # the icons it draws of those asked for
    not_in_font: tuple[str, ...]  # asked for, but the full font has no such icon either
    full_because: str | None = None  # set when the full font is served

    @property
    def is_subset(self) -> bool:
        return self.full_because is None


def _pruned(font: TTFont, keep: set[str]) -> None:
    """Drop every ligature but those spelling a name in ``keep``."""
    spelled = _spelling(font)
    for table in _ligature_tables(font):
        pruned = {}
        for first, entries in table.ligatures.items():
            kept = [e for e in entries if "".join(spelled.get(g, "\0") for g in (first, *e.Component)) in keep]
            if kept:
                pruned[first] = kept
        table.ligatures = pruned


def subset_icons(full: bytes, names: Iterable[str]) -> IconSubset:
    """``full`` (a Material Symbols woff2) keeping only the icons ``names``, as woff2.

    A name the full font has no ligature for is reported in ``not_in_font`` and needs
    nothing from the subset (Streamlit draws ``star_filled`` as an inline SVG, for one): the
    full font could not draw it either. The full font is served instead whenever its
    ligature table cannot be read, holds none of the names, or the subset made does not
    draw every icon the full font draws of those asked for."""
    wanted = sorted(set(names))
    try:
        # The timestamp kept: the same icons make the same bytes (a reproducible proxy image).
        font = TTFont(io.BytesIO(full), recalcTimestamp=False)
        known = ligatures(font)
    except Exception as error:  # any font fontTools cannot read: serve it whole
        return IconSubset(full, (), (), f"its ligature table could not be read ({error})")
    drawn = [name for name in wanted if name in known]
    not_in_font = tuple(name for name in wanted if name not in known)
    if not drawn:
        return IconSubset(full, (), not_in_font, "none of the icons asked for is in it")
    _pruned(font, set(drawn))
    options = subset.Options()
    options.layout_features = ["*"]
    options.flavor = "woff2"
    options.name_IDs = ["*"]  # the licence and names stay with the font
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    characters = {char for name in drawn for char in name} | {" "}
    subsetter.populate(unicodes=[ord(char) for char in characters], glyphs=[known[name] for name in drawn])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    made = out.getvalue()
    if sorted(ligatures(TTFont(io.BytesIO(made)))) != drawn:
        return IconSubset(full, tuple(drawn), not_in_font, "the subset made did not draw exactly the icons kept")
    return IconSubset(made, tuple(drawn), not_in_font)
