"""The stack floor: the least Streamlit + folium + streamlit-folium need to draw the same 25
regions offline. One slider, ``folium.GeoJson`` of the app's own region geometry, Leaflet
from the app's ``static/``, ``st_folium`` returning nothing; nothing else. The slider is
there so the page has the widget the app's filters are made of; the map does not use it.
"""

from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from lib.map.leaflet import LEAFLET_CSS, LEAFLET_JS

GEOMETRY = Path(__file__).resolve().parents[2] / "data" / "geo" / "peru_regions.geojson"

st.slider("Year", 2006, 2014, 2014)
fmap = folium.Map(location=[-9.4, -75.0], zoom_start=5, tiles=None)
fmap.default_js = [("leaflet", LEAFLET_JS)]
fmap.default_css = [("leaflet_css", LEAFLET_CSS)]
folium.GeoJson(str(GEOMETRY)).add_to(fmap)
st_folium(fmap, height=600, returned_objects=[])
