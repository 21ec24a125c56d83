"""The coverage page: ``offices`` (scenarios from offices.csv), ``figures`` (what a set of
offices covers, comparison tables), ``planner`` (the best k seats), ``distance`` (great-circle
km), ``view`` (the page's state and its URL form) and ``drawing`` (the coverage map)."""
