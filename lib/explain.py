"""What holds a range and what would settle it, in the page's language: the table of the
constraints that hold each end (named as the data page names the cited figures) and the
best candidates in words.

Text from the data (figure names, region names) is returned as it is; the shell shows it
in a table or escapes it for markdown.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from lib.held import NON_NEGATIVE, HeldEnd, Hold
from lib.model import JAN_APR_2014, LIMA_DISTRICT_2012, MAY_DEC_2014, Assumptions, Level
from lib.ranges import SHARE_FACTOR, YEARLY_CHANGE, Source
from lib.settle import Kind
from lib.text import number, t

HELD_COLUMNS = ["level", "end", "value", "holds", "cited", "moves", "url"]
# At most this many places are named for an assumption that holds an end at many.
PLACES_NAMED = 4
SHOWN_IN_WORDS = 5
BEYOND_KEYS = {
    ("below", "rose"): "explain.below.rose",
    ("below", "fell"): "explain.below.fell",
    ("above", "rose"): "explain.above.rose",
    ("above", "fell"): "explain.above.fell",
}


def _place(about: Sequence[str], names: Mapping[str, str]) -> str:
    """``Lima 2011`` for a region and year (a part of 2014 reads as its months), ``2012``
    for a year alone, nothing for a figure that is about one thing only."""
    if len(about) < 2:
        return "".join(about)
    region, part = about[0], about[1]
    months = {JAN_APR_2014: t("explain.jan_apr", year=2014), MAY_DEC_2014: t("explain.may_dec", year=2014)}
    return f"{names.get(region, region)} {months.get(part, part)}"


def _assumption_text(key: str, places: list[str], assumptions: Assumptions) -> str:
    named = ", ".join(places[:PLACES_NAMED]) + (" …" if len(places) > PLACES_NAMED else "")
    if key == SHARE_FACTOR:
        return t("explain.share", factor=number(assumptions.share_factor, 1), places=named)
    if key == YEARLY_CHANGE:
        return t("explain.change", change=number(assumptions.yearly_change * 100), places=named)
    low, high = assumptions.jan_apr_2014
    return t("explain.jan_apr_share", low=number(low * 100, 1), high=number(high * 100, 1))


def held_table(
    ends: Mapping[Level, tuple[HeldEnd, HeldEnd]],
    figures: pd.DataFrame,
    names: Mapping[str, str],
    assumptions: Assumptions,
    level_label: Callable[[Level], str],
) -> pd.DataFrame:
    """One row per constraint holding an end: the level, the end and its value, what holds
    it (a cited figure by the data page's name, an assumption with its parameter, counts
    that cannot be negative), the figure as cited, how far one unit of it moves the end,
    and its source. Assumptions that hold an end at many places are one row."""
    by_key = figures.set_index("key") if not figures.empty else pd.DataFrame()
    rows = []
    for level, pair in ends.items():
        for end, held in zip((t("explain.low"), t("explain.high")), pair, strict=True):
            grouped: dict[tuple[Source, str], list[Hold]] = {}
            for hold in held.holds:
                grouped.setdefault((hold.row.source, hold.row.key), []).append(hold)
            for (source, key), holds in grouped.items():
                cited, url = "", ""
                places = [place for hold in holds if (place := _place(hold.row.about, names))]
                if source is Source.FIGURE and key in by_key.index:
                    text = str(by_key.loc[key, "figure"])
                    cited = f"{by_key.loc[key, 'cited']} {by_key.loc[key, 'unit']}"
                    url = str(by_key.loc[key, "url"])
                elif source is Source.FIGURE:
                    text = key
                elif source is Source.ASSUMPTION:
                    text = _assumption_text(key, places, assumptions)
                elif key == NON_NEGATIVE:
                    text = t("explain.non_negative", places=", ".join(places[:PLACES_NAMED]))
                elif key == LIMA_DISTRICT_2012:
                    text = t("explain.lima_district")
                else:
                    text = key
                rows.append(
                    {
                        "level": level_label(level),
                        "end": end,
                        "value": held.value,
                        "holds": text,
                        "cited": cited,
                        "moves": max(hold.weight for hold in holds),
                        "url": url,
                    }
                )
    return pd.DataFrame(rows, columns=HELD_COLUMNS)


def candidate_text(kind: str, region_id: str, first: int, last: int, names: Mapping[str, str]) -> str:
    """``Lima's 2011 count``, ``Lima's total for 2009–2014``, ``the national 2011 total``."""
    region = names.get(region_id, region_id)
    if kind == Kind.REGION_YEAR:
        return t("explain.candidate.region_year", region=region, year=first)
    if kind == Kind.REGION_SPAN:
        return t("explain.candidate.region_span", region=region, first=first, last=last)
    if kind == Kind.REGION_WINDOW:
        return t("explain.candidate.region_window", region=region)
    return t("explain.candidate.national_year", year=first)


def _direction(row: pd.Series, digits: int) -> str:
    low, high = row["open_low"], row["open_high"]
    if low is None or pd.isna(low):
        return ""
    parts = []
    # Counts are whole: "under 12" is every count below an open interval starting at 11.4.
    if row["below"]:
        parts.append(t(BEYOND_KEYS["below", row["below"]], value=number(math.ceil(low - 1e-6))))
    if row["above"]:
        parts.append(t(BEYOND_KEYS["above", row["above"]], value=number(math.floor(high + 1e-6))))
    return "; " + (t("explain.or").join(parts) if parts else t("explain.never_settles"))


def exact(table: pd.DataFrame) -> bool:
    """Whether the question's range is a single value at every level: nothing to settle."""
    return bool(((table["now_high"] - table["now_low"]) <= 1e-6).all())


def settle_sentences(table: pd.DataFrame, subject: str, unit: str, names: Mapping[str, str], digits: int) -> list[str]:
    """The best candidates at the model level in words; the question's own figure is left
    out (asking for it settles it trivially)."""
    model = table[(table["level"] == Level.MODEL.value) & ~table["own"]]
    width = model["now_high"] - model["now_low"]
    # A figure that leaves the range as wide as it is whatever its value says nothing.
    model = model[(model["guaranteed_width"] < width - 1e-6) | (model["best_width"] < width - 1e-6)]
    chosen = [row for _, row in model.head(SHOWN_IN_WORDS).iterrows()]
    return [
        t(
            "explain.sentence",
            candidate=candidate_text(row["kind"], row["region_id"], row["first_year"], row["last_year"], names),
            subject=subject,
            width=number(row["guaranteed_width"], digits),
            unit=unit,
            low=number(row["now_low"], digits),
            high=number(row["now_high"], digits),
            best=number(row["best_width"], digits),
            direction=_direction(row, digits),
        )
        for row in chosen
    ]
