# Functions shared by servers/start.sh, stop.sh and the launch.sh of each server (sourced, not run).

SERVERS="mosquitto rabbitmq socketio graphql-ws websocketd"
# Debian's /usr/sbin/rabbitmq-server switches to the rabbitmq user; this one runs the node as whoever calls it.
RABBITMQ_SERVER=/usr/lib/rabbitmq/bin/rabbitmq-server

usage() {
  echo "usage: $1" >&2
  exit 2
}

# group_alive PGID: does a live (not zombie) process of that process group remain?
group_alive() {
  ps -e -o pgid= -o stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { alive = 1 } END { exit alive ? 0 : 1 }'
}

# port_in_use PORT: does anything listen on that TCP port, on any address?
port_in_use() {
  [ -n "$(ss -H -ltn "sport = :$1" 2>/dev/null)" ]
}

# free_port: a TCP port nothing listens on, below the ephemeral range (for a server's auxiliary listeners).
free_port() {
  local p tries=0
  while [ $tries -lt 200 ]; do
    p=$((20000 + RANDOM % 12000))
    if ! port_in_use "$p"; then echo "$p"; return 0; fi
    tries=$((tries + 1))
  done
  echo "no free port found" >&2
  return 1
}

# ws_upgrade PORT PATH SUBPROTOCOL: does 127.0.0.1:PORT answer a WebSocket upgrade of PATH with 101 (within 3 s)?
ws_upgrade() {
  local offer=""
  [ -n "$3" ] && offer="Sec-WebSocket-Protocol: $3"$'\r\n'
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: aGVyZC1yZWFkeS1wcm9iZQ==\r\nSec-WebSocket-Version: 13\r\n%s\r\n" "$2" "$1" "$3" >&3
    IFS= read -r status <&3 || exit 1
    case $status in "HTTP/1.1 101"*) exit 0 ;; *) exit 1 ;; esac
  ' probe "$1" "$2" "$offer" 2>/dev/null
}

# listeners_beyond_loopback PGID: prints each TCP/UDP socket that a process of the group listens on at an
# address other than 127.0.0.0/8 or ::1 (nothing when all are on loopback); fails when ss cannot tell.
listeners_beyond_loopback() {
  local pids sockets
  pids=$(ps -e -o pid= -o pgid= | awk -v g="$1" '$2 == g { printf "%s ", $1 }')
  sockets=$(ss -H -ltunp) || return 1
  printf '%s\n' "$sockets" | awk -v pids="$pids" '
    BEGIN { n = split(pids, list, " "); for (i = 1; i <= n; i++) mine["pid=" list[i] ","] = 1 }
    {
      ours = 0
      rest = $0
      while (match(rest, /pid=[0-9]+,/)) {
        if (substr(rest, RSTART, RLENGTH) in mine) ours = 1
        rest = substr(rest, RSTART + RLENGTH)
      }
      if (!ours) next
      local = $5
      if (local ~ /^127\./ || local ~ /^\[::ffff:127\./ || local ~ /^\[::1\]:/) next
      printf "%s %s ", $1, local
    }'
}
