"""Year spans: one value type with its one text form, its label and its years.

A :class:`YearSpan` is a named pair, so a slider's ``(first, last)`` and a span compare
equal and unpack alike; everything that turns a span into text or years goes through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple


class YearSpan(NamedTuple):
    """The inclusive calendar years ``first`` to ``last``."""

    first: int
    last: int

    @classmethod
    def of(cls, span: tuple[int, int]) -> YearSpan:
        """``span`` as a :class:`YearSpan` (a slider's or a session's pair of years)."""
        return cls(int(span[0]), int(span[1]))

    @classmethod
    def single(cls, year: int) -> YearSpan:
        return cls(year, year)

    @property
    def years(self) -> range:
        """Every year of the span.

        >>> list(YearSpan(2011, 2013).years)
        [2011, 2012, 2013]
        """
        return range(self.first, self.last + 1)

    @property
    def year_count(self) -> int:
        return self.last - self.first + 1

    @property
    def text(self) -> str:
        """The form of links, file names and CSV cells: ``2009-2012``, or ``2011`` for one year.

        >>> YearSpan(2009, 2012).text, YearSpan(2011, 2011).text
        ('2009-2012', '2011')
        """
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"

    @property
    def label(self) -> str:
        """The form people read: ``2010–2012``, or ``2011``."""
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"

    def overlaps(self, other: YearSpan) -> bool:
        return self.first <= other.last and other.first <= self.last

    def within(self, first: int, last: int) -> bool:
        return first <= self.first <= self.last <= last


@dataclass(frozen=True)
class YearRange:
    """The years the slider offers (``first``..``last``) and the default selection."""

    first: int
    last: int
    default: YearSpan

    def __post_init__(self) -> None:
        object.__setattr__(self, "default", YearSpan.of(self.default))

    @property
    def whole(self) -> YearSpan:
        return YearSpan(self.first, self.last)

    def parse(self, text: str) -> YearSpan | None:
        """``2009-2012`` or ``2011`` inside these ends, or ``None``.

        >>> offered = YearRange(2007, 2014, YearSpan(2007, 2014))
        >>> offered.parse("2009-2012"), offered.parse("2015"), offered.parse("2012-2010")
        (YearSpan(first=2009, last=2012), None, None)
        """
        match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{4}))?", text)
        if not match:
            return None
        span = YearSpan(int(match.group(1)), int(match.group(2) or match.group(1)))
        return span if span.first <= span.last and span.within(self.first, self.last) else None
