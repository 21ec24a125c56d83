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
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import pandas as pd

from lib.cited import build_model
from lib.model import Level, Model
from lib.own_figures import OwnFigure, model_figure
from lib.ranges import Program, group_ranges, program
from lib.years import YearSpan

Result = TypeVar("Result")


@dataclass(frozen=True, eq=False)
class RangeSolver:
    """The model of a dataset's sources and its two levels' programs."""

    model: Model
    programs: Mapping[Level, Program]
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def of_model(cls, model: Model) -> RangeSolver:
        return cls(model, {level: program(model, level) for level in Level})

    def remember(self, key: Hashable, compute: Callable[[], Result]) -> Result:
        """``compute()``, once per ``key`` for this solver's data (results live as long as
        the dataset; two sessions asking at once may both compute it, with the same result)."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]  # type: ignore[no-any-return]
        result = compute()
        with self._lock:
            self._memo[key] = result
        return result

    def group_range(self, regions: Iterable[str], span: YearSpan) -> dict[str, int]:
        """``cases_low, cases_high`` (model level) and ``sources_low, sources_high`` of the sum
        of ``regions`` over ``span``; empty when those years have no unknowns."""
        chosen = tuple(sorted(regions))
        return dict(self.remember(("group", chosen, span), lambda: group_ranges(self.programs, chosen, span)))


def solver_of_sources(
    sources: Mapping[str, pd.DataFrame], regions: Iterable[str], added: Sequence[OwnFigure] = ()
) -> RangeSolver | None:
    """The solver of a data folder's ``sources/*.csv`` with an analyst's ``added`` figures;
    ``None`` when the folder lacks the model's source tables (it then carries no ranges
    beyond its ``ranges.csv``)."""
    try:
        model = build_model(sources, list(regions))
    except (KeyError, ValueError):
        return None
    if added:
        own = tuple(model_figure(figure, model.regions, added_label(figure)) for figure in added)
        model = replace(model, figures=(*model.figures, *own))
    return RangeSolver.of_model(model)


def added_label(figure: OwnFigure, names: Mapping[str, str] | None = None) -> str:
    """How an added figure is named where cited figures are (language-independent, like them):
    ``Your figure (line 3): Lima, 2011``."""
    first, last = figure.first_year, figure.last_year
    span = str(first) if first == last else f"{first}–{last}"
    place = (names or {}).get(figure.region_id, figure.region_id) if figure.region_id else "National"
    share = " (share of the national total)" if figure.kind.value == "share" else ""
    return f"Your figure (line {figure.line}): {place}, {span}{share}"
