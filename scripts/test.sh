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

step "lintian: no error on the .deb"
# Errors fail the build; the warnings lintian still prints are listed, each with its reason, in
# packaging/linux/lintian-overrides (installed with the package) or below.
lintian --fail-on error --display-level ">=warning" --no-tag-display-limit \
  "$(ls -t target/release/bundle/deb/*.deb | head -n1)"

setup_tauri_driver
step "end-to-end test in the real window (Xvfb + tauri-driver)"
rm -rf artifacts/e2e
JIXIAO_APP="$ROOT/target/release/jixiao" timeout 2400 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --locked -p jixiao-e2e -- --nocapture
ls -l artifacts/e2e/*.png

step ".deb installs and the installed binary starts"
DEB="$(ls -t target/release/bundle/deb/*.deb | head -n1)"
dpkg-deb --info "$DEB" | grep -E 'Package|Version|Depends'
if [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; then
  as_root dpkg -i "$DEB" >/dev/null
  BIN="$(dpkg -L "$(dpkg-deb -f "$DEB" Package)" | grep -E '/usr/bin/jixiao$' | head -n1)"
  "$(dirname "$BIN")/jixiao-cli" --version
  SMOKE_DIR="$(mktemp -d)"
  SMOKE_DB="$SMOKE_DIR/smoke.db"
  # Start it, let the window come up, then close the window as a user would: the app must stay
  # up until then, create its database, take the daily backup at start and the exit backup.
  set +e
  timeout 90 xvfb-run -a bash -c '
    JIXIAO_DB="$1" "$2" & app=$!
    for _ in $(seq 1 60); do [ -s "$1" ] && break; sleep 0.5; done
    sleep 3
    kill -0 "$app" 2>/dev/null || exit 3
    /usr/bin/python3 "$3" >/dev/null
    for _ in $(seq 1 40); do kill -0 "$app" 2>/dev/null || exit 0; sleep 0.5; done
    kill "$app"; exit 4' _ "$SMOKE_DB" "$BIN" "$ROOT/scripts/close_window.py"
  rc=$?
  set -e
  case "$rc" in
    0) ;;
    3) echo "安装后的 $BIN 未能保持运行" >&2; exit 1 ;;
    4) echo "关闭窗口后 $BIN 没有退出" >&2; exit 1 ;;
    *) echo "安装后的 $BIN 启动检查失败（退出码 $rc）" >&2; exit 1 ;;
  esac
  test -s "$SMOKE_DB" || { echo "安装后的程序没有创建数据库 $SMOKE_DB" >&2; exit 1; }
  ls "$SMOKE_DIR"/backups/*-daily.jxbak >/dev/null || { echo "启动时没有做每日自动备份" >&2; exit 1; }
  ls "$SMOKE_DIR"/backups/*-exit.jxbak >/dev/null || { echo "关闭窗口时没有做退出备份" >&2; exit 1; }
  echo "installed $BIN started, created its database, backed up at start and at exit: $(ls "$SMOKE_DIR"/backups)"
else
  echo "skip dpkg -i: needs root or passwordless sudo"
fi

step "all tests passed"
