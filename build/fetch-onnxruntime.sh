#!/usr/bin/env bash
# Fetches the ONNX Runtime native library for this repository's own tests and benchmarks:
# `npm pack onnxruntime-node@VERSION`, then extracts the Linux x64 libonnxruntime.so.1 into
# <repo>/.cache/onnxruntime/VERSION/ (ignored by git). Idempotent and quiet when already cached.
# Usage: build/fetch-onnxruntime.sh [version]     Prints nothing on success unless it downloads.
set -euo pipefail

version="${1:-1.30.0}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest_dir="$repo_root/.cache/onnxruntime/$version"
dest="$dest_dir/libonnxruntime.so.1"
member="package/bin/napi-v6/linux/x64/libonnxruntime.so.1"

if [[ -s "$dest" ]]; then
  exit 0
fi

if [[ "$(uname -s)" != "Linux" || "$(uname -m)" != "x86_64" ]]; then
  echo "fetch-onnxruntime: only linux-x64 is fetched from npm; on $(uname -s)/$(uname -m) set MMM_ONNXRUNTIME_PATH to an onnxruntime library instead." >&2
  exit 2
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-onnxruntime: 'npm' was not found on PATH. Install Node.js/npm, or download libonnxruntime.so.1 ($version) yourself and set MMM_ONNXRUNTIME_PATH to it." >&2
  exit 3
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "fetch-onnxruntime: downloading onnxruntime-node@$version with npm pack ..." >&2
if ! (cd "$work" && npm pack --silent "onnxruntime-node@$version" >"$work/pack.log" 2>&1); then
  echo "fetch-onnxruntime: 'npm pack onnxruntime-node@$version' failed:" >&2
  cat "$work/pack.log" >&2
  exit 4
fi

tarball="$(ls "$work"/onnxruntime-node-*.tgz 2>/dev/null | head -n 1)"
if [[ -z "$tarball" ]]; then
  echo "fetch-onnxruntime: npm pack produced no tarball in $work." >&2
  exit 4
fi

if ! tar -xzf "$tarball" -C "$work" "$member"; then
  echo "fetch-onnxruntime: $member is not in $(basename "$tarball")." >&2
  exit 5
fi

mkdir -p "$dest_dir"
# Move into place atomically so that concurrent builds never see a half-written file.
cp "$work/$member" "$dest_dir/.libonnxruntime.so.1.$$"
mv -f "$dest_dir/.libonnxruntime.so.1.$$" "$dest"
echo "fetch-onnxruntime: cached $dest" >&2
