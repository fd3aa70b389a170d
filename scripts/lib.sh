# Shared by run.sh and test.sh: install what the project needs on a fresh
# Debian machine. Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Outside the clone, so a fresh clone (CI's) reuses the compiled dependencies
# of an earlier one on the same machine instead of building a second copy.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hcrm/target}"
# Incremental state is only worth its disk (tens of GB) across edits; a CI
# run compiles each crate once.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages: build deps of the server (libpq for diesel's PostgreSQL)
# and of the Tauri desktop app (webkit2gtk), plus the real peers the tests use.
APT_PACKAGES=(
  pkg-config build-essential libssl-dev libpq-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
  postgresql xvfb xauth x11-utils xdotool imagemagick chromium
  # HL7 intake tests: a venv for PyPI's hl7 (mllp_send), see ensure_python_tools.
  python3-venv
  # softphone (issue 8): ALSA headers for cpal, real SIP peers (sipp,
  # baresip) and a PulseAudio null sink for the audio-device test.
  libasound2-dev sip-tester baresip pulseaudio libasound2-plugins
  # softphone against a real registrar and proxy
  kamailio
  # desktop window specs (ui/e2e-desktop): WebKitWebDriver drives the Tauri webview.
  webkit2gtk-driver
  # surveys e2e: ages a survey link in the test database to check expiry
  sqlite3
  # Chinese text in the desktop window, a kiosk's browser and the screenshots
  # (without a CJK font every character is a box).
  fonts-noto-cjk
)

ensure_apt_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# Python tools the tests drive, in a venv beside the build: PyPI's `hl7`
# (its `mllp_send` is the MLLP client nobody here wrote, for the HL7 intake
# tests), `xlwt` (writes the committed .xls import fixture again) and
# `moto[server]` (a local S3 server for the object-storage recording store).
ensure_python_tools() {
  local venv="$CARGO_TARGET_DIR/py-venv"
  if [ ! -x "$venv/bin/mllp_send" ] || [ ! -x "$venv/bin/moto_server" ] || ! "$venv/bin/python" -c 'import xlwt' 2>/dev/null; then
    log "installing Python test tools (hl7, xlwt, moto) into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "hl7==0.4.5" "xlwt==1.3.0" "moto[server]==5.2.5"
  fi
  export HCRM_MLLP_SEND="$venv/bin/mllp_send"
  export HCRM_MOTO_SERVER="$venv/bin/moto_server"
}

ensure_node_modules() {
  log "installing UI packages (npm ci)"
  (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
}

build_ui() {
  log "building the web UI"
  (cd "$ROOT/ui" && npm run build --silent)
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# Starts a throw-away PostgreSQL cluster owned by the postgres user and
# prints its admin URL. Stopped by stop_postgres.
start_postgres() {
  local bin port dir
  bin="$(pg_bin)"
  # A free port, so a stale cluster from an interrupted run cannot collide.
  port="${HCRM_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
  dir="$(mktemp -d /tmp/hcrm-pg.XXXXXX)"
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  local run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  echo "$dir" > "$ROOT/.pg-test-dir"
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

stop_postgres() {
  local dir
  [ -f "$ROOT/.pg-test-dir" ] || return 0
  dir="$(cat "$ROOT/.pg-test-dir")"
  local run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir" "$ROOT/.pg-test-dir"
}
