#!/usr/bin/env bash
# The desktop window's end-to-end specs (ui/e2e-desktop): the real
# hcrm-desktop binary under Xvfb, driven by WebKitWebDriver, against the
# real server and real SIP peers. Expects the binary built with the
# `custom-protocol` feature (smoke-xvfb.sh builds it).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bus=()
if command -v dbus-run-session >/dev/null; then bus=(dbus-run-session --); fi
cd "$root/ui"
xvfb-run -a -s "-screen 0 1366x860x24" "${bus[@]}" node --test --test-concurrency=1 e2e-desktop/
