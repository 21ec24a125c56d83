"""A map export of a fixed view, built as the map page builds one: shared by the export
tests and ``bench/exports.py``."""

from __future__ import annotations

from lib.aggregate import region_summary
from lib.classify import classify, sequential_palette
from lib.data import Dataset
from lib.filters import Filters
from lib.map.choropleth import MapStyle, choropleth_paints, legend_title, undetermined
from lib.map.context import context_labels, region_labels
from lib.map.legend import legend_entries
from lib.map.publish import MapExport

FILTERS = Filters(years=(2012, 2012))


def make_export(dataset: Dataset, names: dict[str, str] | None = None) -> MapExport:
    """The 2012 map, Cusco selected, names and neighbours on (``names`` overrides region names)."""
    summary = region_summary(dataset, FILTERS)
    classes = classify(summary.set_index("region_id")["value"], FILTERS.scheme, FILTERS.classes)
    palette = sequential_palette(classes.size)
    paints = choropleth_paints(summary, FILTERS, MapStyle(classes, palette, outline_hubs=False))
    names = names or dataset.region_lookup("region_id", "name")
    return MapExport(
        geometry=dataset.geometry,
        context=dataset.context,
        paints=paints,
        hatched=sorted(undetermined(summary, classes)),
        selected="08",
        labels=[*context_labels(dataset.context, {}, "Pacific"), *region_labels(dataset.geometry, names)],
        title="Peru trafficking case map",
        legend_title=legend_title(FILTERS),
        legend=legend_entries(classes, palette, summary, FILTERS),
        hub_outline_label=None,
        lines=["2012 · all regions", "basis", "source", "made", "link"],
    )
