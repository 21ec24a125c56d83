"""A change between two periods as a question for :mod:`lib.settle` and :mod:`lib.held`:
the subject's yearly-average weights of period B minus those of period A, over the model's
unknowns (a year's weight on each of its parts)."""

from __future__ import annotations

from lib.data import Dataset
from lib.filters import Filters
from lib.model import YEARS as MODEL_YEARS
from lib.ranges import year_parts
from lib.settle import Question
from lib.views.change.periods import Periods
from lib.views.change.weights import period_cells, period_weights, subjects_for


def change_question(dataset: Dataset, filters: Filters, periods: Periods, subject: str) -> Question | None:
    """The change of ``subject`` (a region id, ``filtered``, a hub group or ``all``) from
    period A to B in the filter's metric; ``None`` when a period has no data for it or the
    model does not cover every year it weighs (no range to explain)."""
    cells = period_cells(dataset, set(periods.a.years) | set(periods.b.years))
    subjects = subjects_for(dataset, filters, cells)
    if subject not in subjects.keys:
        return None
    row = subjects.keys.index(subject)
    before = period_weights(cells, subjects, periods.a, filters.metric)[row]
    after = period_weights(cells, subjects, periods.b, filters.metric)[row]
    if not before.any() or not after.any():
        return None
    weights: dict[tuple[str, str], float] = {}
    for region_id, year, weight in zip(cells.region_id, cells.year, after - before, strict=True):
        if weight == 0:
            continue
        if int(year) not in MODEL_YEARS:
            return None
        for part in year_parts(int(year)):
            weights[(str(region_id), part)] = weights.get((str(region_id), part), 0.0) + float(weight)
    key = f"change:{subject}:{periods.text}:{filters.metric.value}"
    return Question(key, tuple(sorted(weights.items())), change=True)
