"""Great-circle distances on the WGS84 ellipsoid (pyproj)."""

from __future__ import annotations

from pyproj import Geod

WGS84 = Geod(ellps="WGS84")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Shortest distance over the WGS84 ellipsoid between two points, in km.

    >>> round(distance_km(-12.04318, -77.02824, -16.39889, -71.535))  # Lima to Arequipa
    764
    """
    _, _, metres = WGS84.inv(lon1, lat1, lon2, lat2)
    return float(metres) / 1000
