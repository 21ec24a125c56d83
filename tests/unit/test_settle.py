"""What holds a range and what would settle it: on a model small enough to solve by hand,
and against brute force on the real model.

The hand model: regions a and b; a national 2012 total of 10 (held); a's 2012 share of it
between 40 % and 60 % (a12 in 4..6, bent); each region's total over all its years (a 20,
b 10), which keeps every unknown bounded. So b12 = 10 - a12 lies in 4..6, and b's other
years add up to 10 - b12.
"""

from __future__ import annotations

import numpy as np
import pytest

from lib.held import held_ends
from lib.lp import Model
from lib.model import PARTS, Figure, Level, Treatment
from lib.model import Model as CitedModel
from lib.ranges import terms_for
from lib.settle import Kind, Question, candidates, ranking, sum_question
from lib.solver import RangeSolver

NATIONAL_2012 = Figure(
    "national-2012", "National, 2012", 10, "cases", Treatment.HELD, 10, 10, (("a", "2012"), ("b", "2012"))
)
A_SHARE = Figure("a-share-2012", "Region a, 2012: share of 10", 50, "%", Treatment.BENT, 4, 6, (("a", "2012"),))
A_ALL = Figure("a-all", "Region a, 2007 – 2014", 20, "cases", Treatment.HELD, 20, 20, tuple(("a", p) for p in PARTS))
B_ALL = Figure("b-all", "Region b, 2007 – 2014", 10, "cases", Treatment.HELD, 10, 10, tuple(("b", p) for p in PARTS))
# Window shares only let the model level be built (its assumptions cannot all hold with such
# small totals); the hand results are the sources level's.
HAND = RangeSolver.of_model(
    CitedModel(("a", "b"), (NATIONAL_2012, A_SHARE, A_ALL, B_ALL), window_share={"a": 2 / 3, "b": 1 / 3})
)
B_2012 = sum_question("b-2012", terms_for(["b"], [2012]))
# The change from 2012 to 2013 in b: b13 - b12, in -6..2.
B_CHANGE = Question("b-2012-2013", ((("b", "2013"), 1.0), (("b", "2012"), -1.0)), change=True)


def row(table, kind: Kind, region: str, year: int, level: Level = Level.SOURCES):
    chosen = table[
        (table["kind"] == kind.value)
        & (table["region_id"] == region)
        & (table["first_year"] == year)
        & (table["level"] == level.value)
    ]
    assert len(chosen) == 1
    return chosen.iloc[0]


def test_each_end_is_held_by_the_total_and_one_side_of_the_share() -> None:
    program = HAND.programs[Level.SOURCES]
    low, high = held_ends(program, B_2012.objective(program))
    assert (low.value, high.value) == pytest.approx((4, 6))
    assert {(hold.row.key, hold.row.side) for hold in low.holds} == {
        ("national-2012", "equal"),
        ("a-share-2012", "high"),
    }
    assert {(hold.row.key, hold.row.side) for hold in high.holds} == {
        ("national-2012", "equal"),
        ("a-share-2012", "low"),
    }
    # One more case in the national total moves either end by one case.
    assert all(hold.weight == pytest.approx(1) for hold in (*low.holds, *high.holds))


def test_guaranteed_and_best_widths_equal_the_hand_results() -> None:
    table = ranking(HAND, B_2012, [Level.SOURCES])
    assert set(table["question"]) == {"b-2012"} and (table["now_low"] == 4).all() and (table["now_high"] == 6).all()
    # a's or b's own 2012 count settles b12 whatever it is.
    for region in ("a", "b"):
        found = row(table, Kind.REGION_YEAR, region, 2012)
        assert (found["guaranteed_width"], found["best_width"]) == pytest.approx((0, 0), abs=1e-6)
    # b13 = v leaves b12 in 4..min(6, 10 - v): width 2 up to v = 4, 0 at v = 6.
    b13 = row(table, Kind.REGION_YEAR, "b", 2013)
    assert (b13["candidate_low"], b13["candidate_high"]) == pytest.approx((0, 6))
    assert (b13["guaranteed_width"], b13["best_width"]) == pytest.approx((2, 0), abs=1e-6)
    # The 2013 national total (0..20) leaves a12 free whatever it is.
    national = row(table, Kind.NATIONAL_YEAR, "", 2013)
    assert (national["guaranteed_width"], national["best_width"]) == pytest.approx((2, 2), abs=1e-6)
    # The 2012 national total is held: pinned, so not a candidate; nor are the held totals.
    assert row_count(table, Kind.NATIONAL_YEAR, 2012) == 0 and (table["kind"] != Kind.REGION_SPAN.value).all()
    assert table["open_low"].isna().all() and table["open_high"].isna().all()


def row_count(table, kind: Kind, year: int) -> int:
    return int(((table["kind"] == kind.value) & (table["first_year"] == year)).sum())


def test_the_direction_stays_open_only_where_the_hand_says() -> None:
    table = ranking(HAND, B_CHANGE, [Level.SOURCES])
    b13 = row(table, Kind.REGION_YEAR, "b", 2013)
    assert (b13["now_low"], b13["now_high"]) == pytest.approx((-6, 2))
    # b13 - b12 with b12 in 4..min(6, 10 - b13): open for b13 in 4..5; under 4 it fell.
    assert (b13["open_low"], b13["open_high"]) == pytest.approx((4, 5), abs=1e-6)
    assert (b13["guaranteed_width"], b13["best_width"]) == pytest.approx((2, 0), abs=1e-6)


def test_the_candidates_are_the_granularity_sources_publish(bundled) -> None:
    solver = bundled.solver
    found = candidates(solver.model)
    kinds = {candidate.kind for candidate in found}
    assert kinds == set(Kind)
    assert sum(candidate.kind is Kind.REGION_YEAR for candidate in found) == 25 * 8
    assert sum(candidate.kind is Kind.NATIONAL_YEAR for candidate in found) == 8
    spans = {(c.first_year, c.last_year) for c in found if c.kind is Kind.REGION_SPAN}
    assert spans == {(2009, 2014), (2011, 2012), (2012, 2014)}


def width_with(program, question: np.ndarray, candidate: np.ndarray, value: float) -> float:
    fixed = Model(program, candidate[None, :])
    fixed.bound(0, value, value)
    low, high = fixed.range(question)
    return high - low


@pytest.mark.parametrize("level", [Level.MODEL, Level.SOURCES])
def test_guaranteed_and_best_widths_agree_with_brute_force_on_the_real_model(bundled, level) -> None:
    """Fix each sampled candidate on a fine grid across its range and re-solve: the widest
    width found never exceeds the guaranteed width and comes within 1 % of it; the
    narrowest equals the best width."""
    solver = bundled.solver
    question = sum_question("lima-2011", terms_for(["15"], [2011]))
    table = ranking(solver, question)
    program = solver.programs[level]
    objective = question.objective(program)
    mine = table[table["level"] == level.value]
    sample = mine.iloc[[1, 2, 5, 20, 60, len(mine) // 2, len(mine) - 1]]
    every = {(c.kind.value, c.region_id, c.first_year, c.last_year): c for c in candidates(solver.model)}
    for _, found in sample.iterrows():
        candidate = every[(found["kind"], found["region_id"], found["first_year"], found["last_year"])]
        vector = program.vector(candidate.terms)
        grid = np.linspace(found["candidate_low"], found["candidate_high"], 201)
        widths = [width_with(program, objective, vector, value) for value in grid]
        slack = 1e-5 * max(1.0, found["guaranteed_width"])
        assert max(widths) <= found["guaranteed_width"] + slack
        assert max(widths) >= 0.99 * found["guaranteed_width"] - slack
        assert min(widths) == pytest.approx(found["best_width"], abs=1e-5 * max(1.0, found["best_width"]))


def test_the_download_has_exactly_the_columns_asked_for(bundled) -> None:
    import io

    import pandas as pd

    from lib.safe import csv_bytes
    from lib.settle import SETTLE_COLUMNS

    table = ranking(bundled.solver, sum_question("lima-2011", terms_for(["15"], [2011])))
    csv = pd.read_csv(io.BytesIO(csv_bytes(table[SETTLE_COLUMNS])), encoding="utf-8-sig", dtype={"region_id": str})
    asked = "question level kind region_id first_year last_year candidate_low candidate_high now_low now_high"
    assert list(csv.columns) == [*asked.split(), "guaranteed_width", "best_width", "open_low", "open_high"]
    assert set(csv["kind"]) == {kind.value for kind in Kind} - {Kind.REGION_WINDOW.value}  # every window is held
    assert csv.loc[csv["kind"] == "national-year", "region_id"].isna().all()
    assert (csv["guaranteed_width"] <= csv["now_high"] - csv["now_low"] + 1e-6).all()
    assert (csv["best_width"] <= csv["guaranteed_width"] + 1e-6).all()


def test_a_change_question_has_the_change_tables_range(bundled) -> None:
    from lib.filters import Filters
    from lib.views.change.figures import change_table
    from lib.views.change.periods import Periods
    from lib.views.change.questions import change_question

    filters, periods = Filters(years=(2007, 2014)), Periods((2007, 2010), (2011, 2014))
    table = change_table(bundled, filters, periods).loc[0]
    for subject in ("15", "16", "all", "mining"):
        question = change_question(bundled, filters, periods, subject)
        assert question is not None and question.change
        for level, (low, high) in (
            (Level.MODEL, ("change_low", "change_high")),
            (Level.SOURCES, ("sources_change_low", "sources_change_high")),
        ):
            program = bundled.solver.programs[level]
            found = Model(program).range(question.objective(program))
            assert found == pytest.approx((table.loc[subject, low], table.loc[subject, high]), abs=1e-6)


def test_the_assumptions_hold_a_model_only_rise_exactly_as_far_as_said(bundled) -> None:
    """Cusco's and San Martín's rises (2007–2010 against 2011–2014) rest on the assumptions:
    rebuilt from scratch with each parameter at the reported limit the rise holds, and a
    little beyond it (0.5 %) it does not; "however far" holds with the assumption dropped."""
    from dataclasses import replace

    from lib.filters import Filters
    from lib.ranges import program
    from lib.views.change.figures import change_table
    from lib.views.change.periods import Periods
    from lib.views.change.questions import change_question

    filters, periods = Filters(years=(2007, 2014)), Periods((2007, 2010), (2011, 2014))
    table = change_table(bundled, filters, periods, strength=True).loc[0]
    limited = table[table["holds_to_share_factor"].notna()]
    assert set(limited.index) == {"08", "22"} and (limited["verdict"] == "rose").all()
    model = bundled.solver.model

    def lowest_change(subject: str, **loosened: float) -> float:
        rebuilt = program(replace(model, assumptions=replace(model.assumptions, **loosened)), Level.MODEL)
        question = change_question(bundled, filters, periods, subject)
        return Model(rebuilt).minimum(question.objective(rebuilt)).value

    for subject, row in limited.iterrows():
        for parameter, column in (
            ("share_factor", "holds_to_share_factor"),
            ("yearly_change", "holds_to_yearly_change"),
        ):
            limit = row[column]
            if np.isinf(limit):
                assert lowest_change(subject, **{parameter: 1e6}) > 0
            else:
                assert lowest_change(subject, **{parameter: limit}) > 0
                assert lowest_change(subject, **{parameter: limit * 1.005}) <= 1e-6
