"""Display labels of the core's enums, from the catalogue: ``label(Metric.RATE)``.

The catalogue keys sit in literal tables here (never built with f-strings), so a test can
check that each one exists in both languages, and a missing label fails at import of the
tests rather than in front of an analyst.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from enum import StrEnum

import pandas as pd

from lib.filters import Filters, Hubs, HubSet, Metric, Scheme
from lib.model import Level, Treatment
from lib.text import amount, number, t
from lib.validate import Basis
from lib.vocabulary import Rule, Scenario, Verdict

LABEL_KEYS: dict[type[StrEnum], dict[str, str]] = {
    Metric: {Metric.CASES: "metric.cases", Metric.RATE: "metric.rate"},
    Hubs: {
        Hubs.ALL: "hubs.all",
        Hubs.TOURISM: "hubs.tourism",
        Hubs.MINING: "hubs.mining",
        Hubs.EITHER: "hubs.tourism,mining",
        Hubs.OTHER: "hubs.other",
    },
    HubSet: {HubSet.REFERENCE: "hub_set.reference", HubSet.WIDE: "hub_set.wide"},
    Scheme: {
        Scheme.QUANTILES: "scheme.quantiles",
        Scheme.NATURAL_BREAKS: "scheme.natural-breaks",
        Scheme.EQUAL_INTERVAL: "scheme.equal-interval",
    },
    Basis: {Basis.REPORTED: "basis.reported", Basis.ESTIMATED: "basis.estimated", Basis.MISSING: "basis.missing"},
    Scenario: {
        Scenario.PLAN_2014: "scenario.plan-2014",
        Scenario.ACTUAL_2015: "scenario.actual-2015",
        Scenario.BEST: "scenario.best",
    },
    Rule: {Rule.OWN_REGION: "rule.own", Rule.RADIUS: "rule.radius"},
    Verdict: {
        Verdict.ROSE: "verdict.rose",
        Verdict.FELL: "verdict.fell",
        Verdict.UNCHANGED: "verdict.unchanged",
        Verdict.CANNOT_TELL: "verdict.cannot-tell",
        Verdict.NO_RANGE: "verdict.no-range",
        Verdict.NO_DATA: "verdict.no-data",
    },
    Level: {Level.MODEL: "level.model", Level.SOURCES: "level.sources"},
    Treatment: {
        Treatment.HELD: "treatment.held",
        Treatment.BENT: "treatment.bent",
        Treatment.SET_ASIDE: "treatment.set aside",
    },
}
# The groups of the trends page (hub groups) and the change page (those, the filtered
# regions together and the country: lib.views.change.figures.FILTERED, lib.views.change.figures.NATIONAL).
GROUP_LABEL_KEYS = {
    "tourism": "trends.group.tourism",
    "mining": "trends.group.mining",
    "other": "trends.group.other",
    "filtered": "change.group.filtered",
    "all": "change.group.all",
}
UNIT_KEYS = {Metric.CASES: "metric.cases.unit", Metric.RATE: "metric.rate.unit"}
YEARLY_UNIT_KEYS = {Metric.CASES: "metric.cases.yearly_unit", Metric.RATE: "metric.rate.yearly_unit"}
LANGUAGE_KEYS = {"en": "language.en", "es": "language.es"}
COUNTRY_KEYS = {
    "068": "country.068",
    "076": "country.076",
    "152": "country.152",
    "170": "country.170",
    "218": "country.218",
}


def country_names() -> dict[str, str]:
    """Neighbouring countries' names in the current language, by ISO numeric code."""
    return {code: t(COUNTRY_KEYS[code]) for code in COUNTRY_KEYS}


def label(member: StrEnum) -> str:
    """The display label of an enum member in the current language.

    >>> label(Metric.RATE)
    'Cases per 100,000 people per year'
    """
    return t(LABEL_KEYS[type(member)][member])


def year_changes_text(entries: Sequence[tuple[int, Verdict, bool]]) -> str:
    """Year-to-year steps with a supported direction (:func:`lib.views.change.figures.year_to_year`) in
    words: ``2008–2009 rose, 2013–2014 rose (sources alone too)``, or "none"."""
    items = []
    for year, member, sources_too in entries:
        item = t("trends.change.item", years=f"{year}–{year + 1}", verdict=label(member).lower())
        items.append(t("trends.change.sources_too", item=item) if sources_too else item)
    return ", ".join(items) or t("trends.change.none")


def group_label(group: str) -> str:
    """A group's display name (:data:`GROUP_LABEL_KEYS`)."""
    return t(GROUP_LABEL_KEYS[group])


def basis_label(basis: str) -> str:
    """The label of a basis given as text (a ``basis`` column value)."""
    return label(Basis(basis))


def unit(metric: Metric) -> str:
    """The short unit of a metric (``cases``, ``per 100,000 per year``), for axis titles."""
    return t(UNIT_KEYS[metric])


def yearly_unit(metric: Metric) -> str:
    """The unit of a yearly average or a change of one: ``cases a year``, ``per 100,000 per
    year`` (a rate is yearly already: never "per year a year")."""
    return t(YEARLY_UNIT_KEYS[metric])


def language_name(code: str) -> str:
    return t(LANGUAGE_KEYS[code])


def filter_summary(filters: Filters, names: Mapping[str, str], with_years: bool = True) -> str:
    """One line saying what is filtered, e.g. ``2010–2012 · all regions · Mining hubs · Cases``
    (without the years where a page has its own, as the change page's periods); ``names``
    maps region slugs to display names."""
    if not filters.regions:
        regions = t("filters.all_regions")
    elif len(filters.regions) <= 3:
        regions = ", ".join(names[slug] for slug in filters.regions)
    else:
        regions = t("filters.n_regions", count=len(filters.regions))
    rest = t("filters.summary_rest", regions=regions, hubs=label(filters.hubs), metric=label(filters.metric))
    return t("filters.summary", years=filters.years.label, rest=rest) if with_years else rest


def span_text(low: object, high: object, digits: int = 0) -> str:
    """``226–252``, or one number when both ends are equal.

    >>> span_text(226, 252), span_text(35, 35)
    ('226–252', '35')
    """
    low_text, high_text = amount(low, digits), amount(high, digits)
    return low_text if low_text == high_text else f"{low_text}–{high_text}"


def bound_text(low: float | None, high: float | None) -> str:
    """A figure given as a value or a range that may be open: ``12``, ``10–14``, ``≥ 200``
    (published as "more than 200"), ``≤ 30``.

    >>> bound_text(12, 12), bound_text(10, 14), bound_text(200, None), bound_text(None, 30)
    ('12', '10–14', '≥ 200', '≤ 30')
    """
    if high is None:
        return f"≥ {amount(low)}"
    if low is None:
        return f"≤ {amount(high)}"
    return span_text(low, high)


def range_sentence(ranges: Mapping[str, object], short: bool = False) -> str:
    """Both levels of a count's range in words ("" when unknown)."""
    if not ranges or any(ranges.get(column) is None for column in ("cases_low", "sources_low")):
        return ""
    if ranges["sources_low"] == ranges["sources_high"]:
        return t("range.exact_short") if short else t("range.exact")
    model = span_text(ranges["cases_low"], ranges["cases_high"])
    sources = span_text(ranges["sources_low"], ranges["sources_high"])
    return t("range.short", model=model, sources=sources) if short else t("range.both", model=model, sources=sources)


def holds_while_text(share_factor: float, yearly_change: float) -> str:
    """How far a model-only direction's assumptions can be loosened: ``holds while shares stay
    within 3.51× of the window share and the national total moves up to 104 % a year``
    (``however far`` for an assumption it does not need); empty where not asked."""
    if pd.isna(share_factor) and pd.isna(yearly_change):
        return ""
    share = t("holds.far") if math.isinf(share_factor) else t("holds.share", factor=number(share_factor, 2))
    change = t("holds.far") if math.isinf(yearly_change) else t("holds.change", change=number(yearly_change * 100))
    return t("holds.while", share=share, change=change)
