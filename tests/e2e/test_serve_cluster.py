"""The Kubernetes proxy's ConfigMap, run: its start script and nginx configuration, as the
proxy pod runs them, in a network and mount namespace of their own standing in for the pod
(its own loopback, a hosts file that resolves the replicas' headless Service, the ConfigMap
mounted at /etc/trata, the static files at /srv/trata/www). A replica behind the Service's
name is served; when a second replica's address appears the script reloads nginx and both
serve; SIGTERM stops nginx gracefully."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from serve.kubernetes import CONFIG_FOLDER, PROXY_NAME, PROXY_PORT, RELOAD_EVERY_S, STATIC_ROOT
from serve.kubernetes import app_service_host as service_host
from serve.replicas import APP_PORT, COOKIE_SECRET_VARIABLE, HEALTH_PATH, NGINX, ROOT, STATIC_CACHE
from serve.static import prepare_static
from tests.e2e.conftest import require_nginx

pytestmark = pytest.mark.e2e
MANIFEST = ROOT / "deploy" / "kubernetes" / "proxy-config.yaml"
NAMESPACE = "trata"
# Asks the proxy, inside the namespace, with a new sticky cookie each time; prints each status.
ASK = f"""
import secrets, sys, time, urllib.request
deadline = time.monotonic() + float(sys.argv[1])
while True:
    try:
        request = urllib.request.Request("http://127.0.0.1:{PROXY_PORT}{HEALTH_PATH}",
                                         headers={{"Cookie": "trata_replica=" + secrets.token_hex(16)}})
        print(urllib.request.urlopen(request, timeout=5).status, flush=True)
        break
    except OSError:
        if time.monotonic() > deadline:
            print("no answer", flush=True)
            break
        time.sleep(0.5)
"""


def pod_script(folder: Path) -> str:
    python, host = sys.executable, service_host(NAMESPACE)
    replica = f"{python} -m serve replicas --port {APP_PORT} --address"
    return f"""set -eu
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
ip link set lo up
# A pod has an address of its own; with loopback alone getaddrinfo (AI_ADDRCONFIG, as getent
# ahostsv4 asks) returns no IPv4 address at all, even from the hosts file.
ip addr add 10.255.0.1/32 dev lo
mkdir -p {CONFIG_FOLDER} {STATIC_ROOT}
mount --bind {folder / "hosts"} /etc/hosts
mount --bind {folder / "etc"} {CONFIG_FOLDER}
mount --bind {STATIC_CACHE} {STATIC_ROOT}
cd {ROOT}
{replica} 127.0.0.2 > {folder / "replica-2.log"} 2>&1 &
sh {CONFIG_FOLDER}/start-proxy.sh > {folder / "proxy.log"} 2>&1 &
proxy=$!
for attempt in 1 2 3 4 5 6; do {python} -c '{ASK}' 60; done > {folder / "first.txt"}
if grep -q "no answer" {folder / "first.txt"}; then exit 1; fi
{replica} 127.0.0.3 > {folder / "replica-3.log"} 2>&1 &
health="import urllib.request; urllib.request.urlopen('http://127.0.0.3:{APP_PORT}{HEALTH_PATH}')"
for attempt in $(seq 60); do {python} -c "$health" 2>/dev/null && break; sleep 1; done
echo "127.0.0.3 {host}" >> {folder / "hosts"}
sleep {RELOAD_EVERY_S * 2 + 1}
for attempt in $(seq 1 16); do {python} -c '{ASK}' 10; done > {folder / "second.txt"}
kill -TERM $proxy
wait $proxy
echo "proxy exited $?"
"""


def test_the_config_maps_script_serves_the_replicas_behind_the_service_and_follows_them(tmp_path: Path) -> None:
    require_nginx()
    missing = [tool for tool in ("unshare", "mount", "ip") if not shutil.which(tool)]
    if missing or os.geteuid() != 0:
        message = f"the pod stand-in needs root and {', '.join(missing) or 'unshare, mount, ip'}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and this check would be skipped: {message}")
        pytest.skip(message)
    prepare_static(STATIC_CACHE)
    config_map = yaml.safe_load(MANIFEST.read_text())
    assert config_map["metadata"]["name"] == PROXY_NAME
    (tmp_path / "etc").mkdir()
    for name, text in config_map["data"].items():
        (tmp_path / "etc" / name).write_text(text)
    (tmp_path / "hosts").write_text(f"127.0.0.1 localhost\n127.0.0.2 {service_host(NAMESPACE)}\n")
    env = os.environ | {
        COOKIE_SECRET_VARIABLE: secrets.token_hex(32),
        "PATH": f"{Path(NGINX).parent}:{os.environ['PATH']}",
    }
    pod = subprocess.Popen(
        ["unshare", "--mount", "--net", "sh", "-c", pod_script(tmp_path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        stdout, stderr = pod.communicate(timeout=240)
    finally:
        if pod.poll() is None:  # everything the stand-in pod started goes with it
            os.killpg(pod.pid, signal.SIGKILL)
            pod.wait()
    proxy_log = (tmp_path / "proxy.log").read_text()
    assert pod.returncode == 0, stderr + proxy_log
    assert (tmp_path / "first.txt").read_text().split() == ["200"] * 6, proxy_log
    assert (tmp_path / "second.txt").read_text().split() == ["200"] * 16, proxy_log
    assert "replicas: 127.0.0.2" in proxy_log
    assert "replicas now: 127.0.0.2 127.0.0.3 ; reloading nginx" in proxy_log
    answered = [
        line.split("upstream=")[1].split()[0]
        for line in proxy_log.splitlines()
        if HEALTH_PATH in line and "upstream=" in line
    ]
    # Before the reload only the first replica; after it, sessions spread over both.
    assert set(answered[:6]) == {f"127.0.0.2:{APP_PORT}"}
    assert set(answered[6:]) == {f"127.0.0.2:{APP_PORT}", f"127.0.0.3:{APP_PORT}"}
    assert "proxy exited 0" in stdout
