"""What would settle a range: server time of the ranking (every candidate, both levels) for
one question, cold (a fresh dataset: its solver, the candidates' own ranges and the ranking
all computed), warm (the candidates' ranges known from an earlier question) and cached (a
repeat), against the issue's 2 s; the cost of "why this range" and of the assumptions'
strength on the change page. Run: ``python -m bench.settle [N]``."""

from __future__ import annotations

import statistics
import sys

from bench.results import elapsed_ms, machine, write_section
from lib.data import DEFAULT_DATA_DIR, Dataset, load_dataset
from lib.filters import Filters
from lib.held import held_ends
from lib.model import Level
from lib.settle import Question, candidate_ranges, national_question, ranking, region_question
from lib.solver import RangeSolver
from lib.views.change.figures import change_table
from lib.views.change.periods import Periods
from lib.views.change.questions import change_question
from lib.years import YearSpan

BUDGET_MS = 2000
PERIODS = Periods((2007, 2010), (2011, 2014))
FILTERS = Filters(years=(2007, 2014))


def questions(dataset: Dataset) -> dict[str, Question | None]:
    regions = list(dataset.regions["region_id"])
    return {
        "Lima's change, 2007–2010 vs 2011–2014": change_question(dataset, FILTERS, PERIODS, "15"),
        "Loreto's change, 2007–2010 vs 2011–2014": change_question(dataset, FILTERS, PERIODS, "16"),
        "Loreto 2010": region_question("16", YearSpan.single(2010)),
        "Lima 2007–2014": region_question("15", YearSpan(2007, 2014)),
        "national 2011": national_question(regions, 2011),
    }


def ranking_times(runs: int) -> list[str]:
    lines = [
        "| question | cold (ms, median) | spread | warm | cached | budget |",
        "|---|---:|---|---:|---:|---|",
    ]
    for name in questions(load_dataset(DEFAULT_DATA_DIR)):
        cold, warm = [], []
        for _ in range(runs):
            dataset = load_dataset(DEFAULT_DATA_DIR)  # a fresh solver: nothing known yet
            question = questions(dataset)[name]
            assert dataset.solver is not None and question is not None
            cold.append(elapsed_ms(ranking, dataset.solver, question))
            fresh = load_dataset(DEFAULT_DATA_DIR)
            for level in Level:
                candidate_ranges(fresh.solver, level)
            warm.append(elapsed_ms(ranking, fresh.solver, questions(fresh)[name]))
        cached = elapsed_ms(ranking, dataset.solver, question)
        median = statistics.median(cold)
        mark = "✅" if median <= BUDGET_MS else "❌"
        spread = f"{min(cold):,.0f}–{max(cold):,.0f}"
        lines.append(
            f"| {name} | {median:,.0f} | {spread} | {statistics.median(warm):,.0f} | {cached:,.2f} "
            f"| {mark} ≤ {BUDGET_MS:,} ms |"
        )
    return lines


def explain_all(solver: RangeSolver, chosen: list[Question]) -> None:
    for question in chosen:
        for program in solver.programs.values():
            held_ends(program, question.objective(program))


def page_costs(runs: int) -> list[str]:
    held, strength = [], []
    for _ in range(runs):
        dataset = load_dataset(DEFAULT_DATA_DIR)
        solver = dataset.solver
        assert solver is not None
        subjects = ["15", "filtered", "tourism", "mining", "other", "all"]
        found = [change_question(dataset, FILTERS, PERIODS, subject) for subject in subjects]
        chosen = [question for question in found if question is not None]
        held.append(elapsed_ms(explain_all, solver, chosen))
        plain = elapsed_ms(change_table, dataset, FILTERS, PERIODS)
        strength.append(elapsed_ms(change_table, dataset, FILTERS, PERIODS, strength=True) - plain)
    return [
        f"- Why this range for the selected region and each group (the change page's lower part, "
        f"{len(chosen)} questions × 2 levels, cold): {statistics.median(held):,.0f} ms median "
        f"({min(held):,.0f}–{max(held):,.0f}).",
        f"- How strong the assumptions must be (2 model-only verdicts × 2 parameters, bisection): "
        f"{statistics.median(strength):,.0f} ms added to the change table "
        f"({min(strength):,.0f}–{max(strength):,.0f}).",
    ]


def best_three() -> list[str]:
    dataset = load_dataset(DEFAULT_DATA_DIR)
    names = dataset.region_lookup("region_id", "name")
    lines = ["| question | level | candidate | guaranteed width | best width | now |", "|---|---|---|---:|---:|---|"]
    for name, question in list(questions(dataset).items())[:2]:
        assert dataset.solver is not None and question is not None
        table = ranking(dataset.solver, question)
        for level in Level:
            mine = table[table["level"] == level.value].head(3)
            for row in mine.itertuples():
                place = names.get(row.region_id, "national")
                years = row.first_year if row.first_year == row.last_year else f"{row.first_year}–{row.last_year}"
                lines.append(
                    f"| {name} | {level.value} | {row.kind} {place} {years} | {row.guaranteed_width:,.1f} "
                    f"| {row.best_width:,.1f} | {row.now_low:,.1f} to {row.now_high:,.1f} |"
                )
    return lines


def main(runs: int = 5) -> None:
    text = "\n".join(
        [
            "## What would settle it (issue 29)",
            "",
            f"Medians of {runs} runs on {machine()}; server time only (the ranking is computed when the "
            "analyst asks, never on a page's first render).",
            "",
            *ranking_times(runs),
            "",
            *page_costs(runs),
            "",
            "The three best candidates, by guaranteed width (cases a year for a change):",
            "",
            *best_three(),
        ]
    )
    print(text)
    write_section("settle", text)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
