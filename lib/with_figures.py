"""The bundled data with an analyst's own figures joined to the cited sources, for one
browser session: both levels' programs hold them too, the whole-case point estimate is fitted
again inside the new ranges, and every cell's and every span's range is solved again.

If the figures cannot all be true together with the held sources (a level has no solution),
nothing is built: :func:`with_figures` returns the :class:`Clash`, the smallest set of
figures, added and cited, that cannot hold together (an irreducible infeasible subset,
from HiGHS), with what each says.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from lib.data import AddedFigures, DataFolder, Dataset
from lib.lp import Model, objective_ranges
from lib.model import YEARS, Level
from lib.model import Model as CitedModel
from lib.own_figures import FigureKind, OwnFigure
from lib.ranges import EPSILON, Source, point_estimate, program, terms_for
from lib.solver import RangeSolver, added_label

RANGE_COLUMNS = ["cases_low", "cases_high", "sources_low", "sources_high"]
FIGURE_SOURCE = "analyst's figure (line {line}): {source}"


@dataclass(frozen=True)
class Clash:
    """Figures that cannot all hold at ``level``: ``keys`` (cited and added, as the model
    names them; drop any one and the rest can hold) and whether the model's assumptions take
    part (the figures alone could hold without them)."""

    level: Level
    keys: tuple[str, ...]
    assumptions: bool


def _feasible(model: CitedModel, level: Level, keys: Sequence[str]) -> bool:
    """Whether the figures ``keys`` of ``model`` alone (with the level's assumptions) can hold."""
    alone = replace(model, figures=tuple(figure for figure in model.figures if figure.key in keys))
    return Model(program(alone, level)).feasible()


def clash(model: CitedModel, level: Level) -> Clash | None:
    """The figures of ``model`` that cannot hold together at ``level``, irreducible (drop any
    one and the rest can hold); ``None`` when they all can."""
    whole = program(model, level)
    solver = Model(whole)
    if solver.feasible():
        return None
    named = [whole.rows[row] for row in solver.infeasible_rows() if row < len(whole.rows)]
    keys = list(dict.fromkeys(row.key for row in named if row.source is Source.FIGURE))
    if _feasible(model, level, keys):  # HiGHS found no subset: start from every figure
        keys = [figure.key for figure in model.constraints]
    # HiGHS' subset is irreducible in the rows it found, not always in figures: keep only the
    # figures the clash needs (a deletion filter on the named figures alone).
    for key in list(keys):
        rest = [other for other in keys if other != key]
        if not _feasible(model, level, rest):
            keys = rest
    assumptions = level is Level.MODEL and _feasible(model, Level.SOURCES, keys)
    return Clash(level, tuple(keys), assumptions)


def _whole(ranges: np.ndarray) -> np.ndarray:
    """Ranges rounded inward to whole cases, as the bundled tables are."""
    return np.column_stack([np.ceil(ranges[:, 0] - EPSILON), np.floor(ranges[:, 1] + EPSILON)])


def _solved(solver: RangeSolver, subjects: Sequence[Sequence[str]], spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """Both levels' whole-case ranges of each subject (regions) over each span (first, last),
    as columns cases_low, cases_high, sources_low, sources_high; the levels on two cores."""

    def level_ranges(level: Level) -> np.ndarray:
        program = solver.programs[level]
        rows = [
            program.vector(terms_for(regions, range(first, last + 1)))
            for regions, (first, last) in zip(subjects, spans, strict=True)
        ]
        return _whole(objective_ranges(program, np.array(rows)))

    with ThreadPoolExecutor(max_workers=2) as pool:
        model, sources = pool.map(level_ranges, (Level.MODEL, Level.SOURCES))
    return np.hstack([model, sources])


def holds_figure(cases: pd.DataFrame, figure: OwnFigure) -> bool:
    """Whether the case table (whole years) satisfies ``figure`` (every added figure is about
    whole years)."""
    years = cases["year"].between(figure.first_year, figure.last_year)
    national = float(cases.loc[years, "cases"].sum())
    own = (
        national
        if figure.kind is FigureKind.NATIONAL_YEAR
        else float(cases.loc[years & (cases["region_id"] == figure.region_id), "cases"].sum())
    )
    value = own / national * 100 if figure.kind is FigureKind.SHARE and national else own
    slack = EPSILON * max(1.0, abs(value))
    return (figure.low is None or value >= figure.low - slack) and (figure.high is None or value <= figure.high + slack)


def _cases(dataset: Dataset, solver: RangeSolver, figures: Sequence[OwnFigure]) -> pd.DataFrame:
    """The case table with the figures: its estimates fitted again unless the current ones
    already satisfy every added figure (they satisfy the cited ones: a figure that agrees
    with the estimate changes no estimate), and every cell's range solved again."""
    cases = dataset.cases.copy()
    inside = cases["year"].isin(YEARS).to_numpy()
    regions = cases["region_id"].astype(str).tolist()
    years = cases["year"].astype(int).tolist()
    if not all(holds_figure(cases, figure) for figure in figures):
        estimate = point_estimate(solver.model)
        values = [
            sum(estimate[term] for term in terms_for([region], [year])) if keep else None
            for region, year, keep in zip(regions, years, inside, strict=True)
        ]
        cases["cases"] = pd.array(values, dtype="Int64")
    chosen = np.flatnonzero(inside)
    ranges = _solved(solver, [[regions[i]] for i in chosen], [(years[i], years[i]) for i in chosen])
    for column, values_ in zip(RANGE_COLUMNS, ranges.T, strict=True):
        cases.loc[cases.index[chosen], column] = values_.astype(int)
        cases[column] = cases[column].astype("Int64")
    # A region-year the analyst gave exactly is reported, with the analyst's source.
    for figure in figures:
        if figure.kind is FigureKind.REGION_YEAR and figure.value is not None:
            row = (cases["region_id"] == figure.region_id) & (cases["year"] == figure.first_year)
            cases.loc[row, "basis"] = "reported"
            cases.loc[row, "source"] = FIGURE_SOURCE.format(line=figure.line, source=figure.source)
    return cases


def _ranges(dataset: Dataset, solver: RangeSolver) -> pd.DataFrame:
    table = dataset.ranges.copy()
    every = list(solver.model.regions)
    subjects = [every if subject == "all" else [subject] for subject in table["region_id"]]
    spans = list(zip(table["first_year"].astype(int), table["last_year"].astype(int), strict=True))
    solved = _solved(solver, subjects, spans)
    for column, values in zip(RANGE_COLUMNS, solved.T, strict=True):
        table[column] = values.astype(int)
    return table


def figure_rows(dataset: Dataset, figures: Sequence[OwnFigure]) -> pd.DataFrame:
    """The added figures as rows of the model-figures table, so every page names them as it
    names the cited ones."""
    rows = [
        {
            "key": figure.key,
            "figure": added_label(figure, dataset.region_lookup("region_id", "name")),
            "cited": "" if figure.value is None else f"{figure.value:g}",
            "unit": "%" if figure.kind is FigureKind.SHARE else "cases",
            "treatment": "held" if figure.value is not None else "bent",
            "allowed_low": "" if figure.low is None else f"{figure.low:g}",
            "allowed_high": "" if figure.high is None else f"{figure.high:g}",
            "note": figure.note,
            "url": figure.source,
        }
        for figure in figures
    ]
    return pd.concat([dataset.model_figures, pd.DataFrame(rows)], ignore_index=True).fillna("")


def with_figures(dataset: Dataset, figures: Sequence[OwnFigure], file_name: str) -> Dataset | Clash:
    """``dataset`` (a data folder's) with ``figures`` joined to its sources, or the clash
    that stops them."""
    if not isinstance(dataset.origin, DataFolder):
        raise ValueError("figures join a data folder's cited sources")
    joined = replace(dataset, origin=AddedFigures(dataset.origin, file_name, tuple(figures)))
    solver = joined.solver
    if solver is None:
        raise ValueError("this data folder has no model to join figures to")
    for level in (Level.SOURCES, Level.MODEL):
        found = clash(solver.model, level)
        if found is not None:
            return found
    final = replace(
        joined,
        cases=_cases(dataset, solver, figures),
        ranges=_ranges(dataset, solver),
        model_figures=figure_rows(dataset, figures),
    )
    final.__dict__["solver"] = solver  # the cached property's slot: the same figures, solved once
    return final
