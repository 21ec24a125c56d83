"""The change page's two periods and their URL form (``a=2007-2010&b=2011-2014``).

:func:`periods_from_query` and :func:`periods_to_query` are pure and round-trip; junk in the
link falls back to the default with a notice, by the same :class:`lib.filters.QueryReader`
rules as every other parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.filters import QueryParams, QueryReader, YearRange, parse_years, years_value
from lib.text import t


@dataclass(frozen=True)
class Periods:
    """Two inclusive year spans, compared as yearly averages: B's minus A's."""

    a: tuple[int, int]
    b: tuple[int, int]

    @property
    def overlapping(self) -> bool:
        return self.a[0] <= self.b[1] and self.b[0] <= self.a[1]

    def swapped(self) -> Periods:
        return Periods(self.b, self.a)


def _halves(first: int, last: int) -> Periods:
    middle = (first + last) // 2
    return Periods((first, middle), (middle + 1, last)) if first < last else Periods((first, first), (last, last))


def default_periods(years: YearRange) -> Periods:
    """The default years split in two halves (2007–2014: 2007–2010 against 2011–2014)."""
    return _halves(*years.default)


def periods_from_query(params: QueryParams, years: YearRange) -> tuple[Periods, list[str]]:
    """Parse ``a`` and ``b`` (``2007-2010``, ``2012``); junk falls back with a notice."""
    reader = QueryReader(params)
    defaults = default_periods(years)
    expected = lambda: t("expect.years", first=years.first, last=years.last)  # noqa: E731
    a = reader.read("a", lambda text: parse_years(text, years), expected)
    b = reader.read("b", lambda text: parse_years(text, years), expected)
    return Periods(a or defaults.a, b or defaults.b), reader.notices


def periods_to_query(periods: Periods, years: YearRange) -> dict[str, str]:
    """``a`` and ``b`` unless they are the defaults (both are written when either differs,
    so a link never depends on a default that may change with the data)."""
    if periods == default_periods(years):
        return {}
    return {"a": years_value(periods.a), "b": years_value(periods.b)}


def compare_periods(years: tuple[int, int], year_range: YearRange) -> Periods:
    """Sensible periods to compare for a view of ``years``: its two halves, or the default
    periods for a single year."""
    return default_periods(year_range) if years[0] == years[1] else _halves(*years)
