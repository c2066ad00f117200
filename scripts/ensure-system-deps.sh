#!/usr/bin/env bash
# Installs the Debian packages qaxon's tests need, when they are missing:
#   chromium                      browser example end-to-end test, docs screenshot
#   xvfb + OpenGL/X11 headers     gpu.js headlessgl mode (the `gl` module builds from source)
# Runs apt-get only as root on a Debian-like system; otherwise says what to install.
# Then, when the workspace is already installed (CI's test step, a second `pnpm test`), builds
# `gl` if it is not built yet (scripts/ensure-gl.mjs: `pnpm install` leaves it unbuilt), so
# that every package's headless-gl tests find it; on a fresh clone the install comes after
# this script and packages/kernel-gpu's tests build it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v xvfb-run >/dev/null 2>&1 || packages+=(xvfb xauth)
command -v pkg-config >/dev/null 2>&1 || packages+=(pkg-config)
for header in /usr/include/X11/extensions/XInput2.h:libxi-dev /usr/include/GL/glu.h:libglu1-mesa-dev \
  /usr/include/GL/glew.h:libglew-dev /usr/include/X11/Xlib.h:libx11-dev /usr/include/X11/extensions/Xext.h:libxext-dev; do
  [ -e "${header%%:*}" ] || packages+=("${header##*:}")
done
if [ ${#packages[@]} -eq 0 ]; then
  :
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
else
  echo "ensure-system-deps: missing Debian packages: ${packages[*]}" >&2
  echo "ensure-system-deps: install them (sudo apt-get install ${packages[*]}) or set QAXON_SKIP_BROWSER=1 to skip browser tests" >&2
fi

if [ -d "$root/node_modules" ]; then
  node "$root/scripts/ensure-gl.mjs" --if-installed
fi
