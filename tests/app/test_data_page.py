"""AppTest: the data page, uploads accepted and refused, and going back."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.shell import keys
from tests.app.helpers import assert_no_exception, open_app

UPLOADS = Path(__file__).resolve().parents[1] / "uploads"


def upload(at: AppTest, name: str) -> AppTest:
    at.file_uploader[0].set_value((name, (UPLOADS / name).read_bytes(), "text/csv")).run()
    assert_no_exception(at)
    return at


def test_data_page_sections() -> None:
    at = open_app("app_pages/data.py")
    headers = [header.value for header in at.subheader]
    assert headers[0] == "Data quality: regions per year by basis"
    quality = at.dataframe[0].value.set_index("year")
    assert quality.loc[2006, "missing"] == 25 and quality.loc[2010, "reported"] == 1
    links = next(frame.value for frame in at.dataframe if "files" in frame.value.columns)
    assert links["url"].str.startswith("http").all() and len(links) >= 10
    assert any("How `cases.csv` is estimated" in markdown.value for markdown in at.markdown)


def test_accepted_upload_is_used_on_every_page_and_can_be_undone() -> None:
    at = upload(open_app("app_pages/data.py"), "good_years_outside.csv")
    assert keys.UPLOAD in at.session_state
    assert any("Using uploaded data" in info.value for info in at.info)
    at.switch_page("app_pages/map.py").run()
    assert not at.exception
    # The upload holds 2016 only: the year filter now offers it and the map shows its total.
    assert next(m.value for m in at.metric if m.label == "Cases") == f"{65 + 350 + 88:,}"
    at.switch_page("app_pages/trends.py").run()
    assert not at.exception
    at.button(key=keys.UPLOAD_BACK).click().run()
    assert keys.UPLOAD not in at.session_state
    at.switch_page("app_pages/map.py").run()
    assert next(m.value for m in at.metric if m.label == "Regions shown") == "25"
    assert not at.exception


def test_refused_upload_lists_every_problem_and_changes_nothing() -> None:
    at = upload(open_app("app_pages/data.py"), "bad_many_problems.csv")
    assert keys.UPLOAD not in at.session_state
    assert "4 problem(s)" in at.error[0].value
    problems = next(frame.value for frame in at.dataframe if "Problem and fix" in frame.value.columns)
    assert "did you mean Junín?" in " ".join(problems.iloc[:, 3])


@pytest.mark.parametrize("name", ["good_semicolon_cp1252.csv", "good_variants.csv"])
def test_other_good_files(name: str) -> None:
    at = upload(open_app("app_pages/data.py"), name)
    assert keys.UPLOAD in at.session_state


def test_a_link_made_with_an_upload_says_the_file_is_not_here() -> None:
    at = open_app(data="upload", years="2016")
    assert any("uploaded file" in warning.value.replace("\\", "") for warning in at.warning)
    assert at.query_params.get("data") is None  # this session shows the bundled data


def test_an_active_upload_is_named_in_the_link() -> None:
    at = upload(open_app("app_pages/data.py"), "good_basic.csv")
    assert at.query_params["data"] == "upload"
