"""An analyst's own figures: server time to join 1, 10 and 50 figures to the sources (both
levels' programs, the feasibility check, the re-fitted estimate, every cell's and span's
range) and then draw the map page's figures, against the issue's 5 s; and what one figure,
"Lima 2011–2014 = the current estimate's total", changes. Run: ``python -m bench.figures [N]``."""

from __future__ import annotations

import statistics
import sys

from bench.results import elapsed_ms, machine, write_section
from lib.data import DEFAULT_DATA_DIR, Dataset, load_dataset
from lib.filters import Filters, Metric
from lib.own_figures import read_figures_upload
from lib.views.change.effects import moved_verdicts, narrowed_cells
from lib.views.change.figures import change_table
from lib.views.change.periods import Periods
from lib.views.map.figures import map_figures
from lib.with_figures import Clash, with_figures

BUDGET_MS = 5000
HEADER = "kind,region,first_year,last_year,value,source\n"
RANGE_HEADER = "kind,region,first_year,last_year,low,high,source\n"


def figures_file(bundled: Dataset, count: int) -> bytes:
    """``count`` region-year figures that can hold together: the first at the low end of its
    model range (so the estimate must be fitted again), the others published as ranges of
    two cases around the current estimate."""
    cells = bundled.cases[bundled.cases["year"] >= 2007].reset_index(drop=True)
    rows = []
    for i in range(count):
        cell = cells.iloc[(i * 37) % len(cells)]
        low, high = (
            (int(cell["cases_low"]),) * 2 if i == 0 else (max(int(cell["cases"]) - 1, 0), int(cell["cases"]) + 1)
        )
        rows.append(
            f"region-year,{cell['region_id']},{cell['year']},{cell['year']},{low},{high},https://example.org/{i}"
        )
    return (RANGE_HEADER + "\n".join(rows) + "\n").encode()


def join_and_draw(bundled: Dataset, data: bytes) -> None:
    figures = read_figures_upload(data, bundled.regions).figures
    joined = with_figures(bundled, figures, "bench.csv")
    assert not isinstance(joined, Clash)
    map_figures(joined, Filters(years=joined.year_range.default))


def timings(runs: int) -> list[str]:
    lines = ["| figures | join + map page (ms, median) | spread | budget |", "|---:|---:|---|---|"]
    for count in (1, 10, 50):
        times = []
        for _ in range(runs):
            bundled = load_dataset(DEFAULT_DATA_DIR)
            times.append(elapsed_ms(join_and_draw, bundled, figures_file(bundled, count)))
        median = statistics.median(times)
        mark = "✅" if median <= BUDGET_MS else "❌"
        lines.append(f"| {count} | {median:,.0f} | {min(times):,.0f}–{max(times):,.0f} | {mark} ≤ {BUDGET_MS:,} ms |")
    return lines


def lima() -> list[str]:
    bundled = load_dataset(DEFAULT_DATA_DIR)
    cases = bundled.cases
    total = int(cases[(cases["region_id"] == "15") & cases["year"].between(2011, 2014)]["cases"].sum())
    data = f"{HEADER}region-span,Lima,2011,2014,{total},https://example.org/oficio\n".encode()
    joined = with_figures(bundled, read_figures_upload(data, bundled.regions).figures, "lima.csv")
    assert not isinstance(joined, Clash)
    periods = Periods((2007, 2010), (2011, 2014))
    lines = [f"One figure, Lima 2011–2014 = {total} (the current estimate's total):", ""]
    for metric in Metric:
        filters = Filters(years=(2007, 2014), metric=metric)
        before, after = (change_table(data_, filters, periods).loc[0].loc["15"] for data_ in (bundled, joined))
        lines.append(
            f"- Lima's change ({metric.value}): model {before.change_low:+.1f} to {before.change_high:+.1f} → "
            f"{after.change_low:+.1f} to {after.change_high:+.1f}; sources alone {before.sources_change_low:+.1f} to "
            f"{before.sources_change_high:+.1f} → {after.sources_change_low:+.1f} to {after.sources_change_high:+.1f}; "
            f"verdict {before.verdict} → {after.verdict}."
        )
    moved = moved_verdicts(bundled, joined)
    lines.append(f"- Verdicts changed (25 regions × 2 metrics, default periods): {len(moved)}.")
    lines.append(f"- Region-year ranges narrowed: {len(narrowed_cells(bundled, joined))}.")
    return lines


def main(runs: int = 3) -> None:
    text = "\n".join(
        [
            "## An analyst's own figures (issue 30)",
            "",
            f"Medians of {runs} runs on {machine()}; server time. The first figure sits at the low end of its "
            "range, so the whole-case estimate is fitted again (a MILP, about a second; a file whose figures "
            "all agree with the estimate keeps it and skips that); the others are ranges of two cases.",
            "",
            *timings(runs),
            "",
            *lima(),
        ]
    )
    print(text)
    write_section("figures", text)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
