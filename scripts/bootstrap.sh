#!/usr/bin/env bash
# Sets up everything Multaqa needs on a Debian machine; safe to run again.
#   scripts/bootstrap.sh            runtime: Debian libraries, .venv, packages, translations
#   scripts/bootstrap.sh --dev      and what the tests need (Chromium, poppler-utils, pytest ...)
set -euo pipefail
cd "$(dirname "$0")/.."

DEV=0
[[ "${1:-}" == "--dev" ]] && DEV=1
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1;36m[multaqa]\033[0m %s\n' "$*"; }

# --- Debian packages (only the missing ones are installed) ---------------------------------
DEBS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core)
[[ $DEV == 1 ]] && DEBS+=(chromium poppler-utils wrk openssl)  # openssl: a test certificate for SMTP over SSL
# pg_dump and pg_restore for `flask backup` on PostgreSQL.
[[ "${DATABASE_URL:-}" == postgres* ]] && DEBS+=(postgresql-client)
command -v "$PYTHON" >/dev/null || DEBS+=(python3)
"$PYTHON" -c "import ensurepip, venv" 2>/dev/null || DEBS+=(python3-venv)
MISSING=()
if command -v dpkg-query >/dev/null; then
  for pkg in "${DEBS[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || MISSING+=("$pkg")
  done
fi
if (( ${#MISSING[@]} )); then
  say "installing Debian packages: ${MISSING[*]}"
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${MISSING[@]}" >/dev/null
fi

# --- Python virtual environment with pinned packages -----------------------------------------
if [[ ! -x .venv/bin/python ]]; then
  say "creating the virtual environment in .venv"
  "$PYTHON" -m venv .venv
fi
REQS=requirements.txt
[[ $DEV == 1 ]] && REQS=requirements-dev.txt
STAMP=".venv/.installed-$(cat requirements.txt requirements-dev.txt constraints.txt "$REQS" \
  | sha256sum | cut -c1-16)-$DEV"
if [[ ! -f $STAMP ]]; then
  say "installing Python packages ($REQS, pinned by constraints.txt)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$REQS" -c constraints.txt
  touch "$STAMP"
fi

# --- Compiled message catalogues ---------------------------------------------------------------
.venv/bin/python scripts/translations.py compile
say "set up"
