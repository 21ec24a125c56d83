"""AppTest: the map page with every filter, deep links, empty result and reset."""

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.filters import Hubs, Metric, Scheme
from lib.shell import keys
from tests.app.helpers import APP, metric, open_app

CASES = pd.read_csv(Path(APP).parent / "data" / "cases.csv", dtype={"region_id": str})


def expected_total(years: tuple[int, int], region_ids: list[str] | None = None) -> int:
    rows = CASES[CASES["year"].between(*years)]
    if region_ids is not None:
        rows = rows[rows["region_id"].isin(region_ids)]
    return int(rows["cases"].sum())


def test_default_view() -> None:
    at = open_app()
    assert at.title[0].value == "Peru trafficking case map"
    assert metric(at, "Cases") == f"{expected_total((2007, 2014)):,}"
    assert metric(at, "Regions shown") == "25"
    assert metric(at, "Share of national total") == "100.0%"
    assert len(at.dataframe) == 1 and len(at.dataframe[0].value) == 25 * 8
    assert dict(at.query_params) == {}


def test_long_lived_objects_are_frozen_out_of_the_per_run_collection() -> None:
    """Streamlit collects garbage after every run; the libraries and data must not be
    walked each time (see lib.shell.loaders._settle_heap)."""
    import gc

    open_app()
    assert gc.get_freeze_count() > 100_000


def test_deep_link_mining_2010_2012() -> None:
    at = open_app(years="2010-2012", hubs="mining")
    assert metric(at, "Cases") == f"{expected_total((2010, 2012), ['16', '17']):,}"
    assert metric(at, "Regions shown") == "2"
    assert at.session_state[keys.YEARS] == (2010, 2012)
    assert len(at.dataframe[0].value) == 6


def test_deep_link_regions_rate_and_selection() -> None:
    at = open_app(regions="cusco,madre-de-dios", metric="rate", region="cusco", scheme="equal-interval", k="3")
    assert metric(at, "Regions shown") == "2"
    assert at.session_state[keys.METRIC].value == "rate"
    assert any(header.value == "Cusco" for header in at.subheader)  # detail panel open
    assert at.query_params["region"] == "cusco"


def test_junk_parameters_warn_and_fall_back() -> None:
    at = open_app(years="1900", metric="bogus", regions="cusco,atlantis")
    warnings = " ".join(w.value for w in at.warning).replace("\\", "")  # shown escaped as markdown
    assert "years='1900'" in warnings and "metric='bogus'" in warnings and "atlantis" in warnings
    assert metric(at, "Regions shown") == "1"
    assert dict(at.query_params) == {"regions": "cusco"}


def test_every_filter_changes_the_view_and_the_url() -> None:
    at = open_app()
    at.slider(key=keys.YEARS).set_value((2011, 2013)).run()
    assert metric(at, "Cases") == f"{expected_total((2011, 2013)):,}"
    at.multiselect(key=keys.REGIONS).set_value(["08", "21"]).run()
    assert metric(at, "Regions shown") == "2"
    at.selectbox(key=keys.HUBS).set_value(Hubs.TOURISM).run()
    assert metric(at, "Regions shown") == "1"  # only Cusco is a tourism hub among the two
    at.radio(key=keys.METRIC).set_value(Metric.RATE).run()
    at.selectbox(key=keys.SCHEME).set_value(Scheme.NATURAL_BREAKS).run()
    at.select_slider(key=keys.CLASSES).set_value(3).run()
    assert not at.exception
    assert dict(at.query_params) == {
        "years": "2011-2013",
        "regions": "cusco,puno",
        "hubs": "tourism",
        "metric": "rate",
        "scheme": "natural-breaks",
        "k": "3",
    }


def test_wide_hub_classification() -> None:
    at = open_app(hubs="mining", hubset="wide")
    assert metric(at, "Regions shown") == "6"


def test_empty_result_is_a_friendly_state() -> None:
    at = open_app(regions="cusco", hubs="mining")
    assert metric(at, "Regions shown") == "0"
    assert any("No region matches these filters" in info.value for info in at.info)
    assert len(at.dataframe) == 0


def test_year_without_data_says_so() -> None:
    at = open_app(years="2006")
    assert metric(at, "Cases") == "no data"
    assert any("No data for 2006" in info.value for info in at.info)


def test_reset_restores_defaults() -> None:
    at = open_app(years="2010-2012", hubs="mining", metric="rate")
    at.button(key=keys.RESET).click().run()
    assert at.session_state[keys.YEARS] == (2007, 2014)
    assert metric(at, "Regions shown") == "25"
    assert dict(at.query_params) == {}


@pytest.mark.parametrize("region", ["cusco", "lima"])
def test_detail_panel_clear(region: str) -> None:
    at = open_app(region=region)
    at.button(key=keys.DETAIL_CLEAR).click().run()
    assert "region" not in at.query_params


def test_broken_data_folder_shows_an_error_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    shutil.copytree(Path(APP).parent / "data", tmp_path / "data")
    (tmp_path / "data" / "cases.csv").write_text("region_id,year\n", encoding="utf-8")
    monkeypatch.setenv("TRATA_DATA_DIR", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "a data file is broken" in at.error[0].value
    assert "cases.csv: missing column(s) cases" in at.code[0].value


def test_first_visit_draws_the_lower_part_after_the_map() -> None:
    """Before the browser reports the map drawn, the page holds filters, figures, legend and
    map, and says the rest is coming; once it has, the table and downloads are there."""
    at = open_app(map_drawn=False)
    assert len(at.metric) == 4
    assert not at.dataframe
    assert not any(button.key == keys.DOWNLOAD_CSV for button in at.get("download_button"))
    assert any("once the map has drawn" in caption.value for caption in at.caption)
    at.session_state[keys.MAP_DRAWN] = True
    at.run()
    assert len(at.dataframe) == 1
    assert not any("once the map has drawn" in caption.value for caption in at.caption)
