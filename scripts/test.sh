#!/usr/bin/env bash
# One command: set up (with the test tools) and run the whole test suite.
# SQLite by default; PostgreSQL when DATABASE_URL is set. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --dev
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
