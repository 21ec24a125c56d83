"""URL parse/serialise: defaults, the contract's examples, junk, and the round trip."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lib.filters import (
    CLASS_COUNTS,
    Filters,
    Hubs,
    HubSet,
    Metric,
    Scheme,
    default_filters,
    filters_from_query,
    filters_to_query,
)
from lib.years import YearRange

YEARS = YearRange(first=2006, last=2014, default=(2007, 2014))
SLUGS = ["amazonas", "cusco", "lima", "madre-de-dios", "san-martin"]


def parse(**params: str) -> tuple[Filters, list[str]]:
    return filters_from_query(params, YEARS, SLUGS)


def test_absent_parameters_mean_defaults() -> None:
    filters, notices = parse()
    assert filters == default_filters(YEARS) and notices == []
    assert filters.years == (2007, 2014) and filters.metric is Metric.CASES and filters.regions == ()


def test_contract_examples() -> None:
    assert parse(years="2009-2012")[0].years == (2009, 2012)
    assert parse(years="2011")[0].years == (2011, 2011)
    assert parse(regions="madre-de-dios,cusco")[0].regions == ("cusco", "madre-de-dios")
    assert parse(hubs="tourism")[0].hubs is Hubs.TOURISM
    assert parse(hubs="mining,tourism")[0].hubs is Hubs.EITHER
    assert parse(hubs="other")[0].hubs is Hubs.OTHER
    assert parse(metric="rate")[0].metric is Metric.RATE
    assert parse(scheme="natural-breaks", k="7")[0].classes == 7
    assert parse(region="cusco")[0].selected == "cusco"
    assert parse(hubset="wide")[0].hub_set is HubSet.WIDE


def test_junk_falls_back_with_a_notice_per_value() -> None:
    filters, notices = parse(years="2014-2009", metric="<script>", k="99", hubs="gold", region="atlantis")
    assert filters == default_filters(YEARS)
    assert len(notices) == 5
    assert any("years='2014-2009'" in notice for notice in notices)
    assert any("metric='<script>'" in notice for notice in notices)


def test_unknown_regions_are_dropped_one_by_one() -> None:
    filters, notices = parse(regions="cusco,narnia,lima")
    assert filters.regions == ("cusco", "lima")
    assert notices == [
        "Ignored 1 unknown value(s) in regions: 'narnia'; expected region slugs such as cusco or madre-de-dios."
    ]


def test_years_outside_the_table_are_refused() -> None:
    assert parse(years="2000-2010")[1]
    assert parse(years="2015")[1]


def test_long_input_is_shortened_in_the_notice() -> None:
    _, notices = parse(metric="x" * 5000)
    assert len(notices[0]) < 200


def test_repeated_parameter_uses_the_last_value() -> None:
    filters, _ = filters_from_query({"metric": ["cases", "rate"]}, YEARS, SLUGS)
    assert filters.metric is Metric.RATE


def test_defaults_serialise_to_an_empty_query() -> None:
    assert filters_to_query(default_filters(YEARS), YEARS) == {}


def test_serialise_one_year_and_regions() -> None:
    filters = Filters(years=(2011, 2011), regions=("cusco", "lima"), hubs=Hubs.EITHER)
    assert filters_to_query(filters, YEARS) == {"years": "2011", "regions": "cusco,lima", "hubs": "tourism,mining"}


year_pairs = st.tuples(st.integers(2006, 2014), st.integers(2006, 2014)).map(lambda pair: tuple(sorted(pair)))
filters_strategy = st.builds(
    Filters,
    years=year_pairs,
    regions=st.lists(st.sampled_from(SLUGS), unique=True).map(lambda chosen: tuple(s for s in SLUGS if s in chosen)),
    hubs=st.sampled_from(list(Hubs)),
    hub_set=st.sampled_from(list(HubSet)),
    metric=st.sampled_from(list(Metric)),
    scheme=st.sampled_from(list(Scheme)),
    classes=st.sampled_from(list(CLASS_COUNTS)),
    selected=st.none() | st.sampled_from(SLUGS),
)


@settings(max_examples=500)
@given(filters_strategy)
def test_round_trip(filters: Filters) -> None:
    parsed, notices = filters_from_query(filters_to_query(filters, YEARS), YEARS, SLUGS)
    assert parsed == filters and notices == []


@settings(max_examples=500)
@given(
    st.dictionaries(st.sampled_from(["years", "regions", "hubs", "metric", "k", "region", "scheme", "x"]), st.text())
)
def test_arbitrary_query_never_raises(params: dict[str, str]) -> None:
    filters, notices = filters_from_query(params, YEARS, SLUGS)
    assert YEARS.first <= filters.years[0] <= filters.years[1] <= YEARS.last
    assert all(isinstance(notice, str) for notice in notices)
