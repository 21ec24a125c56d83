"""AppTest: an analyst's own figures uploaded on the data page join the sources on every
page of that session (banner, narrowed ranges, marked verdicts, links and export footers that
say so), never in another session; a contradicting file is refused naming the clash; a cases
upload and added figures do not mix."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.data import DEFAULT_DATA_DIR, load_dataset
from lib.shell import keys
from tests.app.helpers import open_app

DATA, CHANGE = "app_pages/data.py", "app_pages/change.py"
HEADER = "kind,region,first_year,last_year,value,source\n"


def lima_estimate() -> int:
    cases = load_dataset(DEFAULT_DATA_DIR).cases
    return int(cases[(cases["region_id"] == "15") & cases["year"].between(2011, 2014)]["cases"].sum())


def upload_figures(at: AppTest, text: str, name: str = "mine.csv") -> AppTest:
    at.file_uploader(key=keys.FIGURES_UPLOADER).set_value((name, text.encode(), "text/csv")).run()
    assert not at.exception
    return at


def texts(elements) -> list[str]:
    return [element.value.replace("\\", "") for element in elements]


@pytest.fixture(scope="module")
def joined() -> AppTest:
    at = open_app(DATA)
    return upload_figures(at, HEADER + f"region-span,Lima,2011,2014,{lima_estimate()},https://example.org/oficio-1\n")


def test_the_figures_join_the_sources_with_a_banner_and_what_they_changed(joined: AppTest) -> None:
    assert any("With your 1 figure(s) from mine.csv" in text for text in texts(joined.info))
    assert any("Region-year ranges your figures narrowed: 6" in text for text in texts(joined.markdown))
    assert any("your figures moved: 2" in text for text in texts(joined.markdown))
    assert joined.query_params["figures"] == "session"
    labels = [button.proto.label for button in joined.get("download_button")]
    assert "Download your figures (CSV, uploads again as they are)" in labels


def test_the_change_page_marks_the_verdict_the_figures_settled(joined: AppTest) -> None:
    joined.switch_page(CHANGE).run()
    table = next(frame.value for frame in joined.dataframe if {"region", "verdict"} <= set(frame.value.columns))
    assert list(table.loc[table["verdict"].str.contains("your figures"), "region"]) == ["Lima"]
    assert joined.query_params["figures"] == "session"


def test_another_session_sees_none_of_it(joined: AppTest) -> None:
    other = open_app(CHANGE)
    assert not any("figure(s) from" in text for text in texts(other.info))
    table = next(frame.value for frame in other.dataframe if {"region", "verdict"} <= set(frame.value.columns))
    assert not table["verdict"].str.contains("your figures").any()
    assert "figures" not in other.query_params


def test_going_back_to_the_sources_alone(joined: AppTest) -> None:
    joined.button(key=keys.FIGURES_BACK).click().run()
    assert not any("figure(s) from" in text for text in texts(joined.info))
    assert "figures" not in joined.query_params


def test_a_reopened_link_says_the_figures_are_gone() -> None:
    at = open_app(None, figures="session")
    assert any("figures=session" in text for text in texts(at.warning) + texts(at.info))


def test_a_contradicting_file_is_refused_naming_the_clash() -> None:
    at = upload_figures(open_app(DATA), HEADER + "region-year,Lima,2012,2012,400,https://example.org/x\n", "bad.csv")
    errors = texts(at.error)
    assert any("bad.csv was not used" in text and "clash" in text for text in errors)
    # The arithmetic: what the cited figures allow for the file's figure.
    assert any("Your Lima, 2012 is 400; the cited figures allow only" in text for text in errors), errors
    clash = next(frame.value for frame in at.dataframe if "Figure" in frame.value.columns)
    assert "National, 2012" in " ".join(clash["Figure"]) and "Your figure (line 2): Lima, 2012" in list(clash["Figure"])
    assert not any("figure(s) from" in text for text in texts(at.info))


def test_a_file_with_problems_is_refused_with_every_problem() -> None:
    at = upload_figures(open_app(DATA), HEADER + "region-year,Atlantis,2016,2016,5,\n", "typo.csv")
    # An unknown region, both years outside the model's span, and no source: all at once.
    assert any("typo.csv was not used: 4 problem(s)" in text for text in texts(at.error)), texts(at.error)


def test_cases_upload_and_figures_do_not_mix() -> None:
    at = open_app(DATA)
    rows = "".join(f"Cusco,{year},5\n" for year in (2010, 2011))
    at.file_uploader(key=keys.UPLOADER).set_value(
        ("cases.csv", f"region,year,cases\n{rows}".encode(), "text/csv")
    ).run()
    assert any("replaces the cited sources" in text for text in texts(at.info))


def test_a_figure_published_as_more_than_is_joined_and_shown_as_such() -> None:
    text = "kind,region,first_year,last_year,low,high,source\nnational-year,,2010,2010,200,,https://example.org/r\n"
    at = upload_figures(open_app(DATA), text, "open.csv")
    assert any("figure(s) from open.csv" in text for text in texts(at.info))
    figures = next(frame.value for frame in at.dataframe if "Your figure" in frame.value.columns)
    assert list(figures["Your figure"]) == ["≥ 200"]
