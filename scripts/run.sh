#!/usr/bin/env bash
# Brings HCRM up on this machine: installs what it needs, builds the web UI
# and the server, creates an embedded SQLite database with demo data, serves
# it, and opens the desktop app when a display exists.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_apt_packages
ensure_node_modules
build_ui

log "building the server (release)"
cargo build --release -p hcrm-server --locked

export HCRM_DATABASE_URL="${HCRM_DATABASE_URL:-sqlite://$ROOT/data/hcrm.db}"
export HCRM_LISTEN="${HCRM_LISTEN:-127.0.0.1:8080}"
export HCRM_UI_DIR="$ROOT/ui/dist"
server="$CARGO_TARGET_DIR/release/hcrm-server"

log "loading demo data into $HCRM_DATABASE_URL"
"$server" demo-data

url="http://$HCRM_LISTEN/"
cat <<TXT

  HCRM is starting at $url
  API documentation: ${url}api/docs
  Demo logins (password Hcrm@2026): admin, agent1, doctor.card, nurse.card,
  clerk1, manager.card, auditor (second hospital: the same names with "h2.")

TXT

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${HCRM_NO_DESKTOP:-}" != 1 ]; then
  log "building and opening the desktop app"
  cargo build --release -p hcrm-desktop --features custom-protocol --locked
  (sleep 2; HCRM_SERVER_URL="http://$HCRM_LISTEN" "$CARGO_TARGET_DIR/release/hcrm-desktop" >/dev/null 2>&1 &) || true
fi

exec "$server" serve
