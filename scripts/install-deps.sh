#!/usr/bin/env bash
# Installs what Shoal needs beyond a Rust toolchain, on Debian/Ubuntu.
#
# Today the workspace builds and tests with Rust alone (rustc >= 1.95) and
# CPython 3 for the script tests of later issues; the viewer's system
# libraries (X11, OpenGL) will be added here when the viewer lands.
set -euo pipefail

need_apt=()
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v cc >/dev/null 2>&1 || need_apt+=(gcc)

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "install-deps: Rust is missing; install it from https://rustup.rs (rustc 1.95 or newer)" >&2
  exit 1
fi
echo "install-deps: all set"
