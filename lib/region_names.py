"""Matching an analyst's spelling of a region to its id: names in any case, accent or
spacing, slugs, INEI and ISO codes, and the variants Peruvian tables use; and, when nothing
matches, why (an invisible character, a near miss, or an unknown name)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from lib.text import t

# Spellings seen in Peruvian and international tables, already normalised (see normalise()).
REGION_VARIANTS = {
    "cuzco": "08",
    "qosqo": "08",
    "lima metropolitana": "15",
    "lima provincias": "15",
    "lima province": "15",
    "lima provinces": "15",
    "provincia de lima": "15",
    "lima region": "15",
    "region lima": "15",
    "el callao": "07",
    "provincia constitucional del callao": "07",
    "callao region": "07",
}
SUGGESTION_CUTOFF = 0.75
# Characters that show as nothing (or as a plain space) but make two names differ.
INVISIBLE_CATEGORIES = {"Cf", "Cc", "Zl", "Zp"}


def normalise(text: str) -> str:
    """Lowercase ASCII words separated by single spaces: "  Madre-de  DIOS " -> "madre de dios"."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


def invisible_character(text: str) -> str | None:
    """``U+200B ZERO WIDTH SPACE`` for the first invisible character in ``text``, if any."""
    for char in text:
        if unicodedata.category(char) in INVISIBLE_CATEGORIES and char not in "\t":
            return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"
    return None


@dataclass(frozen=True)
class RegionIndex:
    """Every accepted spelling of each region, for :meth:`match`."""

    spellings: dict[str, str]
    names: dict[str, str]

    @classmethod
    def from_regions(cls, regions: pd.DataFrame) -> RegionIndex:
        spellings = {normalise(variant): code for variant, code in REGION_VARIANTS.items()}
        for row in regions.itertuples():
            for spelling in (row.name, row.slug, row.region_id, row.iso_code, str(int(row.region_id))):
                spellings[normalise(str(spelling))] = row.region_id
        return cls(spellings=spellings, names=dict(zip(regions["region_id"], regions["name"], strict=True)))

    def match(self, text: str) -> str | None:
        return None if invisible_character(text) else self.spellings.get(normalise(text))

    def problem(self, text: str) -> str:
        """Why ``text`` matched no region: an invisible character, a near miss, or unknown."""
        invisible = invisible_character(text)
        if invisible:
            return t("upload.err.invisible", character=invisible)
        close = difflib.get_close_matches(normalise(text), list(self.spellings), n=1, cutoff=SUGGESTION_CUTOFF)
        if close:
            return t("upload.err.region_suggest", name=self.names[self.spellings[close[0]]])
        return t("upload.err.region_unknown")
