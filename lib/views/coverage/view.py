"""What the coverage page shows (a scenario and the planner's inputs) and its URL form."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from lib.filters import QueryParams, QueryReader
from lib.text import t
from lib.url import Query, UrlContext
from lib.vocabulary import MAX_OFFICES, MAX_RADIUS_KM, Rule, Scenario


@dataclass(frozen=True)
class CoverageView:
    """What the coverage page shows: a scenario and the planner's inputs.

    ``seats`` holds candidate region slugs, empty meaning every region capital.
    """

    scenario: Scenario = Scenario.ACTUAL_2015
    offices: int = 4
    rule: Rule = Rule.OWN_REGION
    radius_km: int = 300
    seats: tuple[str, ...] = ()


def coverage_from_query(params: QueryParams, slugs: Sequence[str]) -> tuple[CoverageView, list[str]]:
    """Parse ``scenario, offices, rule, radius, seats``; junk falls back with a notice."""
    reader = QueryReader(params)
    values = {
        "scenario": reader.enum("scenario", Scenario),
        "offices": reader.whole("offices", 1, MAX_OFFICES),
        "rule": reader.enum("rule", Rule),
        "radius_km": reader.whole("radius", 0, MAX_RADIUS_KM, lambda: t("expect.radius", high=MAX_RADIUS_KM)),
        "seats": reader.slugs("seats", slugs),
    }
    given = {name: value for name, value in values.items() if value is not None}
    return replace(CoverageView(), **given), reader.notices  # type: ignore[arg-type]


def coverage_to_query(view: CoverageView) -> dict[str, str]:
    """Query parameters for ``view``; defaults are left out, planner inputs only for ``best``."""
    default = CoverageView()
    query: dict[str, str] = {}
    if view.scenario != default.scenario:
        query["scenario"] = view.scenario.value
    if view.scenario is Scenario.BEST:
        if view.offices != default.offices:
            query["offices"] = str(view.offices)
        if view.rule != default.rule:
            query["rule"] = view.rule.value
        if view.rule is Rule.RADIUS and view.radius_km != default.radius_km:
            query["radius"] = str(view.radius_km)
        if view.seats:
            query["seats"] = ",".join(view.seats)
    return query


class CoverageCodec:
    """The coverage view's URL form (:mod:`lib.url`)."""

    region_fields = frozenset({"seats"})

    def from_query(self, params: Query, context: UrlContext) -> tuple[CoverageView, list[str]]:
        return coverage_from_query(params, list(context.slugs))

    def to_query(self, state: CoverageView, context: UrlContext) -> dict[str, str]:
        return coverage_to_query(state)

    def fit(self, state: CoverageView, context: UrlContext) -> CoverageView:
        return state
