"""Start and stop app replicas and nginx: processes of this machine, each waited for until healthy
(the replicas on other hosts run the same code: ``python -m serve replicas``)."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from serve.nginx import ProxySettings, brotli_available, nginx_config
from serve.static import chrome_fonts, prepare_static, static_trees

ROOT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT_S = 60
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


HEALTH_PATH = "/_stcore/health"
# Streamlit's own default: what the replicas command and the app's container listen on.
APP_PORT = 8501
# Streamlit's own variable for server.cookieSecret, which signs its session and login cookies:
# every replica behind one proxy must share it, or a cookie one signed is refused by the next
# after a failover. (Streamlit 1.67's XSRF check compares a cookie with a header: no secret.)
COOKIE_SECRET_VARIABLE = "STREAMLIT_SERVER_COOKIE_SECRET"
MIN_SECRET_LENGTH = 32


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((address, 0))
        return int(sock.getsockname()[1])


def reachable(address: str) -> str:
    """The address to reach a server listening on ``address`` from this machine (a wildcard
    listens on loopback too)."""
    return "127.0.0.1" if address in ("0.0.0.0", "") else address


class SecretError(ValueError):
    """No usable shared cookie secret: the message says where one is read from and how to make one."""


def cookie_secret(file: Path | None, environ: Mapping[str, str] = os.environ) -> str | None:
    """The replicas' shared cookie secret: the content of ``file`` (surrounding whitespace
    dropped) when given, else the ``STREAMLIT_SERVER_COOKIE_SECRET`` variable, else ``None``.
    A secret shorter than 32 characters is refused (a guessable one would let anyone forge
    the cookies it signs)."""
    how = "make one with `openssl rand -hex 32`"
    if file is not None:
        try:
            secret, where = file.read_text(encoding="utf-8").strip(), str(file)
        except (OSError, UnicodeDecodeError) as error:
            raise SecretError(f"cannot read the cookie secret file {file}: {error}") from None
    elif COOKIE_SECRET_VARIABLE in environ:
        secret, where = environ[COOKIE_SECRET_VARIABLE].strip(), COOKIE_SECRET_VARIABLE
    else:
        return None
    if len(secret) < MIN_SECRET_LENGTH:
        raise SecretError(
            f"the cookie secret in {where} has {len(secret)} characters; at least {MIN_SECRET_LENGTH} are needed: {how}"
        )
    return secret


def _program(process: subprocess.Popen[bytes]) -> str:
    """The program a process runs, for messages."""
    command = process.args
    first = command[0] if isinstance(command, list | tuple) else command
    return os.fsdecode(first) if isinstance(first, str | bytes | os.PathLike) else str(first)


def wait_healthy(url: str, process: subprocess.Popen[bytes], path: str = HEALTH_PATH, any_answer: bool = False) -> None:
    """Poll ``url + path`` until it answers 200 (any HTTP answer with ``any_answer``: a proxy
    whose replicas are not up yet answers 502 and is still up); fail if ``process`` exits or
    time runs out."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{_program(process)} exited with {process.returncode}")
        try:
            # Our own certificate may be self-signed: the probe only asks this machine.
            context = ssl._create_unverified_context() if url.startswith("https") else None
            with urllib.request.urlopen(f"{url}{path}", timeout=2, context=context) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError:
            if any_answer:
                return
            time.sleep(0.2)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url}{path} did not answer within {STARTUP_TIMEOUT_S}s")


def start_streamlit(
    script: Path = ROOT / "app.py",
    cwd: Path = ROOT,
    port: int | None = None,
    env: dict[str, str] | None = None,
    address: str = "127.0.0.1",
    log: Path | None = None,
) -> tuple[str, subprocess.Popen[bytes]]:
    """Start ``script`` (the app by default) on ``address:port`` (a free port by default)
    and return its base URL once healthy. Streamlit reads ``.streamlit/config.toml`` from
    ``cwd`` and serves ``static/`` next to ``script``. Its messages go to ``log`` (appended),
    else where this process's go; if it does not start, the error says why in its words."""
    port = port or free_port(reachable(address))
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", address,
        "--server.headless", "true", "--global.developmentMode", "false",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    # Not a pipe: a replica that runs for weeks would block once nobody read 64 KB of it.
    output = open(log, "ab") if log else None  # noqa: SIM115 (the child keeps it open)
    try:
        process = subprocess.Popen(
            command, cwd=cwd, env=os.environ | (env or {}), stdout=subprocess.DEVNULL, stderr=output
        )
    finally:
        if output:
            output.close()
    url = f"http://{reachable(address)}:{port}"
    try:
        wait_healthy(url, process)
    except RuntimeError as error:
        process.kill()
        process.wait()
        said = f": {why_stopped(log)}" if log else " (its messages are above)"
        raise RuntimeError(f"the app on {address}:{port} did not start ({error}){said}") from None
    return url, process


def why_stopped(log: Path) -> str:
    """What a process that stopped at once wrote to ``log``: nginx's first ``[emerg]`` (its
    later ones repeat it less clearly), else the last line."""
    lines = [line.strip() for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    emergencies = [line for line in lines if "[emerg]" in line]
    return (emergencies or lines or [f"nothing in {log}"])[0 if emergencies else -1]


def stop_processes(processes: Sequence[subprocess.Popen[bytes]], timeout_s: float = 15) -> None:
    """Ask each process to stop (nginx with SIGQUIT, a graceful stop; the rest SIGTERM), wait
    for each, and kill what does not exit in time."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGQUIT if _program(process) == NGINX else signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Served:
    """The running replicas (by ``host:port``) and the proxy in front of them, if any."""

    url: str
    replicas: dict[str, subprocess.Popen[bytes]]
    proxy: subprocess.Popen[bytes] | None
    folder: Path
    stopped: bool = field(default=False)

    def processes(self) -> list[subprocess.Popen[bytes]]:
        return [*([self.proxy] if self.proxy else []), *self.replicas.values()]

    def stop(self, timeout_s: float = 15) -> None:
        """Stop nginx and every replica; wait for each to exit (kill what does not)."""
        if not self.stopped:
            self.stopped = True
            stop_processes(self.processes(), timeout_s)


# Precompressed static files, kept between starts (serve.static): only the first pays.
STATIC_CACHE = ROOT / ".serve" / "www"


def start_replicas(
    count: int,
    secret: str,
    address: str = "127.0.0.1",
    first_port: int | None = None,
    extra_env: dict[str, str] | None = None,
    logs: Path | None = None,
) -> dict[str, subprocess.Popen[bytes]]:
    """Start ``count`` app replicas on ``address`` (ports from ``first_port`` up, or free
    ones), all with the one cookie secret, each waited for until healthy; by ``host:port``.
    Their messages go to ``logs/replica-HOST-PORT.log``, else where this process's go. If
    one fails to start, those already started are stopped."""
    # permessage-deflate: the map page's messages shrink from 84 to 24 KB (bench/RESULTS.md,
    # "On a slow link"), worth 0.3 s on a mobile link, for little CPU.
    env = {COOKIE_SECRET_VARIABLE: secret, "STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION": "true"}
    env |= extra_env or {}
    started: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for index in range(count):
            port = (first_port + index) if first_port else free_port(reachable(address))
            log = logs / f"replica-{address}-{port}.log" if logs else None
            url, process = start_streamlit(env=env, address=address, port=port, log=log)
            started[f"{address}:{url.rsplit(':', 1)[1]}"] = process
    except BaseException:
        stop_processes(list(started.values()))
        raise
    return started


def serve(
    replicas: int,
    port: int,
    folder: Path,
    frame_ancestors: str = "'self'",
    tls: tuple[Path, Path] | None = None,
    static_cache: Path = STATIC_CACHE,
    replica_env: dict[str, str] | None = None,
    upstreams: Sequence[str] = (),
    listen: str = "127.0.0.1",
    secret: str | None = None,
) -> Served:
    """Start ``replicas`` app processes on free local ports and nginx on ``listen:port`` in
    front of them and of ``upstreams`` (replicas running elsewhere, ``host:port`` each), its
    configuration written to ``folder``. Every replica shares one cookie secret, so a cookie
    Streamlit signed on one is good on another after a failover: ``secret``,
    or one made for this run when every replica is started here. nginx serves the static
    trees itself from ``static_cache`` (mirrored and precompressed first); with ``tls``
    (certificate, key) it speaks HTTPS with HTTP/2."""
    if not replicas and not upstreams:
        raise ValueError("nothing to serve: start at least one replica here or name the upstream replicas")
    if secret is None:
        if upstreams and replicas:
            raise SecretError(
                "replicas here and elsewhere must share one cookie secret: "
                f"set {COOKIE_SECRET_VARIABLE} or pass --cookie-secret-file, as on the other hosts"
            )
        secret = secrets.token_hex(32)
    folder.mkdir(parents=True, exist_ok=True)
    trees = static_trees()
    prepare_static(static_cache)
    fonts = chrome_fonts()
    started = start_replicas(replicas, secret, extra_env=replica_env, logs=folder)
    proxy: subprocess.Popen[bytes] | None = None
    try:
        config = folder / "nginx.conf"
        settings = ProxySettings(
            f"{listen}:{port}",
            [*started, *upstreams],
            folder,
            frame_ancestors,
            static_root=static_cache,
            static_prefixes=[tree.prefix for tree in trees],
            tls=tls,
            brotli=brotli_available(),
            revalidated=[fonts.icon_url],
            page_rewrites=fonts.page_rewrites,
        )
        config.write_text(nginx_config(settings), encoding="utf-8")
        # nginx's own messages go to error.log once it has read its configuration; before
        # that (a port taken, a bad path) to its standard error.
        with open(folder / "nginx-start.log", "ab") as output:
            proxy = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(config)], stderr=output)
        url = f"{'https' if tls else 'http'}://{reachable(listen)}:{port}"
        try:
            # Replicas elsewhere may not be up yet: nginx answering at all is enough here.
            wait_healthy(url, proxy, any_answer=bool(upstreams))
        except RuntimeError as error:
            raise RuntimeError(f"nginx did not start ({error}): {why_stopped(folder / 'nginx-start.log')}") from None
    except BaseException:
        for process in [*started.values(), *([proxy] if proxy else [])]:
            process.kill()
        raise
    return Served(url, started, proxy, folder)
