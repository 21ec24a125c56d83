"""The nginx configuration in front of the app replicas.

- Sticky sessions: the first response sets a ``trata_replica`` cookie (a random request id);
  every later request, the websocket included, is routed by a consistent hash of it, so a
  browser stays on one replica. (Open-source nginx has no ``sticky cookie``; ``ip_hash``
  would send every analyst behind one office proxy to the same replica.)
- Passive health checks: a replica that refuses ``max_fails`` requests is skipped for
  ``fail_timeout``; the request, and the hash, move on to a live replica.
- Websockets upgraded and kept open; uploads capped as the app caps them; the security
  headers Streamlit does not send itself.
- Compression, which Streamlit leaves to the proxy: the static trees (Streamlit's bundle,
  streamlit-folium's frame, the app's Leaflet and outlines) are served by nginx from disk,
  precompressed once at Brotli 11 and gzip 9 (:mod:`serve.static`); what the replicas answer
  is compressed on the fly (Brotli where the browser accepts it, else gzip). Hashed names are
  cached for a year and never revalidated; the rest revalidate (a 304 when unchanged).
- TLS with HTTP/2 when a certificate is given: one connection carries every request.
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
        # 'self' matches the page's own host and port over ws: and wss: too (CSP Level 3), so
        # the app's websocket is allowed and no other host's.
        "connect-src 'self'",
        "frame-src 'self' blob: data:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)


# Types compressed on the fly (text/html always is); woff2, PNG and the like are compressed already.
COMPRESSED_TYPES = (
    "text/css text/plain text/javascript application/javascript application/json application/geo+json "
    "application/manifest+json image/svg+xml"
)
MODULES = Path("/usr/lib/nginx/modules")
# A page path with a segment too many: a first segment that is no Streamlit route, then one
# that is not a Streamlit route under a page either.
ROUTES = "_stcore/|static/|app/|component/|media/"
EXTRA_SEGMENT = f"^/(?!{ROUTES}|~/)([^/]+)/(?!{ROUTES})."
# The same on the raw request line, whose query string is not part of the page's name.
EXTRA_SEGMENT_RAW = f"^/(?!{ROUTES}|~/)([^/?]+)/(?!{ROUTES})[^?]"
# The sticky cookie as nginx issues it ($request_id: 32 hex digits); any other value a
# browser sends is replaced, never reflected into the Set-Cookie header.
REPLICA_COOKIE = "^[0-9a-f]{32}$"
# Only an answer that succeeded may be cached by the rules above, and an HTML page never
# immutably: for a hashed name it has not got, Streamlit answers 200 with its index page,
# which a year-long cache would then serve in place of the script. Errors are never stored.
CACHE_BY_ANSWER = (
    ("~^(200|204|206|304)\\|text/html[^|]*\\|.*immutable", "no-cache"),
    ("~^(200|204|206|304)\\|", "$trata_cache_rule"),
)
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")
# Cache-Control by path: file names with a content hash never change, the rest revalidate.
CACHE_RULES = (
    ("~^/static/", "public, max-age=31536000, immutable"),
    # Streamlit names media files (images, download buttons' data) by a hash of their content
    # and sends no cache header: without one a returning browser fetched them all again. They
    # belong to one session (an analyst's upload among them): the browser may keep them, a
    # shared cache never.
    # Named by content hash, with or without an extension (a MIME type Python knows no
    # extension for, as BibTeX's, gives none).
    ("~^/media/[0-9a-f]+(\\.[A-Za-z0-9]+)?$", "private, max-age=31536000, immutable"),
    ("~^/app/static/(geo/regions-|leaflet-[0-9.]+/)", "public, max-age=31536000, immutable"),
    ("~^/component/streamlit_folium\\.st_folium/static/", "public, max-age=31536000, immutable"),
    ("~^/(app/static|component)/", "no-cache"),
)


def brotli_available(modules: Path = MODULES) -> bool:
    """Whether Debian's Brotli modules for nginx are installed (``make serve`` installs them)."""
    return all((modules / name).is_file() for name in BROTLI_MODULES)


@dataclass(frozen=True)
class ProxySettings:
    """What nginx listens on (``address:port``), the replicas it fronts (``host:port`` each,
    on this machine or others; a name that resolves to several addresses, as a headless
    Kubernetes Service does, stands for all of them), its working folder (pid, temporary
    files, and the logs unless ``access_log``/``error_log`` say otherwise), which sites may
    put the app in a frame (``'self'`` only unless configured), the folder of static files it
    serves itself (``static_root``, see :mod:`serve.static`; ``None``: everything from the
    replicas), a TLS certificate and key (HTTPS with HTTP/2), and whether Brotli is on."""

    listen: str
    upstreams: Sequence[str]
    folder: Path
    frame_ancestors: str = "'self'"
    max_fails: int = 1
    fail_timeout_s: int = 10
    static_root: Path | None = None
    static_prefixes: Sequence[str] = ()
    tls: tuple[Path, Path] | None = None
    brotli: bool = False
    access_log: str | None = None
    error_log: str | None = None
    # Paths served "no-cache" whatever the rules below say (a file under a name that is not
    # its content's hash: the icon subset under the full font's name).
    revalidated: Sequence[str] = ()
    # Exact texts replaced in the pages the replicas answer, each once (serve.fonts: the
    # Source Sans preload deleted, the font declared local-only).
    page_rewrites: Sequence[tuple[str, str]] = ()


def nginx_string(text: str) -> str:
    """``text`` as a single-quoted nginx string (line breaks as nginx's escapes).

    >>> print(nginx_string("<link\\n  rel='preload'>"))
    '<link\\n  rel=\\'preload\\'>'
    """
    if "$" in text:
        raise ValueError(f"nginx would read a variable in {text!r}")
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    return "'" + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'"


def nginx_config(settings: ProxySettings) -> str:
    """The whole ``nginx.conf`` for ``settings`` (foreground, no root needed).

    >>> "server 10.0.0.2:8501 max_fails=1 fail_timeout=10s;" in nginx_config(
    ...     ProxySettings("127.0.0.1:8080", ["10.0.0.2:8501", "10.0.0.3:8501"], Path("/tmp/x")))
    True
    """
    folder = settings.folder
    servers = "\n".join(
        f"        server {upstream} max_fails={settings.max_fails} fail_timeout={settings.fail_timeout_s}s;"
        for upstream in settings.upstreams
    )
    access_log = settings.access_log or f"{folder}/access.log"
    error_log = settings.error_log or f"{folder}/error.log"
    policy = f"{CONTENT_SECURITY_POLICY}; frame-ancestors {settings.frame_ancestors}"
    modules = "".join(f"load_module {MODULES / name};\n" for name in BROTLI_MODULES) if settings.brotli else ""
    brotli = (
        f"""
    brotli on;
    brotli_comp_level 5;
    brotli_min_length 256;
    brotli_types {COMPRESSED_TYPES};
    brotli_static on;"""
        if settings.brotli
        else ""
    )
    cache_rules = "\n".join(
        [f'        "{path}" "no-cache";' for path in settings.revalidated]
        + [f'        "{pattern}" "{value}";' for pattern, value in CACHE_RULES]
    )
    # Pages come from the replicas uncompressed (nginx compresses them), so the rewrites see
    # the page as Streamlit wrote it.
    rewrites = "".join(
        f"\n            sub_filter {nginx_string(text)} {nginx_string(replacement)};"
        for text, replacement in settings.page_rewrites
    )
    answer_rules = "\n".join(f'        "{pattern}" {value};' for pattern, value in CACHE_BY_ANSWER)
    if settings.tls:
        certificate, key = settings.tls
        listen = f"""listen {settings.listen} ssl http2;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:trata:1m;
        add_header Strict-Transport-Security "max-age=31536000" always;"""
        secure = "; Secure"
    else:
        listen, secure = f"listen {settings.listen};", ""
    static = ""
    if settings.static_root is not None:
        static = f"\n        root {settings.static_root};\n" + "".join(
            f"""
        location {prefix} {{
            try_files $uri @replicas;
        }}"""
            for prefix in settings.static_prefixes
        )
    return f"""# Written by serve/nginx.py (`python -m serve`); regenerated on every start.
{modules}worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {error_log} warn;

events {{
    worker_connections 4096;
}}

http {{
    include /etc/nginx/mime.types;
    # Room for exact paths as long as the icon font's in the cache map.
    map_hash_bucket_size 128;
    # The upstream of each request: which replica served it (an operator's question, and how
    # the failover test finds the replica that holds a session).
    log_format replica '$remote_addr [$time_local] "$request" $status upstream=$upstream_addr bytes=$bytes_sent';
    access_log {access_log} replica;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;

    gzip on;
    gzip_comp_level 5;
    gzip_min_length 256;
    gzip_proxied any;
    gzip_vary on;
    gzip_types {COMPRESSED_TYPES};
    gzip_static on;{brotli}

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        '' close;
    }}
    map $cookie_trata_replica $trata_replica {{
        "~{REPLICA_COOKIE}" $cookie_trata_replica;
        default $request_id;
    }}
    map $uri $trata_cache_rule {{
{cache_rules}
        default "";
    }}
    map "$status|$sent_http_content_type|$trata_cache_rule" $trata_cache {{
{answer_rules}
        default "no-store";
    }}
    # The page a path with a segment too many is sent to, taken from the request as the
    # browser sent it (still percent-encoded): a decoded line break in $uri would otherwise
    # end the Location header and let a link write headers of its own.
    map $request_uri $trata_page {{
        "~{EXTRA_SEGMENT_RAW}" /$1;
        default /;
    }}
    # The name and port the browser used: Streamlit's websocket refuses an Origin that does
    # not match Host, and $host drops the port (trata.example:8443 would never draw).
    map $http_host $trata_host {{
        "" $host;
        default $http_host;
    }}

    upstream replicas {{
        hash $trata_replica consistent;
{servers}
    }}

    server {{
        {listen}
        client_max_body_size {MAX_BODY};

        add_header Set-Cookie "trata_replica=$trata_replica; Path=/; HttpOnly; SameSite=Lax{secure}" always;
        add_header X-Content-Type-Options "nosniff" always;
        add_header Referrer-Policy "strict-origin-when-cross-origin" always;
        add_header Content-Security-Policy "{policy}" always;
        add_header Cache-Control $trata_cache always;

        proxy_http_version 1.1;
        proxy_set_header Host $trata_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header Accept-Encoding "";
        proxy_read_timeout 1d;
        proxy_buffering off;
        proxy_next_upstream error timeout http_502 http_503;
        proxy_connect_timeout 2s;
{static}
        # A page path with a segment too many (/coverage/x): Streamlit answers with its page,
        # whose relative asset paths then resolve under /coverage/ and get the page again, so
        # the browser shows nothing. Send the browser to the page itself instead.
        # Streamlit's own routes also sit under a page (/trends/_stcore/stream): those pass.
        location ~ "{EXTRA_SEGMENT}" {{
            return 302 $trata_page$is_args$args;
        }}
        location / {{
            proxy_pass http://replicas;{rewrites}
        }}
        location @replicas {{
            proxy_pass http://replicas;
        }}
    }}
}}
"""
