"""The one source of truth for what the analyst is looking at, and its URL form.

:class:`Filters` is frozen; :func:`filters_from_query` and :func:`filters_to_query` are
pure and round-trip (``from(to(f)) == f``). Junk in the URL never raises: the value falls
back to its default and a notice says what was ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TypeVar

from lib.text import LANGUAGES, t
from lib.url import Query, UrlContext
from lib.validate import whole_number_problem
from lib.years import YearRange, YearSpan


class Metric(StrEnum):
    CASES = "cases"
    RATE = "rate"  # cases per 100,000 people per year


class Hubs(StrEnum):
    ALL = "all"
    TOURISM = "tourism"
    MINING = "mining"
    EITHER = "tourism,mining"
    OTHER = "other"  # neither tourism nor mining


class HubSet(StrEnum):
    """Which cited hub classification the hub filter uses."""

    REFERENCE = "reference"  # the originating report: tourism Lima, Cusco, Piura; mining Loreto, Madre de Dios
    WIDE = "wide"  # mining = the 2014 list of informal-mining regions


class Scheme(StrEnum):
    """Class-break schemes, by URL value (``lib.classify`` maps them to mapclassify)."""

    QUANTILES = "quantiles"
    NATURAL_BREAKS = "natural-breaks"
    EQUAL_INTERVAL = "equal-interval"


CLASS_COUNTS = range(3, 8)


@dataclass(frozen=True)
class Filters:
    """Everything that decides the rows and the map.

    ``years`` is inclusive; ``regions`` holds region slugs, empty meaning all regions;
    ``selected`` is the slug of the clicked region or ``None``.
    """

    years: YearSpan
    regions: tuple[str, ...] = ()
    hubs: Hubs = Hubs.ALL
    hub_set: HubSet = HubSet.REFERENCE
    metric: Metric = Metric.CASES
    scheme: Scheme = Scheme.QUANTILES
    classes: int = 5
    selected: str | None = None

    def __post_init__(self) -> None:
        # A slider's or a session's (first, last) pair becomes the span it stands for.
        object.__setattr__(self, "years", YearSpan.of(self.years))

    def with_changes(self, **changes: object) -> Filters:
        return replace(self, **changes)  # type: ignore[arg-type]


def default_filters(years: YearRange) -> Filters:
    return Filters(years=years.default)


QueryParams = Mapping[str, str | Sequence[str]]


# Longer values are refused unread: no legitimate link needs more (25 slugs fit in 300
# characters), and a flood of input must not cost a flood of work or notices.
MAX_PARAMETER_CHARS = 1_000
MAX_ITEMS_QUOTED = 3


EnumType = TypeVar("EnumType", bound=StrEnum)
Value = TypeVar("Value")


def _enum_value(enum: type[EnumType], text: str) -> EnumType | None:
    try:
        return enum(text)
    except ValueError:
        return None


def _hubs_value(text: str) -> Hubs | None:
    """Hubs in any order: ``mining,tourism`` is the same as ``tourism,mining``."""
    parts = frozenset(part.strip() for part in text.split(","))
    return next((hubs for hubs in Hubs if frozenset(hubs.value.split(",")) == parts), None)


def quoted(text: str, limit: int = 40) -> str:
    """A short, plain rendering of user input for a notice (never HTML)."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def ignored_notice(key: str, text: str, expected: str) -> str:
    return t("notice.ignored", key=key, value=quoted(text), expected=expected)


def one_of(values: Sequence[str]) -> str:
    return t("expect.one_of", options=" | ".join(values))


@dataclass
class QueryReader:
    """Reads typed values from URL parameters, one rule for every page and parameter: an
    absent parameter gives ``None``; an unusable one (malformed, out of range or too long)
    gives ``None`` and one notice saying what was expected. A parameter given several times
    with different values uses the last (as Streamlit does), and a notice says so."""

    params: QueryParams
    notices: list[str] = field(default_factory=list)

    def text(self, key: str) -> str | None:
        """The parameter's one value, stripped; ``None`` (with a notice) if it is unusable."""
        given = self.params.get(key)
        if given is None:
            return None
        values = [given] if isinstance(given, str) else list(dict.fromkeys(given))
        if not values:
            return ""
        if len(values) > 1:
            self.notices.append(t("notice.repeated", key=key, count=len(values), value=quoted(values[-1])))
        if len(values[-1]) > MAX_PARAMETER_CHARS:
            self.notices.append(t("notice.too_long", key=key, length=len(values[-1]), limit=MAX_PARAMETER_CHARS))
            return None
        return values[-1].strip()

    def read(self, key: str, parse: Callable[[str], Value | None], expected: Callable[[], str]) -> Value | None:
        text = self.text(key)
        if text is None:
            return None
        value = parse(text)
        if value is None:
            self.notices.append(ignored_notice(key, text, expected()))
        return value

    def enum(
        self, key: str, enum: type[EnumType], parse: Callable[[str], EnumType | None] | None = None
    ) -> EnumType | None:
        return self.read(
            key,
            parse or (lambda text: _enum_value(enum, text)),
            lambda: one_of([member.value for member in enum]),
        )

    def whole(self, key: str, low: int, high: int, expected: Callable[[], str] | None = None) -> int | None:
        def parse(text: str) -> int | None:
            return int(text) if whole_number_problem(text, low, high) is None else None

        return self.read(key, parse, expected or (lambda: t("expect.whole_range", low=low, high=high)))

    def slugs(self, key: str, known: Sequence[str]) -> tuple[str, ...] | None:
        """Comma-separated slugs in ``known`` order; the unknown ones are dropped with one
        notice that counts them and quotes a few."""
        text = self.text(key)
        if text is None:
            return None
        wanted = {slug.strip() for slug in text.split(",") if slug.strip()}
        unknown = sorted(wanted - set(known))
        if unknown:
            shown = ", ".join(quoted(slug) for slug in unknown[:MAX_ITEMS_QUOTED])
            more = (
                t("notice.and_more", count=len(unknown) - MAX_ITEMS_QUOTED) if len(unknown) > MAX_ITEMS_QUOTED else ""
            )
            self.notices.append(
                t(
                    "notice.unknown_regions",
                    key=key,
                    count=len(unknown),
                    values=shown + more,
                    expected=t("expect.regions"),
                )
            )
        return tuple(slug for slug in known if slug in wanted)


def filters_from_query(params: QueryParams, years: YearRange, slugs: Sequence[str]) -> tuple[Filters, list[str]]:
    """Parse URL query parameters into :class:`Filters`.

    Returns the filters and a list of notices, one per value that was ignored (the
    default is used instead). Unknown region slugs are dropped one by one.
    """
    reader = QueryReader(params)
    values = {
        "years": reader.read(
            "years",
            years.parse,
            lambda: t("expect.years", first=years.first, last=years.last),
        ),
        "regions": reader.slugs("regions", slugs),
        "hubs": reader.enum("hubs", Hubs, _hubs_value),
        "hub_set": reader.enum("hubset", HubSet),
        "metric": reader.enum("metric", Metric),
        "scheme": reader.enum("scheme", Scheme),
        "classes": reader.whole("k", CLASS_COUNTS.start, CLASS_COUNTS.stop - 1),
        "selected": reader.read("region", lambda text: text if text in slugs else None, lambda: t("expect.region")),
    }
    given = {name: value for name, value in values.items() if value is not None}
    return default_filters(years).with_changes(**given), reader.notices


UPLOADED = "upload"  # ``data=upload``: the view was made with an analyst's own file


def made_with_upload(params: QueryParams) -> tuple[bool, list[str]]:
    """Whether the link says its view used an uploaded file (which lives in one browser
    session only, so a new session cannot show it), and notices for an unusable value."""
    reader = QueryReader(params)
    flag = reader.read("data", lambda text: text if text == UPLOADED else None, lambda: one_of([UPLOADED]))
    return flag == UPLOADED, reader.notices


IN_SESSION = "session"  # ``figures=session``: the view had an analyst's own figures joined


def made_with_figures(params: QueryParams) -> tuple[bool, list[str]]:
    """Whether the link says its view had the analyst's own figures joined to the sources
    (they live in one browser session only), and notices for an unusable value."""
    reader = QueryReader(params)
    flag = reader.read("figures", lambda text: text if text == IN_SESSION else None, lambda: one_of([IN_SESSION]))
    return flag == IN_SESSION, reader.notices


def language_from_query(values: Sequence[str], browser: str) -> tuple[str, str | None]:
    """The language for the ``lang`` URL values (``browser`` when absent or unusable), and a
    notice if the value was not usable."""
    reader = QueryReader({"lang": values} if values else {})
    language = reader.read("lang", lambda text: text if text in LANGUAGES else None, lambda: " | ".join(LANGUAGES))
    return language or browser, reader.notices[0] if reader.notices else None


def filters_to_query(filters: Filters, years: YearRange) -> dict[str, str]:
    """URL query parameters for ``filters``; values equal to the defaults are left out."""
    defaults = default_filters(years)
    query: dict[str, str] = {}
    if filters.years != defaults.years:
        query["years"] = filters.years.text
    if filters.regions:
        query["regions"] = ",".join(filters.regions)
    if filters.hubs != defaults.hubs:
        query["hubs"] = filters.hubs.value
    if filters.hub_set != defaults.hub_set:
        query["hubset"] = filters.hub_set.value
    if filters.metric != defaults.metric:
        query["metric"] = filters.metric.value
    if filters.scheme != defaults.scheme:
        query["scheme"] = filters.scheme.value
    if filters.classes != defaults.classes:
        query["k"] = str(filters.classes)
    if filters.selected:
        query["region"] = filters.selected
    return query


class FiltersCodec:
    """The shared filters' URL form (:mod:`lib.url`)."""

    region_fields = frozenset({"regions"})

    def from_query(self, params: Query, context: UrlContext) -> tuple[Filters, list[str]]:
        return filters_from_query(params, context.years, list(context.slugs))

    def to_query(self, state: Filters, context: UrlContext) -> dict[str, str]:
        return filters_to_query(state, context.years)

    def fit(self, state: Filters, context: UrlContext) -> Filters:
        """Years outside the data's fall back to its default years; the rest stays."""
        if state.years.within(context.years.first, context.years.last):
            return state
        return state.with_changes(years=context.years.default)
