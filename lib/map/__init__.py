"""The map toolkit every view draws with, built only from local assets.

``leaflet``: the base map, Leaflet and outline assets, safe script elements and region
layers. ``choropleth``: class styles, tooltips and the text summary of a choropleth.
``legend``: legend entries and their HTML. ``context``: neighbouring countries, the sea and
place names. ``click``: what a click on the map selects. ``assets``: the files written to
``static/``. ``publish``: a view's PNG, SVG and HTML exports (``figure`` draws the first two
with matplotlib, ``standalone`` writes the page). What a view draws lives with the view,
under :mod:`lib.views`.
"""
