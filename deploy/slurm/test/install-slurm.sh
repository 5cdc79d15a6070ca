#!/usr/bin/env bash
# Installs Slurm and MUNGE from Debian (slurm-wlm, munge) for the test of deploy/slurm/herd.sbatch, idempotently:
# nothing when they are there, else one apt-get install (apt-get update only when that fails), with policy-rc.d
# answering 101 meanwhile so that no package starts its system service (start-slurm.sh runs private daemons instead).
# 10-20 s on a Debian 12 machine with current package lists (16 s measured, downloads included), nothing when
# they are installed. Prints one line; exit 1 on a failure.
set -euo pipefail
packages=(slurm-wlm munge procps)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ]; then
  echo "slurm: already installed (slurm-wlm $(dpkg-query -W -f='${Version}' slurm-wlm))"
  exit 0
fi
command -v apt-get >/dev/null || { echo "install-slurm.sh: no apt-get: install ${missing[*]} by hand" >&2; exit 1; }

log=$(mktemp "${TMPDIR:-/tmp}/herd-slurm-install.XXXXXX")
policy=/usr/sbin/policy-rc.d
saved=""
restore() {
  case $saved in
    "") ;;
    none) rm -f "$policy" ;;
    *) mv -f "$saved" "$policy" ;;
  esac
  rm -f "$log"
}
trap restore EXIT
# A policy that already forbids starts (exit 101) stays as it is; any other is put back afterwards.
rc=0
[ -x "$policy" ] && { "$policy" herd-slurm start >/dev/null 2>&1 || rc=$?; }
if [ $rc -ne 101 ]; then
  if [ -e "$policy" ]; then saved=$policy.herd-saved; mv -f "$policy" "$saved"; else saved=none; fi
  printf '#!/bin/sh\n# written by install-slurm.sh while it installs packages: no service starts\nexit 101\n' >"$policy"
  chmod 755 "$policy"
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
  if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } >>"$log" 2>&1; then
    echo "install-slurm.sh: apt-get install ${missing[*]} failed:" >&2
    tail -n 20 "$log" | sed 's/^/  | /' >&2
    exit 1
  fi
fi
echo "slurm: now installed (slurm-wlm $(dpkg-query -W -f='${Version}' slurm-wlm))"
