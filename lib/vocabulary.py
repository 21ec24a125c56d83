"""The app's shared vocabulary: the values features name and labels translate (verdicts,
coverage scenarios, the planner's rules and bounds, hub groups). It sits on the ground floor
so that :mod:`lib.labels` and every view can name them without pointing up into a feature.
The filter values (metrics, hubs, hub sets, schemes) live with the filters, :mod:`lib.filters`.
"""

from __future__ import annotations

from enum import StrEnum

# Ends closer to zero than this are zero: HiGHS is exact to about 1e-7 on this model.
TOLERANCE = 1e-6


class Verdict(StrEnum):
    ROSE = "rose"
    FELL = "fell"
    UNCHANGED = "unchanged"  # a zero-width range at zero: the sources pin both periods equal
    CANNOT_TELL = "cannot-tell"  # the model-level range holds zero
    NO_RANGE = "no-range"  # a plain difference: an upload, or years the model does not cover
    NO_DATA = "no-data"  # a period without any data


SUPPORTED = (Verdict.ROSE, Verdict.FELL)


def verdict(low: float, high: float) -> Verdict:
    """The direction a range of a change supports.

    >>> [str(verdict(*ends)) for ends in [(1.2, 38.0), (-40.0, -1.0), (-46.0, 121.0), (0.0, 0.0)]]
    ['rose', 'fell', 'cannot-tell', 'unchanged']
    """
    if low > TOLERANCE:
        return Verdict.ROSE
    if high < -TOLERANCE:
        return Verdict.FELL
    if low >= -TOLERANCE and high <= TOLERANCE:
        return Verdict.UNCHANGED
    return Verdict.CANNOT_TELL


def holds(value: float, low: float, high: float) -> bool:
    """Whether ``low..high`` holds ``value`` (up to the solver's tolerance): a range that
    leaves out its own value belongs to other data and is never shown."""
    slack = TOLERANCE * max(1.0, abs(value))
    return low - slack <= value <= high + slack


class Scenario(StrEnum):
    PLAN_2014 = "plan-2014"
    ACTUAL_2015 = "actual-2015"
    BEST = "best"  # the planner's result


# The planner's bounds (the coverage page's sliders).
MAX_RADIUS_KM = 1000
MAX_OFFICES = 8


class Rule(StrEnum):
    OWN_REGION = "own"  # each office covers its own region only
    RADIUS = "radius"  # every region whose capital is within R km of the office city


# The hub groups the trends and change pages compare.
HUB_GROUPS = ("tourism", "mining", "other")
