"""Population filling on small hand-computed cases (the cases table: test_ranges.py)."""

import pandas as pd

from lib.estimate import fill_population


def test_fill_population_interpolates_and_extrapolates() -> None:
    reported = pd.DataFrame(
        {"region_id": ["01"] * 4, "year": [2007, 2010, 2011, 2012], "population": [100.0, 130.0, 132.0, 134.64]}
    )
    filled = fill_population(reported, range(2006, 2014)).set_index("year")
    assert filled.loc[2008, "population"] == 110 and filled.loc[2008, "method"] == "interpolated"
    assert filled.loc[2009, "population"] == 120
    assert filled.loc[2013, "population"] == round(134.64 * 1.02)  # 2011->2012 growth is 2 %
    assert filled.loc[2006, "method"] == "extrapolated"
    assert filled.loc[2006, "population"] == round(100 / (132 / 130))
    assert filled.loc[2010, "method"] == "reported"
