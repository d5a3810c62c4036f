#!/usr/bin/env bash
# Quick start ②: installs what is missing and runs every test: format, lints, core/CLI tests,
# UI tests, one release build + .deb, the end-to-end test in a real window under Xvfb, and an
# install check of the .deb. `.ci/run` calls exactly this.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

setup_apt
setup_rust
setup_node

step "cargo fmt --check"
cargo fmt --all --check

step "UI: type check and unit tests (vitest)"
(cd ui && npx vue-tsc --noEmit && npx vitest run)

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "core + CLI + 公文 layout tests"
cargo test --locked -p jixiao-core -p jixiao-cli -p jixiao-gongwen

step "TypeScript bindings are up to date"
if ! git diff --quiet -- ui/src/api/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/api/bindings)" ]; then
  git status --short ui/src/api/bindings
  echo "ui/src/api/bindings 与 Rust 类型不一致：请运行 cargo test -p jixiao-core 并提交生成的文件。" >&2
  exit 1
fi

build_app --bundles deb

setup_tauri_driver
step "end-to-end test in the real window (Xvfb + tauri-driver)"
rm -rf artifacts/e2e
JIXIAO_APP="$ROOT/target/release/jixiao" timeout 600 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --locked -p jixiao-e2e -- --nocapture
ls -l artifacts/e2e/*.png

step ".deb installs and the installed binary starts"
DEB="$(ls -t target/release/bundle/deb/*.deb | head -n1)"
dpkg-deb --info "$DEB" | grep -E 'Package|Version|Depends'
if [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then
  as_root dpkg -i "$DEB" >/dev/null
  BIN="$(dpkg -L "$(dpkg-deb -f "$DEB" Package)" | grep -E '/usr/bin/[^/]+$' | head -n1)"
  SMOKE_DB="$(mktemp -d)/smoke.db"
  set +e
  JIXIAO_DB="$SMOKE_DB" timeout 8 xvfb-run -a "$BIN"
  rc=$?
  set -e
  # 124 = still running when timeout stopped it: the window came up and stayed up.
  if [ "$rc" != 124 ]; then echo "安装后的 $BIN 未能保持运行（退出码 $rc）" >&2; exit 1; fi
  test -s "$SMOKE_DB" || { echo "安装后的程序没有创建数据库 $SMOKE_DB" >&2; exit 1; }
  echo "installed $BIN started and created its database"
else
  echo "skip dpkg -i: needs root or passwordless sudo"
fi

step "all tests passed"
