#!/usr/bin/env bash
# Starts one real server for herd's integration tests, bound to 127.0.0.1 only (servers/README.md).
# Usage: servers/start.sh NAME [PORT]      NAME: mosquitto rabbitmq socketio graphql-ws websocketd
#        servers/start.sh --check NAME     exit 0 when NAME is installed, 3 (and one line) when it is not
# The server runs in a process group of its own (setsid) with its state and log in a temporary directory; once it
# accepts WebSocket upgrades and every socket it listens on is on 127.0.0.1, this prints
#   NAME pid PID listening on 127.0.0.1:PORT
# and writes PID to servers/run/NAME-PORT.pid (its directory to servers/run/NAME-PORT.dir). servers/stop.sh ends it.
# Exit codes: 0 started; 2 usage; 3 not installed (servers/install.sh NAME); 1 anything else (the log's tail shown).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

check_only=no
if [ "${1:-}" = --check ]; then check_only=yes; shift; fi
[ $# -ge 1 ] && [ $# -le 2 ] || usage "servers/start.sh NAME [PORT] | --check NAME"
name=$1
# The default port, the upgrade request that proves the server is ready (path, subprotocol), what must be installed.
case $name in
  mosquitto)  port=${2:-9001} path=/ subprotocol=mqtt needs="mosquitto openssl" ;;
  rabbitmq)   port=${2:-15674} path=/ws subprotocol=v12.stomp needs="$RABBITMQ_SERVER epmd" ;;
  socketio)   port=${2:-3000} path="/socket.io/?EIO=4&transport=websocket" subprotocol="" \
              needs="node $here/socketio/node_modules/socket.io" ;;
  graphql-ws) port=${2:-4000} path=/graphql subprotocol=graphql-transport-ws \
              needs="node $here/graphql-ws/node_modules/graphql-ws" ;;
  websocketd) port=${2:-8081} path=/ subprotocol="" needs="websocketd tail grep mkfifo" ;;
  *) usage "unknown server '$name' (known: $SERVERS)" ;;
esac
for need in $needs ss ps setsid timeout; do
  if ! command -v "$need" >/dev/null 2>&1 && [ ! -e "$need" ]; then
    echo "$name is not installed ($need missing): run servers/install.sh $name" >&2
    exit 3
  fi
done
[ $check_only = yes ] && exit 0
case $port in '' | *[!0-9]*) usage "PORT must be a number, not '$port'" ;; esac

mkdir -p "$here/run"
pidfile=$here/run/$name-$port.pid
if [ -f "$pidfile" ] && group_alive "$(cat "$pidfile")"; then
  echo "$name already runs on port $port (pid $(cat "$pidfile")): servers/stop.sh $name $port" >&2
  exit 1
fi
if port_in_use "$port"; then
  echo "port $port is in use: choose another (servers/start.sh $name PORT)" >&2
  exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/herd-$name-$port.XXXXXX")
log=$dir/server.log

# setsid makes the server a process group of its own, so stop.sh ends it with all its children by one pid.
setsid "$here/$name/launch.sh" "$dir" "$port" </dev/null >"$log" 2>&1 &
pid=$!
echo "$pid" >"$pidfile"
echo "$dir" >"$here/run/$name-$port.dir"

give_up() {
  echo "$name did not start: $1 (log: $log)" >&2
  tail -n 15 "$log" | sed 's/^/  | /' >&2
  "$here/stop.sh" "$name" "$port" --keep >/dev/null 2>&1 || true
  exit 1
}

deadline=$((SECONDS + ${HERD_SERVER_START_TIMEOUT:-60}))
until ws_upgrade "$port" "$path" "$subprotocol"; do
  group_alive "$pid" || give_up "it exited"
  [ $SECONDS -lt $deadline ] || give_up "no WebSocket upgrade on 127.0.0.1:$port within ${HERD_SERVER_START_TIMEOUT:-60}s"
  sleep 0.2
done

# Nothing of this group may listen beyond loopback (mosquitto and RabbitMQ bind every address unless told not to).
if ! outside=$(listeners_beyond_loopback "$pid"); then
  give_up "cannot list its listening sockets (ss)"
fi
if [ -n "$outside" ]; then
  give_up "it listens beyond 127.0.0.1: $outside"
fi
echo "$name pid $pid listening on 127.0.0.1:$port"
