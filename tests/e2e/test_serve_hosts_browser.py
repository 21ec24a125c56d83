"""Serving across hosts: `python -m serve replicas` on two loopback addresses standing in for
two machines (127.0.0.2 and 127.0.0.3), and `python -m serve --replicas 0 --upstream …` in
front of them, all started as an operator would. Sessions stick to their host, an upload
goes to the host that holds its session, and when one host dies the other's sessions carry
on while the lost ones reopen their view from their links on the live host."""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from serve.replicas import COOKIE_SECRET_VARIABLE, ROOT, free_port, wait_healthy
from tests.e2e.conftest import require_nginx
from tests.support.harness import map_back_after_reconnect, map_frame, metric_value, upstreams_of, wait_for_script

pytestmark = pytest.mark.e2e
HOSTS = ("127.0.0.2", "127.0.0.3")
UPLOAD = Path(__file__).resolve().parents[1] / "uploads" / "good_semicolon_cp1252.csv"
RECONNECT_LIMIT_S = 15


@dataclass
class Hosts:
    """The stand-in hosts' replica commands (by ``host:port``), the proxy command, its URL and folder."""

    replicas: dict[str, subprocess.Popen[bytes]]
    proxy: subprocess.Popen[bytes]
    url: str
    folder: Path
    secret: str


def command(*arguments: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``python -m serve …`` in its own process group, so killing the group is a host dying."""
    return subprocess.Popen(
        [sys.executable, "-m", "serve", *arguments], cwd=ROOT, env=os.environ | env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip


def kill_host(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@pytest.fixture(scope="module")
def hosts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hosts]:
    require_nginx()
    secret = secrets.token_hex(32)
    replicas: dict[str, subprocess.Popen[bytes]] = {}
    proxy = None
    try:
        for host in HOSTS:
            port = free_port(host)
            process = command("replicas", "--address", host, "--port", str(port), env={COOKIE_SECRET_VARIABLE: secret})
            wait_healthy(f"http://{host}:{port}", process)
            replicas[f"{host}:{port}"] = process
        folder = tmp_path_factory.mktemp("serve-hosts")
        port = free_port()
        upstreams = [argument for name in replicas for argument in ("--upstream", name)]
        # The proxy's machine runs no replica and needs no secret.
        proxy = command("--replicas", "0", *upstreams, "--port", str(port), "--folder", str(folder), env={})
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proxy)
        yield Hosts(replicas, proxy, url, folder, secret)
    finally:
        for process in [*replicas.values(), *([proxy] if proxy else [])]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)


def cookie_for(hosts: Hosts, replica: str) -> str:
    """A sticky-cookie value nginx routes to ``replica`` (found by asking, as a browser would)."""
    host, port = hosts.url.removeprefix("http://").split(":")
    for _ in range(64):
        cookie = secrets.token_hex(16)
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", "/_stcore/health", headers={"Cookie": f"trata_replica={cookie}"})
        connection.getresponse().read()
        if upstreams_of(hosts.folder, "/_stcore/health")[-1] == replica:
            return cookie
    raise AssertionError(f"no cookie routed to {replica} in 64 tries")


def open_session(browser, offline, hosts: Hosts, replica: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", offline.route)
    context.add_cookies([{"name": "trata_replica", "value": cookie_for(hosts, replica), "url": hosts.url}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    return page


def replica_environment(process: subprocess.Popen[bytes]) -> list[dict[str, str]]:
    """The environment of each Streamlit process a replicas command started (its children)."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    environments = []
    for child in children:
        pairs = Path(f"/proc/{child}/environ").read_bytes().split(b"\0")
        environments.append(dict(pair.decode().split("=", 1) for pair in pairs if b"=" in pair))
    return environments


def test_every_replica_on_every_host_has_the_one_secret(hosts: Hosts) -> None:
    environments = [env for process in hosts.replicas.values() for env in replica_environment(process)]
    assert len(environments) == len(HOSTS)
    assert {env[COOKIE_SECRET_VARIABLE] for env in environments} == {hosts.secret}


def test_a_replicas_command_without_a_shared_secret_refuses_to_start(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != COOKIE_SECRET_VARIABLE}
    started = subprocess.run(
        [sys.executable, "-m", "serve", "replicas", "--address", HOSTS[0], "--port", str(free_port(HOSTS[0]))],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert started.returncode == 2
    assert COOKIE_SECRET_VARIABLE in started.stderr and "--cookie-secret-file" in started.stderr
    short = tmp_path / "secret"
    short.write_text("too-short\n")
    started = subprocess.run(
        [sys.executable, "-m", "serve", "replicas", "--cookie-secret-file", str(short)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert started.returncode == 2 and "at least 32" in started.stderr and str(short) in started.stderr


def test_sessions_stick_uploads_go_to_their_host_and_a_dead_host_loses_only_its_sessions(
    browser, offline, hosts: Hosts
) -> None:
    first, second = hosts.replicas
    # A session on the first host uploads a file: every call, the upload too, goes there.
    uploader = open_session(browser, offline, hosts, first)
    calls_before = len(upstreams_of(hosts.folder, "/_stcore/"))  # after the cookie probes
    uploader.goto(hosts.url + "/data")
    wait_for_script(uploader)
    uploader.locator("input[type=file]").first.set_input_files(str(UPLOAD))
    uploader.get_by_text("Accepted good_semicolon_cp1252.csv: 3 rows").wait_for(timeout=30_000)
    uploader.get_by_role("link", name="Map").click()
    wait_for_script(uploader)
    map_frame(uploader)
    assert metric_value(uploader, "Cases") == "14"
    assert "data=upload" in uploader.url
    assert set(upstreams_of(hosts.folder, "/_stcore/upload_file/")) == {first}
    assert set(upstreams_of(hosts.folder, "/_stcore/")[calls_before:]) == {first}
    # A session on the second host: all of its calls go there.
    analyst = open_session(browser, offline, hosts, second)
    calls_before = len(upstreams_of(hosts.folder, "/_stcore/"))
    analyst.goto(hosts.url + "/?years=2010-2012&region=cusco")
    wait_for_script(analyst)
    map_frame(analyst)
    assert set(upstreams_of(hosts.folder, "/_stcore/")[calls_before:]) == {second}
    # The first host dies.
    killed = time.monotonic()
    kill_host(hosts.replicas[first])
    assert map_back_after_reconnect(uploader, killed, RECONNECT_LIMIT_S) < RECONNECT_LIMIT_S
    # The lost session reopened its view on the live host, and says its file is gone rather
    # than showing the bundled data as if it were the upload.
    assert uploader.get_by_text("This view was made with an uploaded file").count() == 1
    assert metric_value(uploader, "Cases") != "14"
    # It uploads again without reloading the page (the XSRF cookie from the dead host is
    # still the browser's): the upload goes to the live host and is accepted.
    uploader.get_by_role("link", name="Data").click()
    wait_for_script(uploader)
    uploader.locator("input[type=file]").first.set_input_files(str(UPLOAD))
    uploader.get_by_text("Accepted good_semicolon_cp1252.csv: 3 rows").wait_for(timeout=30_000)
    assert upstreams_of(hosts.folder, "/_stcore/upload_file/")[-1] == second
    # The second host's session never noticed: its websocket is the one it opened, and it
    # still answers (Reset filters reruns the script and rewrites the link).
    assert analyst.get_by_role("heading", name="Cusco").count() == 1
    analyst.get_by_role("button", name="Reset filters").click()
    analyst.wait_for_function("() => !location.search.includes('region=cusco')", timeout=30_000)
    wait_for_script(analyst)
    streams = upstreams_of(hosts.folder, "/_stcore/stream")
    assert second not in streams  # a websocket is logged when it closes: the second's never did
    for page in (uploader, analyst):
        assert page.locator("[data-testid=stException]").count() == 0
        assert page.js_errors == []
        page.context.close()
    assert offline.blocked == []
