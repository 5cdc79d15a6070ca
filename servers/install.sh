#!/usr/bin/env bash
# Installs what the real servers need, by package name, idempotently and quietly: Debian packages through apt,
# the two Node apps' packages through `npm ci` from their committed lock files (so CI runs what was tested).
# Usage: servers/install.sh [NAME...]   NAME: mosquitto rabbitmq socketio graphql-ws websocketd (default: all)
# Prints one line per server; on a failure, the tail of the installer's log and exit 1.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
all=(mosquitto rabbitmq socketio graphql-ws websocketd)
if [ $# -eq 0 ]; then set -- "${all[@]}"; fi

log=$(mktemp /tmp/herd-servers-install.XXXXXX)
policy=/usr/sbin/policy-rc.d
policy_saved=""
cleanup() {
  # Put back whatever policy-rc.d was there before (or none).
  if [ -n "$policy_saved" ]; then
    if [ "$policy_saved" = none ]; then rm -f "$policy"; else mv -f "$policy_saved" "$policy"; fi
  fi
  rm -f "$log"
}
trap cleanup EXIT

fail() {
  echo "servers/install.sh: $1" >&2
  if [ -s "$log" ]; then tail -n 20 "$log" | sed 's/^/  | /' >&2; fi
  exit 1
}

installed() { # PACKAGE: is the Debian package installed?
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# A package's postinst may start its system service (RabbitMQ's does): these scripts start their own servers in
# temporary directories instead, so while apt runs, policy-rc.d answers 101 ("action forbidden") to invoke-rc.d.
forbid_service_starts() {
  [ -n "$policy_saved" ] && return 0
  if [ -e "$policy" ]; then
    if "$policy" herd start >/dev/null 2>&1; then :; elif [ $? -eq 101 ]; then policy_saved=keep; return 0; fi
    policy_saved="$policy.herd-saved"
    mv -f "$policy" "$policy_saved"
  else
    policy_saved=none
  fi
  printf '#!/bin/sh\n# servers/install.sh: no service starts while it installs packages\nexit 101\n' >"$policy"
  chmod 755 "$policy"
}

apt_install() { # PACKAGE...: install the missing ones (apt-get update only when the first try fails)
  local missing=() p
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || fail "apt-get not found: install ${missing[*]} by hand"
  forbid_service_starts
  [ "$policy_saved" = keep ] && policy_saved=""
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    apt-get update -q >>"$log" 2>&1 || fail "apt-get update failed"
    apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$log" 2>&1 \
      || fail "apt-get install ${missing[*]} failed"
  fi
}

npm_ci() { # DIR: npm ci from the committed lock file, skipped when node_modules was installed from the same lock
  local dir=$here/$1 stamp sum
  command -v node >/dev/null || apt_install nodejs npm
  command -v npm >/dev/null || apt_install npm
  stamp=$dir/node_modules/.herd-lock-sha256
  sum=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return 1; fi
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1) || fail "npm ci in servers/$1 failed"
  echo "$sum" >"$stamp"
}

version() { dpkg-query -W -f='${Version}' "$1"; }

for name in "$@"; do
  case $name in
    mosquitto)
      was=$(installed mosquitto && echo yes || echo no)
      apt_install mosquitto
      echo "mosquitto: $([ "$was" = yes ] && echo already || echo now) installed (mosquitto $(version mosquitto))" ;;
    rabbitmq)
      was=$(installed rabbitmq-server && echo yes || echo no)
      apt_install rabbitmq-server
      echo "rabbitmq: $([ "$was" = yes ] && echo already || echo now) installed (rabbitmq-server $(version rabbitmq-server))" ;;
    websocketd)
      was=$(installed websocketd && echo yes || echo no)
      apt_install websocketd
      echo "websocketd: $([ "$was" = yes ] && echo already || echo now) installed (websocketd $(version websocketd))" ;;
    socketio|graphql-ws)
      if npm_ci "$name"; then state=now; else state=already; fi
      echo "$name: $state installed (npm ci in servers/$name, node $(node --version))" ;;
    *) fail "unknown server '$name' (known: ${all[*]})" ;;
  esac
done
