"""The nginx configuration in front of the app replicas.

- Sticky sessions: the first response sets a ``trata_replica`` cookie (a random request id);
  every later request, the websocket included, is routed by a consistent hash of it, so a
  browser stays on one replica. (Open-source nginx has no ``sticky cookie``; ``ip_hash``
  would send every analyst behind one office proxy to the same replica.)
- Passive health checks: a replica that refuses ``max_fails`` requests is skipped for
  ``fail_timeout``; the request, and the hash, move on to a live replica.
- Websockets upgraded and kept open; uploads capped as the app caps them; the security
  headers Streamlit does not send itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# 2 MB of CSV plus the multipart envelope: anything larger is refused before the app.
MAX_BODY = "3m"
# Everything the pages and the map need comes from the app itself. 'unsafe-inline' and
# 'unsafe-eval': Streamlit's own bundle, Vega charts and the streamlit-folium frame evaluate
# scripts they are given; the OpenStreetMap tiles are for the optional web basemap only.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https://tile.openstreetmap.org https://*.tile.openstreetmap.org",
        "font-src 'self' data:",
        "connect-src 'self' ws: wss:",
        "frame-src 'self' blob: data:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)


@dataclass(frozen=True)
class ProxySettings:
    """Where nginx listens, the replicas' ports, its working folder, and which sites may
    put the app in a frame (``'self'`` only unless configured)."""

    port: int
    replica_ports: Sequence[int]
    folder: Path
    frame_ancestors: str = "'self'"
    max_fails: int = 1
    fail_timeout_s: int = 10


def nginx_config(settings: ProxySettings) -> str:
    """The whole ``nginx.conf`` for ``settings`` (foreground, no root needed).

    >>> "server 127.0.0.1:8601 max_fails=1 fail_timeout=10s;" in nginx_config(
    ...     ProxySettings(8080, [8601, 8602], Path("/tmp/x")))
    True
    """
    folder = settings.folder
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails={settings.max_fails} fail_timeout={settings.fail_timeout_s}s;"
        for port in settings.replica_ports
    )
    policy = f"{CONTENT_SECURITY_POLICY}; frame-ancestors {settings.frame_ancestors}"
    return f"""# Written by serve/nginx.py for `make serve`; regenerated on every start.
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;

events {{
    worker_connections 4096;
}}

http {{
    include /etc/nginx/mime.types;
    # The upstream of each request: which replica served it (an operator's question, and how
    # the failover test finds the replica that holds a session).
    log_format replica '$remote_addr [$time_local] "$request" $status upstream=$upstream_addr';
    access_log {folder}/access.log replica;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        '' close;
    }}
    map $cookie_trata_replica $trata_replica {{
        "" $request_id;
        default $cookie_trata_replica;
    }}

    upstream replicas {{
        hash $trata_replica consistent;
{servers}
    }}

    server {{
        listen 127.0.0.1:{settings.port};
        client_max_body_size {MAX_BODY};

        add_header Set-Cookie "trata_replica=$trata_replica; Path=/; HttpOnly; SameSite=Lax" always;
        add_header X-Content-Type-Options "nosniff" always;
        add_header Referrer-Policy "strict-origin-when-cross-origin" always;
        add_header Content-Security-Policy "{policy}" always;

        location / {{
            proxy_pass http://replicas;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1d;
            proxy_buffering off;
            proxy_next_upstream error timeout http_502 http_503;
            proxy_connect_timeout 2s;
        }}
    }}
}}
"""
