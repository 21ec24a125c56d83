"""Checks across the files of a data folder, once each has passed its own schema: whether
the precomputed ranges belong to the cases beside them (a range solved for other cases would
be shown beside a value it leaves out)."""

from __future__ import annotations

import pandas as pd

from lib.files import line_of
from lib.validate import Problem

MAX_RANGE_PROBLEMS = 10


def _rows_problems(ranges: pd.DataFrame, name: str) -> list[Problem]:
    """Rows of ``ranges.csv`` that disagree with themselves: a span that ends before it
    starts, a span given twice, a model range wider than the sources' (the sources alone
    can never allow less than the model, which adds assumptions to them)."""
    problems = []
    seen: dict[tuple[str, int, int], int] = {}
    for index, row in ranges.iterrows():
        span = (str(row["region_id"]), int(row["first_year"]), int(row["last_year"]))
        if span[1] > span[2]:
            problems.append(
                Problem(f"first_year {span[1]} comes after last_year {span[2]}; swap them", line_of(index), file=name)
            )
        first = seen.setdefault(span, index)
        if first != index:
            problems.append(
                Problem(
                    f"repeats region {span[0]}, {span[1]}–{span[2]} from line {line_of(first)}; keep one",
                    line_of(index),
                    file=name,
                )
            )
        if row["cases_low"] < row["sources_low"] or row["cases_high"] > row["sources_high"]:
            message = (
                f"the model range {row['cases_low']}–{row['cases_high']} is wider than the sources' "
                f"{row['sources_low']}–{row['sources_high']}; the model adds assumptions, so it can only be narrower"
            )
            problems.append(Problem(message, line_of(index), file=name))
    return problems


def ranges_problems(cases: pd.DataFrame, ranges: pd.DataFrame, known: set[str]) -> list[Problem]:
    """Whether ``ranges.csv`` belongs to the ``cases.csv`` beside it: the same regions (and
    ``all``), years the cases have, and every sum of the cases inside its range at both
    levels. Ranges solved for other cases would show a range that leaves out its own value."""
    if ranges.empty:
        return []
    name = "ranges.csv"
    fix = (
        "the ranges belong to other cases: rebuild them with scripts/build_cases.py (the bundled data), "
        "or remove ranges.csv to use the folder without ranges"
    )
    problems = _rows_problems(ranges, name)
    subjects = set(ranges["region_id"])
    if subjects != known | {"all"}:
        absent, extra = sorted((known | {"all"}) - subjects), sorted(subjects - known - {"all"})
        detail = "; ".join(
            part
            for part in (
                f"no rows for {', '.join(absent)}" if absent else "",
                f"rows for unknown {', '.join(extra)}" if extra else "",
            )
            if part
        )
        problems.append(Problem(f"its regions are not those of regions.csv ({detail}); {fix}", file=name))
    years = set(cases["year"])
    outside = sorted({int(y) for y in (*ranges["first_year"], *ranges["last_year"])} - years)
    if outside:
        problems.append(
            Problem(f"covers years cases.csv does not have ({', '.join(map(str, outside))}); {fix}", file=name)
        )
    if problems:
        return problems
    by_year = (
        cases.pivot_table(index="region_id", columns="year", values="cases", aggfunc="sum").astype(float).fillna(0)
    )
    by_year.loc["all"] = by_year.sum()
    running = by_year.cumsum(axis=1)
    before = {year: running[year] - by_year[year] for year in by_year.columns}
    for index, row in ranges.iterrows():
        value = running.loc[row["region_id"], row["last_year"]] - before[row["first_year"]][row["region_id"]]
        for low, high, level in (
            ("cases_low", "cases_high", "model"),
            ("sources_low", "sources_high", "sources alone"),
        ):
            if not row[low] <= value <= row[high]:
                problems.append(
                    Problem(
                        f"region {row['region_id']}, {row['first_year']}–{row['last_year']}: cases.csv sums to "
                        f"{value:,.0f}, outside the {level} range {row[low]:,}–{row[high]:,}; {fix}",
                        line_of(index),
                        file=name,
                    )
                )
                break  # one line a row: the model level lies inside the sources' range
    if len(problems) > MAX_RANGE_PROBLEMS:
        more = len(problems) - MAX_RANGE_PROBLEMS
        problems = problems[:MAX_RANGE_PROBLEMS] + [Problem(f"and {more} more sums outside their ranges", file=name)]
    return problems
