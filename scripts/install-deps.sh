#!/usr/bin/env bash
# Installs what Shoal needs beyond a Rust toolchain, on Debian/Ubuntu.
#
# - building and testing: Rust (rustc >= 1.95), a C compiler, CPython 3
#   (the script tests compare with it) and its pip (the pyperformance
#   test downloads the suite's programs from PyPI), nats-server (the
#   cluster tests run zones on it);
# - the viewer's window (`cargo run --release --bin shoal-viewer`): the X11
#   client libraries, xkbcommon and OpenGL (Mesa). They are loaded when a
#   window opens, so the build and the tests (which drive the UI without
#   a display) do not need them: if they cannot be installed, this says so
#   and goes on.
#
# scripts/viewer-screenshot.sh installs what a window needs on a machine
# with no display (Xvfb, xdotool, imagemagick) by itself.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi

missing() {
  local out=()
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || out+=("$p")
  done
  echo "${out[@]:-}"
}

need_apt=()
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v cc >/dev/null 2>&1 || need_apt+=(gcc)
# pip fetches pyperformance's programs for tests/pyperformance.rs.
python3 -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
# Zones across processes (docs/cluster.md): tests/cluster.rs starts its
# own nats-server (with JetStream) on a loopback port.
command -v nats-server >/dev/null 2>&1 || need_apt+=(nats-server)

updated=
if [ ${#need_apt[@]} -gt 0 ]; then
  $SUDO apt-get update
  updated=1
  $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}"
fi

if command -v dpkg >/dev/null 2>&1; then
  # shellcheck disable=SC2207
  window=($(missing libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon0 \
    libxkbcommon-x11-0 libgl1 libegl1 libgl1-mesa-dri libglx-mesa0))
  if [ ${#window[@]} -gt 0 ]; then
    echo "install-deps: installing the viewer's window libraries: ${window[*]}"
    if ! { [ -n "$updated" ] || $SUDO apt-get update -qq; } ||
       ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${window[@]}"; then
      echo "install-deps: warning: could not install ${window[*]};" \
        "the viewer will not open a window until they are installed (the build and tests do not need them)" >&2
    fi
  fi
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "install-deps: Rust is missing; install it from https://rustup.rs (rustc 1.95 or newer)" >&2
  exit 1
fi
echo "install-deps: all set"
