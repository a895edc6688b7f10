#!/usr/bin/env bash
# The series bound under attack (issue 9 §4): two exporter jars, one after the other in one run,
# `serve` an adversarial Postfix log of N lines (default 114,000: catalog codes and statuses, rule
# phrases and stages combined at random) from the beginning. For each: seconds until every line is
# read (ingest lines/s, JVM start included), smtp_replies_total series, /metrics bytes, peak RSS.
# Usage: BEFORE=/path/to/old.jar scripts/bench-series.sh
#   (after ./mvnw -q -pl exporter/app -am package -DskipTests and test-compile)
set -euo pipefail
cd "$(dirname "$0")/.."
AFTER=${AFTER:-exporter/app/target/smtp-reply-exporter.jar}
BEFORE=${BEFORE:?the jar to compare with}
N=${N:-114000}
PORT=${PORT:-19488}
FILE=${FILE:-target/adversarial-postfix.log}
mkdir -p target
if [ ! -s "$FILE" ] || [ "$(wc -l < "$FILE")" -ne "$N" ]; then
  java -cp "$AFTER:exporter/app/target/test-classes" \
    io.github.smtpreply.series.AdversarialPostfixLog "$N" "$FILE"
fi
lines_read() { # smtp_log_lines_total summed over results, 0 before the first scrape answers
  curl -fs "http://127.0.0.1:$PORT/metrics" 2>/dev/null |
    awk '/^smtp_log_lines_total\{/ { s += $NF } END { printf "%d", s }'
}
run() {
  local name=$1 jar=$2 dir
  dir=$(mktemp -d)
  local t0 t1 pid read=0 waited=0
  t0=$(date +%s%N)
  java -jar "$jar" serve --port "$PORT" --bind 127.0.0.1 --postfix-log "$FILE" --from-beginning \
    --checkpoint-dir "$dir" 2> "target/bench-series-$name.log" &
  pid=$!
  # Poll often at first, then seldom: a scrape of an unbounded registry competes with ingest.
  while [ "$read" -lt "$N" ]; do
    if [ "$waited" -lt 40 ]; then sleep 0.25; else sleep 5; fi
    waited=$((waited + 1))
    read=$(lines_read || echo 0)
  done
  t1=$(date +%s%N)
  curl -fs "http://127.0.0.1:$PORT/metrics" > "target/bench-series-$name.metrics"
  local hwm ms
  hwm=$(awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  ms=$(( (t1 - t0) / 1000000 ))
  printf '%-7s %8d ms %8d lines/s %7d series %10d bytes /metrics  peak RSS %s\n' "$name" "$ms" \
    $(( N * 1000 / ms )) "$(grep -c '^smtp_replies_total{' "target/bench-series-$name.metrics")" \
    "$(wc -c < "target/bench-series-$name.metrics")" "$hwm"
}
echo "adversarial log: $N lines, $(wc -c < "$FILE") bytes"
run before "$BEFORE"
run after "$AFTER"
