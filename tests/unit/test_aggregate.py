"""Filtering and aggregation on a tiny hand-made dataset, then on the bundled data."""

import pandas as pd
import pytest

from lib.aggregate import DOWNLOAD_COLUMNS, headline, region_summary, region_years, regions_in_filter, table_rows
from lib.filters import Filters, Hubs, HubSet, Metric


def test_hub_filters(tiny) -> None:
    def ids(**changes: object) -> set[str]:
        return regions_in_filter(tiny.regions, Filters(years=(2010, 2011)).with_changes(**changes))

    assert ids() == {"01", "02", "03"}
    assert ids(hubs=Hubs.TOURISM) == {"01"}
    assert ids(hubs=Hubs.MINING) == {"02"}
    assert ids(hubs=Hubs.EITHER) == {"01", "02"}
    assert ids(hubs=Hubs.OTHER) == {"03"}
    assert ids(hubs=Hubs.MINING, hub_set=HubSet.WIDE) == {"02", "03"}
    assert ids(regions=("alpha", "gamma"), hubs=Hubs.OTHER) == {"03"}


def test_rows_are_the_filtered_region_years_in_download_order(tiny) -> None:
    rows = region_years(tiny, Filters(years=(2011, 2011), regions=("alpha", "beta")))
    assert list(rows.columns) == DOWNLOAD_COLUMNS
    assert rows[["region_id", "year"]].values.tolist() == [["01", 2011], ["02", 2011]]
    assert rows.loc[0, "rate_per_100k"] == pytest.approx(2000.0)  # 20 / 1,000 * 100,000
    assert pd.isna(rows.loc[1, "cases"]) and pd.isna(rows.loc[1, "rate_per_100k"])


def test_zero_and_missing_stay_distinct(tiny) -> None:
    summary = region_summary(tiny, Filters(years=(2010, 2011))).set_index("region_id")
    assert summary.loc["01", "cases"] == 30 and summary.loc["01", "basis"] == "reported"
    assert summary.loc["02", "cases"] == 0  # one year zero, one year missing: zero, not missing
    assert summary.loc["02", "basis"] == "estimated" and summary.loc["02", "years_missing"] == 1
    assert pd.isna(summary.loc["03", "cases"]) and summary.loc["03", "basis"] == "missing"


def test_rate_uses_only_population_of_years_with_data(tiny) -> None:
    summary = region_summary(tiny, Filters(years=(2010, 2011), metric=Metric.RATE)).set_index("region_id")
    assert summary.loc["01", "rate"] == pytest.approx(30 / 2000 * 100_000)
    assert summary.loc["02", "rate"] == 0  # 0 cases over 2,000 people in 2010 only
    assert pd.isna(summary.loc["03", "rate"])
    assert summary.loc["01", "value"] == summary.loc["01", "rate"]


def test_all_regions_stay_in_summary_with_filter_flag_and_rank(tiny) -> None:
    summary = region_summary(tiny, Filters(years=(2010, 2011), hubs=Hubs.EITHER)).set_index("region_id")
    assert summary["in_filter"].to_dict() == {"01": True, "02": True, "03": False}
    assert summary.loc["01", "rank"] == 1 and summary.loc["02", "rank"] == 2
    assert pd.isna(summary.loc["03", "rank"])


def test_headline_figures(tiny) -> None:
    filters = Filters(years=(2010, 2011), hubs=Hubs.TOURISM)
    figures = headline(tiny, filters, region_summary(tiny, filters))
    assert figures.cases == 30 and figures.national_cases == 30 and figures.share_of_national == 1.0
    assert figures.regions_shown == 1
    assert figures.rate_per_100k == pytest.approx(1500.0)


def test_headline_with_no_data_is_none_not_zero(tiny) -> None:
    filters = Filters(years=(2011, 2011), hubs=Hubs.OTHER)
    figures = headline(tiny, filters, region_summary(tiny, filters))
    assert figures.cases is None and figures.rate_per_100k is None and figures.share_of_national is None


def test_zero_population_gives_no_rate(tiny) -> None:
    tiny.population.loc[0, "population"] = 0
    rows = region_years(tiny, Filters(years=(2010, 2010), regions=("alpha",)))
    assert pd.isna(rows.loc[0, "rate_per_100k"])


def test_years_without_data_are_listed(bundled) -> None:
    filters = Filters(years=(2006, 2008))
    figures = headline(bundled, filters, region_summary(bundled, filters))
    assert figures.years_without_data == (2006,)


def test_bundled_mining_total_matches_the_csv(bundled) -> None:
    filters = Filters(years=(2010, 2012), hubs=Hubs.MINING)
    cases = bundled.cases
    expected = cases[cases["region_id"].isin(["16", "17"]) & cases["year"].between(2010, 2012)]["cases"].sum()
    assert headline(bundled, filters, region_summary(bundled, filters)).cases == expected
    assert len(region_years(bundled, filters)) == 6


def test_headline_without_population_has_no_rate(tiny) -> None:
    from dataclasses import replace

    tiny = replace(tiny, population=tiny.population.iloc[0:0])  # e.g. uploaded years beyond the population table
    filters = Filters(years=(2010, 2011))
    figures = headline(tiny, filters, region_summary(tiny, filters))
    assert figures.cases == 30 and figures.rate_per_100k is None


def test_table_rows_send_each_text_once_and_keep_every_value(bundled) -> None:
    rows = region_years(bundled, Filters(years=(2007, 2014)))
    shown = table_rows(rows)
    assert "region_id" not in shown and list(shown.columns) == [c for c in rows.columns if c != "region_id"]
    assert shown["source"].dtype == "category"
    pd.testing.assert_frame_equal(
        shown.astype({c: "str" for c in ("region", "basis", "source")}),
        rows.drop(columns=["region_id"]).astype({c: "str" for c in ("region", "basis", "source")}),
    )
