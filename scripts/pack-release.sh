#!/usr/bin/env bash
# The release tarball (`scripts/pack-release.sh [OUT_DIR]`, after a build): `npm pack` of the built
# package, with the `prepare` script taken out of its package.json. prepare builds from source in a
# clone or a git install; the tarball ships dist/ built, so it has no install-time script at all,
# and npm 11 has nothing to ask the user to approve (allowScripts). Prints the tarball's path.
set -euo pipefail
out="$(mkdir -p "${1:-.}" && cd "${1:-.}" && pwd)"
cd "$(dirname "$0")/.."
test -f dist/bundle/main.js || { echo "pack-release: dist/ is not built; run npm run build" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm pack --silent --ignore-scripts --pack-destination "$tmp" > /dev/null
tar -xzf "$tmp"/oedr-*.tgz -C "$tmp"
cd "$tmp/package"
npm pkg delete scripts.prepare
echo "$out/$(npm pack --silent --ignore-scripts --pack-destination "$out" | tail -n 1)"
