"""Class breaks (via mapclassify) and the colour-blind-safe palette for the choropleth."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import branca.colormap
import mapclassify
import numpy as np
import pandas as pd

from lib.filters import Scheme

# FisherJenks is the exact natural-breaks optimum; mapclassify's NaturalBreaks uses random
# k-means starts and can give different breaks on each run, which would redraw the map.
MAPCLASSIFY_NAMES = {
    Scheme.QUANTILES: "Quantiles",
    Scheme.NATURAL_BREAKS: "FisherJenks",
    Scheme.EQUAL_INTERVAL: "EqualInterval",
}


@dataclass(frozen=True)
class Classes:
    """Classes over the values that have data.

    Class ``i`` holds values in ``(lower[i], upper[i]]`` (the first class includes its
    lower bound). ``class_of`` maps each index label with a value to its class number.
    """

    lower: tuple[float, ...]
    upper: tuple[float, ...]
    counts: tuple[int, ...]
    class_of: dict[str, int]

    @property
    def size(self) -> int:
        return len(self.upper)

    def index_of(self, value: float) -> int:
        """The class a value falls in (below the first class: the first; above the last: the last)."""
        for index, upper in enumerate(self.upper):
            if value <= upper:
                return index
        return self.size - 1


def classify(values: pd.Series, scheme: Scheme, k: int) -> Classes:
    """Classify the non-missing ``values`` into at most ``k`` classes with ``scheme``.

    Fewer distinct values than ``k`` give one class per distinct value; no values give no
    classes.

    >>> classes = classify(pd.Series([1.0, 2.0, 3.0, None], index=list("abcd")), Scheme.EQUAL_INTERVAL, 2)
    >>> classes.upper, classes.counts, classes.class_of
    ((2.0, 3.0), (2, 1), {'a': 0, 'b': 0, 'c': 1})
    """
    present = values.dropna().astype(float)
    if present.empty:
        return Classes((), (), (), {})
    distinct = np.unique(present.to_numpy())
    if len(distinct) <= k:
        # One class per distinct value: each class is a single value.
        upper = tuple(float(value) for value in distinct)
        bins = np.array(upper)
        lower = upper
    else:
        with warnings.catch_warnings():
            # mapclassify warns when ties shrink the number of classes; the result is still right.
            warnings.simplefilter("ignore")
            result = mapclassify.classify(present.to_numpy(), MAPCLASSIFY_NAMES[scheme], k=k)
        bins = np.unique(np.asarray(result.bins, dtype=float))
        upper = tuple(float(value) for value in bins)
        lower = (float(distinct[0]),) + upper[:-1]
    positions = np.searchsorted(bins, present.to_numpy(), side="left")
    class_of = {str(label): int(position) for label, position in zip(present.index, positions, strict=True)}
    counts = tuple(int((positions == index).sum()) for index in range(len(upper)))
    return Classes(lower=lower, upper=upper, counts=counts, class_of=class_of)


def sequential_palette(size: int) -> list[str]:
    """``size`` hex colours from light (lowest class) to dark (highest) along viridis, which
    stays ordered for the common colour-vision deficiencies."""
    if size <= 0:
        return []
    colormap: branca.colormap.LinearColormap = branca.colormap.linear.viridis  # type: ignore[attr-defined]  # set per palette at import; 0 = dark purple, 1 = yellow
    # Stop short of the palest yellow so the lowest class still stands apart from "no data".
    lightest = 0.95
    if size == 1:
        return [colormap.rgb_hex_str(0.0)]
    return [colormap.rgb_hex_str(lightest * (1 - index / (size - 1))) for index in range(size)]
