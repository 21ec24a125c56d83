"""The imperative shell: the only lib code that imports Streamlit (session state, widgets,
caches, the URL). Pages call it; the core below never does (scripts/check_layers.py)."""
