"""The coverage map's layers: regions coloured by the office that covers them, each
office's area outlined as one dissolved shape, assumed coverage drawn lighter and dashed,
and office markers with popups. Drawn on :func:`lib.map.leaflet.base_map`, from local assets
only."""

from __future__ import annotations

from collections.abc import Sequence

import folium
import geopandas as gpd
import pandas as pd
import shapely

from lib.map.choropleth import OUTSIDE_OUTLINE
from lib.map.leaflet import OUTLINE, BoundHtml, RegionLayer, RegionPaint, RegionShapes, tooltip_html
from lib.map.legend import LegendEntry
from lib.map.publish import Area
from lib.safe import escape_html
from lib.text import amount, t
from lib.views.coverage.offices import Office

# Paul Tol's "muted" qualitative scheme: distinguishable with common colour-vision deficiencies.
OFFICE_COLOURS = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
UNCOVERED_FILL = "#eeeeee"
POPUP_HEADER_STYLE = "text-align:left;padding-right:6px;white-space:nowrap;vertical-align:top"


def office_colour(index: int) -> str:
    return OFFICE_COLOURS[index % len(OFFICE_COLOURS)]


def _region_assignment(offices: Sequence[Office]) -> dict[str, tuple[int, bool]]:
    """Region id -> (office index, assumed?). Stated coverage wins over assumed; the first
    office listed wins between two stated ones."""
    assigned: dict[str, tuple[int, bool]] = {}
    for assumed_pass in (False, True):
        for index, office in enumerate(offices):
            for region_id in office.covers:
                if (region_id in office.assumed) == assumed_pass and region_id not in assigned:
                    assigned[region_id] = (index, assumed_pass)
    return assigned


def coverage_paints(values: pd.DataFrame, offices: Sequence[Office]) -> list[RegionPaint]:
    """Style and tooltip (region, cases, covering office) of every region in ``values``."""
    assigned = _region_assignment(offices)
    labels = (t("map.tooltip.region"), t("table.cases"), t("coverage.status"))
    paints = []
    for row in values.to_dict("records"):
        region_id = row["region_id"]
        if region_id in assigned:
            index, assumed = assigned[region_id]
            city = offices[index].city
            status = t("coverage.tooltip.assumed", city=city) if assumed else t("coverage.tooltip.covered", city=city)
            style = {"fillColor": office_colour(index), "fillOpacity": 0.35 if assumed else 0.7, "color": OUTLINE}
            style |= {"weight": 1, "dashArray": "5 4"} if assumed else {"weight": 1}
        else:
            status = t("coverage.tooltip.uncovered")
            style = {"fillColor": UNCOVERED_FILL, "fillOpacity": 0.9, "color": OUTSIDE_OUTLINE, "weight": 1}
        tooltip = tooltip_html(list(zip(labels, (row["name"], amount(row["cases"]), status), strict=True)))
        paints.append(RegionPaint(region_id, style, tooltip))
    return paints


def office_popup(office: Office, scenario_label: str, region_names: dict[str, str]) -> str:
    """Popup HTML for an office; every value is escaped."""
    covered = ", ".join(office.covered_labels(region_names))
    basis = t("coverage.assumed_in_part") if office.assumed else t("coverage.stated")
    link = escape_html(office.source)
    source = (
        f'<a href="{link}" target="_blank" rel="noopener noreferrer">{link}</a>'
        if office.source.startswith(("https://", "http://"))
        else escape_html(office.source or "–")
    )
    rows = [
        (t("coverage.popup.city"), escape_html(office.city)),
        (t("coverage.popup.scenario"), escape_html(scenario_label)),
        (t("coverage.popup.opened"), escape_html(office.opened or t("coverage.planned"))),
        (t("coverage.popup.covers"), escape_html(covered)),
        (t("coverage.popup.basis"), escape_html(basis)),
        (t("coverage.popup.source"), source),
    ]
    cells = "".join(
        f"<tr><th style='{POPUP_HEADER_STYLE}'>{escape_html(key)}</th><td>{value}</td></tr>" for key, value in rows
    )
    return f"<table style='font-size:12px;max-width:280px;word-break:break-word'>{cells}</table>"


def office_areas(geometry: gpd.GeoDataFrame, offices: Sequence[Office]) -> list[Area]:
    """Each office's colour and its whole area (its regions dissolved into one shape)."""
    outlines = geometry.set_index("region_id").geometry
    areas = []
    for index, office in enumerate(offices):
        area = shapely.union_all([outlines[r] for r in office.covers if r in outlines.index])
        if not area.is_empty:
            areas.append(Area(office_colour(index), area))
    return areas


def coverage_layers(
    shapes: RegionShapes,
    paints: Sequence[RegionPaint],
    areas: Sequence[Area],
    values: pd.DataFrame,
    offices: Sequence[Office],
    scenario_label: str,
) -> folium.FeatureGroup:
    """What :func:`lib.map.leaflet.base_map` gets for the coverage map: the regions' paints
    (:func:`coverage_paints`), each office's area outlined (:func:`office_areas`), and office
    markers with popups."""
    group = folium.FeatureGroup(name="coverage")
    group.add_child(RegionLayer(shapes, paints))
    names = dict(zip(values["region_id"], values["name"], strict=True))
    for area in areas:
        folium.GeoJson(
            area.shape.__geo_interface__,
            style_function=lambda _, colour=area.colour: {
                "color": colour,
                "weight": 3.5,
                "fillOpacity": 0,
                "opacity": 1,
            },
            interactive=False,
        ).add_to(group)
    for office in offices:
        marker = folium.CircleMarker(
            location=[office.lat, office.lon],
            radius=7,
            color="#000000",
            weight=2.5,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=1,
        )
        marker.add_child(BoundHtml(escape_html(office.city), "Tooltip"))
        marker.add_child(BoundHtml(office_popup(office, scenario_label, names), "Popup", {"maxWidth": 300}))
        marker.add_to(group)
    return group


def coverage_legend(offices: Sequence[Office], values: pd.DataFrame) -> list[LegendEntry]:
    """One entry per office (colour, regions), then assumed and uncovered."""
    assigned = _region_assignment(offices)
    entries = [
        LegendEntry(
            t("coverage.legend.office", city=office.city),
            office_colour(index),
            sum(1 for a in assigned.values() if a[0] == index),
        )
        for index, office in enumerate(offices)
    ]
    assumed = sum(1 for _, is_assumed in assigned.values() if is_assumed)
    if assumed:
        entries.append(LegendEntry(t("coverage.legend.assumed"), "#bbbbbb", assumed, dashed=True))
    uncovered = len(values) - len(assigned)
    entries.append(LegendEntry(t("coverage.legend.uncovered"), UNCOVERED_FILL, uncovered, outline=OUTSIDE_OUTLINE))
    entries.append(LegendEntry(t("coverage.legend.seat"), "#ffffff", None, outline="#000000"))
    return entries
