#!/usr/bin/env bash
# Completes the .deb Tauri wrote (`tauri build --bundles deb`) into one a Debian / 统信UOS / 麒麟
# packager accepts: Depends computed by dpkg-shlibdeps from the binaries actually shipped (Tauri
# only writes the names it knows, without versions), jixiao-cli in /usr/bin, a machine-readable
# copyright, the lintian overrides, the scalable icon, Maintainer and Section, fresh md5sums.
# Usage: packaging/linux/finish-deb.sh DEB  (needs the release jixiao-cli in $CARGO_TARGET_DIR
# or target/; dpkg-dev for dpkg-shlibdeps).
set -euo pipefail
DEB="$(realpath "$1")"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
MAINTAINER="Jixiao 项目组 <jixiao@example.org>"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
dpkg-deb -R "$DEB" "$WORK/pkg"
PKG="$(dpkg-deb -f "$DEB" Package)"
P="$WORK/pkg"

install -Dm755 "$TARGET/release/jixiao-cli" "$P/usr/bin/jixiao-cli"
install -Dm644 "$HERE/copyright" "$P/usr/share/doc/$PKG/copyright"
install -Dm644 "$HERE/lintian-overrides" "$P/usr/share/lintian/overrides/$PKG"
install -Dm644 "$HERE/jixiao.svg" "$P/usr/share/icons/hicolor/scalable/apps/jixiao.svg"
# Tauri names a 2x icon's folder 256x256@2; the freedesktop spec wants 256x256.
for d in "$P"/usr/share/icons/hicolor/*@2; do
  [ -d "$d" ] || continue
  mkdir -p "${d%@2}/apps" && mv "$d"/apps/* "${d%@2}/apps/" && rm -rf "$d"
done
if [ ! -e "$P/usr/share/doc/$PKG/changelog.gz" ] && [ -e "$P/usr/share/doc/$PKG/changelog" ]; then
  gzip -9n "$P/usr/share/doc/$PKG/changelog"
fi
strip --strip-unneeded "$P/usr/bin/jixiao" "$P/usr/bin/jixiao-cli" 2>/dev/null || true

# Depends: what the shipped binaries link against (with the versions they need), plus the fonts
# the UI and the letters use, which no linker can see.
mkdir -p "$WORK/shl/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$PKG" "$PKG" >"$WORK/shl/debian/control"
SHLIBS="$(cd "$WORK/shl" && dpkg-shlibdeps -O "$P/usr/bin/jixiao" "$P/usr/bin/jixiao-cli" 2>/dev/null \
  | sed -n 's/^shlibs:Depends=//p')"
[ -n "$SHLIBS" ] || { echo "dpkg-shlibdeps found no dependencies" >&2; exit 1; }
DEPENDS="$SHLIBS, fonts-noto-cjk"

CONTROL="$P/DEBIAN/control"
awk -v dep="$DEPENDS" -v maint="$MAINTAINER" -v size="$(du -sk --exclude=DEBIAN "$P" | cut -f1)" '
  /^Depends:/ { print "Depends: " dep; next }
  /^Maintainer:/ { print "Maintainer: " maint; next }
  /^Section:/ { print "Section: misc"; next }
  /^Installed-Size:/ { print "Installed-Size: " size; next }
  { print }' "$CONTROL" >"$WORK/control" && mv "$WORK/control" "$CONTROL"
# Tauri writes the long description as one line; Debian wants lines under 80 columns.
awk '/^ / && length($0) > 79 { cmd = "fold -s -w 76"; print substr($0, 2) | cmd; close(cmd); next }
     { print }' "$CONTROL" | awk 'prev_desc && !/^[A-Z][A-Za-z-]*:/ && !/^ / { $0 = " " $0 }
     { print; if (/^Description:/) prev_desc = 1; else if (/^[A-Z][A-Za-z-]*:/) prev_desc = 0 }' \
  | sed 's/[[:space:]]*$//' >"$WORK/control" && mv "$WORK/control" "$CONTROL"
grep -q '^Section:' "$CONTROL" || echo "Section: misc" >>"$CONTROL"
grep -q '^Priority:' "$CONTROL" || echo "Priority: optional" >>"$CONTROL"

(cd "$P" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
chmod 644 "$P/DEBIAN/md5sums" "$CONTROL"
find "$P/usr" -type d -exec chmod 755 {} +
dpkg-deb --root-owner-group -Zxz -b "$P" "$DEB" >/dev/null
echo "finished $DEB"
dpkg-deb -f "$DEB" Package Version Maintainer Section Depends
