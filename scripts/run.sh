#!/usr/bin/env bash
# Quick start ①: installs what is missing, builds the app once, and opens the window on the default
# database (OS app-data folder; pass --db FILE or set JIXIAO_DB to use another file).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

setup_apt
setup_rust
setup_node
if [ ! -x "$ROOT/target/release/jixiao" ] || [ -n "$(find "$ROOT/crates" "$ROOT/src-tauri/src" "$ROOT/ui/src" -newer "$ROOT/target/release/jixiao" -type f -print -quit)" ]; then
  build_app --no-bundle
fi
step "启动 县级预算绩效管理系统"
exec "$ROOT/target/release/jixiao" "$@"
