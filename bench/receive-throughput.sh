#!/usr/bin/env bash
# Receive throughput: one herd process receives a broadcast of 64-byte messages to 10,000 WebSocket subscribers
# (one topic) from a reference target in another process. Prints deliveries per second and herd's CPU time per
# received message over the seconds of the publish stage (timeseries.json: process CPU x cores / deliveries).
#
#   bench/receive-throughput.sh [SUBSCRIBERS] [RATE] [DURATION]      defaults: 10000 50 20s
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
subscribers="${1:-10000}"
rate="${2:-50}"
duration="${3:-20s}"
bench_build
bench_machine
bench_start_target
out="$bench_tmp/results"
echo "broadcast: $subscribers subscribers on 1 topic, $rate msg/s of 64 bytes for $duration (target pid $target_pid)"
herd broadcast --url "ws://127.0.0.1:$target_port/ws/{topic}" --subscribers "$subscribers" --topics 1 \
  --rate "$rate" --size 64 --duration "$duration" --connect-within 10s --drain 5s -q --out "$out" >/dev/null
python3 - "$out/timeseries.json" "$(nproc)" <<'PY'
import json, sys
points = [p for p in json.load(open(sys.argv[1]))["points"] if p["stage"] == "publish"]
cores = int(sys.argv[2])
# Whole seconds of the publish stage only: the first and last may be partial.
points = points[1:-1] if len(points) > 2 else points
cpu_seconds = sum(p["cpu_percent"] / 100 * cores for p in points)
received = sum(p["received_per_second"] for p in points)
print(f"publish stage, {len(points)} whole seconds: {received / max(len(points), 1):,.0f} deliveries per second received;"
      f" herd CPU {cpu_seconds / max(len(points), 1):.2f} cores, {cpu_seconds * 1e6 / max(received, 1):.2f} us per received message")
PY
echo "received $(bench_figure "$out" messages.received) of $(bench_figure "$out" messages.expected) expected;" \
  "latency p50 $(bench_figure "$out" latency.p50) ms, p99 $(bench_figure "$out" latency.p99) ms;" \
  "generator trustworthy: $(bench_figure "$out" generator.trustworthy)"
