"""What the data page shows about provenance: source links and data quality."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from lib.validate import BASIS_VALUES


def source_links(sources: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per cited URL in the ``sources/*.csv`` tables (by file name): the files citing
    it, the periods or years, the register, and how many figures come from it."""
    frames = []
    for name, table in sources.items():
        when = table["period"] if "period" in table.columns else table.get("year", pd.Series("", index=table.index))
        frames.append(
            pd.DataFrame(
                {
                    "url": table["url"],
                    "file": name,
                    "period": when,
                    "register": table.get("register", table.get("type", pd.Series("", index=table.index))),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["url", "files", "periods", "register", "figures"])
    rows = pd.concat(frames, ignore_index=True)
    rows = rows[rows["url"].str.strip() != ""]

    def joined(values: pd.Series) -> str:
        return ", ".join(sorted({value for value in values if value}))

    return (
        rows.groupby("url")
        .agg(
            files=("file", joined), periods=("period", joined), register=("register", joined), figures=("file", "size")
        )
        .reset_index()
        .sort_values(["files", "url"])
        .reset_index(drop=True)
    )


def data_quality(cases: pd.DataFrame) -> pd.DataFrame:
    """Per year, how many regions are reported, estimated and missing."""
    counts = cases.groupby(["year", "basis"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(BASIS_VALUES), fill_value=0)
    counts["regions"] = counts.sum(axis=1)
    return counts.reset_index().rename_axis(columns=None)


def range_widths(ranges: pd.DataFrame) -> pd.DataFrame:
    """Median width (high − low, cases) of the regions' ranges for single years and for the
    whole 2007–2014 span, at the model level and from the sources alone."""
    regions = ranges[ranges["region_id"] != "all"]
    if regions.empty:
        return pd.DataFrame(columns=["span", "model", "sources"])
    single = regions[regions["first_year"] == regions["last_year"]]
    whole = regions[
        (regions["first_year"] == regions["first_year"].min()) & (regions["last_year"] == regions["last_year"].max())
    ]

    def median_width(rows: pd.DataFrame, low: str, high: str) -> float:
        return float((rows[high] - rows[low]).median())

    return pd.DataFrame(
        [
            {
                "span": span,
                "model": median_width(rows, "cases_low", "cases_high"),
                "sources": median_width(rows, "sources_low", "sources_high"),
            }
            for span, rows in (("single year", single), ("whole span", whole))
        ]
    )


def figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """The data page's table of cited figures: what each says and what the model makes of it."""
    if figures.empty:
        return figures
    # The figures that needed a decision first: set aside, then bent, then held.
    order = {"set aside": 0, "bent": 1, "held": 2}
    table = figures.drop(columns=["key"]).sort_values("treatment", key=lambda column: column.map(order), kind="stable")
    for column in ("cited", "allowed_low", "allowed_high"):
        table[column] = pd.to_numeric(table[column].replace("", None))
    for column in ("estimate", "model_low", "model_high", "sources_low", "sources_high"):
        table[column] = pd.to_numeric(table[column].replace("", None)).astype("Int64")
    return table


def other_register_items(registers: pd.DataFrame | None, region_id: str) -> list[str]:
    """``police RETA 2010-01/2010-12: 7 cases`` for each other-register figure of a region."""
    if registers is None or registers.empty:
        return []
    own = registers[registers["region_ids"].str.split(";").map(lambda ids: region_id in ids)]
    return [f"{row.register} {row.period}: {row.value} {row.measure}" for row in own.itertuples()]
