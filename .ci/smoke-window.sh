#!/usr/bin/env bash
# Real-window smoke test: the release binary opens the sample article in a window under Xvfb,
# saves a screenshot and exits 0; the PNG must be a non-blank picture.
# Needs `xvfb` (xvfb-run) and the OpenGL runtime (libgl1, libegl1, libgl1-mesa-dri); this
# script installs nothing itself.
set -euo pipefail
cd "$(dirname "$0")/.."
shot="${1:-${TMPDIR:-/tmp}/crosscheck-smoke.png}"
rm -f "$shot"
cargo build --release --locked -p crosscheck --bin crosscheck
cargo build --release --locked -p crosscheck-app --example png_check
data_dir="$(mktemp -d)"
trap 'rm -rf "$data_dir"' EXIT
# Software rendering; no user preferences or notes are touched.
export LIBGL_ALWAYS_SOFTWARE=1
export CROSSCHECK_DATA_DIR="$data_dir"
export XDG_DATA_HOME="$data_dir"
target_dir="${CARGO_TARGET_DIR:-target}"
timeout 120 xvfb-run -a -s "-screen 0 1400x900x24" \
    "$target_dir/release/crosscheck" assets/sample-article.txt --screenshot "$shot"
test -s "$shot" || { echo "smoke-window: no screenshot written: $shot" >&2; exit 1; }
"$target_dir/release/examples/png_check" "$shot"
echo "smoke-window: 1 passed, 0 failed"
