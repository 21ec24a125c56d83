"""A change between two periods as a question for :mod:`lib.settle` and :mod:`lib.held`:
the subject's yearly-average weights of period B minus those of period A, over the model's
unknowns (a year's weight on each of its parts)."""

from __future__ import annotations

import numpy as np

from lib.data import Dataset
from lib.filters import Filters
from lib.model import YEARS as MODEL_YEARS
from lib.ranges import year_parts
from lib.settle import Question
from lib.views.change.periods import Periods
from lib.views.change.weights import comparable, period_cells, period_weights, subjects_for


def change_questions(dataset: Dataset, filters: Filters, periods: Periods) -> dict[str, Question]:
    """Every subject's change (a region id, ``filtered``, a hub group, ``all``) from period A
    to B in the filter's metric, weighed as the change table weighs it (a group compares only
    the regions with data in both periods); a subject is left out when a period has no data
    for it or the model does not cover every year it weighs (no range to explain)."""
    cells = period_cells(dataset, set(periods.a.years) | set(periods.b.years))
    subjects = comparable(cells, subjects_for(dataset, filters, cells), periods)
    before = period_weights(cells, subjects, periods.a, filters.metric)
    after = period_weights(cells, subjects, periods.b, filters.metric)
    found = {}
    for row, subject in enumerate(subjects.keys):
        if not before[row].any() or not after[row].any():
            continue
        weighed = (after[row] - before[row]) != 0
        if not np.isin(cells.year[weighed], MODEL_YEARS).all():
            continue
        weights: dict[tuple[str, str], float] = {}
        for region_id, year, weight in zip(
            cells.region_id[weighed], cells.year[weighed], (after[row] - before[row])[weighed], strict=True
        ):
            for part in year_parts(int(year)):
                weights[(str(region_id), part)] = weights.get((str(region_id), part), 0.0) + float(weight)
        key = f"change:{subject}:{periods.text}:{filters.metric.value}"
        found[subject] = Question(key, tuple(sorted(weights.items())), change=True)
    return found


def change_question(dataset: Dataset, filters: Filters, periods: Periods, subject: str) -> Question | None:
    """One subject's change (see :func:`change_questions`); ``None`` when it has no range."""
    return change_questions(dataset, filters, periods).get(subject)
