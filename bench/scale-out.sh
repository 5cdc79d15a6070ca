#!/usr/bin/env bash
# Scale-out: N WebSocket connections held at once by herd --workers W, against T reference-target processes that
# share one port (--reuse-port), so that neither side is capped by the 20,000 open-files limit of one process.
# Prints the connections established and held (merged over the workers), failures by reason, how long the slowest
# worker took to open its share, the connect phases, and the peak RSS of herd's workers and of the targets, summed.
#
#   bench/scale-out.sh [N] [WORKERS] [TARGETS] [WITHIN]      defaults: 100000 6 6 60s
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-100000}"
workers="${2:-6}"
targets="${3:-6}"
within="${4:-60s}"
bench_build
bench_machine
bench_start_shared_targets "$targets"
port="$target_port"
out="$bench_tmp/results"
echo "connect-storm: $n WebSocket clients within $within from $workers herd workers to $targets targets on port $port"

# Peak RSS of herd's processes and of the targets: the coordinator (bin/herd connect-storm) and its workers, which
# get their arguments on standard input and so show none of them on their command line.
bench_sample_peak_rss "herd-cli-.*-all.jar connect-storm|dev.herd.cli.Herd --arguments-from-stdin"

herd connect-storm --workers "$workers" --url "ws://127.0.0.1:$port/ws/{topic}" --clients "$n" --topics 120 \
  --within "$within" --hold 10s --connect-timeout 60s --out "$out" -q >"$bench_tmp/herd.log" 2>&1 || true
sleep 1
read -r herd_rss target_rss <"$bench_tmp/rss"
python3 - "$out/summary.json" "$n" "$herd_rss" "$target_rss" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
n, herd_rss, target_rss = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
c = s["connections"]
print(f"workers {s['workers']}: established {c['established']} of {n}, peak open {c['peak_open']}, failed {c['failed']}"
      f" {c.get('failed_by_reason', {})}, closed by server {c['closed_by_server']}, by error {c['closed_by_error']}")
last = [w.get("connect_storm", {}).get("last_open_ms", 0) for w in s["merged_from"]]
rates = [w.get("connect_storm", {}).get("achieved_rate", 0) for w in s["merged_from"]]
print(f"slowest worker opened its share in {max(last) / 1000:.1f} s; connect rates per worker {', '.join(f'{r:.0f}' for r in rates)}/s"
      f" (sum {sum(rates):.0f}/s)")
t = s["connect"]["total"]
print(f"connect.total ms: p50 {t['p50']}, p99 {t['p99']}, max {t['max']}; generator trustworthy: {s['generator']['trustworthy']}")
opened = max(c["peak_open"], 1)
print(f"peak RSS: herd (coordinator and workers) {herd_rss / 1024:.0f} MiB = {herd_rss / opened:.2f} KiB per connection"
      f" including {s['workers'] + 1} JVMs' baselines; targets {target_rss / 1024:.0f} MiB")
PY
