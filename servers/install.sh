#!/usr/bin/env bash
# Installs what the real servers need, by package name, idempotently and quietly: Debian packages through apt (one
# apt-get for all that are missing; `apt-get update` only when that fails), the two Node apps' packages through
# `npm ci` from their committed lock files (so CI installs exactly what was tested; skipped when node_modules came
# from the same lock file).
# Usage: servers/install.sh [NAME...]   NAME: mosquitto rabbitmq socketio graphql-ws websocketd (default: all)
# Prints one line per server; on a failure, the tail of the installer's log and exit 1.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/lib.sh"
if [ $# -eq 0 ]; then set -- $SERVERS; fi
for name in "$@"; do
  case " $SERVERS " in *" $name "*) ;; *) usage "servers/install.sh [NAME...]: unknown server '$name' (known: $SERVERS)" ;; esac
done

debian_packages() { # NAME: the Debian packages a server needs
  # start.sh and stop.sh: ss (iproute2) checks the listening sockets, ps (procps) follows the process group
  echo iproute2 procps
  case $1 in
    mosquitto) echo mosquitto openssl ;;           # openssl hashes the test user's password (mosquitto/launch.sh)
    rabbitmq) echo rabbitmq-server ;;              # rabbitmq_web_stomp ships with it
    websocketd) echo websocketd ;;
    socketio | graphql-ws) command -v node >/dev/null && command -v npm >/dev/null || echo nodejs npm ;;
  esac
}

log=$(mktemp "${TMPDIR:-/tmp}/herd-servers-install.XXXXXX")
policy=/usr/sbin/policy-rc.d
policy_saved=""
cleanup() {
  case $policy_saved in
    "") ;;
    none) rm -f "$policy" ;;
    *) mv -f "$policy_saved" "$policy" ;;
  esac
  rm -f "$log"
}
trap cleanup EXIT

fail() {
  echo "servers/install.sh: $1" >&2
  if [ -s "$log" ]; then tail -n 20 "$log" | sed 's/^/  | /' >&2; fi
  exit 1
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# A package's postinst may start its system service (RabbitMQ's and mosquitto's would): the servers here run as
# nodes of their own in temporary directories instead. While apt runs, policy-rc.d answers 101 ("action forbidden")
# to invoke-rc.d; one that already does is left as it is, any other is put back afterwards.
forbid_service_starts() {
  if [ -x "$policy" ]; then
    local rc=0
    "$policy" herd-servers start >/dev/null 2>&1 || rc=$?
    [ $rc -eq 101 ] && return 0
    policy_saved=$policy.herd-saved
    mv -f "$policy" "$policy_saved"
  elif [ -e "$policy" ]; then
    policy_saved=$policy.herd-saved
    mv -f "$policy" "$policy_saved"
  else
    policy_saved=none
  fi
  printf '#!/bin/sh\n# written by servers/install.sh while it installs packages: no service starts\nexit 101\n' >"$policy"
  chmod 755 "$policy"
}

missing=()
for name in "$@"; do
  for p in $(debian_packages "$name"); do
    installed "$p" || case " ${missing[*]-} " in *" $p "*) ;; *) missing+=("$p") ;; esac
  done
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || fail "apt-get not found: install ${missing[*]} by hand"
  forbid_service_starts
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    apt-get update -q >>"$log" 2>&1 || fail "apt-get update failed"
    apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1 \
      || fail "apt-get install ${missing[*]} failed"
  fi
fi

# npm ci in servers/NAME; false when node_modules already came from this lock file.
npm_ci() {
  local dir=$here/$1 stamp sum major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || fail "servers/$1 needs Node.js 20 or later, this is $(node --version)"
  stamp=$dir/node_modules/.herd-lock-sha256
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return 1; fi
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1) || fail "npm ci in servers/$1 failed"
  echo "$sum" >"$stamp"
}

now_or_already() { # PACKAGE
  case " ${missing[*]-} " in *" $1 "*) echo now ;; *) echo already ;; esac
}
version() { dpkg-query -W -f='${Version}' "$1"; }

for name in "$@"; do
  case $name in
    mosquitto) echo "mosquitto: $(now_or_already mosquitto) installed (mosquitto $(version mosquitto))" ;;
    rabbitmq) echo "rabbitmq: $(now_or_already rabbitmq-server) installed (rabbitmq-server $(version rabbitmq-server))" ;;
    websocketd) echo "websocketd: $(now_or_already websocketd) installed (websocketd $(version websocketd))" ;;
    socketio | graphql-ws)
      if npm_ci "$name"; then state=now; else state=already; fi
      echo "$name: $state installed (npm ci in servers/$name; node $(node --version))" ;;
  esac
done
