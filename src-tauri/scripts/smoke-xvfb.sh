#!/usr/bin/env bash
# Starts the real desktop binary under Xvfb, waits until its window has
# loaded the UI, saves a screenshot and prints window-up time and memory.
#
#   src-tauri/scripts/smoke-xvfb.sh [out-dir]      (default: test-artifacts/desktop)
#   HCRM_DESKTOP_PROFILE=release src-tauri/scripts/smoke-xvfb.sh   # the figures to report
#
# Needs: xvfb-run, ImageMagick's `import`, webkit2gtk-4.1, a built ui/dist;
# with dbus-run-session it also checks that a second launch hands over to the
# first (single instance, over D-Bus) and exits; with xdotool, that a global
# shortcut arrives and that a resized window's size is saved on quit.
# Builds hcrm-desktop with the `custom-protocol` feature so the binary serves
# ui/dist itself instead of waiting for the Vite dev server.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/test-artifacts/desktop}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"

if [ ! -f "$root/ui/dist/index.html" ]; then
  (cd "$root/ui" && npm ci && npm run build)
fi
build_profile="${HCRM_DESKTOP_PROFILE:-debug}"
if [ "$build_profile" = release ]; then
  cargo build --manifest-path "$root/Cargo.toml" -p hcrm-desktop --features custom-protocol --release
else
  # The same package and target selection as the test run (plus the
  # feature), so cargo unifies features alike and rebuilds only tauri and
  # the desktop crate instead of a second copy of every dependency.
  cargo build --manifest-path "$root/Cargo.toml" --workspace --all-targets --features hcrm-desktop/custom-protocol
fi
bin="$target/$build_profile/hcrm-desktop"

# A throw-away profile: the first-run screen shows, and no real settings are touched.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

cat > "$profile/inner.sh" <<'INNER'
#!/usr/bin/env bash
set -u
: > "$OUT/desktop.log"
# Appending: the app keeps logging while this script adds its figures.
"$BIN" >> "$OUT/desktop.log" 2>&1 &
pid=$!
# The app prints one line when the first page has finished loading.
for _ in $(seq 1 300); do
  grep -q 'loaded in' "$OUT/desktop.log" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
sleep 1   # let Vue render after the load event
import -window root "$OUT/desktop.png"
# PSS shares the WebKit libraries fairly between the app and its helpers.
pss=0
for p in $pid $(pgrep -P "$pid") $(for c in $(pgrep -P "$pid"); do pgrep -P "$c"; done); do
  v=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
  pss=$((pss + ${v:-0}))
done
echo "memory_pss_mb=$((pss / 1024))" >> "$OUT/desktop.log"
# Single instance: a second launch must hand over to this one and exit.
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  if timeout 15 "$BIN" > "$OUT/second.log" 2>&1; then
    sleep 0.5
    if grep -q 'second launch' "$OUT/desktop.log"; then
      echo "single_instance=ok" >> "$OUT/desktop.log"
    else
      echo "single_instance=FAILED (second exited, first was not told)" >> "$OUT/desktop.log"
    fi
  else
    echo "single_instance=FAILED (second launch did not exit by itself)" >> "$OUT/desktop.log"
  fi
fi
log_file="$(find "$XDG_DATA_HOME" -name 'hcrm-desktop*.log' 2>/dev/null | head -1)"
echo "log_file=${log_file:-MISSING}" >> "$OUT/desktop.log"
if command -v xdotool >/dev/null; then
  # Global shortcut: the default "search patient" combination reaches the app.
  xdotool key ctrl+alt+f
  sleep 0.5
  if grep -q 'shortcut search_patient' "$OUT/desktop.log"; then r=ok; else r=FAILED; fi
  echo "global_shortcut=$r" >> "$OUT/desktop.log"
  # Window state: a resized window is remembered after a normal quit (SIGTERM).
  wid="$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -1)"
  [ -n "$wid" ] && xdotool windowsize "$wid" 1100 700 && sleep 0.5
fi
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ -n "${wid:-}" ]; then
  state="$XDG_CONFIG_HOME/org.hcrm.desktop/.window-state.json"
  if grep -q '"width": *1100' "$state" 2>/dev/null; then r=ok; else r=FAILED; fi
  echo "window_state=$r" >> "$OUT/desktop.log"
fi
exit 0
INNER
chmod +x "$profile/inner.sh"

# Its own session bus, so the single-instance name never meets a real session's.
bus=()
if command -v dbus-run-session >/dev/null; then bus=(dbus-run-session --); fi
BIN="$bin" OUT="$out" XDG_CONFIG_HOME="$profile/config" XDG_DATA_HOME="$profile/data" \
  WEBKIT_DISABLE_DMABUF_RENDERER=1 \
  xvfb-run -a -s "-screen 0 1366x860x24" "${bus[@]}" "$profile/inner.sh"

cat "$out/desktop.log"
if ! grep -q 'loaded in' "$out/desktop.log"; then
  echo "desktop smoke: the window never loaded the UI" >&2
  exit 1
fi
if grep -q '=FAILED\|log_file=MISSING' "$out/desktop.log"; then
  echo "desktop smoke: a check failed (single instance, log file, shortcut or window state)" >&2
  exit 1
fi
echo "desktop smoke: screenshot at $out/desktop.png"
