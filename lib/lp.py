"""One HiGHS model of a :class:`lib.ranges.Program`, solved again and again.

Only the objective (or the bounds of a few extra rows) changes from one solve to the next,
so the previous optimal basis is a good start: HiGHS' primal simplex starts from it instead
of from scratch (presolve off, since it would throw the basis away). On this model that is
about 0.6 ms a program against about 12 ms for a cold ``scipy.optimize.linprog``
(``tests/unit/test_change.py`` checks the two agree). Each solve also gives its dual values
(row marginals): which constraints hold the optimum in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
from scipy import sparse

from lib.ranges import ContradictionError, Program

INFINITY = highspy.kHighsInf
IIS_ROW_PRIORITY = 2


@dataclass(frozen=True)
class Optimum:
    """One solve: the objective's value, the unknowns' values, the dual value of each row
    (the program's rows, then the extra rows) and of each unknown's lower bound of zero."""

    value: float
    x: np.ndarray
    row_duals: np.ndarray
    column_duals: np.ndarray


class Model:
    """``program``'s constraints, plus ``extra`` rows (one per row of the matrix, free until
    :meth:`bound` gives them bounds), over ``copies`` independent copies of the unknowns
    (two copies share nothing but the extra rows, which then span both)."""

    def __init__(self, program: Program, extra: np.ndarray | None = None, copies: int = 1) -> None:
        self.program = program
        base = sparse.vstack([sparse.csr_matrix(program.a_ub), sparse.csr_matrix(program.a_eq)])
        lower = np.concatenate([np.full(len(program.b_ub), -INFINITY), program.b_eq])
        upper = np.concatenate([program.b_ub, program.b_eq])
        blocks = sparse.block_diag([base] * copies) if copies > 1 else base
        self.extra_start = blocks.shape[0]
        extra_rows = np.zeros((0, program.size * copies)) if extra is None else extra
        matrix = sparse.vstack([blocks, sparse.csr_matrix(extra_rows)]).tocsc()
        self.size = program.size * copies
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = self.size, matrix.shape[0]
        lp.col_cost_ = np.zeros(self.size)
        lp.col_lower_, lp.col_upper_ = np.zeros(self.size), np.full(self.size, INFINITY)
        free = np.full(len(extra_rows), INFINITY)
        lp.row_lower_ = np.concatenate([np.tile(lower, copies), -free])
        lp.row_upper_ = np.concatenate([np.tile(upper, copies), free])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = matrix.indptr, matrix.indices, matrix.data
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("presolve", "off")
        self.highs.setOptionValue("simplex_strategy", 4)  # primal simplex
        self.highs.passModel(lp)
        self.columns = np.arange(self.size, dtype=np.int32)

    def bound(self, extra_row: int, low: float = -INFINITY, high: float = INFINITY) -> None:
        """Bound extra row ``extra_row`` (free again with no bounds)."""
        self.highs.changeRowBounds(self.extra_start + extra_row, low, high)

    def minimum(self, objective: np.ndarray) -> Optimum:
        """The least value of ``objective`` (over all copies' unknowns) and where it is."""
        self.highs.changeColsCost(self.size, self.columns, objective)
        self.highs.run()
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise ContradictionError(f"the {self.program.level} level has no solution; see lib.ranges.contradictions")
        solution = self.highs.getSolution()
        return Optimum(
            self.highs.getInfo().objective_function_value,
            np.asarray(solution.col_value),
            np.asarray(solution.row_dual),
            np.asarray(solution.col_dual),
        )

    def feasible(self) -> bool:
        """Whether the constraints (with the extra rows' current bounds) can all hold."""
        self.highs.changeColsCost(self.size, self.columns, np.zeros(self.size))
        self.highs.run()
        return bool(self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal)

    def infeasible_rows(self) -> list[int]:
        """The rows of an irreducible infeasible subset (HiGHS' IIS, found by its row-priority
        strategy: its default only reports trivial ones); empty when the model has a solution."""
        self.highs.setOptionValue("iis_strategy", IIS_ROW_PRIORITY)
        status, iis = self.highs.getIis()
        if status != highspy.HighsStatus.kOk:
            raise RuntimeError("HiGHS could not find the figures that clash")
        return sorted(int(row) for row in iis.row_index_)

    def range(self, objective: np.ndarray) -> tuple[float, float]:
        """The least and greatest value of ``objective``."""
        return self.minimum(objective).value, -self.minimum(-objective).value


def objective_ranges(prog: Program, objectives: np.ndarray) -> np.ndarray:
    """The lowest and highest value of each row of ``objectives`` (one linear function of the
    unknowns per row) under ``prog``, as an array of shape ``(rows, 2)``; not rounded."""
    model = Model(prog)
    extremes = np.empty((len(objectives), 2))
    for row, objective in enumerate(objectives):
        extremes[row] = model.range(objective)
    return extremes
