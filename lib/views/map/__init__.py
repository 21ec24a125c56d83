"""The map page: everything it computes for a view (``figures``)."""
