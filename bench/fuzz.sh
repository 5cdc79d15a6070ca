#!/usr/bin/env bash
# Fuzzes each of herd's fuzz targets for longer than `mvn verify` does, one after another, offline and with no network
# (in a network namespace of its own when it can make one), then prints for each target what libFuzzer reported:
# executions, executions per second, corpus, coverage and findings. The targets are the fuzz executions of
# herd-engine's and herd-cli's poms: SseEventParserFuzzTest, StampScannerFuzzTest, Utf8ValidationFuzzTest,
# ProtocolDecodersFuzzTest, WsFrameDecoderFuzzTest (herd-engine) and ScenarioFileReaderFuzzTest (herd-cli).
#
#   bench/fuzz.sh          5 minutes per target
#   bench/fuzz.sh 2m       2 minutes per target (Jazzer's durations: 90s, 2m, 1h)
#
# Each target keeps its generated corpus in <module>/target/fuzz/<FuzzTest>/.cifuzz-corpus, so a second run goes on
# from the first; a finding is written there too (crash-*), and the Maven log is kept as target/fuzz.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh

duration="${1:-5m}"
log=target/fuzz.log
mkdir -p target

# The unit tests are skipped; the fuzz executions of herd-engine and herd-cli run with the longer duration and no
# fork timeout. Maven runs offline and Surefire talks to its forks through pipes, so no socket is needed.
mvn_cmd=(mvn -o -B -pl herd-cli -am test -Dherd.unitTests.skip=true -Djazzer.max_duration="$duration"
  -Dherd.fuzz.forkTimeoutSeconds=0)
isolate=()
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1 && unshare --net true 2>/dev/null; then
  isolate=(unshare --net)
fi

bench_machine
echo "fuzzing each target for $duration${isolate:+ (no network: own network namespace)}; log in $log"
status=0
"${isolate[@]}" "${mvn_cmd[@]}" >"$log" 2>&1 || status=$?

python3 - "$log" <<'PY'
import re, sys

# libFuzzer's status lines: "#1234  NEW  cov: 56 ft: 78 corp: 9/120b ... exec/s: 4567 ..."
status = re.compile(r'^#(\d+)\s+(\w+)\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+).*?exec/s: (\d+)')
done = re.compile(r'^Done (\d+) runs in (\d+) second')
running = re.compile(r'Running (dev\.herd\.\S+FuzzTest)')
result = re.compile(r'Tests run: (\d+), Failures: (\d+), Errors: (\d+).* in (dev\.herd\.\S+FuzzTest)')
# libFuzzer writes each finding (crash, timeout) to a file and says so.
finding = re.compile(r'Test unit written to')

rows, current = [], None
for line in open(sys.argv[1], errors='replace'):
    line = line.rstrip('\n')
    if m := running.search(line):
        current = {'target': m.group(1).rsplit('.', 1)[1], 'runs': None, 'secs': None, 'last': None,
                   'findings': 0, 'failed': None}
        rows.append(current)
    elif current is None:
        continue
    elif m := status.match(line):
        current['last'] = m
    elif m := done.match(line):
        current['runs'], current['secs'] = int(m.group(1)), int(m.group(2))
    elif finding.search(line):
        current['findings'] += 1
    elif m := result.search(line):
        current['failed'] = int(m.group(2)) + int(m.group(3))
        current = None

print(f"{'target':32} {'executions':>12} {'exec/s':>8} {'corpus':>16} {'cov':>6} {'ft':>6} {'findings':>9}  result")
for r in rows:
    last = r['last']
    runs = r['runs'] if r['runs'] is not None else (int(last.group(1)) if last else 0)
    rate = runs // r['secs'] if r['secs'] else (int(last.group(7)) if last else 0)
    corpus = f"{last.group(5)} ({last.group(6)})" if last else '-'
    cov, ft = (last.group(3), last.group(4)) if last else ('-', '-')
    outcome = 'passed' if r['failed'] == 0 else ('FAILED' if r['failed'] else 'did not finish')
    print(f"{r['target']:32} {runs:>12} {rate:>8} {corpus:>16} {cov:>6} {ft:>6} {r['findings']:>9}  {outcome}")
print("cov: code edges covered; ft: libFuzzer's features (edges with hit counts, comparisons); corpus: inputs (bytes)")
PY

find herd-engine/target/fuzz herd-cli/target/fuzz -maxdepth 2 \( -name 'crash-*' -o -name 'timeout-*' \) \
  2>/dev/null | sed 's/^/finding kept in: /'
exit "$status"
