"""UI text catalogue: every label, message and heading the pages show comes from here.

English for now; a second language adds a second dictionary with the same keys.
"""

from __future__ import annotations

ENGLISH: dict[str, str] = {
    "app.title": "Peru trafficking case map",
    "app.subtitle": "Human-trafficking complaints registered by the public prosecutor, by region, 2006–2014",
    "nav.map": "Map",
    "nav.coverage": "Prosecutor coverage",
    "nav.trends": "Trends",
    "nav.data": "Data and methods",
    "data.title": "Data, sources and methods",
    "data.caption": "How every number was made, how far to trust it, and how to use your own data.",
    "data.quality.header": "Data quality: regions per year by basis",
    "data.quality.note": (
        "reported = a cited value for that region and year; estimated = fitted by the documented method; "
        "missing = no source at all (shown as no data, never zero)."
    ),
    "data.links.header": "Every cited source",
    "data.method.header": "Sources, method and licences in full",
    "data.files.header": "The bundled data files",
    "data.files.pick": "File",
    "data.files.download": "Download {name}",
    "upload.header": "Use your own cases data",
    "upload.help": (
        "A CSV with columns region, year, cases and optionally basis (reported, estimated, missing) and source. "
        "region may be a name (Cusco, Cuzco, Áncash, Lima Metropolitana…), a slug (madre-de-dios) or an INEI code "
        "(08). UTF-8 or Excel's Windows encoding; comma, semicolon or tab separated; at most 2 MB. It replaces the "
        "bundled cases in this browser session only, on every page; nothing is saved."
    ),
    "upload.label": "Cases CSV",
    "upload.accepted": "Accepted {file}: {rows} rows ({encoding}, {delimiter}-separated). Every page now uses it.",
    "upload.refused": "{file} was not used: {count} problem(s). Fix them and upload again; nothing was changed.",
    "upload.banner": "Using uploaded data ({file}, {rows} rows) in this session only.",
    "upload.back": "Use bundled data",
    "upload.problem.line": "Line",
    "upload.problem.column": "Column",
    "upload.problem.value": "Value",
    "upload.problem.message": "Problem and fix",
    "trends.title": "Trends over time",
    "trends.caption": (
        "Most yearly values are estimates fitted to cited totals (grey); reported values are green; "
        "years without any data say so instead of showing zero."
    ),
    "trends.national.header": "National total per year",
    "trends.national.title": "Complaints per year, all regions",
    "trends.national.cited": "Cited national figure",
    "trends.national.note": "Black diamonds: national totals published for that year (2012 and 2013).",
    "trends.regions.header": "Regions over time",
    "trends.regions.shared": "Same scale for every region",
    "trends.regions.note": (
        "Only regions in the filter. Estimated regions follow the national curve by design (see Data)."
    ),
    "trends.ranking.header": "Ranking, {years}",
    "trends.hubs.header": "Hubs versus the rest",
    "trends.hubs.caveat": (
        "A handful of regions drive each group (reference: tourism = Lima, Cusco, Piura; mining = Loreto, "
        "Madre de Dios). A region that is both counts in both groups."
    ),
    "trends.hubs.cases": "Cases per year",
    "trends.hubs.rate": "Per 100,000 people per year",
    "trends.group.tourism": "Tourism hubs",
    "trends.group.mining": "Mining hubs",
    "trends.group.other": "Other regions",
    "download.chart": "Download this chart's data (CSV)",
    "coverage.title": "Specialised prosecutor offices: who covers which cases",
    "coverage.caption": (
        "Four offices were planned in 2014 and eight opened from September 2015. Compare the cases each set "
        "covers in the selected years, see the hotspots left out, and find the k sites that would cover most."
    ),
    "coverage.scenario": "Scenario",
    "coverage.years_only": (
        "Figures cover all 25 regions for {years}; the region, hub and metric filters do not apply here."
    ),
    "scenario.plan-2014": "Plan 2014 (4 offices)",
    "scenario.actual-2015": "Actual 2015 (8 offices)",
    "scenario.best": "Best k sites (planner)",
    "coverage.planner": "What-if planner",
    "coverage.planner_help": (
        "Finds the k seats (region capitals) that cover the most cases in the selected years: exact search, "
        "ties broken by population covered, then by name. A region reachable from several seats counts once."
    ),
    "coverage.offices": "Number of offices (k)",
    "coverage.rule": "Each office covers",
    "rule.own": "its own region only",
    "rule.radius": "every region whose capital is within R km",
    "coverage.radius": "R (km, great-circle from the office city)",
    "coverage.seats": "Candidate seats",
    "coverage.seats_placeholder": "All region capitals",
    "coverage.tooltip.covered": "covered by the {city} office",
    "coverage.tooltip.assumed": "assumed: covered by the {city} office",
    "coverage.tooltip.uncovered": "not covered",
    "coverage.status": "Coverage",
    "coverage.assumed": "assumed",
    "coverage.assumed_in_part": "stated, partly assumed",
    "coverage.stated": "stated",
    "coverage.planned": "planned, not opened",
    "coverage.popup.city": "City",
    "coverage.popup.scenario": "Scenario",
    "coverage.popup.opened": "Opened",
    "coverage.popup.covers": "Regions covered",
    "coverage.popup.basis": "Coverage",
    "coverage.popup.source": "Source",
    "coverage.legend.title": "Coverage, {scenario}",
    "coverage.legend.office": "{city} office",
    "coverage.legend.assumed": "Assumed coverage (lighter, dashed)",
    "coverage.legend.uncovered": "Not covered",
    "coverage.legend.seat": "Office seat (white circle; click for details)",
    "coverage.legend.area": "Thick outline: an office's whole area",
    "coverage.metric.cases": "Cases covered",
    "coverage.metric.cases_help": "Cases in regions with stated coverage; the delta adds assumed coverage.",
    "coverage.metric.share": "Share of national",
    "coverage.metric.share_assumed": "{share} with assumed",
    "coverage.metric.regions": "Regions covered",
    "coverage.metric.population": "Population covered",
    "coverage.metric.per_office": "Cases per office per year",
    "coverage.metric.uncovered": "Largest uncovered",
    "coverage.metric.uncovered_value": "{region} ({cases})",
    "coverage.compare.header": "Plan, reality and the best k sites",
    "coverage.compare.scenario": "Scenario",
    "coverage.compare.offices": "Offices",
    "coverage.compare.seats": "Seats",
    "coverage.compare.share": "Covered share",
    "coverage.compare.share_assumed": "Covered share incl. assumed",
    "coverage.compare.cases": "Cases covered",
    "coverage.compare.worst": "Worst uncovered hotspot",
    "coverage.compare.diff": (
        "Best k vs plan: adds {added}; drops {dropped}. Best k vs actual: adds {added_actual}; drops {dropped_actual}."
    ),
    "coverage.offices.header": "Offices",
    "coverage.column.population": "Population (mean over the years)",
    "coverage.column.cases_per_year": "Cases per year",
    "coverage.column.km": "Km from the office to each capital",
    "coverage.uncovered.header": "Uncovered regions, most cases first",
    "coverage.none": "none",
    "coverage.planner_time": "Planner: {ms:,.0f} ms.",
    "download.table": "Download this table (CSV)",
    "filters.header": "Filters",
    "filters.years": "Years",
    "filters.years_help": "Inclusive range. 2006 has no prosecutor-office data in any cited source.",
    "filters.single_year": "Year: {year} (the only year in the data)",
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
