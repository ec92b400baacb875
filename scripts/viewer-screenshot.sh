#!/usr/bin/env bash
# Takes a screenshot of shoal-viewer in a real window, under Xvfb (no
# desktop needed), on Debian/Ubuntu.
#
#   scripts/viewer-screenshot.sh [OUT.png] [-- VIEWER ARGS...]
#
# Installs what a real window needs when missing (Xvfb, Mesa's software
# OpenGL, the X11 client libraries, xdotool, imagemagick), builds the
# viewer (release), starts it on a virtual screen, waits for its window,
# lets the world run for SHOAL_SHOT_SECONDS (default 8) and writes the
# screenshot (default: viewer.png). With `-- --connect ADDR --token FILE`
# it shoots a viewer watching a running server; with `-- --corewar
# [PMARS ARGS] W1.red W2.red`, a Core War battle.
set -euo pipefail
cd "$(dirname "$0")/.."

out="viewer.png"
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  out="$1"
  shift
fi
[ "${1:-}" = "--" ] && shift
seconds="${SHOAL_SHOT_SECONDS:-8}"

packages=(xvfb xauth xdotool imagemagick libgl1 libgl1-mesa-dri libglx-mesa0 libegl1
  libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "viewer-screenshot: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cargo build --release --bin shoal-viewer
viewer="${CARGO_TARGET_DIR:-target}/release/shoal-viewer"

display=":${SHOAL_SHOT_DISPLAY:-97}"
Xvfb "$display" -screen 0 1280x720x24 -nolisten tcp >/tmp/shoal-xvfb.log 2>&1 &
xvfb=$!
viewer_pid=
cleanup() {
  [ -n "$viewer_pid" ] && kill "$viewer_pid" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY="$display"
# Mesa's software renderer (llvmpipe) through GLX.
export LIBGL_ALWAYS_SOFTWARE=1
for _ in $(seq 50); do
  xdpyinfo >/dev/null 2>&1 && break
  xdotool getmouselocation >/dev/null 2>&1 && break
  sleep 0.1
done

"$viewer" --size 1280x720 "$@" >/tmp/shoal-viewer-shot.log 2>&1 &
viewer_pid=$!
if ! timeout 60 xdotool search --sync --onlyvisible --name "^Shoal " >/dev/null; then
  echo "viewer-screenshot: no window appeared; the viewer said:" >&2
  cat /tmp/shoal-viewer-shot.log >&2
  exit 1
fi
sleep "$seconds"
if ! kill -0 "$viewer_pid" 2>/dev/null; then
  echo "viewer-screenshot: the viewer exited; it said:" >&2
  cat /tmp/shoal-viewer-shot.log >&2
  exit 1
fi
import -window root "$out"
echo "viewer-screenshot: wrote $out"
