"""A dataset's range solver: the linear programs of both levels, built once from that
dataset's own cited sources, which the core calls directly.

Every range the app solves on demand (a filtered set of regions, a hub group, the regions
some offices cover, a change between periods) goes through the :class:`RangeSolver` of the
dataset in view, never through a global lookup of the bundled data: a dataset that carries
other figures (an analyst's own, later) carries its own solver. Results are remembered on
the solver, so they live exactly as long as the dataset they belong to.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from lib.cited import build_model
from lib.model import Level, Model
from lib.ranges import Program, group_ranges, program
from lib.years import YearSpan


@dataclass(frozen=True, eq=False)
class RangeSolver:
    """The model of a dataset's sources and its two levels' programs."""

    model: Model
    programs: Mapping[Level, Program]
    _memo: dict[tuple[tuple[str, ...], YearSpan], dict[str, int]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def of_model(cls, model: Model) -> RangeSolver:
        return cls(model, {level: program(model, level) for level in Level})

    def group_range(self, regions: Iterable[str], span: YearSpan) -> dict[str, int]:
        """``cases_low, cases_high`` (model level) and ``sources_low, sources_high`` of the sum
        of ``regions`` over ``span``; empty when those years have no unknowns."""
        key = (tuple(sorted(regions)), span)
        with self._lock:
            known = self._memo.get(key)
        if known is None:
            known = group_ranges(self.programs, key[0], span)
            with self._lock:
                self._memo[key] = known
        return dict(known)


def solver_of_sources(sources: Mapping[str, pd.DataFrame], regions: Iterable[str]) -> RangeSolver | None:
    """The solver of a data folder's ``sources/*.csv``; ``None`` when the folder lacks the
    model's source tables (it then carries no ranges beyond its ``ranges.csv``)."""
    try:
        model = build_model(sources, list(regions))
    except (KeyError, ValueError):
        return None
    return RangeSolver.of_model(model)
