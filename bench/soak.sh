#!/usr/bin/env bash
# Soak: holds N WebSocket connections to a reference target in another process for a long time while publishing at
# a steady rate (herd steady, one window a minute), and samples herd's process once a minute: live heap after a full
# GC (jcmd), RSS (/proc/PID/status VmRSS) and open file descriptors (/proc/PID/fd). Prints the samples, then the
# slope of each over the run by least squares, per minute and as a share of its mean: a leak shows as a slope that
# does not go away, a flat run as slopes near zero. The forced GC costs the run a pause a minute; it is there so that
# the heap figure is live memory, not garbage yet to be collected.
#
#   bench/soak.sh [N] [DURATION] [RATE]          defaults: 10000 10m 1000
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-10000}"
duration="${2:-10m}"
rate="${3:-1000}"
bench_build
bench_machine
bench_start_target
out="$bench_tmp/results"
echo "soak: $n WebSocket clients over 100 topics, $rate msg/s for $duration (target pid $target_pid)"

bench_background herd steady --url "ws://127.0.0.1:$target_port/ws/{topic}" --clients "$n" --topics 100 \
  --rate "$rate" --duration "$duration" --window 1m --connect-within 20s --connect-timeout 30s --out "$out" \
  >"$bench_tmp/herd.log" 2>&1
run_pid=$!
herd_pid=""
for _ in $(seq 1 100); do
  herd_pid="$(pgrep -f "herd-cli-.*-all.jar steady" | head -n 1 || true)"
  [ -n "$herd_pid" ] && break
  sleep 0.1
done
[ -n "$herd_pid" ] || { echo "herd did not start" >&2; cat "$bench_tmp/herd.log" >&2; exit 1; }

live_heap_kib() {
  jcmd "$herd_pid" GC.run >/dev/null 2>&1 || return 0
  jcmd "$herd_pid" GC.heap_info 2>/dev/null | awk '/ used /{for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub("K", "", v); print v; exit}}'
}
samples="$bench_tmp/samples.tsv"
# The first sample once every connection is open and publishing has begun (the status line's stage is "steady").
steady_line='^ *[0-9]+s steady '
until grep -Eq "$steady_line" "$bench_tmp/herd.log" 2>/dev/null || ! kill -0 "$run_pid" 2>/dev/null; do sleep 0.5; done
start="$(date +%s)"
printf "minute\theap_kib\trss_kib\tfds\n"
while kill -0 "$herd_pid" 2>/dev/null && tail -n 2 "$bench_tmp/herd.log" | grep -Eq "$steady_line"; do
  minute=$(( ($(date +%s) - start) / 60 ))
  heap="$(live_heap_kib)"
  rss="$(awk '/^VmRSS:/{print $2}' "/proc/$herd_pid/status" 2>/dev/null || true)"
  fds="$(ls "/proc/$herd_pid/fd" 2>/dev/null | wc -l)"
  [ -n "$heap" ] && [ -n "$rss" ] && printf "%s\t%s\t%s\t%s\n" "$minute" "$heap" "$rss" "$fds" | tee -a "$samples"
  # Next sample on the next whole minute of the run.
  sleep $(( 60 - ( ($(date +%s) - start) % 60 ) ))
done
wait "$run_pid" || true
python3 - "$samples" <<'PY'
import sys
rows = [list(map(float, line.split("\t"))) for line in open(sys.argv[1]) if line.strip()]
if len(rows) < 3:
    print("too few samples for a slope"); sys.exit(0)
def slope(xs, ys):
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs), my
minutes = [r[0] for r in rows]
# The second half apart as well: the first minutes hold the JIT's and the allocator's warm-up, not a leak.
half = rows[len(rows) // 2:]
for col, name, unit in ((1, "live heap", "KiB"), (2, "RSS", "KiB"), (3, "open fds", "")):
    s, mean = slope(minutes, [r[col] for r in rows])
    s2, mean2 = slope([r[0] for r in half], [r[col] for r in half]) if len(half) >= 3 else (0.0, mean)
    print(f"{name:>9}: mean {mean:,.0f} {unit}, slope {s:+,.1f} {unit}/min ({100 * s / mean:+.3f} % of the mean per minute)"
          f" over {len(rows)} samples; second half {s2:+,.1f} {unit}/min ({100 * s2 / mean2:+.3f} %)")
PY
echo "messages: published $(bench_figure "$out" messages.published), expected $(bench_figure "$out" messages.expected)," \
  "received $(bench_figure "$out" messages.received), lost $(bench_figure "$out" messages.lost);" \
  "connections established $(bench_figure "$out" connections.established), closed by server $(bench_figure "$out" connections.closed_by_server);" \
  "latency p99 $(bench_figure "$out" latency.p99) ms; generator trustworthy $(bench_figure "$out" generator.trustworthy)"
grep -A 20 "^steady" "$bench_tmp/herd.log" | head -n 14 || true
