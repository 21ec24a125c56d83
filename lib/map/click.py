"""What a click on the map selects, from the value ``st_folium`` returns."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def clicked_region(result: Mapping[str, Any] | None, known_ids: set[str]) -> str | None:
    """The region id of the feature in an ``st_folium`` return value, if it is one of ours.

    >>> clicked_region({"last_active_drawing": {"properties": {"region_id": "08"}}}, {"08"})
    '08'
    >>> clicked_region({"last_active_drawing": None}, {"08"}) is None
    True
    """
    drawing = (result or {}).get("last_active_drawing") or {}
    properties = drawing.get("properties") if isinstance(drawing, Mapping) else None
    region_id = properties.get("region_id") if isinstance(properties, Mapping) else None
    return region_id if isinstance(region_id, str) and region_id in known_ids else None


def click_key(result: Mapping[str, Any] | None) -> tuple[float, float] | None:
    """Where the last click landed; a new position means a new click, even on the same region."""
    point = (result or {}).get("last_object_clicked")
    if not isinstance(point, Mapping):
        return None
    lat, lng = point.get("lat"), point.get("lng")
    if isinstance(lat, int | float) and isinstance(lng, int | float) and math.isfinite(lat) and math.isfinite(lng):
        return (float(lat), float(lng))
    return None


def toggle_selection(current: str | None, clicked: str | None) -> str | None:
    """Clicking the selected region again clears the selection; another region selects it."""
    if clicked is None:
        return current
    return None if clicked == current else clicked
