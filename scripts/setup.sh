#!/usr/bin/env bash
# Installs what building, running and testing Jixiao need on Debian 12 / Ubuntu / 统信UOS / 麒麟,
# skipping what is already there. Sourced by run.sh and test.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${JIXIAO_TOOLS:-$HOME/.cache/jixiao-tools}"
export PATH="$TOOLS/bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s (%ss)\n' "$*" "$SECONDS"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Packages: WebKitGTK to build/run the window; Xvfb + WebKitWebDriver for the E2E test; CJK
# fonts, without which Chinese text is silently not drawn (Noto CJK; AR PL UKai as the open
# 楷体 for 公文 headings); poppler-utils + qpdf to check the generated 公文 PDFs.
APT_PACKAGES=(build-essential pkg-config file curl libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver fonts-noto-cjk fonts-arphic-ukai poppler-utils qpdf python3-xlib
  python3-openpyxl libreoffice-calc-nogui lintian)
# python3-openpyxl: the export tests read cell types back as Python users do; libreoffice-calc-nogui
# (~190 MB, ~25 s to install from a Debian mirror): exports re-saved as .xlsx/.ods/.xls must
# import back; lintian: the .deb check in scripts/test.sh.

setup_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]}"
    as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
      "${missing[@]}" >/dev/null
  fi
}

setup_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    step "installing Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal \
      --component rustfmt,clippy
  fi
}

setup_node() {
  if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "需要 Node.js 20 或更新版本（当前：$(node -v 2>/dev/null || echo 未安装)）。" >&2
    echo "Debian 12 可用：curl -fsSL https://deb.nodesource.com/setup_20.x | sudo bash - && sudo apt-get install -y nodejs" >&2
    exit 1
  fi
  if [ ! -d "$ROOT/ui/node_modules" ] || [ "$ROOT/ui/package-lock.json" -nt "$ROOT/ui/node_modules/.package-lock.json" ]; then
    step "npm ci"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

setup_tauri_driver() {
  if ! command -v tauri-driver >/dev/null 2>&1; then
    step "cargo install tauri-driver"
    cargo install tauri-driver --locked --version '^2' --root "$TOOLS" --quiet
  fi
}

# One release build of the app (with custom-protocol, as the .deb ships it), optionally bundled.
build_app() {
  step "tauri build $*"
  (cd "$ROOT" && ui/node_modules/.bin/tauri build --ci "$@")
  if [[ " $* " == *" deb "* ]]; then
    step "finish the .deb (dpkg-shlibdeps Depends, jixiao-cli, copyright, icons)"
    (cd "$ROOT" && cargo build --release --locked -p jixiao-cli \
      && packaging/linux/finish-deb.sh "$(ls -t "${CARGO_TARGET_DIR:-target}"/release/bundle/deb/*.deb | head -n1)")
  fi
}
