"""The fonts through `make serve`: no text font is downloaded on any page in either language,
the icon font is the subset, and the chrome of every page (sidebar and its collapse button,
navigation and page icons, expanders, alerts and warnings, the upload box) is pixel-identical with the
subset and with Streamlit's full icon font. Run against the pinned Streamlit: an upgrade
that adds an icon the subset lacks fails here instead of drawing a blank box."""

from __future__ import annotations

import io
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops

from serve.fonts import app_icons, bundle_icons, ligatures, subset_icons
from serve.replicas import Served
from serve.static import chrome_fonts, icon_font, static_trees
from tests.e2e.conftest import nginx_in_front
from tests.support.harness import Offline, map_frame, wait_for_script

pytestmark = pytest.mark.e2e
TESTS = Path(__file__).resolve().parents[1]
CASES = TESTS / "uploads" / "good_semicolon_cp1252.csv"
# The estimate's own Lima total for 2011–2014: a figure that agrees with the sources.
FIGURES = TESTS / "support" / "figures_lima_2011_2014.csv"


@dataclass(frozen=True)
class State:
    """A page in a state, the icons of the app's own it must show, and a file to upload first
    on the data page (which input, the file, the text that says it was taken)."""

    path: str
    icons: frozenset[str]
    upload: tuple[int, Path, str] | None = None


CHROME_ICONS = {"keyboard_double_arrow_left", "map", "compare_arrows", "show_chart", "gavel", "description"}
STATES = [
    State("/?region=cusco", frozenset({"format_quote", "keyboard_arrow_right"})),
    State("/?data=upload", frozenset({"warning"})),  # a link whose file is gone
    State("/change", frozenset({"format_quote"})),
    State("/change?a=2007-2010&b=2009-2012", frozenset({"join_inner"})),  # overlapping periods
    State("/trends", frozenset()),
    State("/coverage?scenario=best", frozenset({"keyboard_arrow_down"})),
    State("/data", frozenset({"upload"})),
    State("/data", frozenset({"upload_file"}), (0, CASES, "Accepted good_semicolon_cp1252.csv")),
    State("/data", frozenset({"playlist_add"}), (1, FIGURES, "figure(s) from figures_lima")),
]
PAGES = ["/", "/change", "/trends", "/coverage?scenario=best", "/data"]
MAP_PAGES = {"/", "/change", "/coverage"}
# Every element drawn in the icon font, marked so the test can find each (Streamlit gives
# them several test ids: stIconMaterial, stExpanderIcon, stAlertDynamicIcon …).
MARK_ICONS = """(expected) => {
  const icons = [...document.querySelectorAll('span')].filter(
    (element) => element.children.length === 0 && getComputedStyle(element).fontFamily.includes('Material Symbols'));
  const shown = new Set(icons.map((element) => element.textContent));
  if (!expected.every((name) => shown.has(name))) { return false; }
  icons.forEach((element, index) => element.setAttribute('data-font-icon', String(index)));
  return true;
}"""
ICON = "[data-font-icon]"
VIEWPORT_HEIGHT = 12000
# Resolves once the layout has held still for 0.5 s (a chart that is still sizing itself
# moves what is below it by a fraction of a pixel, which changes how borders are drawn).
SETTLED = """async () => {
  const box = (element) => {
    const { x, y, width, height } = element.getBoundingClientRect();
    return [x, y, width, height];
  };
  const layout = () => JSON.stringify([...document.querySelectorAll('[data-testid=stMain] *')].slice(0, 4000).map(box));
  let before = layout();
  for (let tries = 0; tries < 40; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = layout();
    if (now === before) { return true; }
    before = now;
  }
  return false;
}"""
FULL_FONT = icon_font(static_trees()[0].source).read_bytes()
# Chrome that carries icons, screenshot whole.
CHROME = [
    "[data-testid=stSidebarNav]",
    "[data-testid=stSidebarHeader]",
    "[data-testid=stExpander] summary",
    "[data-testid=stAlert]",
    "[data-testid=stFileUploaderDropzone]",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with nginx_in_front(tmp_path_factory.mktemp("serve-fonts")) as running:
        yield running


def open_page(browser, served: Served, path: str, icon_font_bytes: bytes | None = None, upload=None, icons=()):  # type: ignore[no-untyped-def]
    """A page of the app through nginx; with ``icon_font_bytes`` the browser gets that font at
    Streamlit's icon-font URL instead of what nginx serves (and none at all for ``b""``);
    ``upload`` (input, file, text once taken) is uploaded on the data page first. Waits
    until the page shows ``icons`` (some come with the part drawn after the rest), then marks
    every element drawn in the icon font."""
    offline = Offline()
    # Tall enough that no picture needs scrolling: an element scrolled into view can land a
    # fraction of a pixel elsewhere, and its rounded border is then drawn a shade apart.
    context = browser.new_context(viewport={"width": 1400, "height": VIEWPORT_HEIGHT})
    context.route("**/*", offline.route)
    if icon_font_bytes is not None:
        url = served.url + chrome_fonts().icon_url

        def replace(route) -> None:  # type: ignore[no-untyped-def]
            if icon_font_bytes:
                route.fulfill(status=200, body=icon_font_bytes, headers={"Content-Type": "font/woff2"})
            else:
                route.abort()

        context.route(url, replace)
    page = context.new_page()
    fonts: list[str] = []
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    page.fonts = fonts
    page.offline = offline
    page.goto(served.url + path)
    wait_for_script(page)
    if upload is not None:  # on the data page, which then shows the upload's banner
        field, name, taken = upload
        page.locator("input[type=file]").nth(field).set_input_files(str(name))
        page.get_by_text(taken).first.wait_for(timeout=60_000)
        wait_for_script(page)
    if path.split("?")[0] in MAP_PAGES:
        map_frame(page)  # the lower part is drawn once the map has
        wait_for_script(page)
    page.locator("[data-testid=stSidebarNav] [data-testid=stIconMaterial]").first.wait_for()
    page.evaluate("async () => { await document.fonts.ready; }")
    page.mouse.move(100, 40)  # over the sidebar's header: its collapse button shows
    page.locator("[data-testid=stSidebarCollapseButton]").wait_for()
    page.wait_for_function(MARK_ICONS, arg=sorted(icons), timeout=30_000)
    assert page.evaluate(SETTLED), "the page's layout never held still"
    main = page.locator("[data-testid=stMain]")
    assert main.evaluate("(e) => e.scrollHeight <= e.clientHeight"), (
        f"{path} is taller than the window: it would scroll"
    )
    return page


def pictures(page) -> dict[str, Image.Image]:  # type: ignore[no-untyped-def]
    """Every visible icon and every piece of chrome that carries icons, by a stable name."""
    shots: dict[str, Image.Image] = {}

    def take(name: str, locator) -> None:  # type: ignore[no-untyped-def]
        if locator.is_visible():
            shots[name] = Image.open(io.BytesIO(locator.screenshot(animations="disabled"))).convert("RGB")

    icons = page.locator(ICON)
    for index in range(icons.count()):
        take(f"icon {icons.nth(index).text_content()} #{index}", icons.nth(index))
    for selector in CHROME:
        for index in range(page.locator(selector).count()):
            take(f"{selector} #{index}", page.locator(selector).nth(index))
    return shots


def differing(left: dict[str, Image.Image], right: dict[str, Image.Image]) -> list[str]:
    """The pictures that are not pixel-identical, of those both sides took."""
    return [
        name
        for name in left.keys() & right.keys()
        if left[name].size != right[name].size or ImageChops.difference(left[name], right[name]).getbbox() is not None
    ]


@pytest.mark.parametrize(
    "state", STATES, ids=lambda state: state.path + (f" + {state.upload[1].name}" if state.upload else "")
)
def test_the_chrome_is_pixel_identical_with_the_subset_and_with_the_full_font(browser, served: Served, state) -> None:
    expected = sorted(CHROME_ICONS | state.icons)
    with_subset = open_page(browser, served, state.path, upload=state.upload, icons=expected)
    with_full = open_page(browser, served, state.path, FULL_FONT, state.upload, expected)
    subset_pictures, full_pictures = pictures(with_subset), pictures(with_full)
    icons = [name for name in subset_pictures if name.startswith("icon ")]
    assert {name.split()[1] for name in icons} >= CHROME_ICONS | state.icons
    assert subset_pictures.keys() == full_pictures.keys(), sorted(subset_pictures.keys() ^ full_pictures.keys())
    assert differing(subset_pictures, full_pictures) == []
    for page in (with_subset, with_full):
        assert page.offline.blocked == []
        page.context.close()


def test_the_pictures_see_the_icons(browser, served: Served) -> None:
    """Without the icon font every icon is drawn differently (as its name in another font)."""
    expected = sorted(CHROME_ICONS)
    with_subset, without_font = (open_page(browser, served, "/", font, icons=expected) for font in (None, b""))
    subset_pictures = pictures(with_subset)
    icons = {name for name in subset_pictures if name.startswith("icon ")}
    assert set(differing(subset_pictures, pictures(without_font))) >= icons
    with_subset.context.close()
    without_font.context.close()


def test_an_icon_missing_from_the_font_would_show(browser, served: Served) -> None:
    """The picture test would catch a subset that lacks an icon the page shows."""
    with_subset = open_page(browser, served, "/data")
    shown = with_subset.evaluate(f"() => [...document.querySelectorAll('{ICON}')].map(e => e.textContent)")
    lacking = subset_icons(FULL_FONT, [name for name in set(shown) if name != "description"] + ["map"])
    assert lacking.is_subset and "description" not in lacking.icons
    without_one = open_page(browser, served, "/data", lacking.font)
    assert differing(pictures(with_subset), pictures(without_one)) != []
    with_subset.context.close()
    without_one.context.close()


@pytest.mark.parametrize("path", [*PAGES, "/?lang=es", "/data?lang=es"])
def test_no_text_font_is_downloaded_and_headings_keep_their_weight(browser, served: Served, path) -> None:
    page = open_page(browser, served, path)
    assert page.fonts == [served.url + chrome_fonts().icon_url]  # the icon subset, nothing else
    assert page.locator("link[rel=preload][as=font]").count() == 0
    heading = page.locator("h1").first
    family, weight = heading.evaluate("e => [getComputedStyle(e).fontFamily, getComputedStyle(e).fontWeight]")
    assert family.startswith("system-ui") and int(weight) >= 600
    if "lang=es" in path:
        assert page.get_by_text("Datos y métodos").count() >= 1  # accents drawn from the system font
        assert "ñ" in page.locator("body").inner_text()  # and ñ (Años, diseño …)
    page.context.close()


def test_the_subset_is_served_revalidated_at_streamlits_path(served: Served) -> None:
    with urllib.request.urlopen(served.url + chrome_fonts().icon_url, timeout=30) as response:
        body = response.read()
        # Streamlit's name, not the subset's content hash: a browser must ask again (a 304
        # while unchanged) so a subset made for other icons never outlives a change.
        assert response.headers["Cache-Control"] == "no-cache" and response.headers["ETag"]
    expected = (bundle_icons(static_trees()[0].source) | app_icons()) & set(ligatures(TTFont(io.BytesIO(FULL_FONT))))
    assert set(ligatures(TTFont(io.BytesIO(body)))) == expected
    assert len(body) < len(FULL_FONT) / 20
