"""The trends page: its series (``series``) and Altair charts (``charts``)."""
