"""AppTest: why a range is where it is and what would settle it, on the change page, the map
page's region detail and the trends page; in Spanish; never for an upload; ranked only when
asked."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.shell import keys
from lib.text import set_language
from tests.app.helpers import open_app

CHANGE, TRENDS = "app_pages/change.py", "app_pages/trends.py"


@pytest.fixture(autouse=True)
def english_test_thread():
    yield
    set_language("en")


def settle_button(at: AppTest, word: str = "settle"):
    return next(button for button in at.button if word in button.label.lower())


def sentences(at: AppTest) -> list[str]:
    return [
        line.replace("\\", "")
        for item in at.markdown
        for line in item.value.splitlines()
        if "Ministerio Público" in item.value
    ]


def expanders(at: AppTest) -> list[str]:
    """Expander labels as shown (markdown escapes of names from data removed)."""
    return [expander.label.replace("\\", "") for expander in at.expander]


def held_tables(at: AppTest):
    return [frame.value for frame in at.dataframe if "holds" in frame.value.columns]


def test_the_change_page_explains_lima_and_ranks_what_would_settle_it() -> None:
    at = open_app(CHANGE, region="lima")
    labels = expanders(at)
    assert "Why this range: Lima" in labels
    assert {"Why this range: Nationally", "Why this range: Tourism hubs"} <= set(labels)
    lima = held_tables(at)[0]
    assert set(lima["level"]) == {"With the model's assumptions", "Sources alone"}
    assert set(lima["end"]) == {"low end", "high end"}
    # Cited figures are named as the data page names them, with their source.
    assert lima["holds"].str.contains("Lima, Jan 2007 – Apr 2014").any()
    assert lima.loc[lima["url"] != "", "url"].str.startswith("http").all()
    # Ranked only when asked.
    assert sentences(at) == [] and keys.SETTLE_ASKED not in at.session_state
    settle_button(at).click().run()
    found = sentences(at)
    assert len(found) == 5 and all("Lima's change would be known to within" in text for text in found)
    assert all("(now -46.2 to 120.5" in text for text in found)
    labels = [button.proto.label for button in at.get("download_button")]
    assert "What would settle it (CSV)" in labels


def test_spanish_names_the_sections_and_the_download_in_spanish() -> None:
    set_language("es")  # AppTest formats the widgets' values in this thread's language
    at = open_app(CHANGE, region="lima", lang="es")
    assert "Por qué este rango: Lima" in expanders(at)
    settle_button(at, "zanjar").click().run()
    assert all(text.startswith("- Si el Ministerio Público publicara") for text in sentences(at))
    assert "Qué lo zanjaría (CSV)" in [button.proto.label for button in at.get("download_button")]


def test_the_map_page_region_detail_ranks_a_single_year() -> None:
    at = open_app(None, region="loreto", years="2009-2011")
    assert "Why this range: Loreto's total for 2009–2011" in expanders(at)
    at.selectbox(key=keys.SETTLE_YEAR).select_index(2).run()
    settle_button(at).click().run()
    found = sentences(at)
    assert found and all("Loreto's 2010 count would be known to within" in text for text in found)
    # Its own count would settle it trivially: left out of the words.
    assert not any("published Loreto's 2010 count" in text for text in found)


def test_the_trends_page_starts_with_the_widest_national_year() -> None:
    at = open_app(TRENDS)
    year = at.selectbox(key=keys.SETTLE_NATIONAL_YEAR).value
    assert f"Why this range: the national {year.first} total" in expanders(at)
    # 2012 and 2014 are cited exactly; the widest open year is another.
    assert year.first not in (2012, 2014)
    settle_button(at).click().run()
    assert sentences(at)


def test_an_upload_has_no_ranges_to_explain() -> None:
    at = open_app("app_pages/data.py", region="lima")
    rows = "".join(f"{region},{year},5\n" for region in ("Cusco", "Lima") for year in (2010, 2013))
    at.file_uploader[0].set_value(("four.csv", f"region,year,cases\n{rows}".encode(), "text/csv")).run()
    at.switch_page(CHANGE).run()
    assert not at.exception
    assert not [label for label in expanders(at) if label.startswith("Why this range")]
    assert not [button for button in at.button if "settle" in button.label.lower()]
