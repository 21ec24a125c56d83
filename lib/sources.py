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
