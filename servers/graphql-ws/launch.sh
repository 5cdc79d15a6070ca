#!/usr/bin/env bash
# Runs the GraphQL app (server.js) for herd's integration tests; servers/start.sh graphql-ws starts it.
# The WebSocket keep-alive (a ping every KEEPALIVE_MS, dropped without a pong within as long) and the wait for
# connection_init are short by default, so a test run of a few seconds outlives them; the environment may set
# others (GRAPHQL_WS_KEEPALIVE_MS, GRAPHQL_WS_INIT_TIMEOUT_MS).
# Usage: launch.sh DIR PORT
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$1"
PORT=$2 KEEPALIVE_MS=${GRAPHQL_WS_KEEPALIVE_MS:-1000} INIT_TIMEOUT_MS=${GRAPHQL_WS_INIT_TIMEOUT_MS:-3000} \
  exec node "$here/server.js"
