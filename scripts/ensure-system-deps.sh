#!/usr/bin/env bash
# Installs the Debian packages qaxon's tests need, when they are missing:
#   chromium                      browser example end-to-end test, docs screenshot
#   xvfb + OpenGL/X11 headers     gpu.js headlessgl mode (the `gl` module builds from source)
# Runs apt-get only as root on a Debian-like system; otherwise says what to install.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
command -v xvfb-run >/dev/null 2>&1 || packages+=(xvfb xauth)
command -v pkg-config >/dev/null 2>&1 || packages+=(pkg-config)
for header in /usr/include/X11/extensions/XInput2.h:libxi-dev /usr/include/GL/glu.h:libglu1-mesa-dev \
  /usr/include/GL/glew.h:libglew-dev /usr/include/X11/Xlib.h:libx11-dev /usr/include/X11/extensions/Xext.h:libxext-dev; do
  [ -e "${header%%:*}" ] || packages+=("${header##*:}")
done
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-system-deps: installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
else
  echo "ensure-system-deps: missing Debian packages: ${packages[*]}" >&2
  echo "ensure-system-deps: install them (sudo apt-get install ${packages[*]}) or set QAXON_SKIP_BROWSER=1 to skip browser tests" >&2
fi
