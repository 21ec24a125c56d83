"""Everything the coverage page computes for a view, as two values like the other pages:
:class:`CoverageFigures` of the years and the page's state (the same in every language but
the scenario names of the comparison), and :class:`CoverageDrawing`, how the chosen
scenario is drawn. Coverage is about the whole country: only the year filter applies."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from lib.aggregate import region_summary
from lib.data import Dataset
from lib.filters import Filters
from lib.map.leaflet import RegionPaint
from lib.map.legend import LegendEntry
from lib.map.publish import Area
from lib.views.coverage.drawing import coverage_legend, coverage_paints, office_areas
from lib.views.coverage.figures import (
    CoverageFigures,
    ScenarioDifferences,
    comparison_table,
    coverage_figures,
    covered_ranges,
    office_table,
    region_values,
    scenario_differences,
    uncovered_table,
)
from lib.views.coverage.offices import Office, scenario_offices
from lib.views.coverage.planner import run_planner
from lib.views.coverage.view import CoverageView
from lib.vocabulary import Scenario
from lib.years import YearSpan


@dataclass(frozen=True)
class CoveragePage:
    """The coverage page's figures for one view: the region values over the years, every
    scenario's offices (the planner's best among them), the chosen scenario's figures and
    ranges, and the three tables the page shows and hands out."""

    values: pd.DataFrame
    scenarios: Mapping[Scenario, list[Office]]
    offices: list[Office]
    figures: CoverageFigures
    ranges: Mapping[str, int]
    comparison: pd.DataFrame
    office_table: pd.DataFrame
    uncovered_table: pd.DataFrame
    differences: ScenarioDifferences
    planner_ms: float


def coverage_page(
    dataset: Dataset, span: YearSpan, view: CoverageView, scenario_label: Callable[[Scenario], str]
) -> CoveragePage:
    """The figures of ``view`` over ``span``; ``scenario_label`` names each scenario in the
    comparison table (the page's language)."""
    summary = region_summary(dataset, Filters(years=span))
    values = region_values(summary, dataset.regions, dataset.population, span)
    planner = run_planner(view, values, dataset.region_lookup("region_id", "slug"))
    scenarios = {
        Scenario.PLAN_2014: scenario_offices(dataset.offices, Scenario.PLAN_2014),
        Scenario.ACTUAL_2015: scenario_offices(dataset.offices, Scenario.ACTUAL_2015),
        Scenario.BEST: planner.offices,
    }
    offices = scenarios[view.scenario]
    figures = coverage_figures(offices, values, span.year_count)
    names = dataset.region_lookup("region_id", "name")
    return CoveragePage(
        values=values,
        scenarios=scenarios,
        offices=offices,
        figures=figures,
        ranges=covered_ranges(figures, offices, span, dataset.solver),
        comparison=comparison_table(
            [(scenario_label(s), scenarios[s]) for s in Scenario], values, span, dataset.solver
        ),
        office_table=office_table(offices, values, span.year_count),
        uncovered_table=uncovered_table(offices, values),
        differences=scenario_differences(
            planner.offices, scenarios[Scenario.PLAN_2014], scenarios[Scenario.ACTUAL_2015], names
        ),
        planner_ms=planner.elapsed_ms,
    )


@dataclass(frozen=True)
class CoverageDrawing:
    """How the chosen scenario is drawn: each region's paint (by office), each office's
    whole area, the legend."""

    paints: list[RegionPaint]
    areas: list[Area]
    legend: list[LegendEntry]
    patterns: list[RegionPaint]


def coverage_drawing(dataset: Dataset, page: CoveragePage) -> CoverageDrawing:
    return CoverageDrawing(
        paints=coverage_paints(page.values, page.offices),
        areas=office_areas(dataset.geometry, page.offices),
        legend=coverage_legend(page.offices, page.values),
        patterns=[],
    )
