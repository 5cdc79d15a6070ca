#!/usr/bin/env bash
# Receive throughput: one herd process receives a broadcast of 64-byte messages to 10,000 WebSocket subscribers
# (one topic) from a reference target in another process. Prints deliveries per second and herd's CPU time per
# received message (/proc CPU time of the herd process over the publish stage ÷ messages received).
#
#   bench/receive-throughput.sh [SUBSCRIBERS] [RATE] [DURATION]      defaults: 10000 100 20s
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
subscribers="${1:-10000}"
rate="${2:-100}"
duration="${3:-20s}"
bench_build
bench_machine
HERD_TARGET_JAVA_OPTS="-Xmx2g" bench_start_target
out="$bench_tmp/results"
echo "broadcast: $subscribers subscribers on 1 topic, $rate msg/s of 64 bytes for $duration (target pid $target_pid)"

bench_background herd broadcast --url "ws://127.0.0.1:$target_port/ws/{topic}" --subscribers "$subscribers" --topics 1 \
  --rate "$rate" --size 64 --duration "$duration" --connect-within 10s --drain 5s --out "$out" >"$bench_tmp/herd.log" 2>&1
run_pid=$!
herd_pid=""
for _ in $(seq 1 50); do
  herd_pid="$(pgrep -f "herd-cli-.*-all.jar broadcast" | head -n 1 || true)"
  [ -n "$herd_pid" ] && break
  sleep 0.1
done
# CPU ticks (utime + stime) of the herd process at the start and the end of the publish stage.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$herd_pid/stat"; }
until grep -q " publish " "$bench_tmp/herd.log" 2>/dev/null; do sleep 0.2; done
start_ticks="$(cpu_ticks)"
# Until the run closes: the drain's last deliveries count too (and closing costs a little: conservative).
until grep -q " close " "$bench_tmp/herd.log" 2>/dev/null; do sleep 0.1; done
end_ticks="$(cpu_ticks)"
wait "$run_pid"
hz="$(getconf CLK_TCK)"
received="$(bench_figure "$out" messages.received)"
expected="$(bench_figure "$out" messages.expected)"
seconds="$(python3 -c "print(${duration%s})")"
python3 - "$start_ticks" "$end_ticks" "$hz" "$received" "$seconds" <<'PY'
import sys
start, end, hz, received, seconds = (float(x) for x in sys.argv[1:])
cpu_s = (end - start) / hz
print(f"deliveries per second received: {received / seconds:,.0f}")
print(f"herd CPU from publish to close: {cpu_s:.2f} s, {cpu_s * 1e6 / max(received, 1):.2f} us per received message")
PY
echo "received $received of $expected expected; latency p50 $(bench_figure "$out" latency.p50) ms, p99 $(bench_figure "$out" latency.p99) ms;" \
  "trustworthy: $(bench_figure "$out" generator.trustworthy)"
