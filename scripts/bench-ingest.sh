#!/usr/bin/env bash
# Log ingest throughput on one CPU: `smtp-reply log --format postfix` over a generated Postfix log
# of N lines (default 1,000,000), beside `grep -cF status=` on the same file, in the same run.
# Usage: scripts/bench-ingest.sh   (after ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-exporter/app/target/smtp-reply-exporter.jar}
N=${N:-1000000}
FILE=${FILE:-target/bench-postfix.log}
mkdir -p target
if [ ! -s "$FILE" ] || [ "$(wc -l < "$FILE")" -ne "$N" ]; then
  # The demo log's lines (deliveries, deferrals, bounces, rejects) cycled with fresh queue ids.
  grep -v '^#' exporter/app/src/main/resources/io/github/smtpreply/demo/demo-mail.log |
    perl -e 'my @l = <STDIN>; my $n = shift; for my $i (0 .. $n - 1) { my $s = $l[$i % @l]; $s =~ s/4F1A2B3C[0-9A-F]+/sprintf("%010X", $i)/e; print $s }' "$N" > "$FILE"
fi
PIN="taskset -c 0"
command -v taskset >/dev/null || PIN=""
now() { date +%s%N; }
# (output to a file: GNU grep stops at the first match when its output is /dev/null)
t0=$(now); $PIN grep -cF status= "$FILE" > target/bench-grep.txt; t1=$(now)
$PIN java -XX:ActiveProcessorCount=1 -jar "$JAR" log --format postfix "$FILE" > target/bench-ingest.tsv; t2=$(now)
grep_ms=$(( (t1 - t0) / 1000000 )); ours_ms=$(( (t2 - t1) / 1000000 ))
rows=$(( $(wc -l < target/bench-ingest.tsv) - 1 ))
echo "lines: $N (events: $rows)"
echo "grep -cF status=      : ${grep_ms} ms  ($(( N * 1000 / (grep_ms > 0 ? grep_ms : 1) )) lines/s)"
echo "smtp-reply log (1 CPU): ${ours_ms} ms  ($(( N * 1000 / (ours_ms > 0 ? ours_ms : 1) )) lines/s, JVM start included)"
awk -v g="$grep_ms" -v o="$ours_ms" 'BEGIN { printf "smtp-reply throughput / grep throughput: %.1f%%\n", 100 * g / o }'
