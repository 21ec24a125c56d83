"""Folium maps built only from local assets.

``leaflet``: the base map, Leaflet and outline assets, safe script elements and region
layers. ``choropleth``: the case map's styles and tooltips. ``legend``: legend entries and
their HTML. ``click``: what a click on the map selects. ``coverage``: the coverage map.
``assets``: the files written to ``static/``.
"""
