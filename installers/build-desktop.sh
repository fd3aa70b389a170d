#!/usr/bin/env bash
# Builds the Linux installers of the desktop app with the Tauri bundler
# (the CLI from the npm package @tauri-apps/cli) and prints their paths and
# sizes:
#
#   installers/build-desktop.sh
#
# - deb: always; the bundler needs nothing beyond the system's dpkg tools.
# - AppImage: only when the bundler's helper tools (linuxdeploy and its
#   plugins) are already in ~/.cache/tauri. The bundler would fetch them from
#   GitHub, which this build must not depend on, so without them the step is
#   skipped and the reason printed.
# Windows (msi, nsis) is configured in src-tauri/tauri.windows.conf.json and
# is built on Windows with `npm run tauri -- build` in ui/.
#
# Honours CARGO_TARGET_DIR. Exit status: 0 when the deb was built.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
bundle_dir="$target/release/bundle"
cd "$root/ui"
[ -d node_modules ] || npm ci

# `build` runs the UI build (beforeBuildCommand) and compiles the release
# binary with ui/dist embedded; `bundle` then packages that binary.
rm -rf "$bundle_dir/deb" "$bundle_dir/appimage"
npm run tauri -- build --no-bundle
# The release profile keeps debug info (for profiling); installers ship the
# binary without it (about 150 MB less) and keep it beside the build for
# crash analysis.
bin="$target/release/hcrm-desktop"
if readelf -S "$bin" | grep -q '\.debug_info'; then   # not yet stripped by an earlier run
  objcopy --only-keep-debug "$bin" "$bin.debug"
  objcopy --strip-debug --add-gnu-debuglink="$bin.debug" "$bin"
fi
npm run tauri -- bundle --bundles deb

appimage_note=""
tools="${XDG_CACHE_HOME:-$HOME/.cache}/tauri"
if ls "$tools"/linuxdeploy-*.AppImage >/dev/null 2>&1; then
  # `bundle` reuses the binary just built instead of compiling again.
  log="$(mktemp)"
  if ! timeout 600 npm run tauri -- bundle --bundles appimage >"$log" 2>&1; then
    appimage_note="AppImage failed (log: $log): $(grep -iE 'error|failed' "$log" | tail -1)"
  fi
else
  appimage_note="AppImage skipped: the Tauri bundler needs linuxdeploy, its GTK plugin and
  appimagetool in $tools and downloads them from GitHub when missing; no registry
  this build may use (crates.io, npm, PyPI, Debian) ships them. Put the files
  there by hand to build the AppImage with this script."
fi

echo
echo "Desktop installers:"
found=0
while IFS= read -r f; do
  found=1
  printf '  %s  %s bytes (%s MB)\n' "$f" "$(stat -c %s "$f")" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN{printf "%.1f", b/1048576}')"
done < <(find "$bundle_dir" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.AppImage' \) | sort)
[ "$found" = 1 ] || { echo "  none built" >&2; exit 1; }
if [ -n "$appimage_note" ]; then echo "$appimage_note"; fi
