"""The prosecutor offices of each scenario, as read from ``offices.csv``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from lib.text import t
from lib.vocabulary import Scenario


@dataclass(frozen=True)
class Office:
    """An office seat and the regions it covers (``assumed`` ⊆ ``covers``)."""

    office_id: str
    city: str
    region_id: str
    lat: float
    lon: float
    covers: tuple[str, ...]
    assumed: tuple[str, ...] = ()
    opened: str = ""
    source: str = ""
    note: str = ""

    def regions(self, include_assumed: bool) -> tuple[str, ...]:
        return self.covers if include_assumed else tuple(r for r in self.covers if r not in self.assumed)

    def covered_labels(self, names: Mapping[str, str]) -> list[str]:
        """Names of the covered regions, assumed ones marked as such."""
        return [names[r] + (f" ({t('coverage.assumed')})" if r in self.assumed else "") for r in self.covers]


def scenario_offices(offices: pd.DataFrame, scenario: Scenario) -> list[Office]:
    """The offices of a scenario from ``offices.csv``, in file order."""
    rows = offices[offices["scenario"] == scenario.value]
    return [
        Office(
            office_id=row.office_id,
            city=row.city,
            region_id=row.region_id,
            lat=float(row.lat),
            lon=float(row.lon),
            covers=tuple(code for code in row.covers.split(";") if code),
            assumed=tuple(code for code in row.assumed_covers.split(";") if code),
            opened=row.opened,
            source=row.source,
            note=row.note,
        )
        for row in rows.itertuples()
    ]
