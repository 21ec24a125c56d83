"""Serving beyond one machine, checked offline: the Kubernetes manifests are valid for the
API (kubernetes-validate --strict), the proxy's ConfigMap is what `serve` generates and
passes `nginx -t`, and what each manifest names (ports, probes, the Service's name, the
secret, the paths in the images) is what `serve`, Streamlit and the Containerfile use."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from serve.__main__ import upstream
from serve.kubernetes import (
    APP_NAME,
    CONFIG_FOLDER,
    PROXY_NAME,
    PROXY_PORT,
    STATIC_ROOT,
    WORK_FOLDER,
    app_service_host,
    cluster_nginx_config,
    proxy_config_map,
)
from serve.nginx import ProxySettings, nginx_config
from serve.replicas import APP_PORT, COOKIE_SECRET_VARIABLE, HEALTH_PATH, NGINX, SecretError, cookie_secret

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "deploy" / "kubernetes"
CONTAINERFILE = ROOT / "deploy" / "Containerfile"
NAMESPACE = "trata"


def documents() -> list[dict[str, Any]]:
    return [doc for path in sorted(MANIFESTS.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text()) if doc]


def the(kind: str, name: str) -> dict[str, Any]:
    (found,) = [doc for doc in documents() if doc["kind"] == kind and doc["metadata"]["name"] == name]
    return found


def container(deployment: dict[str, Any]) -> dict[str, Any]:
    (only,) = deployment["spec"]["template"]["spec"]["containers"]
    return only


def named_port(spec: dict[str, Any], name: str) -> int:
    (port,) = [port["containerPort"] for port in spec["ports"] if port["name"] == name]
    return int(port)


def test_every_manifest_is_valid_for_the_kubernetes_api_strictly() -> None:
    paths = sorted(str(path) for path in MANIFESTS.glob("*.yaml"))
    checked = subprocess.run(
        [str(Path(sys.executable).with_name("kubernetes-validate")), "--strict", *paths],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("passed") == len(documents())


def test_strict_validation_catches_a_misspelt_field(tmp_path: Path) -> None:
    deployment = the("Deployment", APP_NAME)
    container(deployment)["readinesProbe"] = container(deployment).pop("readinessProbe")
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(deployment))
    checked = subprocess.run(
        [str(Path(sys.executable).with_name("kubernetes-validate")), "--strict", str(broken)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert checked.returncode != 0 and "readinesProbe" in checked.stdout + checked.stderr


def test_the_committed_config_map_is_what_serve_generates() -> None:
    assert (MANIFESTS / "proxy-config.yaml").read_text() == proxy_config_map(NAMESPACE), (
        "regenerate: python -m serve kubernetes --output deploy/kubernetes/proxy-config.yaml"
    )
    data = the("ConfigMap", PROXY_NAME)["data"]
    assert data["nginx.conf"] == cluster_nginx_config(NAMESPACE)
    # make serve's own rules, not a copy that could drift: the sticky cookie, websockets with
    # day-long reads, compression and the static files from disk.
    for line in ("hash $trata_replica consistent;", "proxy_read_timeout 1d;", "brotli_static on;", "gzip_static on;"):
        assert line in data["nginx.conf"]
    assert f"server {app_service_host(NAMESPACE)}:{APP_PORT} " in data["nginx.conf"]
    assert f"root {STATIC_ROOT};" in data["nginx.conf"] and f"listen {PROXY_PORT};" in data["nginx.conf"]


@pytest.fixture
def mount_namespace() -> None:
    """`nginx -t` resolves the upstream's name and opens its folders: run it in a mount
    namespace whose hosts file knows the cluster's name (root and util-linux's unshare)."""
    missing = [tool for tool in ("unshare", "mount") if not shutil.which(tool)]
    if missing or os.geteuid() != 0 or not Path(NGINX).exists():
        message = f"nginx -t in a mount namespace needs root, nginx and {', '.join(missing) or 'unshare'}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and this check would be skipped: {message}")
        pytest.skip(message)


def test_the_config_maps_nginx_configuration_passes_nginx_t(tmp_path: Path, mount_namespace: None) -> None:
    data = the("ConfigMap", PROXY_NAME)["data"]
    (tmp_path / "etc").mkdir()
    for name, text in data.items():
        (tmp_path / "etc" / name).write_text(text)
    hosts = tmp_path / "hosts"
    hosts.write_text(
        f"127.0.0.1 localhost\n127.0.0.2 {app_service_host(NAMESPACE)}\n127.0.0.3 {app_service_host(NAMESPACE)}\n"
    )
    (tmp_path / "www").mkdir()
    (tmp_path / "tmp").mkdir()
    script = f"""set -e
mkdir -p {CONFIG_FOLDER} {STATIC_ROOT}
mount --bind {hosts} /etc/hosts
mount --bind {tmp_path / "etc"} {CONFIG_FOLDER}
mount --bind {tmp_path / "www"} {STATIC_ROOT}
mount --bind {tmp_path / "tmp"} /tmp
mkdir -p {WORK_FOLDER}
sh -n {CONFIG_FOLDER}/start-proxy.sh
{NGINX} -t -e /dev/stderr -c {CONFIG_FOLDER}/nginx.conf
"""
    checked = subprocess.run(["unshare", "--mount", "sh", "-c", script], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr and "test is successful" in checked.stderr


def test_the_replicas_probes_ports_and_secret_are_what_serve_and_streamlit_use() -> None:
    from streamlit import config

    app = the("Deployment", APP_NAME)
    spec = container(app)
    port = named_port(spec, "http")
    assert port == APP_PORT
    arguments = spec["args"]
    assert arguments[:4] == ["python", "-m", "serve", "replicas"]
    assert (
        arguments[arguments.index("--port") + 1] == str(port)
        and arguments[arguments.index("--address") + 1] == "0.0.0.0"
    )
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert spec[probe]["httpGet"] == {"path": HEALTH_PATH, "port": "http"}
    # Streamlit reads server.cookieSecret from this variable; the Secret holds it.
    assert config._config_options_template["server.cookieSecret"].env_var == COOKIE_SECRET_VARIABLE
    (secret,) = [env for env in spec["env"] if env["name"] == COOKIE_SECRET_VARIABLE]
    reference = secret["valueFrom"]["secretKeyRef"]
    readme = (ROOT / "README.md").read_text()
    assert (
        f"kubectl -n {NAMESPACE} create secret generic {reference['name']} --from-literal={reference['key']}=" in readme
    )
    # Nothing runs as root; the one writable folder is a volume.
    pod = app["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True and spec["securityContext"]["readOnlyRootFilesystem"] is True
    assert any(mount["mountPath"] == "/tmp" for mount in spec["volumeMounts"])


def test_the_services_select_the_pods_and_the_proxy_finds_the_replicas() -> None:
    for name in (APP_NAME, PROXY_NAME):
        deployment, service = the("Deployment", name), the("Service", name)
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert service["spec"]["selector"].items() <= labels.items()
        assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
        (port,) = service["spec"]["ports"]
        assert port["targetPort"] == "http"
    # Headless: the proxy's upstream name resolves to each ready pod, not one virtual address.
    assert the("Service", APP_NAME)["spec"]["clusterIP"] == "None"
    assert the("Service", APP_NAME)["spec"]["ports"][0]["port"] == APP_PORT
    proxy = container(the("Deployment", PROXY_NAME))
    assert named_port(proxy, "http") == PROXY_PORT
    assert proxy["command"] == ["/bin/sh", f"{CONFIG_FOLDER}/start-proxy.sh"]
    mounts = {mount["mountPath"]: mount["name"] for mount in proxy["volumeMounts"]}
    volumes = {
        volume["name"]: volume for volume in the("Deployment", PROXY_NAME)["spec"]["template"]["spec"]["volumes"]
    }
    assert volumes[mounts[str(CONFIG_FOLDER)]]["configMap"]["name"] == PROXY_NAME
    assert "emptyDir" in volumes[mounts[str(WORK_FOLDER.parent)]]
    backend = the("Ingress", "trata")["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend == {"name": PROXY_NAME, "port": {"name": "http"}}
    assert {doc["metadata"].get("namespace", doc["metadata"]["name"]) for doc in documents()} == {NAMESPACE}


def test_the_containerfile_builds_what_the_manifests_run() -> None:
    text = CONTAINERFILE.read_text()
    assert "FROM python:3.11-slim-bookworm AS app" in text and "FROM debian:bookworm-slim AS proxy" in text
    assert f"python -m serve static {STATIC_ROOT}" in text and f"COPY --from=static {STATIC_ROOT} {STATIC_ROOT}" in text
    assert "libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static" in text
    assert "USER 10001" in text and f"EXPOSE {APP_PORT}" in text and f"EXPOSE {PROXY_PORT}" in text


# --- the pieces the across-hosts command is made of -----------------------------------------


def test_the_shared_secret_comes_from_a_file_or_the_environment_and_is_never_short(tmp_path: Path) -> None:
    good = "a" * 64
    secret_file = tmp_path / "secret"
    secret_file.write_text(good + "\n")
    assert cookie_secret(secret_file, {}) == good
    assert cookie_secret(None, {COOKIE_SECRET_VARIABLE: good}) == good
    assert cookie_secret(None, {}) is None
    with pytest.raises(SecretError, match="at least 32"):
        cookie_secret(None, {COOKIE_SECRET_VARIABLE: "short"})
    with pytest.raises(SecretError, match="cannot read"):
        cookie_secret(tmp_path / "absent", {})


@pytest.mark.parametrize("text", ["10.0.0.2:8501", "app-1.example.org:8501", "[fd00::2]:8501"])
def test_an_upstream_is_host_and_port(text: str) -> None:
    assert upstream(text) == text


@pytest.mark.parametrize("text", ["10.0.0.2", ":8501", "host:http", "host:0", "host:70000"])
def test_an_upstream_without_a_usable_port_is_refused(text: str) -> None:
    import argparse

    with pytest.raises(argparse.ArgumentTypeError, match="HOST:PORT"):
        upstream(text)


def test_replicas_elsewhere_are_upstream_servers_with_the_same_failover() -> None:
    config = nginx_config(ProxySettings("0.0.0.0:8080", ["10.0.0.2:8501", "10.0.0.3:8502"], Path("/tmp/x")))
    assert "listen 0.0.0.0:8080;" in config
    assert "server 10.0.0.2:8501 max_fails=1 fail_timeout=10s;" in config
    assert "server 10.0.0.3:8502 max_fails=1 fail_timeout=10s;" in config


def test_a_replica_that_cannot_start_says_why_in_its_own_words(tmp_path: Path) -> None:
    import socket

    from serve.replicas import start_streamlit

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(RuntimeError, match=f"the app on 127.0.0.1:{port} did not start .*not available"):
            start_streamlit(port=port, log=tmp_path / "replica.log")


def test_nginx_that_cannot_start_is_explained_by_its_first_emergency(tmp_path: Path) -> None:
    from serve.replicas import why_stopped

    log = tmp_path / "nginx-start.log"
    log.write_text(
        "nginx: [emerg] bind() to 127.0.0.1:8080 failed (98: Address already in use)\n"
        "nginx: [emerg] still could not bind()\n"
    )
    assert why_stopped(log) == "nginx: [emerg] bind() to 127.0.0.1:8080 failed (98: Address already in use)"
    log.write_text("Port 8501 is not available\n\n")
    assert why_stopped(log) == "Port 8501 is not available"
