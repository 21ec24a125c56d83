"""The change page's two periods and their URL form (``a=2007-2010&b=2011-2014``).

:func:`periods_from_query` and :func:`periods_to_query` are pure and round-trip; junk in the
link falls back to the default with a notice, by the same :class:`lib.filters.QueryReader`
rules as every other parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.filters import QueryParams, QueryReader
from lib.text import t
from lib.url import Query, UrlContext
from lib.years import YearRange, YearSpan


@dataclass(frozen=True)
class Periods:
    """Two inclusive year spans, compared as yearly averages: B's minus A's."""

    a: YearSpan
    b: YearSpan

    def __post_init__(self) -> None:
        object.__setattr__(self, "a", YearSpan.of(self.a))
        object.__setattr__(self, "b", YearSpan.of(self.b))

    @property
    def overlapping(self) -> bool:
        return self.a.overlaps(self.b)

    @property
    def text(self) -> str:
        """The one form of a pair of periods in file names: ``2007-2010_vs_2011-2014``."""
        return f"{self.a.text}_vs_{self.b.text}"

    def to_query(self) -> dict[str, str]:
        return {"a": self.a.text, "b": self.b.text}

    def swapped(self) -> Periods:
        return Periods(self.b, self.a)


def _halves(first: int, last: int) -> Periods:
    middle = (first + last) // 2
    if first >= last:
        return Periods(YearSpan(first, first), YearSpan(last, last))
    return Periods(YearSpan(first, middle), YearSpan(middle + 1, last))


def default_periods(years: YearRange) -> Periods:
    """The default years split in two halves (2007–2014: 2007–2010 against 2011–2014)."""
    return _halves(*years.default)


def periods_from_query(params: QueryParams, years: YearRange) -> tuple[Periods, list[str]]:
    """Parse ``a`` and ``b`` (``2007-2010``, ``2012``); junk falls back with a notice."""
    reader = QueryReader(params)
    defaults = default_periods(years)
    expected = lambda: t("expect.years", first=years.first, last=years.last)  # noqa: E731
    a = reader.read("a", years.parse, expected)
    b = reader.read("b", years.parse, expected)
    return Periods(a or defaults.a, b or defaults.b), reader.notices


def periods_to_query(periods: Periods, years: YearRange) -> dict[str, str]:
    """``a`` and ``b`` unless they are the defaults (both are written when either differs,
    so a link never depends on a default that may change with the data)."""
    if periods == default_periods(years):
        return {}
    return periods.to_query()


def compare_periods(years: YearSpan, year_range: YearRange) -> Periods:
    """Sensible periods to compare for a view of ``years``: its two halves, or the default
    periods for a single year."""
    return default_periods(year_range) if years[0] == years[1] else _halves(*years)


class PeriodsCodec:
    """The two periods' URL form (:mod:`lib.url`)."""

    region_fields: frozenset[str] = frozenset()

    def from_query(self, params: Query, context: UrlContext) -> tuple[Periods, list[str]]:
        return periods_from_query(params, context.years)

    def to_query(self, state: Periods, context: UrlContext) -> dict[str, str]:
        return periods_to_query(state, context.years)

    def fit(self, state: Periods, context: UrlContext) -> Periods:
        """Periods chosen in other data's years were that data's: the new data's defaults."""
        return default_periods(context.years)
