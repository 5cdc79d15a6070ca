#!/usr/bin/env bash
# The test suite, again and again, on a machine another process keeps busy: each run clones this repository into a
# fresh directory, checks out the commit under test and runs the README's test command (mvn -B verify) there, while
# a load of its own (one busy loop per core, in its own process group) competes for every core. Prints each run's
# result, start and time, and keeps the log of a failed run. A test that fails here fails some day in CI.
#
#   bench/suite-under-load.sh [RUNS] [LOAD] [REV]   defaults: 10 runs, one busy loop per core (LOAD=0: no load), HEAD
#
# REV is resolved once, at the start: commits made meanwhile (the series takes hours) do not change what is tested.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
load="${2:-$(nproc)}"
rev="$(git -C "$root" rev-parse --verify "${3:-HEAD}^{commit}")" || exit 2
logs="$(mktemp -d)"
hog_pid=""

stop_load() {
  [ -n "$hog_pid" ] && kill -- "-$hog_pid" 2>/dev/null
  hog_pid=""
}
trap 'stop_load' EXIT

if [ "$load" -gt 0 ]; then
  # setsid: the busy loops get a process group of their own, stopped as one by its id.
  setsid bash -c "for i in \$(seq 1 $load); do ( while :; do :; done ) & done; wait" &
  hog_pid=$!
  echo "load: $load busy loops, process group $hog_pid"
fi
echo "suite: $runs runs of 'mvn -B verify' on fresh clones of ${rev:0:7}; logs in $logs"
passed=0
for i in $(seq 1 "$runs"); do
  dir="$(mktemp -d)"
  git clone -q "$root" "$dir"
  git -C "$dir" checkout -q --detach "$rev"
  start=$(date +%s)
  started="$(date -u '+%H:%M')"
  (cd "$dir" && mvn -B verify) >"$logs/run-$i.log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    echo "run $i: passed in $((took / 60)) min $((took % 60)) s (started $started UTC)"
    rm -f "$logs/run-$i.log"
  else
    echo "run $i: FAILED (exit $rc) after $((took / 60)) min $((took % 60)) s (started $started UTC); log: $logs/run-$i.log"
    grep -E "Tests run:.*(Failures: [1-9]|Errors: [1-9])|FAILURE!" "$logs/run-$i.log" | head -n 10
  fi
  rm -rf "$dir"
done
stop_load
echo "passed $passed of $runs"
[ "$passed" -eq "$runs" ]
