"""What the data page shows about provenance: source links, data quality, bundled files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.data import BASIS_VALUES

BUNDLED_FILES = (
    "cases.csv",
    "population.csv",
    "regions.csv",
    "offices.csv",
    "geo/peru_regions.geojson",
    "SOURCES.md",
    "SOURCES.es.md",
)


def source_links(sources_dir: Path) -> pd.DataFrame:
    """One row per cited URL in ``sources_dir/*.csv``: the files citing it, the periods or
    years, the register, and how many figures come from it."""
    frames = []
    for path in sorted(sources_dir.glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "url" not in table.columns:
            continue
        when = table["period"] if "period" in table.columns else table.get("year", pd.Series("", index=table.index))
        frames.append(
            pd.DataFrame(
                {
                    "url": table["url"],
                    "file": path.name,
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


def bundled_files(data_dir: Path) -> list[Path]:
    """The data files a deployment serves for download, main tables first, then sources/."""
    main = [data_dir / name for name in BUNDLED_FILES if (data_dir / name).is_file()]
    return main + sorted((data_dir / "sources").glob("*.csv"))
