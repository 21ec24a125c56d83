"""Opening the app in AppTest the way a link opens it in a browser."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib.shell import keys

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [error.message for error in at.exception]


def open_app(page: str | None = None, map_drawn: bool = True, **params: str) -> AppTest:
    """Run the app with ``params`` in the URL, then switch to ``page`` if given.

    AppTest always starts on the default page, whose run rewrites the URL to the shared
    filters only; the parameters are set again before switching so the page sees them.
    AppTest has no browser to draw the map and report it (lib.shell.deferred); unless
    ``map_drawn`` is false, the session starts as if the map had drawn, so the whole map
    page is there.
    """
    at = AppTest.from_file(APP, default_timeout=60)
    if map_drawn:
        at.session_state[keys.MAP_DRAWN] = True
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert_no_exception(at)
    if page is not None:
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(page).run()
        assert_no_exception(at)
    return at


def metric(at: AppTest, label: str) -> str:
    return next(item.value for item in at.metric if item.label == label)
