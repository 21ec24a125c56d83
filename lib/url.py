"""One protocol for everything the URL carries: each view state (the shared filters
:class:`lib.filters.FiltersCodec`, the change page's periods, the coverage page's view) has a
pure :class:`Codec` — from the query, to the query, which of its fields hold region slugs
(widgets hold region ids), and how it fits data whose years changed — and
:mod:`lib.shell.url` does the rest the same way for all. Links come from the same codecs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

from lib.years import YearRange

State = TypeVar("State")
Query = Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class UrlContext:
    """What a state's URL form depends on: the data's years and its regions."""

    years: YearRange
    slugs: tuple[str, ...]
    ids: Mapping[str, str]  # slug -> region id


class Codec(Protocol[State]):
    """A view state's URL form."""

    region_fields: frozenset[str]  # fields holding region slugs

    def from_query(self, params: Query, context: UrlContext) -> tuple[State, list[str]]: ...

    def to_query(self, state: State, context: UrlContext) -> dict[str, str]: ...

    def fit(self, state: State, context: UrlContext) -> State:
        """``state`` for data whose years are ``context.years`` (the data changed under it)."""
        ...


def to_widgets(state: Any, widget_fields: Mapping[str, str], codec: Codec[Any], context: UrlContext) -> dict[str, Any]:
    """Each widget key's value for ``state`` (region slugs as region ids)."""
    values = {}
    for field, key in widget_fields.items():
        value = getattr(state, field)
        values[key] = [context.ids[slug] for slug in value] if field in codec.region_fields else value
    return values


def from_widgets(state: State, values: Mapping[str, Any], codec: Codec[State], context: UrlContext) -> State:
    """``state`` with the widgets' ``values`` by field (region ids back to slugs, sorted)."""
    slugs = {region_id: slug for slug, region_id in context.ids.items()}
    changes = {
        field: tuple(slugs[region_id] for region_id in sorted(value)) if field in codec.region_fields else value
        for field, value in values.items()
    }
    return replace(state, **changes)  # type: ignore[type-var]
