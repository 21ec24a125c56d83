"""A data folder's ranges must belong to its cases; its geometry must be what a map can draw;
counts in any text come from the data. Bad input round three."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from lib.aggregate import headline, region_summary
from lib.data import load_dataset
from lib.files import DataError
from lib.filters import Filters
from lib.solver import RangeSolver
from lib.years import YearSpan


def rewrite(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(table)
    table.to_csv(path, index=False)


def test_a_range_that_contradicts_the_cases_refuses_the_folder(data_copy: Path) -> None:
    def national(table: pd.DataFrame) -> None:
        rows = (table["region_id"] == "all") & (table["first_year"] == "2007") & (table["last_year"] == "2014")
        table.loc[rows, ["cases_low", "cases_high", "sources_low", "sources_high"]] = ["100", "200", "100", "200"]

    rewrite(data_copy / "ranges.csv", national)
    with pytest.raises(DataError, match=r"ranges\.csv.*region all, 2007–2014: cases\.csv sums to 2,311, outside"):
        load_dataset(data_copy)


def test_cases_that_left_their_ranges_refuse_the_folder(data_copy: Path) -> None:
    def more_in_lima(table: pd.DataFrame) -> None:
        row = (table["region_id"] == "15") & (table["year"] == "2010")
        table.loc[row, "cases"] = str(int(table.loc[row, "cases"].iloc[0]) + 1)
        table.loc[row, ["cases_low", "cases_high", "sources_low", "sources_high"]] = ""

    rewrite(data_copy / "cases.csv", more_in_lima)
    with pytest.raises(
        DataError,
        match=r"ranges\.csv line 21: region all, 2009–2013: cases\.csv sums to 1,741, outside the model range "
        r"1,740–1,740",
    ):
        load_dataset(data_copy)


def test_ranges_for_other_regions_refuse_the_folder(data_copy: Path) -> None:
    rewrite(data_copy / "ranges.csv", lambda table: table.drop(table.index[table["region_id"] == "08"], inplace=True))
    with pytest.raises(DataError, match=r"ranges\.csv.*no rows for 08"):
        load_dataset(data_copy)


def test_years_the_ranges_do_not_cover_get_no_range(data_copy: Path) -> None:
    """Cases up to 2020 beside ranges solved for 2007–2014: 2007–2020 has no range, not
    2007–2014's; 2007–2014 keeps its own."""

    cases = pd.read_csv(data_copy / "cases.csv", dtype=str, keep_default_na=False)
    later = [
        cases[cases["year"] == "2014"].assign(
            year=str(year),
            cases="100",
            basis="reported",
            source="http://example.com",
            cases_low="",
            cases_high="",
            sources_low="",
            sources_high="",
        )
        for year in range(2015, 2021)
    ]
    pd.concat([cases, *later]).to_csv(data_copy / "cases.csv", index=False)
    dataset = load_dataset(data_copy)
    wide = Filters(years=(2007, 2020))
    summary = region_summary(dataset, wide)
    assert summary["cases_low"].isna().all()
    assert headline(dataset, wide, summary).ranges == {}
    narrow = Filters(years=(2007, 2014))
    assert headline(dataset, narrow, region_summary(dataset, narrow)).ranges["cases_low"] <= 2311
    assert not region_summary(dataset, narrow)["cases_low"].isna().any()


def test_a_range_that_leaves_out_its_value_is_never_shown(bundled) -> None:
    filters = Filters(years=(2007, 2014), regions=("cusco",))
    summary = region_summary(bundled, filters)
    # A solver whose answer for Cusco 2007-2014 belongs to other data: 1 to 2 cases.
    solver = bundled.solver
    assert solver is not None
    answer = {"cases_low": 1, "cases_high": 2, "sources_low": 1, "sources_high": 2}
    other = RangeSolver(solver.model, solver.programs, {("group", ("08",), YearSpan(2007, 2014)): answer})
    dataset = replace(bundled)
    dataset.__dict__["solver"] = other  # the cached property's slot: the solver this dataset carries
    wrong = headline(dataset, filters, summary)
    assert wrong.ranges == {} and wrong.cases is not None


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        ({"type": "Point", "coordinates": [-72.0, -13.5]}, r"region 08.*Point.*polygon"),
        (None, r"region 08.*no shape|region 08.*empty"),
    ],
)
def test_geometry_a_map_cannot_draw_is_refused_at_start(data_copy: Path, geometry, message: str) -> None:
    path = data_copy / "geo" / "peru_regions.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        if feature["properties"]["region_id"] == "08":
            feature["geometry"] = geometry
    path.write_text(json.dumps(collection), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_dataset(data_copy)


def test_heights_in_coordinates_are_dropped(data_copy: Path) -> None:
    """``[lon, lat, height]``, as GIS tools write: drawn as 2-D, exports included."""
    from lib.map.publish import export_bytes
    from tests.support.exports import make_export

    path = data_copy / "geo" / "peru_regions.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))

    def lift(coordinates):  # type: ignore[no-untyped-def]
        if isinstance(coordinates[0], int | float):
            return [*coordinates, 3400.0]
        return [lift(part) for part in coordinates]

    for feature in collection["features"]:
        feature["geometry"]["coordinates"] = lift(feature["geometry"]["coordinates"])
    path.write_text(json.dumps(collection), encoding="utf-8")
    dataset = load_dataset(data_copy)
    assert not dataset.geometry.geometry.has_z.any()
    for file_format in ("png", "svg", "html"):
        assert export_bytes(make_export(dataset), file_format)


def test_two_regions_that_read_the_same_refuse_the_folder(data_copy: Path) -> None:
    def same_name(table: pd.DataFrame) -> None:
        table.loc[table["region_id"] == "21", "name"] = "CUSCO"

    rewrite(data_copy / "regions.csv", same_name)
    with pytest.raises(DataError, match=r"regions\.csv line \d+.*'CUSCO' reads the same as 'Cusco'"):
        load_dataset(data_copy)
