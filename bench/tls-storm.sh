#!/usr/bin/env bash
# What TLS costs in a connect storm and a reconnect storm, measured from herd's side: handshakes per second and herd's
# CPU per handshake, OpenSSL against the JDK, full handshakes against resumed ones, against two servers: herd's
# reference target (TLS with OpenSSL, in its own process) and nginx from Debian (TLS with its OpenSSL 3, proxying each
# WebSocket to a plain reference target). Plain ws:// runs against the same servers are the baseline: what a
# connection costs without TLS.
#
# Each row is one herd process (bin/herd, its own JVM), N clients over 20 topics:
# 1. connect-storm, N clients asked within 1 s (more than this machine can open): the handshakes per second achieved
#    (clients open per second between the first attempt and the last open; each one full handshake) and the TLS
#    phase's p50/p99 while saturated.
# 2. reconnect-storm, paced: N clients connected and warmed up (JIT), then every connection is reset from herd's side
#    (--disrupt client-drop) and the clients come back spread over about 8 s (--reconnect exponential, base and cap
#    8 s, full jitter): about N/8 handshakes a second, which the machine keeps up with. herd's process CPU from the
#    disruption until every client was back, per client: a warm reconnect's cost, TCP, TLS and the WebSocket upgrade
#    together (the ws:// row is the same without TLS). With resumption (the default) each client resumes its session;
#    with --no-tls-resume each makes a full handshake.
# 3. reconnect-storm, all at once (--reconnect immediate): how fast N clients are back, resumed against full.
# TLS runs verify the server's self-signed certificate (--trust-cert). herd and the servers share this machine's
# cores: every rate is the machine's, not herd's alone.
#
#   bench/tls-storm.sh [N]          default: 2000
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/nginx.sh"
n="${1:-2000}"
for tool in nginx openssl python3; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "tls-storm: $tool is needed (Debian: apt-get install nginx-light openssl python3)" >&2
    exit 3
  fi
done
bench_build
bench_machine
echo "nginx: $("$nginx_bin" -v 2>&1 | sed 's/^nginx version: //'), $(openssl version)"

# One self-signed certificate (P-256) for localhost and 127.0.0.1, for both servers.
pki="$bench_tmp/pki"
mkdir -p "$pki"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$pki/key.pem" -out "$pki/cert.pem" \
  -days 2 -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" >/dev/null 2>&1
openssl pkcs12 -export -inkey "$pki/key.pem" -in "$pki/cert.pem" -out "$pki/target.p12" -passout pass:changeit \
  -name herd

# The reference target serving TLS (OpenSSL, the default), and a plain one behind nginx.
bench_start_target --tls-keystore "$pki/target.p12" --tls-keystore-password changeit
tls_port="$target_port"
bench_start_target
plain_port="$target_port"

nginx_tls_port="$(nginx_free_port)"
nginx_plain_port="$(nginx_free_port)"
nginx_dir="$bench_tmp/nginx"
# Session cache and tickets as nginx ships them (tickets on; a shared cache for TLS 1.2 session ids).
nginx_head="$(nginx_conf_head "$nginx_dir" 16000)"
cat >"$nginx_dir/nginx.conf" <<EOF
$nginx_head
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  server {
    listen 127.0.0.1:$nginx_tls_port ssl;
    listen 127.0.0.1:$nginx_plain_port;
    ssl_certificate $pki/cert.pem;
    ssl_certificate_key $pki/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:SSL:10m;
    ssl_session_timeout 1h;
    location / {
      proxy_pass http://127.0.0.1:$plain_port;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
    }
  }
}
EOF
nginx_start "$nginx_dir" "$nginx_tls_port" || exit 1
trap 'nginx_stop; bench_cleanup' EXIT
echo "servers: reference target wss://127.0.0.1:$tls_port (pid ${bench_pids[0]}), nginx wss://127.0.0.1:$nginx_tls_port" \
  "and ws://127.0.0.1:$nginx_plain_port (pid $nginx_pid) proxying to a reference target on $plain_port"
echo

run=0
# Prints one row of a run's summary.json (python3 reads it).
row() {
  python3 - "$@" <<'PY'
import json, sys
kind, label, path = sys.argv[1], sys.argv[2], sys.argv[3]
s = json.load(open(path + "/summary.json"))
tls = s.get("tls")
engine = (tls["provider"] + (" resume" if tls["resume"] else " no-resume")) if tls else "none (ws://)"
notes = []
if s["connections"]["failed"]:
    notes.append("failed " + ", ".join(f"{k} {v}" for k, v in s["connections"]["failed_by_reason"].items()))
if not s["generator"]["trustworthy"]:
    notes.append("herd saturated: " + "; ".join(s["generator"]["reasons"]))
note = "  [" + " | ".join(notes) + "]" if notes else ""
def ms(h):
    return (f"{h['p50']:>8.1f}", f"{h['p99']:>8.1f}") if h and h["count"] else (f"{'-':>8}", f"{'-':>8}")
if kind == "connect":
    c = s["connect_storm"]
    p50, p99 = ms(s["connect"].get("tls"))
    print(f"{label:<17} {engine:<18} {c['established']:>6} {c['achieved_rate']:>8.0f} {p50} {p99}{note}")
else:
    r = s["reconnect_storm"]
    t = r.get("tls")
    back = r["recovered_100_ms"]
    rate = r["lost"] / (back / 1000) if back else 0
    if t:
        h = t["handshake_resumed"] if t["resumed"] >= t["full"] else t["handshake_full"]
        p50, p99 = ms(h)
        counts = f"{t['full']:>6} {t['resumed']:>8}"
    else:
        p50, p99 = ms(None)
        counts = f"{'-':>6} {'-':>8}"
    cpu = r["cpu_ms"]
    per = f"{cpu * 1000 / max(r['lost'], 1):>8.0f}" if cpu >= 0 else f"{'-':>8}"
    print(f"{label:<17} {engine:<18} {r['lost']:>6} {back / 1000 if back else 0:>7.1f} {rate:>7.0f} {counts} {p50} "
          f"{p99} {per}{note}")
PY
}

connect_storm() {
  local label="$1" url="$2"
  shift 2
  run=$((run + 1))
  local out="$bench_tmp/run-$run"
  herd connect-storm --url "$url" --clients "$n" --topics 20 --within 1s --hold 1s --connect-timeout 30s \
    --reconnect none --trust-cert "$pki/cert.pem" -q --out "$out" "$@" >/dev/null 2>"$out.err" || true
  if [ -f "$out/summary.json" ]; then row connect "$label" "$out"; else echo "$label: failed: $(tail -n 1 "$out.err")"; fi
}

# reconnect_storm LABEL URL POLICY-FLAGS... -- HERD-FLAGS...
reconnect_storm() {
  local label="$1" url="$2"
  shift 2
  run=$((run + 1))
  local out="$bench_tmp/run-$run"
  # The rate is low: publishing is not what is measured.
  herd reconnect-storm --url "$url" --clients "$n" --topics 20 --rate 20 --connect-within 4s --settle 2s \
    --disrupt client-drop --observe 60s --connect-timeout 30s --trust-cert "$pki/cert.pem" \
    -q --out "$out" "$@" >/dev/null 2>"$out.err" || true
  if [ -f "$out/summary.json" ]; then row storm "$label" "$out"; else echo "$label: failed: $(tail -n 1 "$out.err")"; fi
}

ref_wss="wss://127.0.0.1:$tls_port/ws/{topic}"
ref_ws="ws://127.0.0.1:$plain_port/ws/{topic}"
nginx_wss="wss://127.0.0.1:$nginx_tls_port/ws/{topic}"
nginx_ws="ws://127.0.0.1:$nginx_plain_port/ws/{topic}"
paced=(--reconnect exponential --reconnect-base 8s --reconnect-cap 8s)
at_once=(--reconnect immediate)

echo "1. connect-storm: $n clients asked within 1 s, every handshake full"
printf '%-17s %-18s %6s %8s %8s %8s\n' "server" "herd's TLS" "open" "open/s" "tls p50" "tls p99"
for server in "reference target|$ref_ws|$ref_wss" "nginx|$nginx_ws|$nginx_wss"; do
  IFS='|' read -r name ws wss <<<"$server"
  connect_storm "$name" "$ws"
  connect_storm "$name" "$wss" --tls-provider openssl
  connect_storm "$name" "$wss" --tls-provider jdk
done
for policy in paced at_once; do
  echo
  if [ "$policy" = paced ]; then
    echo "2. reconnect-storm, paced: $n clients reset from herd's side, back over about 8 s (exponential, base/cap 8s)"
  else
    echo "3. reconnect-storm, all at once: $n clients reset from herd's side, each reconnecting at once (immediate)"
  fi
  printf '%-17s %-18s %6s %7s %7s %6s %8s %8s %8s %8s\n' "server" "herd's TLS" "lost" "back s" "back/s" "full" \
    "resumed" "tls p50" "tls p99" "cpu us"
  declare -n flags="$policy"
  for server in "reference target|$ref_ws|$ref_wss" "nginx|$nginx_ws|$nginx_wss"; do
    IFS='|' read -r name ws wss <<<"$server"
    reconnect_storm "$name" "$ws" "${flags[@]}"
    for provider in openssl jdk; do
      reconnect_storm "$name" "$wss" "${flags[@]}" --tls-provider "$provider"
      reconnect_storm "$name" "$wss" "${flags[@]}" --tls-provider "$provider" --no-tls-resume
    done
  done
  unset -n flags
done
