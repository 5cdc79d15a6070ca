#!/usr/bin/env bash
# Runs herd's JMH benchmarks with the GC profiler, building the benchmark jar first when it is missing or stale.
#
#   bench/jmh.sh                          every benchmark
#   bench/jmh.sh StampScanBenchmark       those matching a regex
#   bench/jmh.sh SseParse -p eventsPerChunk=16 -i 10    extra JMH options pass through and override the defaults
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

jar=bench/jmh/target/herd-benchmarks.jar
if [[ ! -f $jar ]] || [[ -n $(find herd-engine/src/main herd-engine/pom.xml bench/jmh/src bench/jmh/pom.xml pom.xml \
        -newer "$jar" -type f -print -quit) ]]; then
  echo "building $jar" >&2
  mvn -B -q -pl bench/jmh -am package -DskipTests
fi

regex=.
if [[ $# -gt 0 && $1 != -* ]]; then
  regex=$1
  shift
fi

# Modest defaults for a shared 2-core machine; any of them given by the caller wins.
defaults=()
for pair in "-f 1" "-wi 3" "-w 1s" "-i 5" "-r 1s"; do
  read -r flag value <<<"$pair"
  if [[ " $* " != *" $flag "* ]]; then
    defaults+=("$flag" "$value")
  fi
done

exec java -jar "$jar" "$regex" -prof gc "${defaults[@]}" "$@"
