#!/usr/bin/env bash
# One command: set up, migrate SQLite in instance/, load the demo data, serve on 127.0.0.1:5000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export FLASK_APP=wsgi
.venv/bin/flask db upgrade
.venv/bin/flask demo load --if-empty
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-5000}"
echo
echo "Multaqa runs at http://$HOST:$PORT  (Ctrl+C stops it)"
exec .venv/bin/gunicorn --bind "$HOST:$PORT" --workers "${WORKERS:-2}" --threads 4 \
  --access-logfile - wsgi:app
