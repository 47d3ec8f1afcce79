#!/usr/bin/env bash
# One command: set up, migrate the database, serve on 127.0.0.1:5000.
#   scripts/run.sh          the embedded SQLite database in instance/, with the demo data
#   scripts/run.sh --demo   load the demo data into the database DATABASE_URL names too
# The demo data has an administrator whose password is in the README: it is never loaded into
# a database named by DATABASE_URL unless --demo asks for it.
set -euo pipefail
cd "$(dirname "$0")/.."
DEMO=0
[[ "${1:-}" == "--demo" ]] && DEMO=1
[[ -z "${DATABASE_URL:-}" ]] && DEMO=1
bash scripts/bootstrap.sh
export FLASK_APP=wsgi
.venv/bin/flask db upgrade
if [[ $DEMO == 1 ]]; then
  .venv/bin/flask demo load --if-empty
else
  echo "DATABASE_URL is set: demo data not loaded (scripts/run.sh --demo loads it)."
fi
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-5000}"
echo
echo "Multaqa runs at http://$HOST:$PORT  (Ctrl+C stops it)"
exec .venv/bin/gunicorn --bind "$HOST:$PORT" --workers "${WORKERS:-2}" --threads 4 \
  --access-logfile - wsgi:app
