"""How strong must the assumptions be: for a direction the model level supports and the
sources alone do not, how far each assumption can be loosened, alone, before the change's
range reaches zero.

The share factor (now 3) and the yearly change (now 0.5) each appear in the model level only
as a coefficient on a national total's column (see :data:`lib.ranges.NATIONAL_TOTAL`), so
loosening one is a change of coefficients on one warm-started HiGHS model, and the bisection
on the parameter costs milliseconds a step. The range only widens as an assumption loosens,
so the direction holds up to one value of the parameter and fails beyond it.
"""

from __future__ import annotations

import math

import numpy as np

from lib.lp import Model
from lib.model import Model as CitedModel
from lib.ranges import NATIONAL_TOTAL, SHARE_FACTOR, YEARLY_CHANGE, Program, Source

# A parameter this large no longer binds anything: the assumption is as good as dropped.
HOWEVER_FAR = 1e6
# The bisection stops when the two bounds are within this ratio (1.001: the third digit).
PRECISION = 1.001
TOLERANCE = 1e-6


class Loosened:
    """The model level of ``model`` on one HiGHS model whose share factor and yearly change
    can be set (``program`` must be the model level, with its total columns)."""

    def __init__(self, program: Program, model: CitedModel) -> None:
        self.program, self.model = program, model
        self.lp = Model(program)
        self.rows = {
            key: [(i, row) for i, row in enumerate(program.rows) if row.source is Source.ASSUMPTION and row.key == key]
            for key in (SHARE_FACTOR, YEARLY_CHANGE)
        }

    def _total(self, year: int) -> int:
        return self.program.index[(NATIONAL_TOTAL, str(year))]

    def set(self, key: str, value: float) -> None:
        """Set the share factor or the yearly change to ``value``."""
        for i, row in self.rows[key]:
            if key == SHARE_FACTOR:
                region, year = row.about
                share = self.model.window_share[region]
                coefficient = -value * share if row.side == "high" else share / value
                self.lp.highs.changeCoeff(i, self._total(int(year)), coefficient)
            else:
                before = self._total(int(row.about[0]) - 1)
                self.lp.highs.changeCoeff(i, before, -(1 + value) if row.side == "high" else 1 - value)

    def holds(self, objective: np.ndarray, rose: bool) -> bool:
        """Whether the change ``objective`` still rose (or fell) everywhere in the range."""
        if rose:
            return self.lp.minimum(objective).value > TOLERANCE
        return -self.lp.minimum(-objective).value < -TOLERANCE


def holds_to(loosened: Loosened, key: str, current: float, objective: np.ndarray, rose: bool) -> float:
    """The largest value of the parameter ``key`` (from ``current`` up) at which the
    direction still holds; ``inf`` when it holds however far. Leaves the parameter at
    ``current``."""
    try:
        loosened.set(key, HOWEVER_FAR)
        if loosened.holds(objective, rose):
            return math.inf
        low, high = current, HOWEVER_FAR
        while high / low > PRECISION:
            middle = math.sqrt(low * high)
            loosened.set(key, middle)
            low, high = (middle, high) if loosened.holds(objective, rose) else (low, middle)
        return low
    finally:
        loosened.set(key, current)
