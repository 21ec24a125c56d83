"""Which cited figures the model holds, bends or sets aside, read from the source tables:
:func:`build_model` turns ``sources/*.csv`` into the :class:`lib.model.Model` the linear
programs of :mod:`lib.ranges` solve. The arithmetic of every set-aside figure is here too,
so the data page can show it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from lib.model import (
    LIMA,
    LIMA_DISTRICT_2012,
    MAY_DEC_2014,
    Assumptions,
    Figure,
    Model,
    Treatment,
    cells,
    parts_of,
    years_label,
)


def _value(table: pd.DataFrame, column: str, **where: str) -> float:
    rows = table
    for key, wanted in where.items():
        rows = rows[rows[key] == wanted]
    if len(rows) != 1:
        raise ValueError(f"expected one source row with {where}, found {len(rows)}")
    return float(rows.iloc[0][column])


def _row(table: pd.DataFrame, **where: str) -> pd.Series:
    rows = table
    for key, wanted in where.items():
        rows = rows[rows[key] == wanted]
    return rows.iloc[0]


def build_model(
    sources: Mapping[str, pd.DataFrame], regions: Sequence[str], assumptions: Assumptions | None = None
) -> Model:
    """The figures of ``sources`` (the ``sources/*.csv`` tables as text) with their treatment."""
    regions = tuple(sorted(regions))
    national = sources["national_totals.csv"]
    window = sources["mp_districts_2007_2014apr.csv"]
    later = sources["mp_districts_2009_2014.csv"]
    points = sources["region_year_points.csv"]
    shares = sources["mp_region_figures.csv"]
    every = regions
    figures: list[Figure] = []

    window_totals = window.assign(value=window["value"].astype(float)).groupby("region_id")["value"].sum()
    window_url = str(window["url"].iloc[0])
    window_parts = parts_of("2007-01/2014-04")
    for region in regions:
        total = float(window_totals.get(region, 0.0))
        figures.append(
            Figure(
                f"window-{region}",
                f"Region {region}, Jan 2007 – Apr 2014",
                total,
                "cases",
                Treatment.HELD,
                total,
                total,
                cells([region], window_parts),
                "sum of its fiscal districts",
                window_url,
            )
        )

    later_totals = later.assign(value=later["value"].astype(float)).groupby("region_id")["value"].sum()
    later_url = str(later["url"].iloc[0])
    # Districts of a region the 2009–2014 release does not list: the region's sum is a floor.
    partly_listed = set(window["region_id"][~window["fiscal_district"].isin(later["fiscal_district"])])
    for region, total in later_totals.items():
        floor = region in partly_listed
        note = "listed districts only: a floor for the region" if floor else "every district of the region listed"
        figures.append(
            Figure(
                f"later-{region}",
                f"Region {region}, 2009 – 2014",
                total,
                "cases",
                Treatment.HELD,
                total,
                None if floor else total,
                cells([str(region)], parts_of("2009-01/2014-12")),
                note,
                later_url,
            )
        )

    def national_figure(key: str, period: str, label: str, note: str = "") -> Figure:
        value = _value(national, "value", period=period)
        url = str(_row(national, period=period)["url"])
        return Figure(
            key, label, value, "cases", Treatment.HELD, value, value, cells(every, parts_of(period)), note, url
        )

    figures += [
        national_figure("national-2009-2014", "2009-01/2014-12", "National, 2009 – 2014"),
        national_figure("national-2012", "2012-01/2012-12", "National, 2012"),
        national_figure("national-2014", "2014-01/2014-12", "National, 2014"),
    ]
    may_jul = _value(national, "value", period="2007-01/2014-07") - _value(national, "value", period="2007-01/2014-04")
    figures.append(
        Figure(
            "national-may-jul-2014",
            "National, May – Jul 2014 (2,080 − 1,976)",
            may_jul,
            "cases",
            Treatment.HELD,
            may_jul,
            None,
            cells(every, [MAY_DEC_2014]),
            "a floor for May – Dec 2014",
            str(_row(national, period="2007-01/2014-07")["url"]),
        )
    )
    more_than = _value(national, "value", period="2007-01/2013-12")
    figures.append(
        Figure(
            "national-2007-2013",
            "National, 2007 – 2013: more than 1,500",
            more_than,
            "cases",
            Treatment.HELD,
            more_than,
            None,
            cells(every, parts_of("2007-01/2013-12")),
            "a floor",
            str(_row(national, period="2007-01/2013-12")["url"]),
        )
    )
    for point in points.itertuples():
        value = float(point.value)
        figures.append(
            Figure(
                f"point-{point.region_id}-{point.year}",
                f"Region {point.region_id}, {point.year}",
                value,
                "cases",
                Treatment.HELD,
                value,
                value,
                cells([point.region_id], [str(point.year)]),
                "a reported cell",
                point.url,
            )
        )

    # 2013 is known only through Cusco's 28 = 6.1 %: a share rounded to 0.1 %.
    cusco_2013 = _value(points, "value", region_id="08", year="2013")
    figures.append(
        Figure(
            "national-2013",
            "National, 2013 (Cusco's 28 = 6.1 %)",
            round(cusco_2013 / 0.061),
            "cases",
            Treatment.BENT,
            cusco_2013 / 0.0615,
            cusco_2013 / 0.0605,
            cells(every, ["2013"]),
            "6.1 % is rounded to 0.1 %: 28 ÷ 6.15 % … 28 ÷ 6.05 %",
            str(_row(points, region_id="08", year="2013")["url"]),
        )
    )
    figures += _share_figures(shares, every)
    figures += _set_aside(national, shares)
    model = Model(
        regions,
        tuple(figures),
        {r: float(window_totals.get(r, 0.0)) / float(window_totals.sum()) for r in regions},
        assumptions or Assumptions(),
    )
    return model


def _share_figures(shares: pd.DataFrame, every: Sequence[str]) -> list[Figure]:
    figures = []
    for row in shares.itertuples():
        if row.of_total == "1060":
            continue  # same older release as the 1,060: set aside with it
        region_ids = row.region_ids.split(";")
        parts = parts_of(row.period)
        value = float(row.value)
        if row.unit == "cases":
            figures.append(
                Figure(
                    row.figure,
                    f"Region {' + '.join(region_ids)}, {years_label(parts)}",
                    value,
                    "cases",
                    Treatment.HELD,
                    value,
                    value,
                    cells(region_ids, parts),
                    row.type,
                    row.url,
                )
            )
            continue
        # A share of a held total, published to 0.1 % (1 % for a whole number): bent by half of that.
        step = 0.05 if "." in row.value else 0.5
        total = float(row.of_total)
        low, high = (value - step) / 100 * total, (value + step) / 100 * total
        terms = cells(region_ids, parts)
        if row.figure == "lima-district-2012":
            terms = ((LIMA_DISTRICT_2012, ""),)
        elif LIMA in region_ids and "2012" in parts:
            terms = tuple(term for term in terms if term[0] != LIMA) + ((LIMA_DISTRICT_2012, ""),)
        note = f"{row.value} % is rounded: {value - step:g} % … {value + step:g} % of {row.of_total}"
        label = f"Region {' + '.join(region_ids)}, {years_label(parts)}: share of {row.of_total}"
        if row.figure == "lima-district-2012":
            label = "Lima fiscal district (part of region 15), 2012: share of 457"
        figures.append(Figure(row.figure, label, value, "%", Treatment.BENT, low, high, terms, note, row.url))
    return figures


def _set_aside(national: pd.DataFrame, shares: pd.DataFrame) -> list[Figure]:
    old = _value(national, "value", period="2008-01/2012-12")
    y2012, y2014 = (
        _value(national, "value", period="2012-01/2012-12"),
        _value(national, "value", period="2014-01/2014-12"),
    )
    total = _value(national, "value", period="2009-01/2014-12")
    to_aug = _value(national, "value", period="2007-01/2013-08")
    window = _value(national, "value", period="2007-01/2014-04")
    left = total - y2012 - y2014
    old_note = (
        f"contradicts 2,241 (2009–2014): {total:,.0f} − {y2012:,.0f} (2012) − {y2014:,.0f} (2014) leaves "
        f"{left:,.0f} for 2009–2011 and 2013; 2013 is about 459, so 2009–2011 is about {left - 459:,.0f}. "
        f"But {old:,.0f} − {y2012:,.0f} = {old - y2012:,.0f} would cap 2008–2011 at {old - y2012:,.0f}. "
        "An older release (the register loads case files back into earlier years); 2,241 fits the 5,707 "
        "published for 2009–2017."
    )
    aug_note = (
        f"fits the sources alone only with an uneven year: with 2013 spread evenly, Jan–Aug 2013 ≈ 8/12 × 459 = 306, "
        f"so 2007–2012 ≈ {to_aug - 306:,.0f} and Jan–Apr 2014 ≈ {window:,.0f} − {to_aug - 306:,.0f} − 459 = "
        f"{window - (to_aug - 306) - 459:,.0f}, more than 5/12 of 2014's {y2014:,.0f} ({y2014 * 5 / 12:,.0f}): "
        "another release, as the 53 a month it implies after Aug 2013 (against 38 in 2013) shows."
    )
    rows = [
        Figure(
            "national-2008-2012",
            "National, 2008 – 2012",
            old,
            "cases",
            Treatment.SET_ASIDE,
            None,
            None,
            (),
            old_note,
            str(_row(national, period="2008-01/2012-12")["url"]),
        ),
        Figure(
            "national-2007-aug-2013",
            "National, Jan 2007 – Aug 2013",
            to_aug,
            "cases",
            Treatment.SET_ASIDE,
            None,
            None,
            (),
            aug_note,
            str(_row(national, period="2007-01/2013-08")["url"]),
        ),
        Figure(
            "national-to-mar-2011",
            "National, to about Mar 2011",
            _value(national, "value", period="to 2011-03"),
            "cases",
            Treatment.SET_ASIDE,
            None,
            None,
            (),
            "the start of the period is not stated, so it bounds nothing",
            str(_row(national, period="to 2011-03")["url"]),
        ),
    ]
    for row in shares[shares["of_total"] == "1060"].itertuples():
        rows.append(
            Figure(
                row.figure,
                f"Region {' + '.join(row.region_ids.split(';'))}, 2008 – 2012: share of 1060",
                float(row.value),
                "%",
                Treatment.SET_ASIDE,
                None,
                None,
                (),
                "a share of the 1,060 of 2008–2012, set aside with it",
                row.url,
            )
        )
    return rows
