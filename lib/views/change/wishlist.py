"""The wish list: the figures most worth asking the Ministerio Público for, computed when the
bundled data is built (``make data``; about a minute and a half) and stored beside it.

- **verdicts**: the ten figures that, one at a time, could settle the most change verdicts
  the sources leave open today (each region, 2007–2010 against 2011–2014, in cases and in
  cases per 100,000): a candidate can settle an open verdict when some of its possible
  values lie outside the values for which the direction stays open;
- **widths**: the ten that would narrow the region-year ranges the most in total, for sure:
  the sum over the 200 region-years of (width now − guaranteed width once the figure is
  known), at the model level.

Each carries the wording of a transparency request in Spanish, the language it is made in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from lib.data import Dataset
from lib.filters import Filters, Metric
from lib.lp import Model
from lib.model import YEARS, Level
from lib.settle import TOLERANCE, Candidate, Kind, Question, candidate_ranges, candidates, region_question
from lib.solver import RangeSolver
from lib.views.change.figures import change_table
from lib.views.change.periods import Periods, default_periods
from lib.views.change.questions import change_questions
from lib.vocabulary import Verdict
from lib.years import YearSpan

WISH_COLUMNS = [
    "list", "rank", "kind", "region_id", "first_year", "last_year", "candidate_low", "candidate_high",
    "verdicts_settled", "width_shrunk", "request_es",
]  # fmt: skip
LISTED = 10


def request_es(candidate: Candidate, names: Mapping[str, str]) -> str:
    """The transparency request for ``candidate``, in Spanish.

    >>> request_es(Candidate(Kind.REGION_YEAR, "15", 2011, 2011, ()), {"15": "Lima"})
    'Solicito el número de denuncias por trata de personas registradas en Lima en el año 2011.'
    """
    place = "todo el país" if candidate.kind is Kind.NATIONAL_YEAR else names.get(candidate.region_id, "")
    if candidate.kind is Kind.REGION_WINDOW:
        when = "entre enero de 2007 y abril de 2014"
    elif candidate.first_year == candidate.last_year:
        when = f"en el año {candidate.first_year}"
    else:
        when = f"entre los años {candidate.first_year} y {candidate.last_year}"
    return f"Solicito el número de denuncias por trata de personas registradas en {place} {when}."


def open_changes(dataset: Dataset, periods: Periods) -> list[Question]:
    """Each region's change between ``periods`` that the sources cannot tell today, in cases
    and in cases per 100,000."""
    found = []
    for metric in Metric:
        filters = Filters(years=dataset.year_range.default, metric=metric)
        table = change_table(dataset, filters, periods).loc[0]
        questions = change_questions(dataset, filters, periods)
        found += [
            questions[region_id]
            for region_id in dataset.regions["region_id"]
            if table.loc[region_id, "verdict"] == Verdict.CANNOT_TELL and region_id in questions
        ]
    return found


def _settled(solver: RangeSolver, vectors: np.ndarray, ranges: np.ndarray, questions: Sequence[Question]) -> np.ndarray:
    program = solver.programs[Level.MODEL]
    counts = np.zeros(len(vectors), dtype=int)
    for question in questions:
        at_zero = Model(program, question.objective(program)[None, :])
        at_zero.bound(0, 0.0, 0.0)
        for position, vector in enumerate(vectors):
            low, high = at_zero.range(vector)
            counts[position] += low > ranges[position, 0] + TOLERANCE or high < ranges[position, 1] - TOLERANCE
    return counts


def _shrunk(solver: RangeSolver, vectors: np.ndarray, cells: Sequence[Question]) -> np.ndarray:
    program = solver.programs[Level.MODEL]
    objectives = [cell.objective(program) for cell in cells]
    single = Model(program)
    now = sum(high - low for low, high in map(single.range, objectives))
    double = Model(program, np.hstack([vectors, -vectors]), copies=2)
    shrunk = np.zeros(len(vectors))
    for position in range(len(vectors)):
        double.bound(position, 0.0, 0.0)
        guaranteed = sum(-double.minimum(np.concatenate([-c, c])).value for c in objectives)
        double.bound(position)
        shrunk[position] = now - guaranteed
    return shrunk


def wishlist(dataset: Dataset) -> pd.DataFrame:
    """Both lists, as :data:`WISH_COLUMNS` (the bundled data's solver and default periods)."""
    solver = dataset.solver
    if solver is None:
        return pd.DataFrame(columns=WISH_COLUMNS)
    every = candidates(solver.model)
    ranges = candidate_ranges(solver, Level.MODEL)
    keep = [i for i in range(len(every)) if ranges[i, 1] - ranges[i, 0] > TOLERANCE]
    program = solver.programs[Level.MODEL]
    vectors = np.array([program.vector(every[i].terms) for i in keep])
    kept_ranges = ranges[keep]
    cells = [
        question
        for region in solver.model.regions
        for year in YEARS
        if (question := region_question(region, YearSpan.single(year))) is not None
    ]
    settled = _settled(solver, vectors, kept_ranges, open_changes(dataset, default_periods(dataset.year_range)))
    shrunk = _shrunk(solver, vectors, cells)
    names = dataset.region_lookup("region_id", "name")
    rows = []
    for name, order in (("verdicts", np.lexsort((-shrunk, -settled))), ("widths", np.argsort(-shrunk, kind="stable"))):
        for rank, position in enumerate(order[:LISTED], start=1):
            candidate = every[keep[position]]
            rows.append(
                {
                    "list": name,
                    "rank": rank,
                    "kind": candidate.kind.value,
                    "region_id": candidate.region_id,
                    "first_year": candidate.first_year,
                    "last_year": candidate.last_year,
                    "candidate_low": round(float(kept_ranges[position, 0]), 3),
                    "candidate_high": round(float(kept_ranges[position, 1]), 3),
                    "verdicts_settled": int(settled[position]),
                    "width_shrunk": round(max(float(shrunk[position]), 0.0), 3),
                    "request_es": request_es(candidate, names),
                }
            )
    return pd.DataFrame(rows, columns=WISH_COLUMNS)
