"""UI text catalogue: every label, message and heading the pages show comes from here.

English for now; a second language adds a second dictionary with the same keys.
"""

from __future__ import annotations

ENGLISH: dict[str, str] = {
    "app.title": "Peru trafficking case map",
    "app.subtitle": "Human-trafficking complaints registered by the public prosecutor, by region, 2006–2014",
    "nav.map": "Map",
    "filters.header": "Filters",
    "filters.years": "Years",
    "filters.years_help": "Inclusive range. 2006 has no prosecutor-office data in any cited source.",
    "filters.regions": "Regions",
    "filters.regions_placeholder": "All regions",
    "filters.hubs": "Hubs",
    "filters.hub_set": "Hub classification",
    "filters.metric": "Metric",
    "filters.scheme": "Class breaks",
    "filters.classes": "Number of classes",
    "filters.reset": "Reset filters",
    "filters.summary": "{years} · {regions} · {hubs} · {metric}",
    "filters.all_regions": "all regions",
    "filters.n_regions": "{count} regions",
    "filters.years_without_data": "No data for {years}: shown as no data, never as zero.",
    "hubs.all": "All regions",
    "hubs.tourism": "Tourism hubs",
    "hubs.mining": "Mining hubs",
    "hubs.tourism,mining": "Tourism or mining hubs",
    "hubs.other": "Neither (other regions)",
    "hub_set.reference": "Reference (InSight Crime 2014)",
    "hub_set.wide": "Wide mining list (Vice-Ministry of Mines 2014)",
    "metric.cases": "Cases",
    "metric.rate": "Cases per 100,000 people per year",
    "metric.cases.unit": "cases",
    "metric.rate.unit": "per 100,000 per year",
    "scheme.quantiles": "Quantiles",
    "scheme.natural-breaks": "Natural breaks (Fisher-Jenks)",
    "scheme.equal-interval": "Equal interval",
    "basis.reported": "reported",
    "basis.estimated": "estimated",
    "basis.missing": "no data",
    "hub.tourism": "tourism hub",
    "hub.mining": "mining hub",
    "hub.none": "not a hub",
    "map.outline_hubs": "Outline hub regions",
    "map.basemap": "Web basemap (needs internet)",
    "map.basemap_help": "Off by default: the map works without it.",
    "map.caption": "Click a region for its detail. Muted regions are outside the filter.",
    "map.tooltip.region": "Region",
    "map.tooltip.value": "Value",
    "map.tooltip.basis": "Basis",
    "map.tooltip.hubs": "Hubs",
    "map.value_missing": "no data",
    "map.basis_partial": "{basis} ({missing} of {total} years no data)",
    "legend.title": "{metric}, {years}",
    "legend.no_data": "No data",
    "legend.outside": "Outside the filter",
    "legend.hub_outline": "Hub region (dashed outline)",
    "legend.regions": "{count} regions",
    "legend.region": "1 region",
    "metrics.cases": "Cases",
    "metrics.cases_help": (
        "Complaints registered by the prosecutor's office in the selected regions and years. "
        "Most are estimates (see the data sources)."
    ),
    "metrics.share": "Share of national total",
    "metrics.share_help": "Selected regions' cases over all 25 regions' cases for the same years.",
    "metrics.regions": "Regions shown",
    "metrics.rate": "Per 100,000 per year",
    "metrics.rate_help": "Cases per 100,000 people per year, over the region-years with data.",
    "metrics.none": "no data",
    "metrics.basis_counts": (
        "Basis of the {total} region-years behind these figures: {reported} reported, "
        "{estimated} estimated, {missing} without data."
    ),
    "detail.header": "{region}",
    "detail.clear": "Clear selection",
    "detail.total": "Cases",
    "detail.rate": "Per 100,000 per year",
    "detail.share": "Share of national",
    "detail.rank": "Rank",
    "detail.rank_value": "{rank} of {count}",
    "detail.outside": "outside filter",
    "detail.hubs": "Hubs: {hubs}",
    "detail.sources": "Sources",
    "detail.chart_title": "Cases per year (colour shows the basis)",
    "table.header": "Region-years in the filter",
    "table.region": "Region",
    "table.year": "Year",
    "table.cases": "Cases",
    "table.population": "Population",
    "table.rate": "Per 100,000",
    "table.basis": "Basis",
    "table.source": "Source",
    "download.csv": "Download these rows (CSV)",
    "download.geojson": "Download the map values (GeoJSON)",
    "empty.title": "No region matches these filters.",
    "empty.hint": "Widen the years, clear the region list or pick another hub group, or reset the filters.",
    "notice.url": "Some link parameters were ignored: {details}",
    "caveat": (
        "Cases are complaints registered by the public prosecutor (detected cases, not prevalence), "
        "counted where the complaint was filed. No public source gives a region × year table: most "
        "values are estimates fitted to cited totals and are marked as such."
    ),
    "error.data_title": "The app cannot start: a data file is broken",
    "error.data_hint": "Fix the file named below (or restore it from the repository) and reload.",
}


def t(key: str, **values: object) -> str:
    """The text for ``key``, with ``{placeholders}`` filled from ``values``."""
    return ENGLISH[key].format(**values) if values else ENGLISH[key]
