#!/usr/bin/env bash
# Runs the Socket.IO app (server.js) for herd's integration tests; servers/start.sh socketio starts it.
# Pings are short by default so that a test run of a few seconds proves the client answers them; the environment
# may set others (SOCKETIO_PING_INTERVAL_MS, SOCKETIO_PING_TIMEOUT_MS).
# Usage: launch.sh DIR PORT
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$1"
PORT=$2 PING_INTERVAL_MS=${SOCKETIO_PING_INTERVAL_MS:-1000} PING_TIMEOUT_MS=${SOCKETIO_PING_TIMEOUT_MS:-2000} \
  exec node "$here/server.js"
