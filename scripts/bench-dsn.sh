#!/usr/bin/env bash
# Bounce reading on one CPU: `smtp-reply dsn` against Debian's p5-sisimai on the same files, with
# the reader's in-memory JMH figure beside them, all in one run.
#   1. copies every file of EMAILS (a folder of bounce messages, one message a file) COPIES times
#      (default 100) into target/bench-dsn/ (c001/ … c100/; kept while EMAILS and COPIES match);
#   2. times on CPU 0 (`taskset -c 0`, -XX:ActiveProcessorCount=1), each of RUNS runs (default 3),
#      keeping the fastest:
#      - `java $JAVA_FLAGS -jar JAR dsn c001 … c100` (JVM start included): with the flags README
#        recommends for batches (C1 only, serial GC, the AppCDS archive of scripts/cds-archive.sh)
#        and with none;
#      - sisimai (apt-get install -y libsisimai-perl): `Sisimai->make($file)` on each file, one
#        row per result; the whole process, and without Perl's start (the time inside the script
#        after `use Sisimai` has compiled);
#   3. runs BounceBenchmarks.readMessage (JMH; JMH_ARGS, default -f 1 -wi 3 -i 5 -w 1s -r 1s) on
#      EMAILS held in memory, pinned the same way (SKIP_JMH=1 leaves it out). On one CPU the
#      optimising compiler needs more than those 3 s of warm-up: -wi 15 for the steady state.
# Figures are messages per second of wall time and of CPU time (user + sys of the process, which
# other load on the machine does not inflate). Each file is counted as one message.
# Usage: scripts/bench-dsn.sh EMAILS   (or EMAILS=… scripts/bench-dsn.sh; after ./mvnw -q package
#   -DskipTests); e.g. the project's dev corpus: scripts/bench-dsn.sh ../shared/corpus/dev/emails
#   COPIES=10 for a short run, JAVA_FLAGS='…' for other JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
EMAILS=${1:-${EMAILS:-}}
[ -n "$EMAILS" ] && [ -d "$EMAILS" ] || {
  echo "usage: scripts/bench-dsn.sh EMAILS (a folder of bounce messages, one per file)" >&2
  exit 2
}
EMAILS=$(cd "$EMAILS" && pwd)
COPIES=${COPIES:-100}
RUNS=${RUNS:-3}
JAR=${JAR:-exporter/app/target/smtp-reply-exporter.jar}
CDS_ARCHIVE=exporter/app/target/smtp-reply-dsn.jsa
OUT=target/bench-dsn
PIN="taskset -c 0"
command -v taskset > /dev/null || PIN=""
mkdir -p "$OUT"

copies() {
  local stamp="$EMAILS $COPIES $(find "$EMAILS" -maxdepth 1 -type f | wc -l)"
  if [ "$(cat "$OUT/copies.stamp" 2> /dev/null)" != "$stamp" ]; then
    rm -rf "$OUT/emails"
    for i in $(seq -f %03g 1 "$COPIES"); do
      mkdir -p "$OUT/emails/c$i"
      find "$EMAILS" -maxdepth 1 -type f -print0 | xargs -0 cp -t "$OUT/emails/c$i"
    done
    echo "$stamp" > "$OUT/copies.stamp"
  fi
  find "$OUT/emails" -type f | sort > "$OUT/files.txt"
}

# Runs "$@" RUNS times; sets REAL, CPU (seconds) of the fastest run by wall time, whose standard
# output and error are left in $OUT/out.tsv and $OUT/err.txt.
timed() {
  local best="" line real user sys
  for _ in $(seq "$RUNS"); do
    line=$({ TIMEFORMAT='%R %U %S'; time "$@" > "$OUT/run.out" 2> "$OUT/run.err"; } 2>&1 | tail -1) || true
    read -r real user sys <<< "$line"
    if [ -z "$best" ] || awk -v a="$real" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
      best="$real $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.3f", u + s }')"
      mv "$OUT/run.out" "$OUT/out.tsv"
      mv "$OUT/run.err" "$OUT/err.txt"
    fi
  done
  REAL=${best%% *}
  CPU=${best##* }
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", n / s }'; }

report() {
  local name=$1
  printf '%-44s %8s s wall %8s s CPU  %6d msg/s wall  %6d msg/s CPU\n' "$name" "$REAL" "$CPU" \
    "$(rate "$MESSAGES" "$REAL")" "$(rate "$MESSAGES" "$CPU")"
}

copies
MESSAGES=$(wc -l < "$OUT/files.txt")
DIRS=("$OUT"/emails/c*)
echo "== $MESSAGES messages: $(find "$EMAILS" -maxdepth 1 -type f | wc -l) files of $EMAILS, $COPIES times; one CPU; best of $RUNS"

scripts/cds-archive.sh "$CDS_ARCHIVE" dsn > /dev/null
JAVA_FLAGS=${JAVA_FLAGS:-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SharedArchiveFile=$CDS_ARCHIVE"}
# shellcheck disable=SC2086
timed $PIN java -XX:ActiveProcessorCount=1 $JAVA_FLAGS -jar "$JAR" dsn "${DIRS[@]}"
ROWS=$(($(wc -l < "$OUT/out.tsv") - 1))
report "smtp-reply dsn ($JAVA_FLAGS)"
OURS_REAL=$REAL OURS_CPU=$CPU
timed $PIN java -XX:ActiveProcessorCount=1 -jar "$JAR" dsn "${DIRS[@]}"
report "smtp-reply dsn (no JVM options)"
echo "  ($ROWS rows)"

SISIMAI=0
if perl -MSisimai -e 1 2> /dev/null; then
  SISIMAI=1
  # One row per result, as dsn prints; the time after `use Sisimai` on stderr.
  cat > "$OUT/sisimai.pl" << 'EOF'
use strict;
use warnings;
use Sisimai;
use Time::HiRes qw(time);
my $t0 = time;
open(my $list, '<', $ARGV[0]) or die "$ARGV[0]: $!";
while (my $file = <$list>) {
  chomp $file;
  my $results = Sisimai->make($file) || [];
  my $index = 0;
  for my $d (@$results) {
    print join("\t", $file, ++$index, $d->deliverystatus // '', $d->replycode // '', $d->reason // ''), "\n";
  }
}
printf STDERR "%.3f\n", time - $t0;
EOF
  timed $PIN perl "$OUT/sisimai.pl" "$OUT/files.txt"
  SIS_REAL=$REAL SIS_CPU=$CPU
  SIS_ROWS=$(wc -l < "$OUT/out.tsv")
  SIS_INNER=$(tail -1 "$OUT/err.txt")
  report "sisimai $(perl -MSisimai -e 'print $Sisimai::VERSION') (whole process)"
  printf '%-44s %8s s                     %6d msg/s\n' "sisimai (without Perl start)" "$SIS_INNER" \
    "$(rate "$MESSAGES" "$SIS_INNER")"
  echo "  ($SIS_ROWS rows)"
  awk -v o="$OURS_REAL" -v oc="$OURS_CPU" -v s="$SIS_REAL" -v sc="$SIS_CPU" -v si="$SIS_INNER" 'BEGIN {
    printf "smtp-reply / sisimai: %.1fx wall, %.1fx CPU (whole processes); %.1fx wall against sisimai without Perl start\n",
      s / o, sc / oc, si / o }'
else
  echo "sisimai: not installed (apt-get install -y libsisimai-perl)"
fi

if [ "${SKIP_JMH:-}" != 1 ]; then
  ./mvnw -q -o -B -ntp -pl exporter/bounce -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
  bounce=exporter/bounce/target
  $PIN java -cp "$bounce/test-classes:$bounce/classes:$(cat $bounce/bench.classpath)" org.openjdk.jmh.Main \
    ${JMH_ARGS:--f 1 -wi 3 -i 5 -w 1s -r 1s} -jvmArgsAppend -XX:ActiveProcessorCount=1 \
    -p dir="$EMAILS" -p streamProvider=angus -rf csv -rff "$OUT/jmh.csv" 'BounceBenchmarks.readMessage' \
    > "$OUT/jmh.txt"
  awk -F, -v a="${JMH_ARGS:--f 1 -wi 3 -i 5 -w 1s -r 1s}" 'NR == 2 {
    printf "JMH BounceBenchmarks.readMessage (in memory, one CPU, %s): %d msg/s (± %d)\n", a, $5, $6 }' "$OUT/jmh.csv"
fi
