"""An analyst's own figures: reading the file (every problem at once, physical lines), the
file handed back reading to the same figures, and joining them to the sources: never a wider
range, the estimate unchanged by a figure it already satisfies, an impossible figure refused
naming a set of figures that truly clash."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.data import AddedFigures, Dataset
from lib.lp import Model
from lib.model import Level
from lib.own_figures import FigureKind, figures_file, read_figures_upload
from lib.ranges import program
from lib.with_figures import Clash, with_figures

HEADER = "kind,region,first_year,last_year,value,low,high,source,note\n"
RANGES = ["cases_low", "cases_high", "sources_low", "sources_high"]


def read(text: str, bundled: Dataset):
    return read_figures_upload(text.encode("utf-8"), bundled.regions)


def test_a_good_file_in_spanish_with_a_range_and_an_open_end(bundled) -> None:
    text = (
        "tipo;región;primer_año;último_año;valor;mínimo;máximo;fuente;nota\n"
        "region-year;Cuzco;2011;2011;30;;;Informe regional 2012, p. 4;\n"
        "\n"
        "national-year;;2010;2010;;200;;https://example.org/mp;more than 200\n"
        "share;lima;2013;2013;;20;30;https://example.org/share;rounded\n"
        "region-span;16;2011;2013;;60;90;Oficio 123-2015;\n"
    )
    result = read(text, bundled)
    assert result.result.problems == []
    kinds = [(f.kind, f.region_id, f.first_year, f.last_year, f.low, f.high, f.line) for f in result.figures]
    assert kinds == [
        (FigureKind.REGION_YEAR, "08", 2011, 2011, 30, 30, 2),
        (FigureKind.NATIONAL_YEAR, "", 2010, 2010, 200, None, 4),
        (FigureKind.SHARE, "15", 2013, 2013, 20, 30, 5),
        (FigureKind.REGION_SPAN, "16", 2011, 2013, 60, 90, 6),
    ]


def test_every_problem_at_once_with_its_physical_line_and_nothing_used(bundled) -> None:
    text = HEADER + (
        "region-month,Lima,2011,2011,5,,,src,\n"  # 2: unknown kind
        "region-year,Atlantis,2011,2011,5,,,src,\n"  # 3: unknown region
        "region-year,Lima,2016,2016,5,,,src,\n"  # 4: outside the model's years
        "share,Lima,2012,2012,120,,,src,\n"  # 5: a share over 100 %
        "region-span,Lima,2013,2011,,9,3,src,\n"  # 6: years backwards, low above high
        "national-year,Lima,2012,2012,457,,,src,\n"  # 7: a region for a national figure
        "region-year,Cusco,2012,2012,5,,,,\n"  # 8: no source
        "region-year,Cusco,2013,2013,5,1,,src,\n"  # 9: a value and a range
        "region-year,Puno,2012,2012,5,,,src,\n"
        "region-year,puno,2012,2012,6,,,src,\n"  # 11: repeats line 10
    )
    result = read(text, bundled)
    assert result.figures == () and result.result.table is None
    found = {(problem.line, problem.column) for problem in result.result.problems}
    assert {(2, "kind"), (3, "region"), (4, "first_year"), (5, "value"), (6, "first_year"), (6, "low")} <= found
    assert {(7, "region"), (8, "source"), (9, "value"), (11, None)} <= found


def test_the_file_handed_back_reads_to_the_same_figures(bundled) -> None:
    text = HEADER + "region-year,Cuzco,2011,2011,30,,,src one,a note\nnational-year,,2010,2010,,200,,src two,\n"
    first = read(text, bundled).figures
    again = read(figures_file(first, bundled.regions).decode("utf-8"), bundled).figures
    assert [replace(figure, line=0) for figure in again] == [replace(figure, line=0) for figure in first]


def cells(dataset: Dataset):
    return dataset.cases[dataset.cases["year"] >= 2007].set_index(["region_id", "year"])


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(region=st.sampled_from(["01", "08", "15", "16", "21"]), year=st.integers(2007, 2014), where=st.floats(0, 1))
def test_a_figure_inside_its_range_never_widens_a_range_and_every_range_holds_its_value(
    bundled, region: str, year: int, where: float
) -> None:
    before = cells(bundled).loc[(region, year)]
    value = round(before["cases_low"] + where * (before["cases_high"] - before["cases_low"]))
    figure = read(HEADER + f"region-year,{region},{year},{year},{value},,,src,\n", bundled).figures
    joined = with_figures(bundled, figure, "one.csv")
    assert not isinstance(joined, Clash)
    after = cells(joined)
    old = cells(bundled)
    assert (after["cases_high"] - after["cases_low"] <= old["cases_high"] - old["cases_low"]).all()
    assert (after["sources_high"] - after["sources_low"] <= old["sources_high"] - old["sources_low"]).all()
    assert ((after["cases_low"] <= after["cases"]) & (after["cases"] <= after["cases_high"])).all()
    assert ((after["sources_low"] <= after["cases"]) & (after["cases"] <= after["sources_high"])).all()
    assert after.loc[(region, year), "cases"] == value
    spans = joined.ranges.merge(bundled.ranges, on=["region_id", "first_year", "last_year"], suffixes=("", "_old"))
    for low, high in (("cases_low", "cases_high"), ("sources_low", "sources_high")):
        assert (spans[high] - spans[low] <= spans[f"{high}_old"] - spans[f"{low}_old"]).all()


def test_a_figure_equal_to_the_estimate_leaves_the_estimate_as_it_is(bundled) -> None:
    lima = bundled.cases[(bundled.cases["region_id"] == "15") & bundled.cases["year"].between(2011, 2014)]
    total = int(lima["cases"].sum())
    figure = read(HEADER + f"region-span,Lima,2011,2014,{total},,,src,\n", bundled).figures
    joined = with_figures(bundled, figure, "estimate.csv")
    assert not isinstance(joined, Clash)
    assert joined.cases["cases"].equals(bundled.cases["cases"])
    assert joined.fingerprint is None and joined.added is not None  # never shared across sessions
    lima_after = cells(joined).loc["15"].loc[2011:2014]
    assert (lima_after["cases_high"] - lima_after["cases_low"]).sum() <= (lima["cases_high"] - lima["cases_low"]).sum()


@pytest.mark.parametrize(
    "row",
    [
        "region-year,Lima,2012,2012,400,,,src,",  # more than 2012's national total leaves room for
        "national-year,,2012,2012,300,,,src,",  # the cited national 2012 total is 457
        "share,Loreto,2012,2012,90,,,src,",  # the cited shares of 2012 leave no 90 % for Loreto
    ],
)
def test_an_impossible_figure_is_refused_naming_a_set_that_truly_clashes(bundled, row: str) -> None:
    figures = read(HEADER + row + "\n", bundled).figures
    found = with_figures(bundled, figures, "bad.csv")
    assert isinstance(found, Clash) and "added-2" in found.keys
    joined = replace(bundled, origin=AddedFigures(bundled.origin, "bad.csv", tuple(figures)))
    model = joined.solver.model
    named = replace(model, figures=tuple(figure for figure in model.figures if figure.key in found.keys))
    # The named figures alone cannot hold together; without any one of them they can.
    assert not Model(program(named, found.level)).feasible()
    for key in found.keys:
        assert Model(program(named, found.level, skip=frozenset({key}))).feasible(), key
    if found.level is Level.SOURCES:
        assert not found.assumptions


def test_every_download_says_the_figures_were_added(bundled) -> None:
    import io
    import json

    import pandas as pd

    from lib.export import data_note
    from lib.filters import Filters
    from lib.views.change.figures import change_figures
    from lib.views.change.periods import Periods
    from lib.views.map.figures import map_figures

    figure = read(HEADER + "region-year,Cusco,2011,2011,30,,,https://example.org/report,\n", bundled).figures
    joined = with_figures(bundled, figure, "mine.csv")
    assert not isinstance(joined, Clash)
    note = data_note(joined)
    assert "1 figures the analyst added (mine.csv: https://example.org/report)" in note
    view = map_figures(joined, Filters(years=(2011, 2011)))
    assert {feature["properties"]["data"] for feature in json.loads(view.geojson)["features"]} == {note}
    change = change_figures(joined, Filters(years=(2007, 2014)), Periods((2007, 2010), (2011, 2014)))
    assert set(pd.read_csv(io.BytesIO(change.csv), encoding="utf-8-sig")["data"]) == {note}
