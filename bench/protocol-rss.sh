#!/usr/bin/env bash
# Memory per idle subscriber connection of one herd process, by protocol: raw WebSocket against herd's reference
# target, MQTT against mosquitto and STOMP against RabbitMQ Web-STOMP (the CI's servers, servers/README.md). For each,
# a fresh herd connect-storm opens N subscribers, holds them, and the script reads herd's memory above its idle
# baseline, as bench/capacity.sh does: RSS (/proc/PID/status VmRSS) and live heap after a forced full GC (jcmd
# GC.class_histogram, GC.heap_info), each divided by the connections open; and a class histogram (jcmd
# GC.class_histogram) idle and holding, whose difference per connection says what a connection is made of. The server's own RSS per
# connection is printed too (its whole process group), for scale only.
#
#   bench/protocol-rss.sh [CONNECTIONS] [HOLD]          defaults: 5000 20s
#
# Environment:
#   HERD_BENCH_PROTOCOLS  which to run, in that order (default "raw mqtt stomp")
#   HERD_BENCH_WITHIN     the storm's window, the same for every protocol (default 50s: 100 connections a second for
#                         5,000, which RabbitMQ keeps up with on two busy cores; at 250/s it answered SUBSCRIBE seconds
#                         late and most STOMP connections failed heartbeat_timeout while subscribing)
#   HERD_BENCH_OUT        where the class histograms and each run's results are kept
#                         (default bench/results/protocol-rss-DATE)
#   HERD_BENCH_JAVA_OPTS  extra JVM options of the measured herd
#   HERD_BENCH_NMT        when set, herd runs with -XX:NativeMemoryTracking=summary and the JVM's own account of what
#                         grew from idle to holding is printed and kept (OUT/PROTOCOL-nmt.txt); NMT costs memory itself
#
# Keep-alives: STOMP heart-beats every 2 s both ways (RabbitMQ's CI config closes a WebSocket silent for 4 s); MQTT
# keeps herd's default keep-alive (30 s); the reference target sends nothing to an idle raw subscriber. Everything is
# on loopback and bounded in time; the servers started here are stopped by their pid (servers/stop.sh NAME PORT), also
# on Ctrl-C. A phase that does not come in time (or a jcmd too slow for the idle or hold window) ends the script.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-5000}"
hold="${2:-20s}"
within="${HERD_BENCH_WITHIN:-50s}"
protocols="${HERD_BENCH_PROTOCOLS:-raw mqtt stomp}"
keep="${HERD_BENCH_OUT:-$bench_root/bench/results/protocol-rss-$(date +%Y%m%d-%H%M%S)}"
servers="$bench_root/servers"
topics=100
# herd stays idle this long before the storm: the baseline (a GC, the heap, RSS, a histogram) is read meanwhile.
idle_before=15

case $n in '' | *[!0-9]* | 0) echo "CONNECTIONS must be a positive number, not '$n'" >&2; exit 2 ;; esac
seconds() { # DURATION like 20s, 500ms, 2m -> whole seconds, rounded up
  python3 - "$1" <<'PY'
import math, re, sys
m = re.fullmatch(r'(\d+(?:\.\d+)?)(ms|s|m)', sys.argv[1])
if not m:
    sys.exit(f"a duration is a number and ms, s or m, not '{sys.argv[1]}'")
print(math.ceil(float(m[1]) * {'ms': 0.001, 's': 1, 'm': 60}[m[2]]))
PY
}
hold_s="$(seconds "$hold")"
within_s="$(seconds "$within")"
[ "$hold_s" -ge 10 ] || { echo "HOLD must be 10s or more: the holding figures take a few jcmd calls" >&2; exit 2; }
for p in $protocols; do
  case $p in raw) ;; mqtt | stomp) ;; *) echo "HERD_BENCH_PROTOCOLS: unknown '$p' (raw mqtt stomp)" >&2; exit 2 ;; esac
done
command -v jcmd >/dev/null || { echo "jcmd (JDK) is needed" >&2; exit 3; }
server_of() { case $1 in mqtt) echo mosquitto ;; stomp) echo rabbitmq ;; esac; }
for p in $protocols; do
  [ "$p" = raw ] || "$servers/start.sh" --check "$(server_of "$p")"
done

# The servers this script started ("NAME PORT"), stopped on exit whatever happens.
started=()
protocol_rss_cleanup() {
  local s
  for s in "${started[@]:-}"; do
    [ -n "$s" ] && "$servers/stop.sh" $s >/dev/null 2>&1 || true
  done
  bench_cleanup
}
trap protocol_rss_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_build
bench_machine
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the runs"
mkdir -p "$keep"
echo "$n subscribers per protocol over $topics topics within $within, held $hold; histograms and results in $keep"

# rss_kib PID: VmRSS of one process, KiB; rss_file_kib PID: its file-backed part (the JVM's code, the class archive).
rss_kib() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }
rss_file_kib() { awk '/^RssFile:/{print $2}' "/proc/$1/status"; }
# group_rss_kib PGID: VmRSS summed over a process group (a server started by servers/start.sh), KiB.
group_rss_kib() {
  local total=0 pid
  for pid in $(ps -e -o pid= -o pgid= | awk -v g="$1" '$2 == g {print $1}'); do
    total=$((total + $(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
# server_rss_kib PROTOCOL: the server's RSS: the reference target's process, or a broker's whole process group.
server_rss_kib() {
  if [ "$1" = raw ]; then rss_kib "$server_pid"; else group_rss_kib "$server_pid"; fi
}
# live_heap_kib PID: heap used after a full GC, KiB (GC.heap_info's output stays in $bench_tmp/heap_info).
live_heap_kib() {
  timeout 60 jcmd "$1" GC.class_histogram >/dev/null # a full collection (GC.run is concurrent in herd's JVM)
  timeout 60 jcmd "$1" GC.heap_info >"$bench_tmp/heap_info"
  awk '/ used /{for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub("K", "", v); print v; exit}}' \
    "$bench_tmp/heap_info"
}
# heap_rss_kib PID: the resident part of the Java heap's reservation (from /proc/PID/smaps, the range from the last
# GC.heap_info), KiB: RSS minus this is what lives outside the heap (direct buffers, malloc, code, metaspace, stacks).
heap_rss_kib() {
  python3 - "/proc/$1/smaps" "$bench_tmp/heap_info" <<'PY'
import re, sys
lo, hi = (int(x, 16) for x in re.search(r'heap .*\[(0x[0-9a-f]+), (0x[0-9a-f]+)\)', open(sys.argv[2]).read()).groups())
rss, inside = 0, False
for line in open(sys.argv[1]):
    m = re.match(r'([0-9a-f]+)-([0-9a-f]+) ', line)
    if m:
        inside = lo <= int(m[1], 16) and int(m[2], 16) <= hi
    elif inside and line.startswith('Rss:'):
        rss += int(line.split()[1])
print(rss)
PY
}
# wait_phase LOG WORD SECONDS PID: until herd's console shows the phase (" idle ", " hold "); fails when herd is
# gone or time is up.
wait_phase() {
  local deadline=$((SECONDS + $3))
  until grep -q " $2 " "$1" 2>/dev/null; do
    kill -0 "$4" 2>/dev/null || { echo "herd ended before its $2 phase:" >&2; tail -n 20 "$1" >&2; return 1; }
    [ $SECONDS -lt $deadline ] || { echo "no $2 phase within $3 s:" >&2; tail -n 5 "$1" >&2; return 1; }
    sleep 0.1
  done
}

# start_server NAME: starts it on a free port below the ephemeral range; sets $port and $server_pid.
start_server() {
  local line
  port="$(. "$servers/lib.sh"; free_port)"
  started+=("$1 $port")
  line="$("$servers/start.sh" "$1" "$port")"
  server_pid="$(echo "$line" | sed -n 's/.* pid \([0-9]*\) listening.*/\1/p')"
  echo "$line"
}

stop_server() { # NAME PORT
  "$servers/stop.sh" "$1" "$2" >/dev/null
  local kept=() s
  for s in "${started[@]}"; do [ "$s" = "$1 $2" ] || kept+=("$s"); done
  started=("${kept[@]:-}")
}

summary_lines=()
measure() { # PROTOCOL
  local p="$1" url flags=() name="" out="$keep/$1" log
  case $p in
    raw)
      bench_start_target
      server_pid="$target_pid" port="$target_port"
      url="ws://127.0.0.1:$target_port/ws/{topic}"
      echo "reference target pid $target_pid listening on 127.0.0.1:$target_port" ;;
    mqtt)
      name=mosquitto
      start_server mosquitto
      url="ws://127.0.0.1:$port"
      flags=(--protocol mqtt) ;;
    stomp)
      name=rabbitmq
      start_server rabbitmq
      url="ws://127.0.0.1:$port/ws"
      flags=(--protocol stomp --protocol-option login=guest --protocol-option passcode=guest
        --protocol-option heartbeat=2s) ;;
  esac
  rm -rf "$out"
  log="$keep/$p.log"
  # bin/herd execs java: $! is the measured JVM. Started as a plain background command (no subshell), it does not
  # inherit the cleanup trap; the cleanup kills it by this pid.
  local java_opts="${HERD_BENCH_JAVA_OPTS:-}"
  [ -z "${HERD_BENCH_NMT:-}" ] || java_opts="$java_opts -XX:NativeMemoryTracking=summary"
  HERD_JAVA_OPTS="$java_opts" "$bench_root/bin/herd" connect-storm --url "$url" "${flags[@]}" \
    --clients "$n" --topics "$topics" --within "$within" --idle-before "${idle_before}s" --hold "$hold" \
    --connect-timeout 30s --out "$out" >"$log" 2>&1 &
  local herd_pid=$!
  bench_pids+=("$herd_pid")
  wait_phase "$log" idle 60 "$herd_pid"
  sleep 3
  local base_heap base_rss base_heap_rss base_file_rss base_server
  base_heap="$(live_heap_kib "$herd_pid")"
  base_rss="$(rss_kib "$herd_pid")"
  base_heap_rss="$(heap_rss_kib "$herd_pid")"
  base_file_rss="$(rss_file_kib "$herd_pid")"
  base_server="$(server_rss_kib "$p")"
  timeout 60 jcmd "$herd_pid" GC.class_histogram >"$keep/$p-idle.histo"
  [ -z "${HERD_BENCH_NMT:-}" ] || timeout 60 jcmd "$herd_pid" VM.native_memory baseline >/dev/null
  if grep -q -E " (storm|hold) " "$log"; then
    echo "$p: the baseline was read after the storm began (a slow jcmd): not measured" >&2
    return 1
  fi
  wait_phase "$log" hold $((within_s + 30 + 120)) "$herd_pid"
  sleep 2
  local full_heap full_rss full_heap_rss full_file_rss full_server
  full_heap="$(live_heap_kib "$herd_pid")"
  full_rss="$(rss_kib "$herd_pid")"
  full_heap_rss="$(heap_rss_kib "$herd_pid")"
  full_file_rss="$(rss_file_kib "$herd_pid")"
  full_server="$(server_rss_kib "$p")"
  timeout 60 jcmd "$herd_pid" GC.class_histogram >"$keep/$p-hold.histo"
  [ -z "${HERD_BENCH_NMT:-}" ] || timeout 60 jcmd "$herd_pid" VM.native_memory summary.diff >"$keep/$p-nmt.txt"
  if grep -q " close " "$log"; then
    echo "$p: the holding figures were read after the hold ended (a slow jcmd): give a longer HOLD" >&2
    return 1
  fi
  # The run ends by itself after the hold; bounded all the same.
  local deadline=$((SECONDS + hold_s + 60))
  while kill -0 "$herd_pid" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "$p: herd did not end" >&2; kill "$herd_pid"; break; }
    sleep 0.2
  done
  wait "$herd_pid" || true
  if [ "$p" = raw ]; then bench_stop_target; else stop_server "$name" "$port"; fi
  local open failed closed
  open="$(bench_figure "$out" connect_storm.established)"
  failed="$(bench_figure "$out" connections.failed)"
  closed="$(bench_figure "$out" connections.closed_by_server)"
  summary_lines+=("$(python3 - "$p" "$n" "$open" "$failed" "$closed" "$base_rss" "$full_rss" "$base_heap" "$full_heap" \
    "$base_server" "$full_server" "$base_heap_rss" "$full_heap_rss" "$base_file_rss" "$full_file_rss" <<'PY'
import sys
p = sys.argv[1]
n, opened, failed, closed, base_rss, full_rss, base_heap, full_heap, s_base, s_full, base_hr, full_hr, base_fr, \
    full_fr = (float(x) for x in sys.argv[2:])
per = max(opened, 1)
rss = (full_rss - base_rss) / per
in_heap = (full_hr - base_hr) / per
file = (full_fr - base_fr) / per
print(f"{p:<6} {opened:>6.0f}/{n:<6.0f} {failed:>6.0f} {closed:>6.0f}"
      f" {base_rss / 1024:>8.0f} {full_rss / 1024:>8.0f} {rss:>9.2f} {in_heap:>8.2f} {file:>6.2f}"
      f" {rss - in_heap - file:>8.2f}"
      f" {base_heap / 1024:>9.1f} {full_heap / 1024:>9.1f} {(full_heap - base_heap) / per:>9.2f}"
      f" {(s_full - s_base) / per:>11.2f}")
PY
)")
  echo "${summary_lines[-1]}"
  python3 "$bench_root/bench/histogram-diff.py" "$keep/$p-idle.histo" "$keep/$p-hold.histo" "$open" 12 \
    >"$keep/$p-per-connection.txt"
  sed 's/^/  /' "$keep/$p-per-connection.txt"
  if [ -n "${HERD_BENCH_NMT:-}" ]; then
    echo "  native memory tracking, idle to holding (committed):"
    grep -E "^Total|^- " "$keep/$p-nmt.txt" | grep -E "Total|\+[0-9]+KB\)" | head -12 | sed 's/^/  /'
  fi
}

header="proto    open/asked failed closed idle-RSS hold-RSS  RSS/conn  in-heap   file    other idle-heap hold-heap heap/conn server/conn"
for p in $protocols; do
  echo "== $p ($(cut -d' ' -f1 /proc/loadavg) load)"
  echo "$header"
  measure "$p"
done
echo
echo "== per connection (MiB idle and holding; KiB per connection open: RSS, and of it the part in the Java heap's range,"
echo "   file-backed and the rest; live heap after a full GC; server: its RSS, the whole process group)"
echo "$header"
printf '%s\n' "${summary_lines[@]}"
if [[ " $protocols " == *" raw "* ]]; then
  for p in $protocols; do
    [ "$p" = raw ] && continue
    echo
    echo "== $p minus raw, live heap bytes per connection by class (|difference| >= 8 B)"
    python3 "$bench_root/bench/histogram-diff.py" --versus "$keep/raw-idle.histo" "$keep/raw-hold.histo" \
      "$(bench_figure "$keep/raw" connect_storm.established)" "$keep/$p-idle.histo" "$keep/$p-hold.histo" \
      "$(bench_figure "$keep/$p" connect_storm.established)"
  done
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after the runs"
