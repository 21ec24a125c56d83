"""Which single figure, if an analyst obtained it, would narrow a range the most.

A **question** is a linear function of the unknowns whose range the app shows (a region-year,
a region over years, a national year, the change between two periods). A **candidate** is a
figure the sources publish at their granularity (a region-year count, a region's total over
a span the cited sources use, the Jan 2007–Apr 2014 window, a national yearly total), not
yet pinned to one value. For each candidate and level:

- its own range now: what it could turn out to be;
- the **guaranteed width**: the widest the question's range can be once the candidate is
  known, whatever value it has. The width is concave in that value, so this is exact with
  one linear program over two copies of the unknowns that share the candidate's value,
  maximising the question's difference between the copies;
- the **best width**: the narrowest any value gives, at one end of the candidate's range
  (concavity again): the question's range on the face of the polytope where the candidate
  is at that end, found with an exact penalty (checked, and solved with the candidate's
  value fixed when the check fails);
- for a change that is open today, the candidate values for which it **stays open**: the
  candidate's range over every solution whose change is exactly 0 (two more programs).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from lib.lp import Model, objective_ranges
from lib.model import JAN_APR_2014, MAY_DEC_2014, PARTS, YEARS, Level
from lib.model import Model as CitedModel
from lib.ranges import Program, Term, terms_for
from lib.solver import RangeSolver
from lib.years import YearSpan

# Exact penalty weight for putting a candidate at one end of its range; raised until the
# optimum really sits there (or the value is fixed outright).
PENALTY = 1e3
PENALTY_TRIES = 3
TOLERANCE = 1e-6
SETTLE_COLUMNS = [
    "question", "level", "kind", "region_id", "first_year", "last_year", "candidate_low", "candidate_high",
    "now_low", "now_high", "guaranteed_width", "best_width", "open_low", "open_high",
]  # fmt: skip


class Kind(StrEnum):
    REGION_YEAR = "region-year"
    REGION_SPAN = "region-span"  # whole calendar years first_year..last_year
    REGION_WINDOW = "region-window"  # Jan 2007 – Apr 2014, the cited regional window
    NATIONAL_YEAR = "national-year"


@dataclass(frozen=True)
class Candidate:
    """A figure an analyst could obtain: ``terms`` are the unknowns whose sum it is."""

    kind: Kind
    region_id: str  # empty for a national figure
    first_year: int
    last_year: int
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Question:
    """``weights`` of the unknowns whose sum is the value asked about; ``change``: whether it
    is a change between periods (then its direction can be open)."""

    key: str
    weights: tuple[tuple[Term, float], ...]
    change: bool = False

    def objective(self, program: Program) -> np.ndarray:
        row = np.zeros(program.size)
        for term, weight in self.weights:
            row[program.index[term]] += weight
        return row


def sum_question(key: str, terms: Sequence[Term]) -> Question:
    """The question of a plain sum (a region-year, a region over years, a national year)."""
    return Question(key, tuple((term, 1.0) for term in terms))


def region_question(region_id: str, span: YearSpan) -> Question | None:
    """A region's cases over ``span`` (one year: a region-year); ``None`` outside the model."""
    terms = terms_for([region_id], span.years)
    kind = Kind.REGION_YEAR if span.first == span.last else Kind.REGION_SPAN
    return sum_question(f"{kind.value}:{region_id}:{span.text}", terms) if terms else None


def national_question(regions: Sequence[str], year: int) -> Question | None:
    """The country's cases in ``year``; ``None`` outside the model."""
    terms = terms_for(regions, [year])
    return sum_question(f"{Kind.NATIONAL_YEAR.value}:{year}", terms) if terms else None


def candidates(model: CitedModel) -> tuple[Candidate, ...]:
    """Every region-year count, every region's total over each whole-year span a cited
    single-region figure uses and over the Jan 2007 – Apr 2014 window, every national year."""
    spans: set[tuple[int, int]] = set()
    window = False
    for figure in model.figures:
        regions = {region for region, _ in figure.terms}
        parts = [part for _, part in figure.terms]
        if len(regions) != 1 or not parts or not all(part[:4].isdigit() for part in parts):
            continue
        years = sorted({int(part[:4]) for part in parts})
        if JAN_APR_2014 in parts and MAY_DEC_2014 not in parts:
            window = window or years[0] == YEARS[0]
        elif years[0] < years[-1]:
            spans.add((years[0], years[-1]))
    found = [
        Candidate(Kind.REGION_YEAR, region, year, year, terms_for([region], [year]))
        for region in model.regions
        for year in YEARS
    ]
    for first, last in sorted(spans):
        kind = Kind.REGION_SPAN
        found += [Candidate(kind, r, first, last, terms_for([r], range(first, last + 1))) for r in model.regions]
    if window:
        parts = [part for part in PARTS if part != MAY_DEC_2014]
        found += [
            Candidate(Kind.REGION_WINDOW, r, YEARS[0], YEARS[-1], tuple((r, p) for p in parts)) for r in model.regions
        ]
    found += [Candidate(Kind.NATIONAL_YEAR, "", year, year, terms_for(model.regions, [year])) for year in YEARS]
    return tuple(found)


def _vectors(program: Program, chosen: Sequence[Candidate]) -> np.ndarray:
    return np.array([program.vector(candidate.terms) for candidate in chosen]).reshape(len(chosen), program.size)


def candidate_ranges(solver: RangeSolver, level: Level) -> np.ndarray:
    """Each candidate's range at ``level`` (rows in the order of :func:`candidates`),
    solved once per dataset."""
    program = solver.programs[level]
    return solver.remember(
        ("candidate-ranges", level), lambda: objective_ranges(program, _vectors(program, candidates(solver.model)))
    )


def _face_range(
    model: Model, question: np.ndarray, candidate: np.ndarray, at: float, side: float
) -> tuple[float, float]:
    """The question's range when the candidate sits at ``at``, the low (``side`` = 1) or
    high (``side`` = -1) end of its range."""
    penalty = PENALTY
    for _ in range(PENALTY_TRIES):
        low = model.minimum(question + side * penalty * candidate).x
        high = model.minimum(-question + side * penalty * candidate).x
        slack = TOLERANCE * max(1.0, abs(at))
        if abs(candidate @ low - at) <= slack and abs(candidate @ high - at) <= slack:
            return float(question @ low), float(question @ high)
        penalty *= 100
    fixed = Model(model.program, candidate[None, :])
    fixed.bound(0, at, at)
    return fixed.range(question)


def _direction(low: float, high: float) -> str:
    """What a change whose range is ``low..high`` shows: ``rose``, ``fell`` or still open."""
    return "rose" if low > TOLERANCE else "fell" if high < -TOLERANCE else ""


def unpinned(solver: RangeSolver, level: Level) -> list[int]:
    """The positions (in :func:`candidates`) of the candidates not pinned to one value."""
    ranges = candidate_ranges(solver, level)
    return [i for i in range(len(ranges)) if ranges[i, 1] - ranges[i, 0] > TOLERANCE]


def _level_rows(solver: RangeSolver, question: Question, level: Level, keep: Sequence[int]) -> list[dict[str, object]]:
    """The rows of the candidates at positions ``keep``, on HiGHS models of their own (so
    that two parts can be solved at once, one per core)."""
    program = solver.programs[level]
    every = candidates(solver.model)
    ranges = candidate_ranges(solver, level)
    vectors = _vectors(program, [every[i] for i in keep])
    objective = question.objective(program)
    single = Model(program)
    now_low, now_high = single.range(objective)
    double = Model(program, np.hstack([vectors, -vectors]), copies=2)
    open_change = question.change and now_low < -TOLERANCE and now_high > TOLERANCE
    if open_change:
        at_zero = Model(program, objective[None, :])
        at_zero.bound(0, 0.0, 0.0)
    own_terms = {term for term, _ in question.weights} if not question.change else set()
    rows = []
    for position, i in enumerate(keep):
        candidate, vector = every[i], vectors[position]
        low, high = ranges[i]
        double.bound(position, 0.0, 0.0)
        guaranteed = -double.minimum(np.concatenate([-objective, objective])).value
        double.bound(position)
        at_low = _face_range(single, objective, vector, low, 1.0)
        at_high = _face_range(single, objective, vector, high, -1.0)
        best = min(at_low[1] - at_low[0], at_high[1] - at_high[0])
        open_low, open_high = at_zero.range(vector) if open_change else (None, None)
        rows.append(
            {
                "question": question.key,
                "level": level.value,
                "kind": candidate.kind.value,
                "region_id": candidate.region_id,
                "first_year": candidate.first_year,
                "last_year": candidate.last_year,
                "candidate_low": low,
                "candidate_high": high,
                "now_low": now_low,
                "now_high": now_high,
                "guaranteed_width": max(guaranteed, 0.0),
                "best_width": max(min(best, guaranteed), 0.0),
                "open_low": open_low,
                "open_high": open_high,
                # Not in the download: what a value beyond the open interval shows, and
                # whether the candidate is the question's own figure.
                "below": _direction(*at_low) if open_change else "",
                "above": _direction(*at_high) if open_change else "",
                "own": set(candidate.terms) == own_terms,
            }
        )
    return rows


def ranking(
    solver: RangeSolver, question: Question, levels: Sequence[Level] = (Level.MODEL, Level.SOURCES)
) -> pd.DataFrame:
    """Every candidate at each of ``levels``, as :data:`SETTLE_COLUMNS`: level by level,
    each level's candidates by guaranteed width, then best width. Solved once per question
    and dataset."""

    def solve() -> pd.DataFrame:
        # HiGHS releases the GIL while it solves: each level's candidates in two halves, one
        # per core (bench/RESULTS.md, "What would settle it").
        parts = [(level, half) for level in levels for half in np.array_split(unpinned(solver, level), 2) if len(half)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            solved = pool.map(lambda part: _level_rows(solver, question, part[0], list(part[1])), parts)
            rows = [row for part in solved for row in part]
        table = pd.DataFrame(rows, columns=[*SETTLE_COLUMNS, "below", "above", "own"])
        table["_level"] = table["level"] != Level.MODEL.value
        table = table.sort_values(["_level", "guaranteed_width", "best_width", "kind", "region_id", "first_year"])
        return table.drop(columns="_level").reset_index(drop=True)

    return solver.remember(("ranking", question, tuple(levels)), solve).copy()
