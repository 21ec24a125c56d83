"""A certificate for trying HTTPS with HTTP/2 on this machine (tests, benchmarks): made with
Debian's openssl, for 127.0.0.1 and localhost. A real deployment brings its own."""

from __future__ import annotations

import subprocess
from pathlib import Path


def self_signed(folder: Path, days: int = 2) -> tuple[Path, Path]:
    """``(certificate, key)`` in PEM, written to ``folder``."""
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(certificate),
         "-days", str(days), "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    return certificate, key
