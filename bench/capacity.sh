#!/usr/bin/env bash
# Capacity of one herd process: opens N WebSocket connections (default 19,000, under the 20,000 open-files limit of
# a process here) to a reference target in another process, holds them, and prints the time to open them all, the
# connect rate, and herd's memory per connection above its idle baseline: RSS (/proc/PID/status VmRSS) and live
# heap after a full GC (jcmd GC.class_histogram), each divided by N; and the reference target's RSS per connection. RSS moves by a few
# MiB from run to run with how much of the young generation is resident when it is read: run it a few times.
#
# With HERD_BENCH_TLS=openssl or jdk the connections are wss:// (the target serves TLS with a self-signed certificate
# made by keytool, herd verifies it) with that TLS engine on herd's side; HERD_BENCH_TLS_RESUME=off adds
# --no-tls-resume, so the difference is what keeping each client's session for resumption costs.
#
#   bench/capacity.sh [N] [WITHIN]          defaults: 19000 10s
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-19000}"
within="${2:-10s}"
bench_build
bench_machine
url_scheme="ws"
tls_args=()
if [ -n "${HERD_BENCH_TLS:-}" ]; then
  keytool -genkeypair -alias herd -keyalg EC -groupname secp256r1 -dname CN=localhost \
    -ext SAN=dns:localhost,ip:127.0.0.1 -validity 2 -storetype PKCS12 -keystore "$bench_tmp/target.p12" \
    -storepass changeit >/dev/null 2>&1
  keytool -exportcert -rfc -alias herd -keystore "$bench_tmp/target.p12" -storepass changeit \
    -file "$bench_tmp/target.pem" >/dev/null 2>&1
  bench_start_target --tls-keystore "$bench_tmp/target.p12" --tls-keystore-password changeit
  url_scheme="wss"
  tls_args=(--trust-cert "$bench_tmp/target.pem" --tls-provider "$HERD_BENCH_TLS")
  [ "${HERD_BENCH_TLS_RESUME:-on}" = off ] && tls_args+=(--no-tls-resume)
else
  bench_start_target
fi
out="$bench_tmp/results"
echo "connect-storm: $n WebSocket clients ($url_scheme:// ${tls_args[*]:2}) within $within over 100 topics" \
  "(target pid $target_pid)"

bench_background herd connect-storm --url "$url_scheme://127.0.0.1:$target_port/ws/{topic}" --clients "$n" --topics 100 \
  --within "$within" --idle-before 6s --hold 8s --connect-timeout 30s "${tls_args[@]}" --out "$out" \
  >"$bench_tmp/herd.log" 2>&1
run_pid=$!
herd_pid=""
for _ in $(seq 1 50); do
  herd_pid="$(pgrep -f "herd-cli-.*-all.jar connect-storm" | head -n 1 || true)"
  [ -n "$herd_pid" ] && break
  sleep 0.1
done
rss_kib() { awk '/^VmRSS:/{print $2}' "/proc/$herd_pid/status"; }
live_heap_kib() {
  # A full collection: GC.run would be a concurrent one in herd's JVM (-XX:+ExplicitGCInvokesConcurrent), which
  # leaves dead objects in the old generation; the class histogram always collects the whole heap first.
  jcmd "$herd_pid" GC.class_histogram >/dev/null
  jcmd "$herd_pid" GC.heap_info | awk '/ used /{for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub("K", "", v); print v; exit}}'
}
# Baseline: idle, everything set up, no connection yet (the console says "idle").
until grep -q " idle " "$bench_tmp/herd.log" 2>/dev/null; do sleep 0.1; done
sleep 3
base_heap="$(live_heap_kib)"
base_rss="$(rss_kib)"
target_base_rss="$(awk '/^VmRSS:/{print $2}' "/proc/$target_pid/status")"
if [ -n "${HERD_BENCH_NMT:-}" ]; then
  jcmd "$herd_pid" VM.native_memory baseline >/dev/null
fi
# Full: every connection open, held (the console says "hold").
until grep -q " hold " "$bench_tmp/herd.log" 2>/dev/null; do sleep 0.1; done
sleep 2
full_heap="$(live_heap_kib)"
full_rss="$(rss_kib)"
target_full_rss="$(awk '/^VmRSS:/{print $2}' "/proc/$target_pid/status")"
if [ -n "${HERD_BENCH_NMT:-}" ]; then
  jcmd "$herd_pid" VM.native_memory summary.diff | grep -E "^-|Total" | head -25
  pmap -x "$herd_pid" | sort -k3 -n -r | head -15
fi
wait "$run_pid"
open="$(bench_figure "$out" connect_storm.established)"
python3 - "$n" "$open" "$base_rss" "$full_rss" "$base_heap" "$full_heap" "$target_base_rss" "$target_full_rss" <<'PY'
import sys
n, opened, base_rss, full_rss, base_heap, full_heap, t_base, t_full = (float(x) for x in sys.argv[1:])
print(f"connections open: {opened:.0f} of {n:.0f}")
print(f"RSS: idle {base_rss / 1024:.0f} MiB, with connections {full_rss / 1024:.0f} MiB:"
      f" {(full_rss - base_rss) / max(opened, 1):.2f} KiB per connection")
print(f"live heap after full GC: idle {base_heap / 1024:.1f} MiB, with connections {full_heap / 1024:.1f} MiB:"
      f" {(full_heap - base_heap) / max(opened, 1):.2f} KiB per connection")
print(f"reference target RSS: before {t_base / 1024:.0f} MiB, holding the connections {t_full / 1024:.0f} MiB:"
      f" {(t_full - t_base) / max(opened, 1):.2f} KiB per connection")
PY
echo "time to open all: $(bench_figure "$out" connect_storm.last_open_ms) ms; asked $(bench_figure "$out" connect_storm.asked_rate)/s," \
  "achieved $(bench_figure "$out" connect_storm.achieved_rate)/s; connect.total p99 $(bench_figure "$out" connect.total.p99) ms;" \
  "failed $(bench_figure "$out" connections.failed)"
