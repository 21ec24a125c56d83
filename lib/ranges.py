"""The range each estimate's sources allow: linear programs over :mod:`lib.model`.

For a sum of unknowns (a cell, a region over years, a national year, a group of regions)
:func:`sum_range` gives the lowest and highest value consistent with a :class:`Program`
(the held and bent figures, plus the model's assumptions at :data:`Level.MODEL`), solved by
``scipy.optimize.linprog`` with HiGHS. These are ranges of **sums**: a region over
2007–2014 is pinned down far better than its eight years one by one. Counts are whole, so
ranges are rounded inward to whole cases. :func:`point_estimate` is an integer solution
inside the model level, so every model range holds the point estimate.

Many objectives under one program (the change between two periods of every region, say)
are solved on one warm-started HiGHS model: :mod:`lib.lp`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from lib.model import JAN_APR_2014, LIMA, LIMA_DISTRICT_2012, MAY_DEC_2014, PARTS, YEARS, Level, Model
from lib.years import YearSpan

Term = tuple[str, str]
# A tolerance for rounding LP bounds inward: HiGHS is exact to about 1e-7 here.
EPSILON = 1e-6


class ContradictionError(ValueError):
    """The held figures cannot all be true at once; the message names those that clash."""


class Source(StrEnum):
    """What a row of a program stands for."""

    FIGURE = "figure"  # a cited figure (held or bent): its key
    ASSUMPTION = "assumption"  # one of the model's assumptions: its name and what it bounds
    DEFINITION = "definition"  # how the unknowns relate (the Lima district, a national total)


@dataclass(frozen=True)
class Row:
    """Where one constraint row comes from: ``key`` is the figure's key or the assumption's
    name (:data:`SHARE_FACTOR`…), ``side`` which end of it the row holds (``low``,
    ``high``, ``equal``) and ``about`` what it bounds (a region and year, a year)."""

    source: Source
    key: str
    side: str
    about: tuple[str, ...] = ()


SHARE_FACTOR, YEARLY_CHANGE, JAN_APR = "share_factor", "yearly_change", "jan_apr_2014"
# One column per national yearly total (the sum of that year's region parts): the share
# rows then name it once instead of every region's cell, which makes each program about
# 2.3 times quicker to solve (bench/RESULTS.md, "What would settle it").
NATIONAL_TOTAL = "national-total"


@dataclass(frozen=True)
class Program:
    """The linear constraints of one level: ``a_ub @ x <= b_ub`` and ``a_eq @ x == b_eq``;
    ``rows`` says where each row comes from (those of ``a_ub``, then those of ``a_eq``)."""

    level: Level
    index: dict[Term, int]
    a_ub: np.ndarray
    b_ub: np.ndarray
    a_eq: np.ndarray
    b_eq: np.ndarray
    rows: tuple[Row, ...] = ()

    @property
    def size(self) -> int:
        return len(self.index)

    def vector(self, terms: Iterable[Term]) -> np.ndarray:
        row = np.zeros(self.size)
        for term in terms:
            row[self.index[term]] += 1
        return row


def year_parts(year: int) -> tuple[str, ...]:
    return (JAN_APR_2014, MAY_DEC_2014) if year == 2014 else (str(year),)


def terms_for(regions: Iterable[str], years: Iterable[int]) -> tuple[Term, ...]:
    """The unknowns of ``regions`` over ``years`` (years outside 2007–2014 have none)."""
    return tuple((region, part) for region in regions for year in years if year in YEARS for part in year_parts(year))


Coefficients = Iterable[tuple[Term, float]]


def program(model: Model, level: Level, skip: frozenset[str] = frozenset(), totals: bool = True) -> Program:
    """The constraints of ``model`` at ``level`` (figures whose key is in ``skip`` left out);
    with ``totals``, the model level names each year's national total by its own column
    (the same solutions, found faster; see :data:`NATIONAL_TOTAL`)."""
    cells = [(region, part) for region in model.regions for part in PARTS]
    district = any(term == (LIMA_DISTRICT_2012, "") for figure in model.figures for term in figure.terms)
    totals = totals and level is Level.MODEL
    extra = [(LIMA_DISTRICT_2012, "")] if district else []
    extra += [(NATIONAL_TOTAL, str(year)) for year in YEARS] if totals else []
    index = {term: i for i, term in enumerate(cells + extra)}
    upper: list[tuple[np.ndarray, float, Row]] = []
    equal: list[tuple[np.ndarray, float, Row]] = []

    def vector(terms: Coefficients) -> np.ndarray:
        row = np.zeros(len(index))
        for term, coefficient in terms:
            row[index[term]] += coefficient
        return row

    for figure in model.constraints:
        if figure.key in skip:
            continue
        row = vector((term, 1.0) for term in figure.terms)
        if figure.of:  # low * sum(of) <= sum(terms) <= high * sum(of)
            whole = vector((term, 1.0) for term in figure.of)
            for side, bound in (("low", figure.low), ("high", figure.high)):
                if bound is not None:
                    sign = -1.0 if side == "low" else 1.0
                    upper.append((sign * (row - bound * whole), 0.0, Row(Source.FIGURE, figure.key, side)))
            continue
        if figure.low is not None and figure.low == figure.high:
            equal.append((row, figure.low, Row(Source.FIGURE, figure.key, "equal")))
            continue
        if figure.low is not None:
            upper.append((-row, -figure.low, Row(Source.FIGURE, figure.key, "low")))
        if figure.high is not None:
            upper.append((row, figure.high, Row(Source.FIGURE, figure.key, "high")))
    if district:  # the Lima fiscal district is part of the Lima region
        part_of_lima = vector([((LIMA_DISTRICT_2012, ""), 1.0), ((LIMA, "2012"), -1.0)])
        upper.append((part_of_lima, 0.0, Row(Source.DEFINITION, LIMA_DISTRICT_2012, "high")))
    national = {year: [(term, 1.0) for term in terms_for(model.regions, [year])] for year in YEARS}
    if totals:
        for year in YEARS:
            total = [*national[year], ((NATIONAL_TOTAL, str(year)), -1.0)]
            equal.append((vector(total), 0.0, Row(Source.DEFINITION, NATIONAL_TOTAL, "equal", (str(year),))))
            national[year] = [((NATIONAL_TOTAL, str(year)), 1.0)]
    if level is Level.MODEL:
        upper += _assumption_rows(model, vector, national)
    a_ub = np.array([row for row, _, _ in upper]) if upper else np.zeros((0, len(index)))
    a_eq = np.array([row for row, _, _ in equal]) if equal else np.zeros((0, len(index)))
    return Program(
        level,
        index,
        a_ub,
        np.array([b for _, b, _ in upper]),
        a_eq,
        np.array([b for _, b, _ in equal]),
        tuple(source for *_, source in (*upper, *equal)),
    )


def _assumption_rows(
    model: Model, vector: Callable[[Coefficients], np.ndarray], national: Mapping[int, list[tuple[Term, float]]]
) -> list[tuple[np.ndarray, float, Row]]:
    """The assumptions' rows; ``national`` is each year's national total as coefficients."""
    assumptions = model.assumptions
    rows: list[tuple[np.ndarray, float, Row]] = []
    factor = assumptions.share_factor
    for year in YEARS:
        for region in model.regions:
            share = model.window_share[region]
            own = [(term, 1.0) for term in terms_for([region], [year])]
            about = (region, str(year))
            # share / factor * N[y] - 1 <= x[r, y] <= factor * share * N[y] + 1: give or take a
            # whole case, so a region with a handful of cases can still have whole numbers.
            rows.append(
                (
                    vector(own + [(t, -factor * share * c) for t, c in national[year]]),
                    1.0,
                    Row(Source.ASSUMPTION, SHARE_FACTOR, "high", about),
                )
            )
            low_row = vector([(t, -c) for t, c in own] + [(t, share / factor * c) for t, c in national[year]])
            rows.append((low_row, 1.0, Row(Source.ASSUMPTION, SHARE_FACTOR, "low", about)))
    change = assumptions.yearly_change
    for year in range(assumptions.first_smooth_year + 1, YEARS[-1] + 1):
        now, before = national[year], national[year - 1]
        step = (str(year),)
        rise = vector(now + [(t, -(1 + change) * c) for t, c in before])
        fall = vector([(t, -c) for t, c in now] + [(t, (1 - change) * c) for t, c in before])
        rows.append((rise, 0.0, Row(Source.ASSUMPTION, YEARLY_CHANGE, "high", step)))
        rows.append((fall, 0.0, Row(Source.ASSUMPTION, YEARLY_CHANGE, "low", step)))
    low, high = assumptions.jan_apr_2014
    jan_apr = [(term, 1.0) for term in terms_for(model.regions, [2014]) if term[1] == JAN_APR_2014]
    may_dec = [(term, 1.0) for term in terms_for(model.regions, [2014]) if term[1] == MAY_DEC_2014]
    # low <= Jan–Apr / (Jan–Apr + May–Dec) <= high, nationally.
    rows.append(
        (
            vector([(t, 1 - high) for t, _ in jan_apr] + [(t, -high) for t, _ in may_dec]),
            0.0,
            Row(Source.ASSUMPTION, JAN_APR, "high"),
        )
    )
    rows.append(
        (
            vector([(t, -(1 - low)) for t, _ in jan_apr] + [(t, low) for t, _ in may_dec]),
            0.0,
            Row(Source.ASSUMPTION, JAN_APR, "low"),
        )
    )
    return rows


def _solve(prog: Program, objective: np.ndarray) -> float | None:
    result = linprog(
        objective,
        A_ub=prog.a_ub if len(prog.b_ub) else None,
        b_ub=prog.b_ub if len(prog.b_ub) else None,
        A_eq=prog.a_eq if len(prog.b_eq) else None,
        b_eq=prog.b_eq if len(prog.b_eq) else None,
        bounds=(0, None),
        method="highs",
    )
    return float(result.fun) if result.status == 0 else None


def sum_range(prog: Program, terms: Sequence[Term]) -> tuple[int, int] | None:
    """The lowest and highest whole number of cases the sum of ``terms`` can be under
    ``prog`` (``None`` for no terms: nothing is known)."""
    if not terms:
        return None
    row = prog.vector(terms)
    low, negative_high = _solve(prog, row), _solve(prog, -row)
    if low is None or negative_high is None:
        raise ContradictionError(f"the {prog.level} level has no solution; see lib.ranges.contradictions")
    return math.ceil(low - EPSILON), math.floor(-negative_high + EPSILON)


def feasible(model: Model, level: Level, skip: frozenset[str] = frozenset()) -> bool:
    prog = program(model, level, skip)
    return _solve(prog, np.zeros(prog.size)) is not None


def contradictions(model: Model, level: Level) -> list[str]:
    """Keys of the held or bent figures without which the level has a solution: the
    figures that clash (empty when the level is consistent)."""
    if feasible(model, level):
        return []
    return [figure.key for figure in model.constraints if feasible(model, level, frozenset({figure.key}))]


def check(model: Model) -> None:
    """Raise :class:`ContradictionError` naming the clashing figures if a level has no solution."""
    for level in Level:
        clashing = contradictions(model, level)
        if clashing or not feasible(model, level):
            labels = [figure.label for figure in model.figures if figure.key in clashing]
            raise ContradictionError(
                f"the figures held at the {level} level contradict each other: {'; '.join(labels) or 'several at once'}"
            )


def point_estimate(model: Model) -> dict[Term, int]:
    """Whole cases for every unknown: inside the model level, and as close as it allows
    (least absolute differences) to (1) each region keeping its window share of every
    year's total, (2) Jan–Apr 2014 being 4/12 of 2014 nationally, (3) a national series
    that changes as little as possible from one year to the next."""
    # Without the total columns: with a 5 % gap the solver may pick another equally good whole-
    # case table on another formulation, and the committed table is the one this one gives.
    prog = program(model, Level.MODEL, totals=False)
    national = {year: prog.vector(terms_for(model.regions, [year])) for year in YEARS}
    targets = [
        prog.vector(terms_for([region], [year])) - model.window_share[region] * national[year]
        for region in model.regions
        for year in YEARS
    ]
    jan_apr = prog.vector(term for term in terms_for(model.regions, [2014]) if term[1] == JAN_APR_2014)
    targets.append(jan_apr - 4 / 12 * national[2014])
    targets += [national[year] - national[year - 1] for year in YEARS[1:]]
    size, count = prog.size, len(targets)
    # Variables: the unknowns, then one absolute difference per target (d >= +-target).
    rows = [np.concatenate([row, np.zeros(count)]) for row in (*prog.a_ub, *prog.a_eq)]
    lows = [-np.inf] * len(prog.b_ub) + list(prog.b_eq)
    highs = list(prog.b_ub) + list(prog.b_eq)
    for k, target in enumerate(targets):
        difference = np.zeros(count)
        difference[k] = 1
        rows += [np.concatenate([target, -difference]), np.concatenate([-target, -difference])]
        lows += [-np.inf, -np.inf]
        highs += [0.0, 0.0]
    integrality = np.concatenate([np.ones(size), np.zeros(count)])
    for term, column in prog.index.items():
        if term[0] not in model.regions:  # the Lima district and the national totals follow the cells
            integrality[column] = 0
    result = milp(
        np.concatenate([np.zeros(size), np.ones(count)]),
        constraints=LinearConstraint(np.array(rows), np.array(lows), np.array(highs)),
        integrality=integrality,
        bounds=Bounds(0, np.inf),
        # Within 5 % of the least possible difference: proving the exact optimum takes minutes
        # and changes nothing an analyst could see. No time limit, so a rebuild gives the same table.
        options={"mip_rel_gap": 0.05},
    )
    if result.status != 0:
        raise ContradictionError(f"no whole-case estimate fits the model level ({result.message})")
    return {term: round(result.x[i]) for term, i in prog.index.items() if term[0] in model.regions}


def group_ranges(programs: Mapping[Level, Program], regions: Iterable[str], years: YearSpan) -> dict[str, int]:
    """``cases_low, cases_high`` (model level) and ``sources_low, sources_high`` of the sum
    of ``regions`` over the inclusive ``years``; empty when no year has unknowns."""
    terms = terms_for(sorted(regions), years.years)
    model_range, sources_range = sum_range(programs[Level.MODEL], terms), sum_range(programs[Level.SOURCES], terms)
    if model_range is None or sources_range is None:
        return {}
    return dict(
        zip(("cases_low", "cases_high", "sources_low", "sources_high"), (*model_range, *sources_range), strict=True)
    )
