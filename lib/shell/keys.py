"""Every widget and session-state key the app uses, in one place; pages, shell and tests
import them from here instead of spelling them out."""

from __future__ import annotations

# Shared sidebar filters: the Filters field each widget holds (see FILTER_WIDGETS).
YEARS = "filter_years"
REGIONS = "filter_regions"
HUBS = "filter_hubs"
HUB_SET = "filter_hub_set"
METRIC = "filter_metric"
SCHEME = "filter_scheme"
CLASSES = "filter_classes"
RESET = "filter_reset"
LANGUAGE = "language"

# One table drives both writing the widgets from Filters (the URL, a reset) and reading
# them back into Filters. The selection has no widget: it lives in FILTERS only.
FILTER_WIDGETS = {
    "years": YEARS,
    "regions": REGIONS,
    "hubs": HUBS,
    "hub_set": HUB_SET,
    "metric": METRIC,
    "scheme": SCHEME,
    "classes": CLASSES,
}

# Session state that is not a widget.
FILTERS = "filters"  # the Filters of the latest run: the one truth, selection included
FILTER_YEARS = "filter_years_range"  # the data's YearRange the filters were set in
NOTICES = "url_notices"
LANGUAGE_NOTICE = "language_notice"
PAGE_QUERY = "page_query"
LAST_CLICK = "map_last_click"

# Map page.
CASE_MAP = "case_map"
OUTLINE_HUBS = "map_outline_hubs"
BASEMAP = "map_basemap"
LABELS = "map_labels"
DETAIL_CLEAR = "detail_clear"
DOWNLOAD_CSV = "download_csv"
DOWNLOAD_GEOJSON = "download_geojson"
EXPORTS = "map_exports"  # the prepared PNG, SVG and HTML, for the view they show
EXPORT_PREPARE = "map_export_prepare"
MAP_DRAWN = "map_drawn"  # the case map has drawn once in this session (see lib.shell.deferred)

# Change page: the periods live in CHANGE_PERIODS (kept across pages); the sliders mirror it.
CHANGE_PERIODS = "change_periods"
CHANGE_YEARS = "change_years"  # the data's YearRange the stored periods were chosen in
CHANGE_A = "change_period_a"
CHANGE_B = "change_period_b"
CHANGE_NOTICES = "change_notices"
CHANGE_MAP = "change_map"
CHANGE_BASEMAP = "change_basemap"
COMPARE_PERIODS = "compare_periods"

# Trends page.
SHARED_SCALE = "trends_shared_scale"

# Coverage page (its widgets mirror CoverageView; see COVERAGE_WIDGETS).
COVERAGE_SCENARIO = "coverage_scenario"
COVERAGE_OFFICES = "coverage_offices"
COVERAGE_RULE = "coverage_rule"
COVERAGE_RADIUS = "coverage_radius"
COVERAGE_SEATS = "coverage_seats"
COVERAGE_NOTICES = "coverage_notices"
COVERAGE_VIEW = "coverage_view"  # the CoverageView of the latest run: kept across pages
COVERAGE_YEARS = "coverage_years"  # the data's YearRange the view was set in
COVERAGE_MAP = "coverage_map"
COVERAGE_BASEMAP = "coverage_basemap"
COVERAGE_WIDGETS = {
    "scenario": COVERAGE_SCENARIO,
    "offices": COVERAGE_OFFICES,
    "rule": COVERAGE_RULE,
    "radius_km": COVERAGE_RADIUS,
    "seats": COVERAGE_SEATS,
}

# Data page and uploads.
UPLOAD = "uploaded_cases"
UPLOADER = "upload_file"
UPLOAD_PROCESSED = "upload_processed_id"
UPLOAD_REFUSED = "upload_refused"
UPLOAD_ACCEPTED = "upload_accepted_message"
UPLOAD_BACK = "upload_back"
DOWNLOAD_BUNDLED = "download_bundled"
FIGURES = "added_figures"  # FiguresInUse: this session's own figures and the data with them
FIGURES_UPLOADER = "figures_file"
FIGURES_PROCESSED = "figures_processed_id"
FIGURES_OUTCOME = "figures_outcome"  # the last file's refusal, clash or acceptance, to show
FIGURES_BACK = "figures_back"
FIGURES_DOWNLOAD = "figures_download"


def download(subject: str) -> str:
    """The key of the CSV download button of a named table or chart."""
    return f"download_{subject}"


# What holds a range and what would settle it (lib/shell/settle.py).
SETTLE_ASKED = "settle_asked"  # the questions whose ranking this session asked for
SETTLE_YEAR = "settle_year"  # map page region detail: the whole span or one of its years
SETTLE_NATIONAL_YEAR = "settle_national_year"  # trends page


def settle(question_key: str) -> str:
    """The key of a question's "what would settle it" button and download."""
    return f"settle_{question_key}"
