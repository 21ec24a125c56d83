"""A map export of a fixed view, built as the map page builds one: shared by the export
tests and ``bench/exports.py``."""

from __future__ import annotations

from lib.data import Dataset
from lib.filters import Filters
from lib.map.choropleth import legend_title
from lib.map.context import context_labels, region_labels
from lib.map.publish import MapExport
from lib.views.map.figures import map_drawing, map_figures

FILTERS = Filters(years=(2012, 2012))


def make_export(dataset: Dataset, names: dict[str, str] | None = None) -> MapExport:
    """The 2012 map, Cusco selected, names and neighbours on (``names`` overrides region names)."""
    figures = map_figures(dataset, FILTERS)
    drawing = map_drawing(figures, FILTERS, outline_hubs=False)
    names = names or dataset.region_lookup("region_id", "name")
    return MapExport(
        geometry=dataset.geometry,
        context=dataset.context,
        paints=drawing.paints,
        patterns=drawing.patterns,
        selected="08",
        labels=[*context_labels(dataset.context, {}, "Pacific"), *region_labels(dataset.geometry, names)],
        title="Peru trafficking case map",
        legend_title=legend_title(FILTERS),
        legend=drawing.legend,
        hub_outline_label=None,
        lines=["2012 · all regions", "basis", "source", "made", "link"],
    )
