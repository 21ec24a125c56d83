"""``make serve``: nginx in front of app replicas, in the foreground; Ctrl-C or SIGTERM stops
everything this command started.

Usage:

- ``python -m serve [--replicas N] [--upstream HOST:PORT ...] [--listen ADDRESS] [--port PORT]
  [--folder FOLDER] [--cert CERT --key KEY] [--frame-ancestors "'self' https://…"] [--cookie-secret-file FILE]``:
  the proxy, with N replicas of its own on this machine and any replicas running elsewhere.
- ``python -m serve replicas [--count N] [--address ADDRESS] [--port FIRST_PORT]
  [--cookie-secret-file FILE]``: app replicas only, for the other hosts behind a proxy.
- ``python -m serve static FOLDER``: the static files nginx serves itself, mirrored and
  precompressed into FOLDER (a proxy image's build step).
- ``python -m serve kubernetes [--namespace NS] [--output FILE]``: the proxy's ConfigMap for
  ``deploy/kubernetes/``.

The replicas' shared cookie secret is read from ``--cookie-secret-file`` or from
``STREAMLIT_SERVER_COOKIE_SECRET``; only a proxy whose replicas all run here makes one itself.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from serve.kubernetes import proxy_config_map
from serve.replicas import APP_PORT, ROOT, SecretError, Served, cookie_secret, serve, start_replicas
from serve.static import prepare_static

FOLDER = ROOT / ".serve"


def upstream(text: str) -> str:
    """``host:port`` as nginx's ``server`` takes it (an IPv6 host in brackets)."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT (for example 10.0.0.2:8501)")
    return text


def run_until_stopped(served: Served) -> None:
    """Wait for Ctrl-C or SIGTERM, or until nginx or every replica has stopped; then stop the rest."""
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        while not stop.wait(1):
            if served.proxy is not None and served.proxy.poll() is not None:
                print("nginx stopped; stopping the replicas", file=sys.stderr)
                break
            dead = [name for name, process in served.replicas.items() if process.poll() is not None]
            if served.replicas and len(dead) == len(served.replicas):
                print("every replica stopped; stopping", file=sys.stderr)
                break
    finally:
        served.stop()
        print("stopped everything this command started", flush=True)


def secret_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cookie-secret-file",
        type=Path,
        help="the replicas' shared cookie secret (else STREAMLIT_SERVER_COOKIE_SECRET); the same on every host",
    )


def proxy(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m serve", description="nginx in front of app replicas")
    parser.add_argument("--replicas", type=int, default=2, help="replicas started here (0: only --upstream ones)")
    parser.add_argument("--upstream", type=upstream, action="append", default=[], metavar="HOST:PORT",
                        help="a replica running elsewhere (python -m serve replicas); repeat for each")  # fmt: skip
    parser.add_argument("--listen", default="127.0.0.1", help="the address nginx listens on (0.0.0.0: every one)")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--frame-ancestors", default="'self'", help="sites allowed to frame the app (CSP syntax)")
    parser.add_argument("--folder", type=Path, default=FOLDER, help="where nginx.conf and the logs go")
    parser.add_argument("--cert", type=Path, help="TLS certificate (PEM): serve HTTPS with HTTP/2")
    parser.add_argument("--key", type=Path, help="the certificate's private key (PEM)")
    secret_option(parser)
    options = parser.parse_args(arguments)
    if (options.cert is None) != (options.key is None):
        parser.error("--cert and --key go together")
    tls = (options.cert.resolve(), options.key.resolve()) if options.cert else None
    try:
        secret = cookie_secret(options.cookie_secret_file)
        served = serve(
            options.replicas, options.port, options.folder.resolve(), options.frame_ancestors, tls,
            upstreams=options.upstream, listen=options.listen, secret=secret,
        )  # fmt: skip
    except (SecretError, ValueError) as error:
        parser.error(str(error))
    except RuntimeError as error:
        sys.exit(f"python -m serve: {error}")
    replicas = ", ".join([*served.replicas, *options.upstream])
    print(
        f"Serving {served.url} via nginx ({served.folder / 'nginx.conf'}); replicas: {replicas}. Ctrl-C stops.",
        flush=True,
    )
    run_until_stopped(served)


def replicas(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m serve replicas", description="app replicas only, for a proxy elsewhere"
    )
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--address", default="127.0.0.1", help="the address they listen on (0.0.0.0: every one)")
    parser.add_argument("--port", type=int, default=APP_PORT, help="the first one's port; the next count up")
    secret_option(parser)
    options = parser.parse_args(arguments)
    try:
        secret = cookie_secret(options.cookie_secret_file)
    except SecretError as error:
        parser.error(str(error))
    if secret is None:
        parser.error(
            "replicas behind one proxy must share a cookie secret: set STREAMLIT_SERVER_COOKIE_SECRET or pass "
            "--cookie-secret-file, with the same value on every host (make one with `openssl rand -hex 32`)"
        )
    try:
        started = start_replicas(options.count, secret, options.address, options.port)
    except RuntimeError as error:
        sys.exit(f"python -m serve replicas: {error}")
    print(f"Replicas on {', '.join(started)}. Ctrl-C stops.", flush=True)
    run_until_stopped(Served(f"http://{next(iter(started))}", started, None, FOLDER))


def static(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m serve static", description="mirror and precompress the static files"
    )
    parser.add_argument("folder", type=Path)
    options = parser.parse_args(arguments)
    icons = prepare_static(options.folder)
    font = (
        f"{len(icons.icons)} icons, {len(icons.font) / 1000:.1f} KB"
        if icons.is_subset
        else f"whole: {icons.full_because}"
    )
    print(f"{options.folder}: static files mirrored; icon font {font}")


def kubernetes(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m serve kubernetes", description="the proxy's ConfigMap")
    parser.add_argument("--namespace", default="trata")
    parser.add_argument("--output", type=Path, help="write here instead of standard output")
    options = parser.parse_args(arguments)
    text = proxy_config_map(options.namespace)
    if options.output:
        options.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


COMMANDS = {"replicas": replicas, "static": static, "kubernetes": kubernetes}


def main() -> None:
    arguments = sys.argv[1:]
    if arguments and arguments[0] in COMMANDS:
        COMMANDS[arguments[0]](arguments[1:])
    else:
        proxy(arguments)


if __name__ == "__main__":
    main()
