"""The functional core, plain typed Python that never imports Streamlit. The ground floor
(``lib/*.py``: data, filters, years, the model and its solver, vocabulary, labels, text) is
shared by the map toolkit (:mod:`lib.map`) and the views (:mod:`lib.views`); :mod:`lib.shell`
is the imperative shell on top. ``scripts/check_layers.py`` holds the layers in place."""
