#!/usr/bin/env bash
# Builds a Debian package of the HCRM server with dpkg-deb: the release
# binary, the systemd unit, the configuration sample (a conffile, so upgrades
# keep local edits) and the built web UI.
#
#   installers/build-server-deb.sh            -> prints the .deb's path and size
#   HCRM_SERVER_BIN=path/to/hcrm-server installers/build-server-deb.sh   # package a built binary
#
# Honours CARGO_TARGET_DIR. Installing it creates the `hcrm` system user and
# enables (but does not start) hcrm-server.service: edit /etc/hcrm/hcrm.toml
# first, then `systemctl start hcrm-server`.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)"
arch="$(dpkg --print-architecture)"

(cd "$root/ui" && { [ -d node_modules ] || npm ci; } && npm run build)
bin="${HCRM_SERVER_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --manifest-path "$root/Cargo.toml" --release -p hcrm-server
  bin="$target/release/hcrm-server"
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
pkg="$stage/hcrm-server"
install -D -m 0755 "$bin" "$pkg/usr/bin/hcrm-server"
# Debug info stays in the build tree; the package ships a stripped binary.
strip --strip-debug "$pkg/usr/bin/hcrm-server"
install -D -m 0644 "$root/installers/server/hcrm-server.service" "$pkg/lib/systemd/system/hcrm-server.service"
install -D -m 0640 "$root/installers/server/hcrm.toml" "$pkg/etc/hcrm/hcrm.toml"
mkdir -p "$pkg/usr/share/hcrm"
cp -r "$root/ui/dist" "$pkg/usr/share/hcrm/ui"

# Runtime dependencies: the packages owning the shared libraries the binary
# links (libc, libpq, ...), as dpkg-shlibdeps would find them.
depends="$(objdump -p "$pkg/usr/bin/hcrm-server" | awk '/NEEDED/{print $2}' | while read -r lib; do
  path="$(ldconfig -p | awk -v l="$lib" '$1==l{print $NF; exit}')"
  [ -n "$path" ] || continue
  # dpkg knows a library by the path its package installed (/lib or /usr/lib).
  { dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null || true; } | cut -d: -f1 | head -1
done | sort -u | paste -sd, | sed 's/,/, /g')"

mkdir -p "$pkg/DEBIAN"
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: hcrm-server
Version: $version
Section: misc
Priority: optional
Architecture: $arch
Depends: ${depends:-libc6}, adduser
Maintainer: HCRM <hcrm@localhost>
Installed-Size: $(du -sk "$pkg" | cut -f1)
Description: HCRM hospital customer-service server
 Follow-up, surveys, appointments, complaints, SMS and the web console
 of the HCRM hospital customer-service system.
CONTROL
echo "/etc/hcrm/hcrm.toml" > "$pkg/DEBIAN/conffiles"
cat > "$pkg/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  getent passwd hcrm >/dev/null || adduser --system --group --home /var/lib/hcrm --no-create-home hcrm
  chgrp hcrm /etc/hcrm/hcrm.toml
  if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl enable hcrm-server.service >/dev/null
    # An upgrade restarts a running server; a first install waits for the config.
    systemctl try-restart hcrm-server.service
  fi
fi
POSTINST
cat > "$pkg/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
if [ "$1" = remove ] && [ -d /run/systemd/system ]; then
  systemctl disable --now hcrm-server.service >/dev/null || true
fi
PRERM
chmod 0755 "$pkg/DEBIAN/postinst" "$pkg/DEBIAN/prerm"

out="$target/release/bundle/server"
mkdir -p "$out"
deb="$out/hcrm-server_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "Server installer:"
printf '  %s  %s bytes (%s MB)\n' "$deb" "$(stat -c %s "$deb")" "$(awk -v b="$(stat -c %s "$deb")" 'BEGIN{printf "%.1f", b/1048576}')"
