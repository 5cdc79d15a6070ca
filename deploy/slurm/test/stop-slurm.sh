#!/usr/bin/env bash
# Stops the Slurm cluster start-slurm.sh started in DIR: cancels its jobs, then ends slurmd, slurmctld and munged, each
# by its pid (SIGTERM to its process group, SIGKILL after 10 s), waits until they are gone and removes DIR.
# Usage: stop-slurm.sh DIR [--keep]      --keep: leave DIR (its logs) in place
set -euo pipefail
[ $# -ge 1 ] && [ -d "$1" ] && [ -f "$1/slurm.conf" ] || { echo "usage: stop-slurm.sh DIR [--keep] (DIR from start-slurm.sh)" >&2; exit 2; }
dir=$1
keep=${2:-}
export SLURM_CONF=$dir/slurm.conf

alive() { kill -0 "$1" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
# Jobs first, so that no job step outlives its daemons (bounded: 15 s).
if [ -f "$dir/slurmctld.herd-pid" ] && alive "$(cat "$dir/slurmctld.herd-pid")"; then
  timeout 10 scancel --user="$(id -un)" >/dev/null 2>&1 || true
  for _ in $(seq 1 75); do
    [ -z "$(timeout 5 squeue -h -o %i 2>/dev/null)" ] && break
    sleep 0.2
  done
fi
for daemon in slurmd slurmctld munged; do
  f=$dir/$daemon.herd-pid
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if alive "$pid"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.2; done
    if alive "$pid"; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 1 25); do alive "$pid" || break; sleep 0.2; done
    fi
  fi
  if alive "$pid"; then
    echo "stop-slurm.sh: $daemon (pid $pid) did not end" >&2
    exit 1
  fi
  rm -f "$f"
done
[ "$keep" = --keep ] || rm -rf "$dir"
echo "slurm stopped"
