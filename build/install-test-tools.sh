#!/usr/bin/env bash
# Installs the reference tools that some tests compare against, when they are missing:
#   djpeg (Debian libjpeg-turbo-progs): the JPEG decoder reference of JpegLibjpegReferenceTests.
# Without them those tests are ignored locally; under CI=true they are required, so .ci/run calls this first.
set -euo pipefail

missing=()
command -v djpeg >/dev/null 2>&1 || missing+=(libjpeg-turbo-progs)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-tools: need ${missing[*]} but apt-get is not available; install them with your package manager." >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "install-test-tools: installing ${missing[*]}"
$sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  $sudo apt-get update >/dev/null
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
}
