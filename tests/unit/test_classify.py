"""Class breaks via mapclassify, and the palette."""

import pandas as pd
import pytest

from lib.classify import classify, sequential_palette
from lib.filters import Scheme

VALUES = pd.Series([1.0, 2.0, 3.0, 4.0, 10.0, 20.0, 40.0, None], index=list("abcdefgh"))


@pytest.mark.parametrize("scheme", list(Scheme))
@pytest.mark.parametrize("k", [3, 5])
def test_every_value_with_data_gets_a_class(scheme: Scheme, k: int) -> None:
    classes = classify(VALUES, scheme, k)
    assert set(classes.class_of) == set("abcdefg")
    assert sum(classes.counts) == 7
    assert classes.size <= k
    assert classes.upper[-1] == 40.0
    for label, index in classes.class_of.items():
        assert VALUES[label] <= classes.upper[index]


def test_natural_breaks_is_deterministic() -> None:
    first = classify(VALUES, Scheme.NATURAL_BREAKS, 3)
    assert all(classify(VALUES, Scheme.NATURAL_BREAKS, 3) == first for _ in range(5))


def test_fewer_distinct_values_than_classes() -> None:
    classes = classify(pd.Series([5.0, 5.0, 7.0], index=list("abc")), Scheme.QUANTILES, 5)
    assert classes.upper == (5.0, 7.0) and classes.lower == (5.0, 7.0) and classes.counts == (2, 1)


def test_no_values_no_classes() -> None:
    assert classify(pd.Series([None, None], dtype="Float64", index=list("ab")), Scheme.QUANTILES, 5).size == 0


def test_palette_runs_light_to_dark() -> None:
    colours = sequential_palette(5)
    assert len(set(colours)) == 5

    def lightness(hex_colour: str) -> float:
        red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    assert [lightness(c) for c in colours] == sorted((lightness(c) for c in colours), reverse=True)
    assert sequential_palette(0) == [] and len(sequential_palette(1)) == 1


# Machado, Oliveira & Fernandes (2009) simulation matrices at full severity, in linear RGB.
CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def simulated_luminance(hex_colour: str, matrix: list[list[float]]) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    rgb = [linear(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5)]
    seen = [max(0.0, min(1.0, sum(row[j] * rgb[j] for j in range(3)))) for row in matrix]
    return 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2]


@pytest.mark.parametrize("deficiency", sorted(CVD))
@pytest.mark.parametrize("size", [3, 5, 7])
def test_palette_stays_ordered_for_colour_vision_deficiencies(deficiency: str, size: int) -> None:
    """Each class must stay lighter than the next for the three common deficiencies, with a
    visible step between neighbours (relative luminance ratio of at least 1.1)."""
    luminance = [simulated_luminance(colour, CVD[deficiency]) for colour in sequential_palette(size)]
    for lighter, darker in zip(luminance, luminance[1:], strict=False):
        assert (lighter + 0.05) / (darker + 0.05) >= 1.1
