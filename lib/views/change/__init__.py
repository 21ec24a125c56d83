"""The change page: its two periods (``periods``), the change figures and verdicts
(``figures``) and the change map with the period maps (``drawing``)."""
