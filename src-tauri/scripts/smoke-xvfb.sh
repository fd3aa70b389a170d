#!/usr/bin/env bash
# Starts the real desktop binary under Xvfb, waits until its window has
# loaded the UI, saves a screenshot and prints window-up time and memory.
#
#   src-tauri/scripts/smoke-xvfb.sh [out-dir]      (default: test-artifacts/desktop)
#
# Needs: xvfb-run, ImageMagick's `import`, webkit2gtk-4.1, a built ui/dist.
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
cargo build --manifest-path "$root/Cargo.toml" -p hcrm-desktop --features custom-protocol
bin="$target/debug/hcrm-desktop"

# A throw-away profile: the first-run screen shows, and no real settings are touched.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

cat > "$profile/inner.sh" <<'INNER'
#!/usr/bin/env bash
set -u
"$BIN" > "$OUT/desktop.log" 2>&1 &
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
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exit 0
INNER
chmod +x "$profile/inner.sh"

BIN="$bin" OUT="$out" XDG_CONFIG_HOME="$profile/config" XDG_DATA_HOME="$profile/data" \
  WEBKIT_DISABLE_DMABUF_RENDERER=1 \
  xvfb-run -a -s "-screen 0 1366x860x24" "$profile/inner.sh"

cat "$out/desktop.log"
if ! grep -q 'loaded in' "$out/desktop.log"; then
  echo "desktop smoke: the window never loaded the UI" >&2
  exit 1
fi
echo "desktop smoke: screenshot at $out/desktop.png"
