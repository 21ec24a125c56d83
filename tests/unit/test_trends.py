"""Series behind the trends page, on the tiny dataset."""

import pandas as pd

from lib.filters import Filters, Hubs, HubSet, Metric
from lib.views.trends.series import hub_groups, national_series, ranking, region_series


def test_national_series_keeps_missing_and_marks_cited(tiny) -> None:
    tiny_with_cited = tiny.__class__(**{**tiny.__dict__, "national_cited": {2011: 25}})
    series = national_series(tiny_with_cited, Filters(years=(2010, 2011))).set_index("year")
    assert series.loc[2010, "cases"] == 10 and series.loc[2010, "basis"] == "estimated"
    assert series.loc[2011, "cases"] == 20  # Beta and Gamma missing, Alpha reported: total from data only
    assert series.loc[2011, "cited"] == 25 and pd.isna(series.loc[2010, "cited"])


def test_national_series_all_missing_is_missing(tiny) -> None:
    tiny.cases.loc[tiny.cases["year"] == 2011, ["cases", "basis"]] = [pd.NA, "missing"]
    series = national_series(tiny, Filters(years=(2011, 2011))).set_index("year")
    assert pd.isna(series.loc[2011, "cases"]) and series.loc[2011, "basis"] == "missing"


def test_region_series_follows_the_metric(tiny) -> None:
    counts = region_series(tiny, Filters(years=(2010, 2011), regions=("alpha",)))
    assert counts["value"].tolist() == [10.0, 20.0]
    rates = region_series(tiny, Filters(years=(2010, 2011), regions=("alpha",), metric=Metric.RATE))
    assert rates["value"].tolist() == [1000.0, 2000.0]


def test_ranking_highest_first_with_hub_labels_and_missing_last(tiny) -> None:
    ranked = ranking(tiny, Filters(years=(2011, 2011)))
    assert ranked["region"].tolist() == ["Alpha", "Beta", "Gamma"]
    assert ranked["hub"].tolist() == ["tourism", "mining", ""]
    assert ranked["value"].isna().tolist() == [False, True, True]


def test_hub_groups_ignore_region_filter_and_count_dual_hubs_twice(tiny) -> None:
    tiny.regions.loc[0, "mining_hub_wide"] = True  # Alpha becomes tourism + mining (wide)
    groups = hub_groups(tiny, Filters(years=(2010, 2010), regions=("beta",), hubs=Hubs.MINING, hub_set=HubSet.WIDE))
    by_group = groups.set_index("group")
    assert by_group.loc["tourism", "cases"] == 10
    assert by_group.loc["mining", "cases"] == 10 + 0  # Alpha, Beta (Gamma missing)
    assert pd.isna(by_group.loc["other", "cases"])  # no region left in "other"
    assert by_group.loc["mining", "rate"] == round(10 / 3000 * 100_000, 3)


def test_ranking_chart_colours_every_hub_group_in_both_languages(tiny) -> None:
    from lib.text import set_language
    from lib.views.trends.charts import ranking_chart

    for language in ("en", "es"):
        set_language(language)
        spec = ranking_chart(ranking(tiny, Filters(years=(2010, 2011))), "x", 0).to_dict()
        domain = spec["encoding"]["color"]["scale"]["domain"]
        labels = {row["hub_label"] for row in spec["datasets"][spec["data"]["name"]]}
        assert labels <= set(domain), language
    set_language("en")
