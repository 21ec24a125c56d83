"""AppTest: a prepared export is tied to everything it shows, and says what its data is."""

import pytest

from lib.shell import keys
from tests.app.helpers import open_app

ROWS = "".join(f"{region},{year},{cases}\n" for region, cases in (("Cusco", 5), ("Lima", 12)) for year in (2012, 2013))


def upload(at):
    at.switch_page("app_pages/data.py").run()
    at.file_uploader[0].set_value(("own $5.csv", f"region,year,cases\n{ROWS}".encode(), "text/csv")).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("page", ["app_pages/map.py", "app_pages/coverage.py", "app_pages/change.py"])
def test_files_prepared_for_the_bundled_data_are_not_offered_after_an_upload(page: str) -> None:
    at = open_app(page, years="2012-2013")
    at.button(key=keys.EXPORT_PREPARE).click().run()
    bundled_view = at.session_state[keys.EXPORTS]["view"]
    upload(at).switch_page(page).run()
    assert not at.exception
    # The screen changed: the prepare button is back, and the old files are not offered.
    assert any(button.key == keys.EXPORT_PREPARE for button in at.button)
    at.button(key=keys.EXPORT_PREPARE).click().run()
    prepared = at.session_state[keys.EXPORTS]
    assert prepared["view"] != bundled_view
    html = prepared["files"]["html"].decode("utf-8")
    assert "own $5.csv" in html and "no ranges" in html and "data=upload" in html
    assert "Ministerio Público, 2007–2014" not in html
    assert "own $5.csv" in prepared["files"]["svg"].decode("utf-8")


def test_changing_the_language_asks_to_prepare_again() -> None:
    at = open_app("app_pages/map.py", years="2012")
    at.button(key=keys.EXPORT_PREPARE).click().run()
    english = at.session_state[keys.EXPORTS]["view"]
    at.session_state[keys.LANGUAGE] = "es"
    at.run()
    assert any(button.key == keys.EXPORT_PREPARE for button in at.button)
    assert at.session_state[keys.EXPORTS]["view"] == english  # kept, but not offered for this view
