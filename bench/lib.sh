# Shared helpers of herd's benchmark and calibration scripts (sourced, not run).
# Everything runs on loopback; every process started here is stopped on exit.

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_tmp="$(mktemp -d)"
bench_pids=()

bench_cleanup() {
  for pid in "${bench_pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$bench_tmp"
}
trap bench_cleanup EXIT

# Builds herd if needed (bin/herd does) and sets $herd_jar.
bench_build() {
  "$bench_root/bin/herd" --version >/dev/null
  herd_jar="$(ls "$bench_root"/herd-cli/target/herd-cli-*-all.jar | head -n 1)"
}

# Runs herd as bin/herd does (same JVM options), with extra JVM options from $HERD_BENCH_JAVA_OPTS.
herd() {
  HERD_JAVA_OPTS="${HERD_BENCH_JAVA_OPTS:-}" "$bench_root/bin/herd" "$@"
}

# Starts a reference target in its own process on a free loopback port (or on $bench_port when set, e.g. to share
# one with --reuse-port): sets $target_port and $target_pid.
bench_start_target() {
  local out="$bench_tmp/target-$RANDOM.out"
  HERD_JAVA_OPTS="${HERD_TARGET_JAVA_OPTS:-}" "$bench_root/bin/herd" target --port "${bench_port:-0}" "$@" >"$out" 2>&1 &
  target_pid=$!
  bench_pids+=("$target_pid")
  for _ in $(seq 1 100); do
    target_port="$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$out" | head -n 1)"
    [ -n "$target_port" ] && return 0
    sleep 0.1
  done
  echo "the reference target did not start:" >&2
  cat "$out" >&2
  return 1
}

# Runs a command in the background after a delay, without the cleanup trap (a subshell would inherit it).
bench_later() {
  local delay="$1"
  shift
  ( trap - EXIT; sleep "$delay"; "$@" ) &
}

# Runs a command in the background (without the cleanup trap); its pid is in $! as usual.
bench_background() {
  ( trap - EXIT; "$@" ) &
}

# Starts $1 reference targets sharing one port (--reuse-port), one event-loop thread each, so that a run is not capped
# by the open-files limit of one target process: sets $target_port.
bench_start_shared_targets() {
  local count="$1" first
  bench_start_target --reuse-port --threads 1
  first="$target_port"
  for _ in $(seq 2 "$count"); do
    bench_port="$first" bench_start_target --reuse-port --threads 1
  done
  target_port="$first"
}

# The summed RSS in KiB of the processes whose command lines match the extended regular expression $1.
bench_summed_rss() {
  local total=0 pid rss
  for pid in $(pgrep -f "$1" || true); do
    rss=$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null || true) # empty once the process is gone
    total=$((total + ${rss:-0}))
  done
  echo "$total"
}

# Samples every half second, until the script ends, the summed RSS of herd's processes (command lines matching $1)
# and of the reference targets; "HERD_PEAK_KIB TARGETS_PEAK_KIB" is kept in $bench_tmp/rss.
bench_sample_peak_rss() {
  echo "0 0" >"$bench_tmp/rss"
  bench_background bench_peak_rss_loop "$1"
  bench_pids+=("$!")
}

bench_peak_rss_loop() {
  local herd_peak=0 target_peak=0 herd_now target_now
  while true; do
    herd_now="$(bench_summed_rss "$1")"
    target_now="$(bench_summed_rss "herd-cli-.*-all.jar target")"
    [ "$herd_now" -gt "$herd_peak" ] && herd_peak=$herd_now
    [ "$target_now" -gt "$target_peak" ] && target_peak=$target_now
    echo "$herd_peak $target_peak" >"$bench_tmp/rss"
    sleep 0.5
  done
}

bench_stop_target() {
  kill "$target_pid" 2>/dev/null || true
  wait "$target_pid" 2>/dev/null || true
}

# Prints a summary.json figure by dotted path: bench_figure results/x latency.p50
bench_figure() {
  python3 - "$1/summary.json" "$2" <<'PY'
import json, sys
node = json.load(open(sys.argv[1]))
for key in sys.argv[2].split('.'):
    node = node[key]
print(node)
PY
}

bench_machine() {
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB," \
    "Linux $(uname -r), $(java -version 2>&1 | head -n 1)"
}
