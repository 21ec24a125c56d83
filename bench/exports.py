"""Server time and size of each map export (PNG, SVG, standalone HTML), medians of N builds
of the default view and of a one-year view with a selection. Run: ``python -m bench.exports [N]``."""

from __future__ import annotations

import statistics
import sys
import time

from bench.results import machine, write_section
from lib.data import DEFAULT_DATA_DIR, load_dataset
from lib.map.publish import FORMATS, export_bytes
from tests.support.exports import make_export

BUDGETS_MS = {"png": 1500, "svg": 1500, "html": 500}
BUDGETS_KB = {"png": 1000, "html": 500}


def main(runs: int = 7) -> None:
    dataset = load_dataset(DEFAULT_DATA_DIR)
    export = make_export(dataset)
    lines = ["## Map exports", "", f"Machine: {machine()}; medians of {runs} builds (after one warm-up).", ""]
    lines += ["| format | server time (ms) | budget | size (KB) | budget |", "|---|---:|---|---:|---|"]
    for file_format in FORMATS:
        export_bytes(export, file_format)
        times, size = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            size = len(export_bytes(export, file_format))
            times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        kb = size / 1024
        time_ok = "✅" if median <= BUDGETS_MS[file_format] else "❌"
        size_budget = BUDGETS_KB.get(file_format)
        size_ok = "" if size_budget is None else ("✅" if kb <= size_budget else "❌") + f" ≤ {size_budget} KB"
        budget = f"{time_ok} ≤ {BUDGETS_MS[file_format]:,} ms"
        lines.append(f"| {file_format.upper()} | {median:,.0f} | {budget} | {kb:,.0f} | {size_ok} |")
    text = "\n".join(lines) + "\n\nView: 2012, Cusco selected, region names and neighbours on.\n"
    print(text)
    write_section("exports", text)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
