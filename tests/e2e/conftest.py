"""Browser-test fixtures: the app served on a free port, one headless Chromium per session,
and a page per test whose requests to anything but localhost are aborted and recorded."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.support.harness import CHROMIUM, CHROMIUM_ARGS, Offline, start_server

if TYPE_CHECKING:
    from serve.replicas import Served


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip browser tests loudly when Chromium is absent; under CI that is a failure."""
    if CHROMIUM.exists():
        return
    reason = f"Chromium not found at {CHROMIUM}: install Debian's `chromium` to run the browser tests"
    for item in items:
        if item.get_closest_marker("e2e"):
            if os.environ.get("CI") == "true":
                raise pytest.UsageError(f"CI=true and a browser test would be skipped. {reason}")
            item.add_marker(pytest.mark.skip(reason=reason))


def require_nginx() -> None:
    """Skip a serving test loudly when nginx is absent; under CI that is a failure."""
    from serve.replicas import NGINX

    if shutil.which("nginx") or Path(NGINX).exists():
        return
    message = "nginx not found: install Debian's `nginx` to run the serving tests (make serve does)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and a serving test would be skipped. {message}")
    pytest.skip(message)


@contextmanager
def nginx_in_front(folder: Path, replicas: int = 1, **options: Any) -> Iterator[Served]:
    """``make serve`` (nginx and ``replicas`` app processes) for a test module, stopped after."""
    from serve.replicas import free_port, serve

    require_nginx()
    running = serve(replicas, free_port(), folder, **options)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    url, process = start_server()
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def offline() -> Offline:
    return Offline()


@pytest.fixture
def page(browser: object, offline: Offline) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)  # type: ignore[attr-defined]
    context.route("**/*", offline.route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors  # type: ignore[attr-defined]
    yield page
    context.close()
