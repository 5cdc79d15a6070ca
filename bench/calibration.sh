#!/usr/bin/env bash
# herd measured against known truth, with the reference target in its own process (see docs/measurement.md):
#   1. every delivery delayed by 50 ms            -> latency p50 in [50, 55] ms, p99 < 60 ms
#   2. the whole target frozen for 1 s mid-run    -> latency max >= 950 ms, p99.9 >= 500 ms; service time stays low
#   3. 17 messages dropped for one subscriber     -> lost = 17, one subscriber with loss
#   4. publisher and subscriber in two processes  -> the same latency as one process (min within 1 ms)
# Prints the figures; asserts nothing (the tests do: CalibrationTest, TwoProcessCalibrationIT).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_build
bench_machine
out="$bench_tmp/results"

echo
echo "1. target --delay 50ms; broadcast 40 subscribers, 2 topics, 100 msg/s, 5 s"
bench_start_target --delay 50ms
herd broadcast --url "ws://127.0.0.1:$target_port/ws/{topic}" --subscribers 40 --topics 2 --rate 100 \
  --duration 5s -q --out "$out/delay" >/dev/null
echo "   latency p50 $(bench_figure "$out/delay" latency.p50) ms, p99 $(bench_figure "$out/delay" latency.p99) ms," \
  "min $(bench_figure "$out/delay" latency.min) ms, lost $(bench_figure "$out/delay" messages.lost)"
bench_stop_target

echo
echo "2. whole-target freeze of 1 s, 1 s into a 3 s publish at 500 msg/s (HTTP POST publishing, 10 subscribers)"
bench_start_target
bench_later 2.5 curl -s -o /dev/null -X POST "http://127.0.0.1:$target_port/admin/stall?for=1s&freeze=true"
herd broadcast --url "ws://127.0.0.1:$target_port/ws/{topic}" --publish-url "http://127.0.0.1:$target_port/pub/{topic}" \
  --subscribers 10 --rate 500 --duration 3s --connect-within 500ms -q --out "$out/freeze" >/dev/null
echo "   latency      max $(bench_figure "$out/freeze" latency.max) ms, p99.9 $(bench_figure "$out/freeze" latency.p999) ms," \
  "p99 $(bench_figure "$out/freeze" latency.p99) ms, p50 $(bench_figure "$out/freeze" latency.p50) ms"
echo "   service_time max $(bench_figure "$out/freeze" service_time.max) ms, p99.9 $(bench_figure "$out/freeze" service_time.p999) ms," \
  "p99 $(bench_figure "$out/freeze" service_time.p99) ms, p50 $(bench_figure "$out/freeze" service_time.p50) ms"
bench_stop_target

echo
echo "3. target drops the next 17 deliveries of topic-0 to one subscriber (SSE, 20 subscribers, 200 msg/s, 2 s)"
bench_start_target
bench_later 2 curl -s -o /dev/null -X POST "http://127.0.0.1:$target_port/admin/drop-messages?topic=topic-0&count=17"
herd broadcast --url "http://127.0.0.1:$target_port/sse/{topic}" --publish-url "http://127.0.0.1:$target_port/pub/{topic}" \
  --subscribers 20 --topics 2 --rate 200 --duration 4s --connect-within 500ms -q --out "$out/drop" >/dev/null
echo "   lost $(bench_figure "$out/drop" messages.lost), subscribers with loss $(bench_figure "$out/drop" messages.subscribers_with_loss)," \
  "most lost by one $(bench_figure "$out/drop" messages.max_lost_per_subscriber)"
bench_stop_target

echo
echo "4. one process vs a publisher process and a subscriber process (run id shared), target --delay 20ms"
bench_start_target --delay 20ms
common=(--url "ws://127.0.0.1:$target_port/ws/{topic}" --subscribers 20 --topics 2 --rate 100 --connect-within 500ms -q)
herd broadcast "${common[@]}" --duration 3s --out "$out/single" >/dev/null
bench_background herd broadcast "${common[@]}" --role subscriber --run-id 0c0ffee0 --duration 6s --drain 2s \
  --out "$out/sub" >/dev/null
sub=$!
sleep 2.5
herd broadcast "${common[@]}" --role publisher --run-id 0c0ffee0 --duration 3s --out "$out/pub" >/dev/null
wait "$sub"
echo "   one process:   latency min $(bench_figure "$out/single" latency.min) ms, p50 $(bench_figure "$out/single" latency.p50) ms"
echo "   two processes: latency min $(bench_figure "$out/sub" latency.min) ms, p50 $(bench_figure "$out/sub" latency.p50) ms," \
  "received $(bench_figure "$out/sub" messages.received) of $(bench_figure "$out/pub" messages.published) x 10"
bench_stop_target
