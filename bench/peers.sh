#!/usr/bin/env bash
# herd and its peers, Gatling and Artillery, on the same two workloads against the same real server (nginx with
# Debian's nchan module, started afresh for each tool by this script on loopback, in its own process group, stopped
# by its pid), one tool after the other in one run, every tool measured by the same code:
#
#   idle       N WebSocket subscribers (default 19,000) over 100 channels, opened within 10 s after 12 s idle, held
#              40 s. Marginal RSS per connection: the median RSS of the tool's processes while at least 99% of the N
#              are open, minus their RSS just before the first connection, over N.
#   broadcast  5,000 WebSocket subscribers on one channel, 10 messages/s of 64 bytes published by HTTP POST for 30 s
#              (1.5 million deliveries, one message per socket read). herd publishes itself (its broadcast
#              scenario); for the peers bench/peers/publish.py does, once every subscriber is open.
#
# For each: CPU-seconds user and system of the tool's whole process tree from start to exit (/usr/bin/time), the
# peak of sockets open to nchan (subscribers and any publisher), deliveries and latency p99 as each tool counts them
# (herd: its summary; Gatling: the simulation's own count of Gatling's arrival stamps; Artillery: its histogram),
# and herd's verdict on itself. Last, herd's CPU and memory as a fraction of each peer's.
#
#   bench/peers.sh [idle|broadcast ...]          default: idle broadcast
#   PEERS_TOOLS="herd gatling artillery"         which tools, in this order, for each workload
#   PEERS_ROUNDS=1                               runs of each tool per workload; with more, the tools take turns (the
#                                                order rotated each round, so no tool always runs first) and the
#                                                summary gives each tool's median and herd's median / the peer's
#   PEERS_IDLE_CLIENTS=19000 PEERS_BROADCAST_SUBSCRIBERS=5000 PEERS_BROADCAST_SECONDS=30
#   PEERS_KEEP=DIR keeps every tool's console, samples and results
#
# Peers are installed on first use: Gatling 3.15.1 from Maven Central (bench/peers/gatling, a Maven project of its
# own) and Artillery 2.0.21 from npm (the newest that runs on Debian 12's Node 20) under ~/.cache/herd-bench. Gatling
# runs with the JVM options its launchers give it; herd with bin/herd's. Needs nginx and libnginx-mod-nchan (as root
# the script installs them), python3, curl, ss.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/nginx.sh"

workloads=("$@")
[ ${#workloads[@]} -gt 0 ] || workloads=(idle broadcast)
read -r -a tools <<<"${PEERS_TOOLS:-herd gatling artillery}"
idle_clients="${PEERS_IDLE_CLIENTS:-19000}"
bc_subscribers="${PEERS_BROADCAST_SUBSCRIBERS:-5000}"
bc_seconds="${PEERS_BROADCAST_SECONDS:-30}"
rounds="${PEERS_ROUNDS:-1}"
# The shared timeline: idle before the first connection (idle workload), the connect window, the idle hold.
idle_before=12
within=10
hold=40
# Peers hold their broadcast subscribers this long after connecting: the connect window, the wait for the last
# subscriber, the publishing and 5 s of drain.
bc_hold=$((within + 5 + bc_seconds + 5))
artillery_version=2.0.21
gatling_jvm=(-server -Xmx1G -XX:+HeapDumpOnOutOfMemoryError -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)
peers_dir="$bench_root/bench/peers"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/herd-bench"

for w in "${workloads[@]}"; do
  case "$w" in idle | broadcast) ;; *) echo "unknown workload: $w (idle, broadcast)" >&2; exit 2 ;; esac
done
for t in "${tools[@]}"; do
  case "$t" in herd | gatling | artillery) ;; *) echo "unknown tool in PEERS_TOOLS: $t (herd, gatling, artillery)" >&2; exit 2 ;; esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "PEERS_ROUNDS must be a whole number from 1: $rounds" >&2; exit 2; }
nchan_install
trap 'nginx_stop; bench_cleanup' EXIT

uses() { [[ " ${tools[*]} " == *" $1 "* ]]; }

if uses herd; then bench_build; fi
if uses gatling; then
  echo "building the Gatling simulations (bench/peers/gatling)..." >&2
  mvn -B -q -f "$peers_dir/gatling/pom.xml" compile dependency:build-classpath \
    -Dmdep.outputFile="$bench_tmp/gatling.cp" >"$bench_tmp/gatling-build.log" 2>&1 \
    || { cat "$bench_tmp/gatling-build.log" >&2; exit 1; }
  gatling_cp="$peers_dir/gatling/target/classes:$(cat "$bench_tmp/gatling.cp")"
fi
if uses artillery; then
  artillery_home="$cache/artillery-$artillery_version"
  artillery="$artillery_home/node_modules/.bin/artillery"
  if [ ! -x "$artillery" ]; then
    echo "installing Artillery $artillery_version from npm into $artillery_home (once; about 2 minutes)..." >&2
    mkdir -p "$artillery_home"
    # --ignore-scripts: its browser engine's install script would download Chromium, which these workloads do not use
    npm install --prefix "$artillery_home" --no-audit --no-fund --ignore-scripts "artillery@$artillery_version" \
      >"$bench_tmp/npm.log" 2>&1 || { cat "$bench_tmp/npm.log" >&2; exit 1; }
  fi
fi

# The pids of a process and all its descendants.
tree_pids() {
  local pid
  echo "$1"
  for pid in $(pgrep -P "$1"); do tree_pids "$pid"; done
}
tree_rss_kib() {
  local total=0 pid rss
  for pid in $(tree_pids "$1"); do
    rss="$(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null || true)"
    total=$((total + ${rss:-0}))
  done
  echo "$total"
}
open_sockets() { ss -Htn state established "( dport = :$nchan_port )" 2>/dev/null | wc -l; }

# Runs one tool's command on a fresh nchan: samples its tree's RSS and the sockets open to nchan every second until
# it exits, starts the publisher for a peer's broadcast once every subscriber is open (or 15 s after the first),
# and leaves time.txt (user and system seconds), samples.tsv, console.log and publish.log in $run_dir.
measure() {
  local workload="$1" tool="$2" expected="$3"
  shift 3
  run_dir="$bench_tmp/$workload-$tool-$round"
  mkdir -p "$run_dir"
  nchan_start
  # The port is known only now: commands carry {port}.
  bench_background /usr/bin/time -f '%U %S' -o "$run_dir/time.txt" "${@//\{port\}/$nchan_port}" \
    >"$run_dir/console.log" 2>&1
  local pid=$! start open first_open="" publisher=""
  start=$(date +%s.%N)
  : >"$run_dir/samples.tsv"
  while kill -0 "$pid" 2>/dev/null; do
    open="$(open_sockets)"
    printf '%s\t%s\t%s\n' "$(awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN{printf "%.1f", n - s}')" \
      "$(tree_rss_kib "$pid")" "$open" >>"$run_dir/samples.tsv"
    if [ "$workload" = broadcast ] && [ "$tool" != herd ] && [ -z "$publisher" ] && [ "$open" -gt 0 ]; then
      [ -n "$first_open" ] || first_open=$SECONDS
      if [ "$open" -ge "$expected" ] || [ $((SECONDS - first_open)) -ge 15 ]; then
        bench_background python3 "$peers_dir/publish.py" --url "http://127.0.0.1:$nchan_port/pub/broadcast" \
          --rate 10 --size 64 --duration "$bc_seconds" >"$run_dir/publish.log" 2>&1
        publisher=$!
      fi
    fi
    sleep 1
  done
  wait "$pid" || echo "$tool exited with $? (console: $run_dir/console.log)" >&2
  [ -z "$publisher" ] || wait "$publisher" || echo "the publisher exited with $? ($run_dir/publish.log)" >&2
  nginx_stop
  [ -z "${PEERS_KEEP:-}" ] || { mkdir -p "$PEERS_KEEP"; cp -r "$run_dir" "$PEERS_KEEP/"; }
}

run_herd() {
  local workload="$1" out="$bench_tmp/$1-herd-results-$round"
  if [ "$workload" = idle ]; then
    measure idle herd "$idle_clients" env HERD_JAVA_OPTS="${HERD_BENCH_JAVA_OPTS:-}" "$bench_root/bin/herd" \
      connect-storm --url "ws://127.0.0.1:{port}/ws/{topic}" --clients "$idle_clients" --topics 100 \
      --within "${within}s" --idle-before "${idle_before}s" --hold "${hold}s" --connect-timeout 30s --out "$out"
  else
    measure broadcast herd "$bc_subscribers" env HERD_JAVA_OPTS="${HERD_BENCH_JAVA_OPTS:-}" "$bench_root/bin/herd" \
      broadcast --url "ws://127.0.0.1:{port}/ws/{topic}" --publish-url "http://127.0.0.1:{port}/pub/{topic}" \
      --subscribers "$bc_subscribers" --topics 1 --rate 10 --size 64 --duration "${bc_seconds}s" \
      --connect-within "${within}s" --drain 5s --out "$out"
  fi
  if [ -f "$out/summary.json" ]; then
    python3 - "$out/summary.json" "$workload" >"$run_dir/figures.txt" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
g = s["generator"]
if sys.argv[2] == "broadcast":
    m = s["messages"]
    print(f"deliveries {m['received']} of {m['expected']}; p99 {s['latency']['p99']} ms;", end=" ")
print(f"herd's verdict: {'trustworthy' if g['trustworthy'] else 'not trustworthy'}"
      f" (event-loop lag max {g['max_event_loop_lag_ms']} ms) {' '.join(g.get('reasons', []))}".rstrip())
PY
  fi
}

run_gatling() {
  local workload="$1" simulation clients
  if [ "$workload" = idle ]; then simulation=IdleHoldSimulation clients="$idle_clients"
  else simulation=BroadcastSimulation clients="$bc_subscribers"; fi
  measure "$workload" gatling "$clients" java "${gatling_jvm[@]}" -Dpeers.port="{port}" -Dpeers.clients="$clients" \
    -Dpeers.idle="$idle_before" -Dpeers.within="$within" \
    -Dpeers.hold="$([ "$workload" = idle ] && echo "$hold" || echo "$bc_hold")" \
    -cp "$gatling_cp" io.gatling.app.Gatling --simulation "dev.herd.bench.peers.$simulation" \
    --results-folder "$bench_tmp/$workload-gatling-results-$round" --no-reports
  {
    grep -aoE 'peers-gatling: received [0-9]+ p50_ms -?[0-9]+ p99_ms -?[0-9]+' "$run_dir/console.log" \
      | awk '{printf "deliveries %s; p99 %s ms; ", $3, $7}'
    grep -aoE 'KO=[0-9]+' "$run_dir/console.log" | tail -n 1 | sed 's/KO=/Gatling requests failed: /'
  } >"$run_dir/figures.txt" || true
}

run_artillery() {
  local workload="$1" config="$bench_tmp/$1-artillery.yml" report="$bench_tmp/$1-artillery-report-$round.json"
  if [ "$workload" = idle ]; then
    cat >"$config" <<EOF
config:
  target: "ws://127.0.0.1"
  phases:
    - pause: $idle_before
    - duration: $within
      arrivalRate: $((idle_clients / within))
scenarios:
  - engine: ws
    flow:
      - connect: "ws://127.0.0.1:{{ \$processEnvironment.PEERS_PORT }}/ws/t{{ \$randomNumber(0, 99) }}"
      - think: $hold
EOF
    measure idle artillery "$idle_clients" "${artillery_cmd[@]}" run --output "$report" "$config"
  else
    cat >"$config" <<EOF
config:
  target: "ws://127.0.0.1"
  processor: "$peers_dir/artillery/deliveries.js"
  phases:
    - duration: $within
      arrivalRate: $((bc_subscribers / within))
scenarios:
  - engine: ws
    flow:
      - connect: "ws://127.0.0.1:{{ \$processEnvironment.PEERS_PORT }}/ws/broadcast"
      - function: "countDeliveries"
      - think: $bc_hold
EOF
    measure broadcast artillery "$bc_subscribers" "${artillery_cmd[@]}" run --output "$report" "$config"
  fi
  if [ -f "$report" ]; then
    python3 - "$report" "$workload" >"$run_dir/figures.txt" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["aggregate"]
counters, summaries = a.get("counters", {}), a.get("summaries", {})
if sys.argv[2] == "broadcast":
    lat = summaries.get("nchan.latency_ms", {})
    print(f"deliveries {counters.get('nchan.received', 0)}; p99 {lat.get('p99', '?')} ms;", end=" ")
errors = {k[len("errors."):]: v for k, v in counters.items() if k.startswith("errors.")}
print(f"Artillery virtual users failed: {counters.get('vusers.failed', 0)} {errors if errors else ''}".rstrip())
PY
  fi
}

# The port is known only once nchan is up; measure() puts it in place of {port} in the command.
artillery_cmd=(env ARTILLERY_DISABLE_TELEMETRY=true PEERS_PORT={port} "${artillery:-artillery}")

# One row per tool: CPU, memory and what it counted; kept for the comparison at the end.
report_row() {
  local workload="$1" tool="$2" expected="$3"
  python3 - "$run_dir" "$workload" "$tool" "$expected" "$round" <<'PY' | tee -a "$bench_tmp/rows.tsv.txt"
import os, statistics, sys
run_dir, workload, tool, expected, rnd = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
try:
    user, system = (float(x) for x in open(os.path.join(run_dir, "time.txt")).read().split()[-2:])
except (OSError, ValueError):
    user = system = float("nan")
rows = [line.split("\t") for line in open(os.path.join(run_dir, "samples.tsv")) if line.strip()]
rows = [(float(t), int(r), int(o)) for t, r, o in rows]
peak_open = max((o for _, _, o in rows), default=0)
figures = open(os.path.join(run_dir, "figures.txt")).read().strip() if os.path.exists(os.path.join(run_dir, "figures.txt")) else ""
line = f"{workload}\t{tool}\tround {rnd}\tcpu {user + system:.1f}\tuser {user:.1f}\tsystem {system:.1f}\tpeak_sockets {peak_open}"
if workload == "idle":
    before = [r for _, r, o in rows if o == 0]
    first = next((i for i, (_, _, o) in enumerate(rows) if o > 0), None)
    base = rows[first - 1][1] if first else float("nan")
    held = [r for _, r, o in rows if o >= 0.99 * expected]
    if held and first:
        med = statistics.median(held)
        line += f"\trss_kib_per_connection {(med - base) / expected:.2f}\tbase_mib {base / 1024:.0f}\theld_mib {med / 1024:.0f}\theld_samples {len(held)}"
    else:
        line += "\trss_kib_per_connection nan"
print(line + ("\t" + figures if figures else ""))
PY
}

bench_machine
echo "herd: this checkout ($(git -C "$bench_root" describe --always --dirty 2>/dev/null || echo '?')); tools: ${tools[*]}"
uses gatling && echo "Gatling 3.15.1, JVM options ${gatling_jvm[*]}"
uses artillery && echo "Artillery $artillery_version on Node $(node -v)"
echo "server: $(nchan_version), 1 worker, started afresh for each tool"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before"
for w in "${workloads[@]}"; do
  if [ "$w" = idle ]; then
    echo "== idle: $idle_clients WebSocket subscribers over 100 channels, opened within ${within}s after ${idle_before}s idle, held ${hold}s"
    expected="$idle_clients"
  else
    echo "== broadcast: $bc_subscribers WebSocket subscribers on 1 channel, 10 msg/s of 64 bytes for ${bc_seconds}s"
    expected="$bc_subscribers"
  fi
  for round in $(seq 1 "$rounds"); do
    [ "$rounds" = 1 ] || echo "-- round $round of $rounds"
    # Rotated each round: a tool that always ran first (straight after the builds, or on a machine fresh from the
    # last workload) would always meet the same conditions.
    for i in "${!tools[@]}"; do
      t="${tools[$(((i + round - 1) % ${#tools[@]}))]}"
      "run_$t" "$w"
      report_row "$w" "$t" "$expected"
      [ ! -s "$run_dir/publish.log" ] || echo "   publisher: $(cat "$run_dir/publish.log")"
    done
  done
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg) after"
done
python3 - "$bench_tmp/rows.tsv.txt" <<'PY'
import math, statistics, sys
runs = {}  # (workload, tool) -> {round: figures}
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    d = {}
    for part in f[2:]:
        k, _, v = part.partition(" ")
        d[k] = v
    runs.setdefault((f[0], f[1]), {})[d["round"]] = d

def figure(d, key):
    try:
        return float(d.get(key, "nan"))
    except ValueError:
        return float("nan")

def median(values):
    values = [v for v in values if not math.isnan(v)]
    return statistics.median(values) if values else float("nan")

several = any(len(r) > 1 for r in runs.values())
print("herd as a fraction of each peer (same runs, same server" + ("; medians over the rounds" if several else "") + "):")
for workload in ("idle", "broadcast"):
    herd = runs.get((workload, "herd"))
    if not herd:
        continue
    keys = ["cpu"] + (["rss_kib_per_connection"] if workload == "idle" else [])
    if several:
        for tool in ("herd", "gatling", "artillery"):
            if (workload, tool) in runs:
                r = runs[(workload, tool)]
                text = "  ".join(f"{k} median {median([figure(d, k) for d in r.values()]):.2f}"
                                 f" ({', '.join(f'{figure(d, k):.2f}' for _, d in sorted(r.items(), key=lambda kv: int(kv[0])))})" for k in keys)
                print(f"  {workload:9} {tool:9} {len(r)} rounds: {text}")
    for peer in ("gatling", "artillery"):
        other = runs.get((workload, peer))
        if not other:
            continue
        parts = []
        for key, name in zip(keys, ("CPU-seconds", "marginal RSS per connection")):
            h, o = median([figure(d, key) for d in herd.values()]), median([figure(d, key) for d in other.values()])
            if math.isnan(h) or math.isnan(o) or o <= 0:
                continue
            text = f"{name} {h / o:.2f}"
            per_round = [figure(herd[r], key) / figure(other[r], key) for r in sorted(herd, key=int) if r in other
                         and figure(other[r], key) > 0]
            if len(per_round) > 1:
                text += f" (round by round {min(per_round):.2f}-{max(per_round):.2f})"
            parts.append(text)
        print(f"  {workload:9} herd / {peer:9} " + ", ".join(parts))
PY
