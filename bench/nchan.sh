#!/usr/bin/env bash
# herd against a real pub/sub server no one here wrote: nginx with Debian's nchan module, started by this script
# on loopback, in its own process group, and stopped by its pid. Two workloads, the same for every tool compared
# (docs/benchmarks.md, "Against nginx + nchan"):
#
#   idle       N WebSocket subscribers (default 19,000) opened within 10 s and held 40 s; prints herd's marginal
#              RSS per connection (RSS holding them minus RSS idle before the first connect, over N)
#   idle-sse   the same over EventSource (SSE)
#   broadcast  5,000 WebSocket subscribers on one topic, 10 messages/s published by HTTP POST for 30 s
#              (1.5 million deliveries: one message per socket read)
#
# For each: herd's CPU-seconds user and system over its whole process (JVM start and exit included, from
# /proc/PID/stat), deliveries, latency p99, the worst event-loop lag and the generator's verdict on itself.
#
#   bench/nchan.sh [idle|idle-sse|broadcast ...]        default: idle broadcast
#   HERD_NCHAN_ARGS='--transport io_uring' bench/nchan.sh broadcast     extra options for every herd run
#   NCHAN_IDLE_CLIENTS=19000 NCHAN_BROADCAST_SUBSCRIBERS=5000 NCHAN_BROADCAST_DURATION=30s
#   NCHAN_KEEP=DIR keeps herd's results directories, console log and CPU ticks by kind of thread (threads.txt); NCHAN_SHOW_LOG=1 prints the console log
#   NCHAN_IDLE_HOOK / NCHAN_HOLD_HOOK: a shell command run with $HERD_PID once the idle RSS is read and once the held
#   RSS samples are taken (e.g. 'jmap -histo:live $HERD_PID > held.txt'; it may disturb the CPU figures)
#   NCHAN_HERD=OTHER/bin/herd runs another build of herd (e.g. a clone at an older commit), for before/after figures
#
# Needs nginx and libnginx-mod-nchan (Debian); as root the script installs them with apt-get when missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/nginx.sh"

workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(idle broadcast)
idle_clients="${NCHAN_IDLE_CLIENTS:-19000}"
bc_subscribers="${NCHAN_BROADCAST_SUBSCRIBERS:-5000}"
bc_duration="${NCHAN_BROADCAST_DURATION:-30s}"
extra=()
# shellcheck disable=SC2206
[ -n "${HERD_NCHAN_ARGS:-}" ] && extra=(${HERD_NCHAN_ARGS})

nchan_install
trap 'nginx_stop; bench_cleanup' EXIT

hz="$(getconf CLK_TCK)"
# user and system ticks of a process (threads ended included)
ticks() { awk '{print $14, $15}' "/proc/$1/stat" 2>/dev/null; }

# The java process started under a pid (this script's herd, not another checkout's running at the same time).
descendant_java() {
  local pid child
  # the background subshell may have become java itself (bash execs a subshell's last command)
  if [ "$(cat "/proc/$1/comm" 2>/dev/null)" = java ]; then echo "$1"; return 0; fi
  for pid in $(pgrep -P "$1"); do
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ]; then echo "$pid"; return 0; fi
    child="$(descendant_java "$pid")"
    [ -n "$child" ] && { echo "$child"; return 0; }
  done
  return 0
}

# Runs herd in the background with $1 as the scenario and the rest as its options; sets $herd_pid, $run_pid.
start_herd() {
  local scenario="$1"
  shift
  bench_background env HERD_JAVA_OPTS="${HERD_BENCH_JAVA_OPTS:-}" "${NCHAN_HERD:-$bench_root/bin/herd}" "$scenario" "$@" \
    ${extra[@]+"${extra[@]}"} >"$bench_tmp/herd.log" 2>&1
  run_pid=$!
  herd_pid=""
  for _ in $(seq 1 100); do
    herd_pid="$(descendant_java "$run_pid")"
    [ -n "$herd_pid" ] && break
    sleep 0.1
  done
  [ -n "$herd_pid" ] || { echo "herd did not start" >&2; cat "$bench_tmp/herd.log" >&2; exit 1; }
}

# One line of CPU ticks by kind of thread: the stage on herd's console, then user and system ticks of the event
# loops, the JIT compilers, the garbage collector and the rest.
thread_ticks() {
  local stage
  stage="$(grep -aoE '^ *[0-9]+s [a-z-]+ ' "$bench_tmp/herd.log" 2>/dev/null | tail -n 1 | awk '{print $2}')"
  for t in /proc/"$1"/task/*; do
    # utime and stime: the 12th and 13th fields after the name, which may hold spaces
    printf '%s\t%s\n' "$(cat "$t/comm" 2>/dev/null)" "$(sed 's/.*) //' "$t/stat" 2>/dev/null | cut -d' ' -f12,13)"
  done | awk -F'\t' -v stage="${stage:-none}" '
    { split($2, c, " "); k = "other" }
    $1 ~ /^herd-loop/ { k = "loops" } $1 ~ /Compiler/ { k = "jit" } $1 ~ /^(GC |G1 )/ { k = "gc" }
    { u[k] += c[1]; s[k] += c[2] }
    END { printf "%s loops %d %d jit %d %d gc %d %d other %d %d\n", stage, u["loops"], s["loops"], u["jit"], s["jit"], u["gc"], s["gc"], u["other"], s["other"] }'
}

# Waits for herd to end, sampling its CPU ticks until then; sets $user_s and $sys_s; $bench_tmp/threads.txt has the
# samples by kind of thread.
wait_herd() {
  local last="0 0" now
  : >"$bench_tmp/threads.txt"
  while kill -0 "$herd_pid" 2>/dev/null; do
    now="$(ticks "$herd_pid")"
    [ -n "$now" ] && last="$now"
    thread_ticks "$herd_pid" >>"$bench_tmp/threads.txt" 2>/dev/null || true
    sleep 0.2
  done
  wait "$run_pid" || { echo "herd exited with $?:" >&2; tail -20 "$bench_tmp/herd.log" >&2; }
  if [ -n "${NCHAN_KEEP:-}" ]; then mkdir -p "$NCHAN_KEEP"; cp -r "$bench_tmp"/idle-* "$bench_tmp"/broadcast "$bench_tmp/herd.log" "$bench_tmp/threads.txt" "$NCHAN_KEEP"/ 2>/dev/null || true; fi
  [ -n "${NCHAN_SHOW_LOG:-}" ] && cat "$bench_tmp/herd.log"
  user_s="$(awk -v t="${last% *}" -v hz="$hz" 'BEGIN{printf "%.1f", t / hz}')"
  sys_s="$(awk -v t="${last#* }" -v hz="$hz" 'BEGIN{printf "%.1f", t / hz}')"
}

rss_kib() { awk '/^VmRSS:/{print $2}' "/proc/$1/status"; }

verdict() {
  local out="$1"
  echo "deliveries $(bench_figure "$out" messages.received) of $(bench_figure "$out" messages.expected);" \
    "latency p50 $(bench_figure "$out" latency.p50) ms, p99 $(bench_figure "$out" latency.p99) ms;" \
    "event-loop lag max $(bench_figure "$out" generator.max_event_loop_lag_ms) ms;" \
    "trustworthy: $(bench_figure "$out" generator.trustworthy) $(bench_figure "$out" generator.reasons)"
}

run_idle() {
  local kind="$1" url
  if [ "$kind" = sse ]; then url="http://127.0.0.1:$nchan_port/sse/{topic}"; else url="ws://127.0.0.1:$nchan_port/ws/{topic}"; fi
  local out="$bench_tmp/idle-$kind"
  echo "== idle-$kind: $idle_clients subscribers ($kind) opened within 10s, held 40s, over 100 topics"
  local nginx_worker
  nginx_worker="$(pgrep -P "$nginx_pid" | head -n 1)"
  # The baseline is read at the end of 12 s idle, once the JVM has settled (bin/herd's heap gives back what start-up
  # left behind after 5 s with nothing to collect), as the held figure is read through the hold.
  start_herd connect-storm --url "$url" --clients "$idle_clients" --topics 100 --within 10s --idle-before 12s \
    --hold 40s --connect-timeout 30s --out "$out"
  until grep -q " idle " "$bench_tmp/herd.log" 2>/dev/null; do sleep 0.1; done
  sleep 10
  local base full full_max=0 server_base server_full
  base="$(rss_kib "$herd_pid")"
  server_base="$(rss_kib "$nginx_worker")"
  if [ -n "${NCHAN_IDLE_HOOK:-}" ]; then HERD_PID="$herd_pid" bash -c "$NCHAN_IDLE_HOOK" || true; fi
  until grep -q " hold " "$bench_tmp/herd.log" 2>/dev/null; do sleep 0.1; done
  # RSS while held: sampled every second through the hold; the median, and the highest
  local samples=()
  for _ in $(seq 1 30); do
    kill -0 "$herd_pid" 2>/dev/null || break
    full="$(rss_kib "$herd_pid" 2>/dev/null || true)"
    [ -n "$full" ] && samples+=("$full")
    sleep 1
  done
  server_full="$(rss_kib "$nginx_worker")"
  if [ -n "${NCHAN_HOLD_HOOK:-}" ]; then HERD_PID="$herd_pid" bash -c "$NCHAN_HOLD_HOOK" || true; fi
  wait_herd
  local opened
  opened="$(bench_figure "$out" connect_storm.established)"
  python3 - "$opened" "$base" "$server_base" "$server_full" "${samples[@]}" <<'PY'
import statistics, sys
opened, base, s_base, s_full = (float(x) for x in sys.argv[1:5])
held = sorted(float(x) for x in sys.argv[5:])
med, top = statistics.median(held), held[-1]
print(f"open {opened:.0f}; herd RSS idle {base / 1024:.0f} MiB, held {med / 1024:.0f} MiB (median of {len(held)} samples,"
      f" highest {top / 1024:.0f}): marginal RSS {(med - base) / max(opened, 1):.2f} KiB per connection"
      f" (highest sample {(top - base) / max(opened, 1):.2f})")
print(f"nginx worker RSS: {(s_full - s_base) / max(opened, 1):.2f} KiB per connection")
PY
  echo "herd CPU-seconds: user $user_s, system $sys_s (whole process);" \
    "connect.total p99 $(bench_figure "$out" connect.total.p99) ms;" \
    "failed $(bench_figure "$out" connections.failed) $(bench_figure "$out" connections.failed_by_reason);" \
    "event-loop lag max $(bench_figure "$out" generator.max_event_loop_lag_ms) ms;" \
    "trustworthy: $(bench_figure "$out" generator.trustworthy) $(bench_figure "$out" generator.reasons)"
}

run_broadcast() {
  local out="$bench_tmp/broadcast"
  echo "== broadcast: $bc_subscribers WebSocket subscribers on 1 topic, 10 msg/s by HTTP POST for $bc_duration"
  start_herd broadcast --url "ws://127.0.0.1:$nchan_port/ws/{topic}" \
    --publish-url "http://127.0.0.1:$nchan_port/pub/{topic}" --subscribers "$bc_subscribers" --topics 1 \
    --rate 10 --size 64 --duration "$bc_duration" --connect-within 10s --drain 5s --out "$out"
  wait_herd
  echo "herd CPU-seconds: user $user_s, system $sys_s, total $(awk -v u="$user_s" -v s="$sys_s" 'BEGIN{printf "%.1f", u + s}') (whole process)"
  # The publish stage alone, by kind of thread, per message received in it.
  python3 - "$bench_tmp/threads.txt" "$out/timeseries.json" "$hz" <<'PY'
import json, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
pub = [r for r in rows if r[0] == "publish"]
hz = float(sys.argv[3])
received = sum(p["received_per_second"] for p in json.load(open(sys.argv[2]))["points"] if p["stage"] == "publish")
if len(pub) >= 2 and received:
    # Counts only grow while the threads live; the last samples may come as the process ends and its threads go.
    first = pub[0]
    def d(kind):
        i = first.index(kind)
        return ((max(int(r[i + 1]) for r in pub) - int(first[i + 1])) / hz,
                (max(int(r[i + 2]) for r in pub) - int(first[i + 2])) / hz)
    parts = {k: d(k) for k in ("loops", "jit", "gc", "other")}
    text = ", ".join(f"{k} {u:.1f}+{s:.1f}" for k, (u, s) in parts.items())
    lu, ls = parts["loops"]
    print(f"publish stage CPU-seconds (user+system): {text}; event loops {lu * 1e6 / received:.2f} us user +"
          f" {ls * 1e6 / received:.2f} us system per message received ({received:,.0f})")
PY
  verdict "$out"
}

bench_build
bench_machine
if [ -n "${NCHAN_HERD:-}" ]; then
  echo "herd: $NCHAN_HERD, jar built $(date -u -r "$(ls "$(dirname "$NCHAN_HERD")"/../herd-cli/target/herd-cli-*-all.jar | head -n 1)" '+%F %T') UTC"
else
  echo "herd: this checkout ($(git -C "$bench_root" describe --always --dirty 2>/dev/null || echo '?')), jar built $(date -u -r "$herd_jar" '+%F %T') UTC"
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before; herd options: ${HERD_NCHAN_ARGS:-none}"
nchan_start
nchan_describe
for w in "${workloads[@]}"; do
  case "$w" in
    idle) run_idle ws ;;
    idle-sse) run_idle sse ;;
    broadcast) run_broadcast ;;
    *) echo "unknown workload: $w (idle, idle-sse, broadcast)" >&2; exit 2 ;;
  esac
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg) after"
done
