"""The committed wish list (data/wishlist.csv, built by make data) is what the method gives:
its leading entries recomputed here (the whole list takes about 70 s, so only the heads)."""

from __future__ import annotations

import numpy as np
import pytest

from lib.model import YEARS, Level
from lib.settle import candidate_ranges, candidates, region_question
from lib.views.change.periods import default_periods
from lib.views.change.wishlist import _settled, _shrunk, open_changes
from lib.years import YearSpan


def chosen(bundled, rows):
    every = candidates(bundled.solver.model)
    ranges = candidate_ranges(bundled.solver, Level.MODEL)
    index = {(c.kind.value, c.region_id, c.first_year, c.last_year): i for i, c in enumerate(every)}
    positions = [index[(row.kind, row.region_id, int(row.first_year), int(row.last_year))] for row in rows.itertuples()]
    program = bundled.solver.programs[Level.MODEL]
    return np.array([program.vector(every[i].terms) for i in positions]), ranges[positions]


def test_the_first_entries_of_both_lists_recompute(bundled) -> None:
    wishlist = bundled.wishlist
    assert list(wishlist["list"].value_counts().sort_index()) == [10, 10]
    heads = wishlist[wishlist["list"] == "verdicts"].head(3)
    vectors, ranges = chosen(bundled, heads)
    settled = _settled(bundled.solver, vectors, ranges, open_changes(bundled, default_periods(bundled.year_range)))
    assert list(settled) == [int(value) for value in heads["verdicts_settled"]]
    first = wishlist[wishlist["list"] == "widths"].head(1)
    vectors, _ = chosen(bundled, first)
    cells = [q for r in bundled.solver.model.regions for y in YEARS if (q := region_question(r, YearSpan.single(y)))]
    assert _shrunk(bundled.solver, vectors, cells)[0] == pytest.approx(float(first["width_shrunk"].iloc[0]), abs=1e-3)
    assert wishlist["request_es"].str.startswith("Solicito el número de denuncias por trata de personas").all()
