"""Start and stop app replicas and nginx: local processes, each waited for until healthy."""

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
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from serve.nginx import ProxySettings, brotli_available, nginx_config
from serve.static import mirror, static_trees

ROOT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT_S = 60
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _program(process: subprocess.Popen[bytes]) -> str:
    """The program a process runs, for messages."""
    command = process.args
    first = command[0] if isinstance(command, list | tuple) else command
    return os.fsdecode(first) if isinstance(first, str | bytes | os.PathLike) else str(first)


def wait_healthy(url: str, process: subprocess.Popen[bytes], path: str = "/_stcore/health") -> None:
    """Poll ``url + path`` until it answers 200; fail if ``process`` exits or time runs out."""
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
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url}{path} did not answer within {STARTUP_TIMEOUT_S}s")


def start_streamlit(
    script: Path = ROOT / "app.py",
    cwd: Path = ROOT,
    port: int | None = None,
    env: dict[str, str] | None = None,
) -> tuple[str, subprocess.Popen[bytes]]:
    """Start ``script`` (the app by default) on ``port`` (a free one by default) and return
    its base URL once healthy. Streamlit reads ``.streamlit/config.toml`` from ``cwd`` and
    serves ``static/`` next to ``script``."""
    port = port or free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--global.developmentMode", "false",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=cwd, env=os.environ | (env or {}), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
    except RuntimeError:
        process.kill()
        raise
    return url, process


@dataclass
class Served:
    """The running replicas and the proxy in front of them."""

    url: str
    replicas: dict[int, subprocess.Popen[bytes]]  # by port
    proxy: subprocess.Popen[bytes]
    folder: Path
    stopped: bool = field(default=False)

    def stop(self, timeout_s: float = 15) -> None:
        """Stop nginx and every replica; wait for each to exit (kill what does not)."""
        if self.stopped:
            return
        self.stopped = True
        processes = [self.proxy, *self.replicas.values()]
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT if process is self.proxy else signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# Precompressed static files, kept between starts (serve.static): only the first pays.
STATIC_CACHE = ROOT / ".serve" / "www"


def serve(
    replicas: int,
    port: int,
    folder: Path,
    frame_ancestors: str = "'self'",
    tls: tuple[Path, Path] | None = None,
    static_cache: Path = STATIC_CACHE,
    replica_env: dict[str, str] | None = None,
) -> Served:
    """Start ``replicas`` app processes on free local ports and nginx on ``port`` in front
    of them, its configuration written to ``folder``. Every replica shares one cookie
    secret, so Streamlit's XSRF token issued by one is valid on another after a failover.
    nginx serves the static trees itself from ``static_cache`` (mirrored and precompressed
    first); with ``tls`` (certificate, key) it speaks HTTPS with HTTP/2."""
    folder.mkdir(parents=True, exist_ok=True)
    trees = static_trees()
    for tree in trees:
        mirror(tree, static_cache)
    # permessage-deflate: the map page's messages shrink from 84 to 24 KB (bench/RESULTS.md,
    # "On a slow link"), worth 0.3 s on a mobile link, for little CPU.
    env = {
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
        "STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION": "true",
    }
    env |= replica_env or {}
    started: dict[int, subprocess.Popen[bytes]] = {}
    proxy: subprocess.Popen[bytes] | None = None
    try:
        for _ in range(replicas):
            url, process = start_streamlit(env=env)
            started[int(url.rsplit(":", 1)[1])] = process
        config = folder / "nginx.conf"
        settings = ProxySettings(
            port,
            list(started),
            folder,
            frame_ancestors,
            static_root=static_cache,
            static_prefixes=[tree.prefix for tree in trees],
            tls=tls,
            brotli=brotli_available(),
        )
        config.write_text(nginx_config(settings), encoding="utf-8")
        proxy = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(config)], stderr=subprocess.PIPE)
        url = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
        wait_healthy(url, proxy)
    except BaseException:
        for process in [*started.values(), *([proxy] if proxy else [])]:
            process.kill()
        raise
    return Served(url, started, proxy, folder)
