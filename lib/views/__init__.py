"""The views with logic of their own, one folder each: its figures (pure), its drawing and
its view state. Each builds on the ground floor (``lib/*.py``) and the map toolkit (``lib.map``)."""
