"""AppTest: the change page with deep links, junk links, the filters, an upload, and the way
back from another page."""

import pandas as pd
import pytest

from lib.filters import Metric
from lib.shell import keys
from lib.text import set_language
from tests.app.helpers import open_app

PAGE = "app_pages/change.py"


@pytest.fixture(autouse=True)
def english_test_thread():
    yield
    set_language("en")


def region_table(at) -> pd.DataFrame:
    return next(frame.value for frame in at.dataframe if "region" in frame.value.columns)


def test_default_periods_and_the_national_sentence() -> None:
    at = open_app(PAGE)
    assert at.session_state[keys.CHANGE_A] == (2007, 2010) and at.session_state[keys.CHANGE_B] == (2011, 2014)
    text = " ".join(markdown.value for markdown in at.markdown)
    assert "Nationally, cases rose from about 141 to 436 a year" in text.replace("\\", "")
    table = region_table(at)
    assert len(table) == 25 and (table["verdict"] == "Rose").sum() == 3
    # "cannot tell" regions stay in the table, not hidden.
    assert (table["verdict"] == "The sources cannot tell").sum() == 22
    assert "a" not in at.query_params and "b" not in at.query_params


def test_deep_link_with_periods_metric_and_region() -> None:
    at = open_app(PAGE, a="2012", b="2013", metric="rate", region="cusco")
    assert at.session_state[keys.CHANGE_A] == (2012, 2012)
    assert at.query_params["a"] == "2012" and at.query_params["b"] == "2013"
    assert at.query_params["metric"] == "rate" and at.query_params["region"] == "cusco"
    table = region_table(at).set_index("region")
    assert table.loc["Cusco", "verdict"] == "Fell" and table.loc["Cusco", "sources_support"]
    assert len(at.get("imgs")) >= 1 or len(at.get("image")) >= 1


def test_junk_periods_fall_back_with_a_notice() -> None:
    at = open_app(PAGE, a="2010-2007", b="abc")
    assert at.session_state[keys.CHANGE_A] == (2007, 2010)
    warnings = " ".join(warning.value for warning in at.warning).replace("\\", "")
    assert "'2010-2007'" in warnings and "'abc'" in warnings


def test_overlapping_periods_are_named_and_identical_ones_stop() -> None:
    at = open_app(PAGE, a="2007-2011", b="2010-2014")
    assert any("overlap" in warning.value for warning in at.warning)
    same = open_app(PAGE, a="2012", b="2012")
    assert any("same years" in info.value for info in same.info)


def test_region_filter_mutes_the_rest_and_adds_the_filtered_group() -> None:
    at = open_app(PAGE, regions="cusco,puno,lima")
    assert len(region_table(at)) == 3
    groups = next(frame.value for frame in at.dataframe if "group" in frame.value.columns)
    assert groups["group"].tolist()[0] == "The filtered regions together"
    assert any("filtered regions together" in markdown.value for markdown in at.markdown)


def test_spanish() -> None:
    set_language("es")
    at = open_app(PAGE, lang="es")
    assert at.title[0].value == "¿Qué cambió, y pueden decirlo las fuentes?"
    assert any("A nivel nacional" in markdown.value for markdown in at.markdown)


def test_the_periods_survive_a_visit_to_another_page() -> None:
    at = open_app(PAGE, a="2009-2010", b="2013")
    at.switch_page("app_pages/map.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.session_state[keys.CHANGE_A] == (2009, 2010) and at.session_state[keys.CHANGE_B] == (2013, 2013)


def test_an_upload_shows_a_plain_difference() -> None:
    at = open_app("app_pages/data.py")
    rows = "".join(
        f"{region},{year},{cases}\n" for region, cases in (("Cusco", 5), ("Lima", 12)) for year in (2010, 2013)
    )
    at.file_uploader[0].set_value(("four.csv", f"region,year,cases\n{rows}".encode(), "text/csv")).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    text = " ".join(markdown.value for markdown in at.markdown).replace("\\", "")
    assert "no ranges" in text and "plain difference" in text
    table = region_table(at)
    assert set(table["verdict"]) <= {"Plain difference, no range", "No data"}


def test_the_change_map_export_names_both_periods() -> None:
    at = open_app(PAGE, a="2012", b="2013")
    at.button(key=keys.EXPORT_PREPARE).click().run()
    assert not at.exception
    files = at.session_state[keys.EXPORTS]["files"]
    assert b"2012" in files["html"] and b"2013" in files["html"] and files["png"].startswith(b"\x89PNG")


def test_the_table_shows_the_verdict_beside_the_change_and_the_model_range_first() -> None:
    at = open_app(PAGE)
    table = next(frame for frame in at.dataframe if "region" in frame.value.columns)
    order = list(table.proto.column_order)
    assert order[:8] == [
        "region",
        "a_per_year",
        "b_per_year",
        "change",
        "verdict",
        "sources_support",
        "change_low",
        "change_high",
    ]


def test_identical_periods_stay_in_the_address() -> None:
    at = open_app(PAGE, a="2012", b="2012")
    assert any("same" in info.value for info in at.info)
    assert at.query_params["a"] == "2012" and at.query_params["b"] == "2012"


def test_going_back_from_an_upload_on_the_change_page_restores_the_default_view() -> None:
    at = open_app("app_pages/data.py")
    rows = "".join(f"Cusco,{year},{cases}\n" for year, cases in ((2012, 5), (2013, 7)))
    at.file_uploader[0].set_value(("two.csv", f"region,year,cases\n{rows}".encode(), "text/csv")).run()
    at.switch_page(PAGE).run()
    assert at.query_params["data"] == "upload"
    at.button(key=keys.UPLOAD_BACK).click().run()
    assert not at.exception
    assert at.session_state[keys.CHANGE_A] == (2007, 2010) and at.session_state[keys.CHANGE_B] == (2011, 2014)
    assert "data" not in at.query_params and "a" not in at.query_params
    assert not any("same" in info.value for info in at.info)


def test_a_filter_no_region_passes_says_so() -> None:
    at = open_app(PAGE, regions="lima", hubs="mining")
    assert any("No region matches" in info.value or "no region" in info.value.lower() for info in at.info)
    assert not any("no data in one of the periods" in markdown.value for markdown in at.markdown)


def test_years_without_population_are_named_with_rates() -> None:
    at = open_app("app_pages/data.py")
    rows = "".join(f"Cusco,{year},{cases}\n" for year, cases in ((2013, 5), (2014, 7), (2015, 9), (2016, 4)))
    at.file_uploader[0].set_value(("later.csv", f"region,year,cases\n{rows}".encode(), "text/csv")).run()
    at.radio(key=keys.METRIC).set_value(Metric.RATE).run()
    for key, value in (("a", "2013-2014"), ("b", "2015-2016")):
        at.query_params[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception
    assert any("2015, 2016" in info.value for info in at.info)
