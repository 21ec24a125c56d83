"""The validation vocabulary shared by the data loader and the upload: one :class:`Problem`
type, whole numbers with their plausible bounds, region codes, the basis rule, and what a region's
outline must be to be drawn.

Every check returns a problem (or ``None``); nothing here raises on bad input. Messages come
from the catalogue, so the operator's data errors and the analyst's upload errors read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import shapely
from shapely.geometry.base import BaseGeometry

from lib.text import number, t


class Basis(StrEnum):
    """How a number is known: cited, derived by the documented method, or not at all."""

    REPORTED = "reported"
    ESTIMATED = "estimated"
    MISSING = "missing"


BASIS_VALUES = tuple(basis.value for basis in Basis)
YEAR_LIMITS = (1990, 2035)
# Peru's prosecutors registered 1,433 trafficking complaints in the whole country in 2017,
# the highest year published; a region-year a hundred times that is a wrong column or a typo.
MAX_CASES = 100_000
# Peru had about 34 million people in 2024; one region of more than 50 million is a typo.
MAX_POPULATION = 50_000_000
# More digits than any bound above; longer strings are refused before converting them.
MAX_DIGITS = 12
# A value quoted in a message is cut to this many characters (a whole 5,000-digit "count"
# or a 10,000-column header helps nobody).
MAX_QUOTED_CHARS = 40
REGION_CODE = re.compile(r"\d{2}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: what, and where (``line`` is the physical line of
    the file, header = 1)."""

    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    file: str | None = None

    @property
    def shown_value(self) -> str:
        """The value as a message quotes it: cut to :data:`MAX_QUOTED_CHARS` characters."""
        value = self.value or ""
        return value if len(value) <= MAX_QUOTED_CHARS else value[:MAX_QUOTED_CHARS] + "…"

    def __str__(self) -> str:
        """``cases.csv line 3, column cases: value '1.5' must be a whole number …``."""
        where = " ".join(part for part in (self.file, f"line {self.line}" if self.line else None) if part)
        if self.column:
            where = f"{where}, column {self.column}" if where else f"column {self.column}"
        shown = f"value {self.shown_value!r} " if self.value is not None else ""
        return f"{where}: {shown}{self.message}" if where else f"{shown}{self.message}"


def whole_number_problem(text: str, low: int, high: int, counts: bool = False) -> str | None:
    """Why ``text`` is not a whole number in ``low..high`` (ASCII digits only), or ``None``.

    With ``counts`` (counts of cases or people), ``high`` is a plausibility cap rather than
    the end of a range, and the messages say so.

    >>> whole_number_problem("12", 0, 100) is None, whole_number_problem("1,200", 0, 10_000, counts=True)
    (True, 'has a thousands separator; write 1200')
    """
    value = text.strip()
    if value == "":
        return t("validate.empty")
    if re.fullmatch(r"[0-9]+", value):
        if len(value) <= MAX_DIGITS and low <= int(value) <= high:
            return None
        if not counts:
            return t("upload.err.between", low=low, high=high)
        return (
            t("upload.err.at_least", low=low)
            if int(value[:MAX_DIGITS]) < low
            else t("validate.too_large", high=number(high))
        )
    if re.fullmatch(r"-[0-9]+", value):
        return t("upload.err.negative") if counts else t("upload.err.between", low=low, high=high)
    if re.fullmatch(r"[0-9]{1,3}([,. ][0-9]{3})+", value) and len({char for char in value if not char.isdigit()}) == 1:
        return t("validate.thousands", plain=re.sub(r"[^0-9]", "", value))
    if re.fullmatch(r"[0-9]+,[0-9]+", value):
        return t("upload.err.decimal_comma_cases") if counts else t("upload.err.decimal_comma")
    if re.fullmatch(r"[0-9]+\.[0-9]+", value):
        return t("upload.err.decimal_point")
    if any(char.isdigit() for char in value) and not value.isascii():
        return t("validate.ascii_digits")
    return t("upload.err.not_whole")


def basis_problem(basis: str, cases: str) -> str | None:
    """The basis rule: a ``missing`` row has an empty count, every other row has one."""
    if basis == Basis.MISSING and cases.strip():
        return t("upload.err.count_with_missing")
    if basis != Basis.MISSING and not cases.strip():
        return t("upload.err.empty_cases")
    return None


def region_code_problem(value: str) -> str | None:
    return None if REGION_CODE.fullmatch(value) else t("validate.region_code")


POLYGONAL = ("Polygon", "MultiPolygon")


def drawable_shape(shape: BaseGeometry | None) -> tuple[BaseGeometry | None, str]:
    """A region's shape as every map and export draws it: a polygon or multipolygon in two
    dimensions (heights, as GIS tools write them, dropped), valid or made valid; else the
    problem in words, with the fix."""
    if shape is None or shape.is_empty:
        return None, "has no shape; give it a Polygon or MultiPolygon, or rebuild with scripts/build_geo.py"
    if shape.geom_type not in POLYGONAL:
        return None, f"is a {shape.geom_type}, not a polygon; a region needs a Polygon or MultiPolygon outline"
    flat = shapely.force_2d(shape)
    if not flat.is_valid:
        flat = shapely.make_valid(flat)
        polygons = [part for part in getattr(flat, "geoms", [flat]) if part.geom_type in POLYGONAL]
        flat = shapely.union_all(polygons) if polygons else flat
        if flat.geom_type not in POLYGONAL or flat.is_empty:
            return None, "has an invalid outline that cannot be repaired into a polygon; rebuild it"
    return flat, ""
