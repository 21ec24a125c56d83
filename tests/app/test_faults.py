"""A broken data folder stops every page with a message naming the file and the problem."""

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
DATA = Path(APP).parent / "data"


def truncate(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8")[:3000], encoding="utf-8")


def replace_text(old: str, new: str):
    def edit(path: Path) -> None:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")

    return edit


FAULTS = {
    "missing cases": ("cases.csv", Path.unlink, "cases.csv: file not found"),
    "empty regions": ("regions.csv", lambda p: p.write_text("", encoding="utf-8"), "regions.csv: not a readable CSV"),
    "truncated geometry": ("geo/peru_regions.geojson", truncate, "peru_regions.geojson: not readable GeoJSON"),
    "unknown region": ("cases.csv", replace_text("01,2007,1,", "99,2007,1,"), "region 99 is not in regions.csv"),
    "zero population": (
        "population.csv",
        replace_text("01,2006,374045,", "01,2006,0,"),
        "population.csv line 2, column population: value '0' must be at least 1",
    ),
    "office in unknown region": (
        "offices.csv",
        replace_text("plan-lima,plan-2014,Lima,15", "plan-lima,plan-2014,Lima,42"),
        "region 42",
    ),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("page", ["app_pages/map.py", "app_pages/coverage.py"])
def test_fault_stops_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str, page: str
) -> None:
    name, breaker, expected = FAULTS[fault]
    shutil.copytree(DATA, tmp_path / "data")
    breaker(tmp_path / "data" / name)
    monkeypatch.setenv("TRATA_DATA_DIR", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception
    assert "a data file is broken" in at.error[0].value
    assert expected in at.code[0].value
    assert len(at.metric) == 0  # no partial, wrong figures
