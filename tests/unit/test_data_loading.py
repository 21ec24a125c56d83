"""Loaders accept the bundled data and name file, line, column and fix for broken files."""

from pathlib import Path

import pytest

from lib.data import data_dir_from_env, load_dataset
from lib.files import DataError


def test_bundled_data_loads(bundled) -> None:
    assert len(bundled.regions) == 25
    assert len(bundled.cases) == 225 and len(bundled.population) == 225
    assert set(bundled.offices["scenario"]) == {"plan-2014", "actual-2015"}
    assert len(bundled.geometry) == 25


def test_regions_carry_identity_and_reference_hubs(bundled) -> None:
    regions = bundled.regions.set_index("slug")
    assert regions.loc["madre-de-dios", "region_id"] == "17"
    assert regions.loc["cusco", "iso_code"] == "PE-CUS"
    assert set(regions.index[regions["tourism_hub"]]) == {"lima", "cusco", "piura"}
    assert set(regions.index[regions["mining_hub"]]) == {"loreto", "madre-de-dios"}


def test_hub_flags_match_the_cited_hub_lists(bundled) -> None:
    import pandas as pd

    hubs = pd.read_csv(Path(__file__).parents[2] / "data" / "sources" / "hubs.csv", dtype={"region_id": str})
    regions = bundled.regions.set_index("region_id")
    for classification, hub, column in [
        ("reference", "tourism", "tourism_hub"),
        ("reference", "mining", "mining_hub"),
        ("wide-2014", "mining", "mining_hub_wide"),
    ]:
        cited = set(hubs.loc[(hubs["classification"] == classification) & (hubs["hub"] == hub), "region_id"])
        assert set(regions.index[regions[column]]) == cited, column


def test_offices_match_the_sources(bundled) -> None:
    offices = bundled.offices
    plan = offices[offices["scenario"] == "plan-2014"]
    actual = offices[offices["scenario"] == "actual-2015"]
    assert sorted(plan["city"]) == ["Iquitos", "Lima", "Piura", "Tacna"]
    assert sorted(actual["region_id"]) == ["07", "08", "15", "16", "17", "21", "23", "24"]
    tacna = plan.set_index("city").loc["Tacna"]
    assert tacna["coverage_basis"] == "assumed" and set(tacna["assumed_covers"].split(";")) == {"17", "08"}


def test_data_dir_from_environment(tmp_path: Path) -> None:
    assert data_dir_from_env({"TRATA_DATA_DIR": str(tmp_path)}) == tmp_path
    assert data_dir_from_env({}).name == "data"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data_dir: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    return str(caught.value)


def test_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "cases.csv").unlink()
    assert "cases.csv: file not found" in problems(data_copy)


def test_empty_file_is_named(data_copy: Path) -> None:
    (data_copy / "population.csv").write_text("", encoding="utf-8")
    assert "population.csv: not a readable CSV" in problems(data_copy)


def test_missing_column_is_named(data_copy: Path) -> None:
    edit(data_copy / "cases.csv", "region_id,year,cases,basis,source", "region_id,year,count,basis,source")
    assert "cases.csv: missing column(s) cases" in problems(data_copy)


def test_bad_cell_names_line_column_and_fix(data_copy: Path) -> None:
    edit(data_copy / "cases.csv", "01,2007,1,estimated", "01,2007,1.5,estimated")
    message = problems(data_copy)
    assert "cases.csv line 3, column cases: value '1.5' must be a whole number" in message


def test_negative_cases_refused(data_copy: Path) -> None:
    edit(data_copy / "cases.csv", "01,2007,1,estimated", "01,2007,-1,estimated")
    assert "cases.csv line 3, column cases" in problems(data_copy)


def test_unknown_region_in_cases(data_copy: Path) -> None:
    edit(data_copy / "cases.csv", "01,2007,1,estimated", "99,2007,1,estimated")
    assert "region 99 is not in regions.csv" in problems(data_copy)


def test_duplicate_region_year(data_copy: Path) -> None:
    edit(data_copy / "cases.csv", "01,2008,", "01,2007,")
    assert "region_id=01, year=2007 appears more than once" in problems(data_copy)


def test_missing_basis_needs_empty_cases(data_copy: Path) -> None:
    edit(data_copy / "cases.csv", "01,2007,1,estimated", "01,2007,1,missing")
    assert "has a count but basis says missing" in problems(data_copy)


def test_zero_population_refused(data_copy: Path) -> None:
    text = (data_copy / "population.csv").read_text(encoding="utf-8").splitlines()
    fields = text[1].split(",")
    text[1] = ",".join([fields[0], fields[1], "0", *fields[3:]])
    (data_copy / "population.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    assert "population.csv line 2, column population: value '0' must be at least 1" in problems(data_copy)


def test_office_covering_unknown_region(data_copy: Path) -> None:
    edit(data_copy / "offices.csv", ",23;17;08,17;08,", ",23;17;98,17,")
    assert "offices.csv line 5, column covers: region 98 is not in regions.csv" in problems(data_copy)


def test_geometry_without_a_region(data_copy: Path) -> None:
    edit(data_copy / "regions.csv", "25,PE-UCA,Ucayali,ucayali", "26,PE-UCA,Ucayali,ucayali")
    message = problems(data_copy)
    assert "region 25 is not in regions.csv" in message or "region_id '25', which is not in regions.csv" in message


def test_truncated_geometry(data_copy: Path) -> None:
    path = data_copy / "geo" / "peru_regions.geojson"
    path.write_text(path.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    assert "peru_regions.geojson: not readable GeoJSON" in problems(data_copy)


def test_non_utf8_file(data_copy: Path) -> None:
    path = data_copy / "regions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    assert "regions.csv line 3: not UTF-8 text" in problems(data_copy)
