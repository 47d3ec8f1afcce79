#!/usr/bin/env bash
# One command: set up (with the test tools) and run the whole test suite.
# SQLite by default; PostgreSQL when DATABASE_URL is set. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --dev
.venv/bin/ruff check .
.venv/bin/lint-imports  # the layers contract in pyproject.toml
exec .venv/bin/python -m pytest "$@"
