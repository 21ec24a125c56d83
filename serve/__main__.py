"""``make serve``: replicas behind nginx in the foreground; Ctrl-C or SIGTERM stops them all.

Usage: ``python -m serve [--replicas N] [--port PORT] [--cert CERT --key KEY] [--frame-ancestors "'self' https://…"]``
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from serve.replicas import ROOT, serve

FOLDER = ROOT / ".serve"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m serve", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--frame-ancestors", default="'self'", help="sites allowed to frame the app (CSP syntax)")
    parser.add_argument("--cert", type=Path, help="TLS certificate (PEM): serve HTTPS with HTTP/2")
    parser.add_argument("--key", type=Path, help="the certificate's private key (PEM)")
    options = parser.parse_args()
    if (options.cert is None) != (options.key is None):
        parser.error("--cert and --key go together")
    tls = (options.cert.resolve(), options.key.resolve()) if options.cert else None
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    served = serve(options.replicas, options.port, FOLDER, options.frame_ancestors, tls)
    ports = ", ".join(map(str, served.replicas))
    print(f"Serving {served.url} via nginx ({FOLDER / 'nginx.conf'}); replicas on {ports}. Ctrl-C stops.", flush=True)
    try:
        while not stop.wait(1):
            dead = [port for port, process in served.replicas.items() if process.poll() is not None]
            if served.proxy.poll() is not None:
                print("nginx stopped; stopping the replicas", file=sys.stderr)
                break
            if dead and len(dead) == len(served.replicas):
                print("every replica stopped; stopping nginx", file=sys.stderr)
                break
    finally:
        served.stop()
        print("stopped nginx and every replica", flush=True)


if __name__ == "__main__":
    main()
