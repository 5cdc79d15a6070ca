#!/bin/sh
# An in-house line protocol that websocketd runs once per WebSocket connection (one line = one message):
#   client: SUB <topic>   server: OK <topic>, then every line published to <topic> from then on
#   client: PUB <topic>   server: OK, then every line the client sends is published to <topic>
#   server: PING          every second, on every connection; a connection that answered no PONG within 2 s of a
#                         PING is closed (the program exits, websocketd closes the socket)
#   a topic starting with "forbidden": server ERR forbidden, then closes
# A topic is a file of lines in the directory given as the first argument (the server's temporary directory):
# a publisher appends each line with one write; a subscriber relays the file from the line count at OK on
# (tail -F), so nothing published after OK is missed. Lines up to 4 KiB (PIPE_BUF) reach the client whole: each
# one is a single write to websocketd, never interleaved with a PING.
# Usage: websocketd --address=127.0.0.1 --port=8081 -- servers/websocketd/lines.sh DIR   (servers/start.sh does it)
set -u
topics=$1

IFS= read -r first || exit 0
first=$(printf '%s' "$first" | tr -d '\r')
case $first in
  "SUB "*) mode=sub topic=${first#SUB } ;;
  "PUB "*) mode=pub topic=${first#PUB } ;;
  *) echo "ERR expected SUB <topic> or PUB <topic>"; exit 0 ;;
esac
case $topic in
  forbidden*) echo "ERR forbidden"; exit 0 ;;
  "" | *[!A-Za-z0-9._-]*) echo "ERR a topic is letters, digits, '.', '_' and '-'"; exit 0 ;;
esac
file=$topics/$topic.lines
: >>"$file"

state=$(mktemp -d "$topics/.connection.XXXXXX")
children=""
# The connection's helpers die with it, whichever way it ends (stdin closed, websocketd's SIGINT/SIGTERM, no PONG).
trap 'kill $children 2>/dev/null; rm -rf "$state"' EXIT
trap 'exit 0' INT TERM HUP

if [ "$mode" = sub ]; then
  seen=$(wc -l <"$file")
  echo "OK $topic"
  mkfifo "$state/lines"
  tail -n "+$((seen + 1))" -F "$file" >"$state/lines" 2>/dev/null &
  children="$children $!"
  # grep holds back a half-read line until its end arrives and writes each line with one write.
  grep --line-buffered '' <"$state/lines" &
  children="$children $!"
else
  echo "OK"
  exec 3>>"$file"
fi

# The keep-alive: PING every second; 2 s without a PONG ends the connection.
main=$$
(
  missed=0
  while :; do
    echo PING || exit 0
    sleep 1
    if [ -e "$state/pong" ]; then
      rm -f "$state/pong"
      missed=0
    else
      missed=$((missed + 1))
    fi
    if [ "$missed" -ge 2 ]; then
      kill -TERM "$main"
      exit 0
    fi
  done
) &
children="$children $!"

while IFS= read -r line; do
  case $line in
    PONG*) : >"$state/pong" ;;
    *) if [ "$mode" = pub ]; then printf '%s\n' "$line" >&3; fi ;;
  esac
done
