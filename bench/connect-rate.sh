#!/usr/bin/env bash
# Connect rate of one herd process: N new WebSocket connections asked within T (open model) to a reference target in
# another process; prints the rate achieved (clients open per second between the first attempt and the last open),
# connect.total percentiles and failures. A first, unreported storm of 5,000 warms both JVMs' compilers up.
#
#   bench/connect-rate.sh [N] [WITHIN]        defaults: 15000 2s
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-15000}"
within="${2:-2s}"
bench_build
bench_machine
bench_start_target
out="$bench_tmp/results"
herd connect-storm --url "ws://127.0.0.1:$target_port/ws/{topic}" --clients 5000 --topics 100 --within 2s \
  --hold 1s -q --out "$bench_tmp/warm-up" >/dev/null
echo "connect-storm: $n WebSocket clients asked within $within over 100 topics (target pid $target_pid)"
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
target_before="$(ticks "$target_pid")"
bench_background herd connect-storm --url "ws://127.0.0.1:$target_port/ws/{topic}" --clients "$n" --topics 100 \
  --within "$within" --hold 1s --connect-timeout 30s -q --out "$out" >/dev/null
run_pid=$!
herd_pid=""
for _ in $(seq 1 50); do
  herd_pid="$(pgrep -f "herd-cli-.*-all.jar connect-storm" | head -n 1 || true)"
  [ -n "$herd_pid" ] && break
  sleep 0.1
done
herd_ticks=0
while kill -0 "$herd_pid" 2>/dev/null; do
  herd_ticks="$(ticks "$herd_pid" 2>/dev/null || echo "$herd_ticks")"
  sleep 0.2
done
wait "$run_pid"
target_after="$(ticks "$target_pid")"
hz="$(getconf CLK_TCK)"
echo "CPU over the whole run: herd $(python3 -c "print(f'{$herd_ticks / $hz:.2f}')") s (JVM start and close included)," \
  "target $(python3 -c "print(f'{($target_after - $target_before) / $hz:.2f}')") s"
echo "asked $(bench_figure "$out" connect_storm.asked_rate)/s, achieved $(bench_figure "$out" connect_storm.achieved_rate)/s;" \
  "$(bench_figure "$out" connect_storm.established) open, $(bench_figure "$out" connections.failed) failed;" \
  "last open at $(bench_figure "$out" connect_storm.last_open_ms) ms"
echo "connect.total p50 $(bench_figure "$out" connect.total.p50) ms, p99 $(bench_figure "$out" connect.total.p99) ms;" \
  "tcp p99 $(bench_figure "$out" connect.tcp.p99) ms, upgrade p99 $(bench_figure "$out" connect.upgrade.p99) ms;" \
  "trustworthy: $(bench_figure "$out" generator.trustworthy)"
