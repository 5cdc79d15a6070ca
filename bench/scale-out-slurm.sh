#!/usr/bin/env bash
# Scale-out through Slurm: N WebSocket connections held at once by the ranks of one job submitted with
# deploy/slurm/herd.sbatch (each rank a herd process with its slice, all starting their storm at one instant, merged
# in the same allocation), against T reference-target processes sharing one port (--reuse-port). Slurm is the private
# single-node cluster of deploy/slurm/test/start-slurm.sh (needs root and slurm-wlm; deploy/slurm/test/install-slurm.sh),
# stopped with everything else when the script ends.
# Prints the merged figures (established, held, failed by reason), each slice's start skew and time to open its share,
# the connect phases, and the peak RSS of herd's ranks and of the targets, summed.
#
#   bench/scale-out-slurm.sh [N] [RANKS] [TARGETS] [WITHIN]      defaults: 150000 8 10 120s
# Environment: HERD_BENCH_OUT keeps the job's results there (default: a temporary directory, removed).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-150000}"
ranks="${2:-8}"
targets="${3:-10}"
within="${4:-120s}"
per_rank=$(((n + ranks - 1) / ranks))
if [ "$per_rank" -gt 19500 ]; then
  echo "scale-out-slurm.sh: $per_rank connections per rank is more than one process can open under 20,000 open files; use more ranks" >&2
  exit 2
fi
bench_build
bench_machine

slurm_dir=""
stop_slurm() {
  [ -n "$slurm_dir" ] && "$bench_root/deploy/slurm/test/stop-slurm.sh" "$slurm_dir" >/dev/null 2>&1 || true
  bench_cleanup
}
trap stop_slurm EXIT
started=$("$bench_root/deploy/slurm/test/start-slurm.sh")
slurm_dir=$(sed -n 's/^slurm pids .* in \(.*\)$/\1/p' <<<"$started")
export SLURM_CONF="$slurm_dir/slurm.conf"

bench_start_shared_targets "$targets"
port="$target_port"
results="${HERD_BENCH_OUT:-$bench_tmp/results}"
mkdir -p "$results"
echo "connect-storm: $n WebSocket clients within $within from $ranks Slurm ranks to $targets targets on port $port"

# Peak RSS of herd's ranks and of the targets.
bench_sample_peak_rss "herd-cli-.*-all.jar connect-storm"

# Every rank on the one node (8 CPUs as the test cluster declares them; --overcommit lets more ranks share them).
job=$(HERD="$bench_root/bin/herd" HERD_RESULTS="$results" HERD_START_DELAY=30 \
  sbatch --parsable --overcommit -n "$ranks" --cpus-per-task 1 -o "$results/job.out" --time 30 \
  "$bench_root/deploy/slurm/herd.sbatch" connect-storm --url "ws://127.0.0.1:$port/ws/{topic}" --clients "$n" \
  --topics 120 --within "$within" --hold 20s --connect-timeout 60s -q)
deadline=$((SECONDS + 30 + ${within%s} + 300))
while [ -n "$(squeue -h -j "$job" -o %i 2>/dev/null)" ]; do
  if [ $SECONDS -ge "$deadline" ]; then
    echo "job $job still running after $((SECONDS)) s; cancelled" >&2
    scancel "$job" || true
    break
  fi
  sleep 1
done
sleep 1
read -r herd_rss target_rss <"$bench_tmp/rss"
echo "job $job: $(grep -E '^herd.sbatch: verdict' "$results/job.out" || tail -n 3 "$results/job.out")"
python3 - "$results/merged/summary.json" "$n" "$herd_rss" "$target_rss" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
n, herd_rss, target_rss = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
c = s["connections"]
print(f"slices {s['slices']['count']}: established {c['established']} of {n}, peak open {c['peak_open']}, failed {c['failed']}"
      f" {c.get('failed_by_reason', {})}, closed by server {c['closed_by_server']}, by error {c['closed_by_error']}")
skew = s["slices"]["start_skew_ms"]
print(f"start skew over the slices: min {skew['min']} ms, max {skew['max']} ms, spread {skew['spread']} ms")
last = [w.get("connect_storm", {}).get("last_open_ms", 0) for w in s["merged_from"]]
rates = [w.get("connect_storm", {}).get("achieved_rate", 0) for w in s["merged_from"]]
print(f"slowest slice opened its share in {max(last) / 1000:.1f} s; connect rates per slice {', '.join(f'{r:.0f}' for r in rates)}/s"
      f" (sum {sum(rates):.0f}/s)")
t = s["connect"]["total"]
print(f"connect.total ms: p50 {t['p50']}, p99 {t['p99']}, max {t['max']}; generator trustworthy: {s['generator']['trustworthy']}")
opened = max(c["peak_open"], 1)
print(f"peak RSS: herd's ranks {herd_rss / 1024:.0f} MiB = {herd_rss / opened:.2f} KiB per connection"
      f" including {s['slices']['count']} JVMs' baselines; targets {target_rss / 1024:.0f} MiB")
PY
