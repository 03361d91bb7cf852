#!/usr/bin/env bash
# One command that sets up everything on a fresh machine:
#   a virtual environment in .venv, the CPU build of torch (first, so that stanza's
#   torch requirement does not pull a multi-GB CUDA build), provenance with its dev,
#   audit and serve extras (Dask, pyarrow, matplotlib: provenance audit; FastAPI, uvicorn:
#   provenance serve; dev holds httpx and playwright for its tests), and
#   (best effort, for the browser tests: Playwright drives it) Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install --quiet --upgrade pip >/dev/null 2>&1 || true
.venv/bin/pip install --quiet torch==2.13.0
.venv/bin/pip install --quiet -e '.[dev,audit,serve]'
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "setup: installing chromium for the browser test (best effort)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "setup: chromium not installed; the browser test will be skipped" >&2
fi
echo "setup: done (.venv)"
