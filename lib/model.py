"""The stated model of what the cited figures hold, as linear constraints on the unknown
region × year complaint counts (Ministerio Público register only).

The unknowns are ``x[region, part]`` for the parts 2007 … 2013, ``2014a`` (Jan–Apr) and
``2014b`` (May–Dec): the cited regional window ends in April 2014, so 2014 is split. Each
cited figure becomes one constraint on a sum of unknowns, and is either

- **held**: the sum equals the figure (or is at least it, for a floor such as "more than 1,500"),
- **bent**: the sum lies within a stated tolerance (a share published rounded to 0.1 %), or
- **set aside**: it contradicts held figures; the reason and the arithmetic are stated.

Two levels: :data:`Level.SOURCES` uses the held and bent figures only; :data:`Level.MODEL`
adds the assumptions the point estimate rests on (:class:`Assumptions`), each with its
parameter. :mod:`lib.cited` builds it from the source tables; :mod:`lib.ranges` solves it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

YEARS = tuple(range(2007, 2015))
PARTS: tuple[str, ...] = (*map(str, range(2007, 2014)), "2014a", "2014b")
JAN_APR_2014, MAY_DEC_2014 = "2014a", "2014b"
LIMA, LIMA_DISTRICT_2012 = "15", "lima-district-2012"


class Level(StrEnum):
    SOURCES = "sources"  # the cited figures alone, within their tolerances
    MODEL = "model"  # plus the model's stated assumptions


class Treatment(StrEnum):
    HELD = "held"
    BENT = "bent"
    SET_ASIDE = "set aside"


@dataclass(frozen=True)
class Assumptions:
    """What the point estimate assumes beyond the sources, each bounded by a parameter."""

    # A region's share of a year's national total stays within this factor of its share
    # of the Jan 2007–Apr 2014 window, give or take one case (3: between a third and three
    # times it). The case either way lets regions with a handful of cases have whole numbers.
    share_factor: float = 3.0
    # From 2009 (when the prosecutor's register was in full use) the national total moves
    # by at most this fraction of the previous year's.
    yearly_change: float = 0.5
    first_smooth_year: int = 2009
    # The country's Jan–Apr 2014 holds between these fractions of its 2014 total (4/12 ± 1/12).
    # Not per region: Cusco, Puno and Madre de Dios together had 75 in 2014, fewer than an
    # even spread of their regional totals allows, so their own months were uneven.
    jan_apr_2014: tuple[float, float] = (3 / 12, 5 / 12)


@dataclass(frozen=True)
class Figure:
    """One cited figure and what the model makes of it.

    ``terms`` are the unknowns whose sum the figure speaks of (``(region_id, part)``, or
    ``(LIMA_DISTRICT_2012, "")`` for the Lima fiscal district's 2012 count); ``low``..``high``
    is what the model lets that sum be (``None`` = unbounded). ``cited`` is the number as
    published, ``unit`` ``cases`` or ``%``.
    """

    key: str
    label: str
    cited: float
    unit: str
    treatment: Treatment
    low: float | None
    high: float | None
    terms: tuple[tuple[str, str], ...] = ()
    note: str = ""
    url: str = ""
    # A share: the sum of ``terms`` lies between ``low`` and ``high`` times the sum of these
    # (fractions, not percentages); empty for a count.
    of: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Model:
    regions: tuple[str, ...]
    figures: tuple[Figure, ...]
    window_share: Mapping[str, float] = field(default_factory=dict)  # region -> share of 1,976
    assumptions: Assumptions = Assumptions()

    @property
    def constraints(self) -> tuple[Figure, ...]:
        return tuple(figure for figure in self.figures if figure.treatment is not Treatment.SET_ASIDE)


def parts_of(period: str) -> tuple[str, ...]:
    """The model parts a cited period covers exactly: ``2009-01/2014-12`` -> 2009 … 2014b.

    >>> parts_of("2007-01/2014-04")[-2:], parts_of("2012-01/2012-12")
    (('2013', '2014a'), ('2012',))
    """
    match = re.fullmatch(r"(\d{4})-01/(\d{4})-(04|12)", period)
    if not match:
        raise ValueError(f"period {period!r} does not align with whole years or Jan–Apr 2014")
    first, last, month = int(match.group(1)), int(match.group(2)), match.group(3)
    parts = [str(year) for year in range(first, min(last, 2013) + 1)]
    if last == 2014:
        parts += [JAN_APR_2014] + ([MAY_DEC_2014] if month == "12" else [])
    elif month == "04":
        raise ValueError(f"period {period!r}: only 2014 is split at April")
    return tuple(parts)


def years_label(parts: Sequence[str]) -> str:
    """``2012`` or ``2011 – 2012``: the whole years among ``parts``."""
    years = sorted({part[:4] for part in parts})
    return years[0] if len(years) == 1 else f"{years[0]} – {years[-1]}"


def cells(regions: Sequence[str], parts: Sequence[str]) -> tuple[tuple[str, str], ...]:
    return tuple((region, part) for region in regions for part in parts)
