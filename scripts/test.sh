#!/usr/bin/env bash
# Runs every test: installs what it needs, starts a throw-away PostgreSQL
# cluster unless HCRM_TEST_DATABASE_URL is given, runs the Rust tests on
# SQLite and again on PostgreSQL, the UI's unit tests, the format and lint
# gates (rustfmt, clippy, ESLint, Prettier), and the desktop window tests
# under Xvfb.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

log "Rust formatting (rustfmt.toml)"
cargo fmt --all -- --check

ensure_apt_packages
ensure_node_modules
ensure_python_tools
# The HL7 tests must not skip mllp_send here.
export HCRM_REQUIRE_PYTHON_TOOLS=1
build_ui   # the desktop crate embeds ui/dist at compile time

log "UI unit tests (vitest)"
(cd ui && npm test --silent)

log "Rust lints (clippy, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

log "Rust tests on SQLite"
cargo test --workspace --all-targets --locked

log "web console end-to-end (Playwright, Debian Chromium, real server)"
# `cargo test` builds bin targets only as test harnesses; the specs run the
# real binaries (hcrm-server, xlsx-cells). Same package selection as above,
# so nothing but the link step is new.
cargo build --workspace --bins --locked
log "UI lint (ESLint, Prettier) and API types (ui/src/api/schema.d.ts vs the built server's OpenAPI document)"
(cd ui && npm run lint --silent && npm run check:api --silent)
(cd ui && npm run e2e --silent)

started_pg=no
if [ -z "${HCRM_TEST_DATABASE_URL:-}" ]; then
  log "starting a throw-away PostgreSQL cluster"
  HCRM_TEST_DATABASE_URL="$(start_postgres)"
  started_pg=yes
  trap stop_postgres EXIT
fi
export HCRM_TEST_DATABASE_URL
log "Rust tests on PostgreSQL ($HCRM_TEST_DATABASE_URL)"
# The same package selection as above, so cargo unifies features the same
# way and reuses every compiled dependency.
cargo test --workspace --all-targets --locked

if [ -x src-tauri/scripts/smoke-xvfb.sh ]; then
  log "desktop window under Xvfb"
  src-tauri/scripts/smoke-xvfb.sh "$ROOT/test-artifacts/desktop"
  log "desktop window end-to-end (WebKitWebDriver, sipp, real server)"
  src-tauri/scripts/desktop-e2e.sh
fi

[ "$started_pg" = yes ] && stop_postgres
log "all tests passed"
