#!/usr/bin/env bash
# Stops a server that servers/start.sh started: SIGTERM to its whole process group, SIGKILL after 20 s, and waits
# (bounded) until no process of the group is left; then removes its temporary directory (kept with --keep).
# Usage: servers/stop.sh NAME [PORT] [--keep]     without PORT: every instance of NAME
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"

keep=no
args=()
for a in "$@"; do
  if [ "$a" = --keep ]; then keep=yes; else args+=("$a"); fi
done
[ ${#args[@]} -ge 1 ] && [ ${#args[@]} -le 2 ] || usage "servers/stop.sh NAME [PORT] [--keep]"
name=${args[0]}
case " $SERVERS " in *" $name "*) ;; *) usage "unknown server '$name' (known: $SERVERS)" ;; esac

# wait_group PGID SECONDS: wait until the group has no live process; fails at the deadline.
wait_group() {
  local deadline=$((SECONDS + $2))
  while group_alive "$1"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.1
  done
}

shopt -s nullglob
if [ ${#args[@]} -eq 2 ]; then pidfiles=("$here/run/$name-${args[1]}.pid"); else pidfiles=("$here/run/$name"-*.pid); fi
status=0
stopped=0
for pidfile in "${pidfiles[@]}"; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  base=${pidfile%.pid}
  case $pid in '' | *[!0-9]*) echo "servers/stop.sh: $pidfile does not hold a pid" >&2; status=1; continue ;; esac
  if group_alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || true
    if ! wait_group "$pid" 20; then
      kill -KILL -- "-$pid" 2>/dev/null || true
      wait_group "$pid" 5 || { echo "servers/stop.sh: process group $pid survived SIGKILL" >&2; status=1; continue; }
    fi
  fi
  if [ $keep = no ] && [ -f "$base.dir" ]; then
    dir=$(cat "$base.dir")
    case $dir in */herd-"$name"-*) rm -rf "$dir" ;; esac
  fi
  rm -f "$pidfile" "$base.dir"
  echo "$(basename "$base") stopped (pid $pid)"
  stopped=$((stopped + 1))
done
[ $stopped -gt 0 ] || [ $status -ne 0 ] || echo "$name is not running"
exit $status
