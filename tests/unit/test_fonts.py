"""The icon subset and the text-font rewrites of `make serve` (serve/fonts.py, serve/static.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from serve.fonts import (
    app_icons,
    bundle_icons,
    icon_font,
    ligatures,
    local_only,
    subset_icons,
    text_font_preloads,
)
from serve.static import static_trees, write_icon_subset

STREAMLIT = static_trees()[0].source
FULL = icon_font(STREAMLIT).read_bytes()
ASKED = sorted(bundle_icons(STREAMLIT) | app_icons())


@pytest.fixture(scope="module")
def made():  # type: ignore[no-untyped-def]
    return subset_icons(FULL, ASKED)


def test_the_subset_draws_exactly_the_icons_asked_for_that_the_font_has(made) -> None:  # type: ignore[no-untyped-def]
    in_font = set(ligatures(TTFont(io.BytesIO(FULL))))
    assert made.is_subset
    assert sorted(ligatures(TTFont(io.BytesIO(made.font)))) == sorted(set(ASKED) & in_font) == list(made.icons)
    assert set(made.not_in_font) == set(ASKED) - in_font
    assert len(made.font) < len(FULL) / 20


def test_the_names_are_read_from_streamlits_bundle_and_the_apps_sources() -> None:
    # The chrome's own (the sidebar's collapse button, expanders, alerts) and every page's icon.
    assert {"keyboard_double_arrow_left", "keyboard_double_arrow_right", "expand_more", "upload", "error"} <= set(ASKED)
    assert {"map", "compare_arrows", "show_chart", "gavel", "description", "warning"} <= app_icons()


def test_streamlits_star_filled_is_not_in_the_font_and_needs_nothing_from_it(made) -> None:  # type: ignore[no-untyped-def]
    # Streamlit draws st.feedback's filled star as an inline SVG: the full font has no such icon.
    assert "star_filled" in bundle_icons(STREAMLIT) and made.not_in_font == ("star_filled",)


def test_a_font_that_cannot_be_read_is_served_whole() -> None:
    broken = subset_icons(b"not a font", ["map"])
    assert not broken.is_subset and broken.font == b"not a font" and "could not be read" in broken.full_because


def test_asking_for_no_icon_the_font_has_serves_it_whole() -> None:
    unknown = subset_icons(FULL, ["no_such_icon"])
    assert not unknown.is_subset and unknown.font == FULL and unknown.not_in_font == ("no_such_icon",)


def test_the_mirror_keeps_the_subset_until_the_font_or_the_names_change(tmp_path: Path) -> None:
    first = write_icon_subset(tmp_path)
    target = tmp_path / "static" / icon_font(STREAMLIT).relative_to(STREAMLIT)
    assert target.read_bytes() == first.font and first.is_subset
    record = target.with_name(target.name + ".icons")
    stamp = record.stat().st_mtime_ns
    assert write_icon_subset(tmp_path) == first and record.stat().st_mtime_ns == stamp  # not made again
    # The mirror copies the full font back when Streamlit's changes: the subset is made again.
    target.write_bytes(FULL)
    assert write_icon_subset(tmp_path) == first and target.read_bytes() == first.font
    # An app that names one more icon gets it.
    app = tmp_path / "app"
    (app / "app_pages").mkdir(parents=True)
    (app / "app.py").write_text('st.Page("x.py", icon=":material/rocket_launch:")\n')
    more = write_icon_subset(tmp_path, app)
    assert "rocket_launch" in more.icons and "map" not in more.icons  # the app's names are this app's
    assert json.loads(record.read_text())["icons"] == list(more.icons)


def test_streamlits_page_preloads_one_text_font_found_as_written() -> None:
    page = (STREAMLIT.parent / "index.html").read_text(encoding="utf-8")
    (preload,) = text_font_preloads(page)
    assert "SourceSans" in preload and preload in page and 'rel="preload"' in preload


def test_streamlits_text_font_is_made_local_only_and_nothing_else_changes() -> None:
    for css in STREAMLIT.glob("css/*.css"):
        text = css.read_text(encoding="utf-8")
        rewritten = local_only(text)
        if "font-family:Source Sans" in text:
            assert "SourceSansVF" not in rewritten and rewritten.count('src:local("Source Sans")') == 2
            assert "SourceCodeVF" in rewritten  # code and the other faces keep their files
        assert local_only(rewritten) == rewritten
