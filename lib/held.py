"""What holds a range where it is: the constraints whose dual values (row marginals) are not
zero at each end's optimum.

A dual value says how far the end would move if that constraint were loosened by one unit
(one case of a cited count, one unit of an assumption's bound): the larger, the more that
figure holds the end. A program can be degenerate, with more than one set of duals at the
same optimum; what is returned is **one** set of figures that holds the end, never the only
one (the page says so).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lib.lp import Model
from lib.ranges import NATIONAL_TOTAL, Program, Row, Source, Term

# Duals smaller than this are zero: HiGHS is exact to about 1e-7 here.
DUAL_TOLERANCE = 1e-7
NON_NEGATIVE = "non-negative"  # a count is never below zero: the bound of an unknown


@dataclass(frozen=True)
class Hold:
    """One constraint that holds an end: where it comes from and how far the end moves per
    unit it is loosened (in the question's unit)."""

    row: Row
    weight: float


@dataclass(frozen=True)
class HeldEnd:
    """One end of a range and the constraints that hold it, strongest first."""

    value: float
    holds: tuple[Hold, ...]


def _holds(program: Program, row_duals: np.ndarray, column_duals: np.ndarray) -> tuple[Hold, ...]:
    terms: dict[int, Term] = {column: term for term, column in program.index.items()}
    found = [
        Hold(row, abs(float(dual)))
        for row, dual in zip(program.rows, row_duals[: len(program.rows)], strict=True)
        # A national total's definition passes the others' weight on; it holds nothing itself.
        if abs(dual) > DUAL_TOLERANCE and row.key != NATIONAL_TOTAL
    ]
    found += [
        Hold(Row(Source.DEFINITION, NON_NEGATIVE, "low", terms[column]), abs(float(dual)))
        for column, dual in enumerate(column_duals[: program.size])
        if abs(dual) > DUAL_TOLERANCE and terms[column][0] != NATIONAL_TOTAL
    ]
    return tuple(sorted(found, key=lambda hold: (-hold.weight, hold.row.key, hold.row.about)))


def held_ends(program: Program, objective: np.ndarray, model: Model | None = None) -> tuple[HeldEnd, HeldEnd]:
    """The low and the high end of ``objective`` under ``program``, each with the
    constraints that hold it (``model``: an already built model of ``program`` to reuse)."""
    model = model or Model(program)
    low = model.minimum(objective)
    high = model.minimum(-objective)
    return (
        HeldEnd(low.value, _holds(program, low.row_duals, low.column_duals)),
        HeldEnd(-high.value, _holds(program, high.row_duals, high.column_duals)),
    )
