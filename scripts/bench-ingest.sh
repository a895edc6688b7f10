#!/usr/bin/env bash
# Log ingest on one CPU, two logs of N lines (default 1,000,000):
#   mixed:      what a production mail.log mostly holds: postscreen, smtpd connect/TLS/disconnect,
#               cleanup, qmgr, smtp TLS, anvil lines, with one delivery or reject line in ~12
#   deliveries: every line a delivery or reject (the demo log's lines cycled)
# For each: `grep -cF status=`, `smtp-reply log --format postfix` (JVM start included), and, when
# installed, Debian's prometheus-postfix-exporter following the file (time until its /metrics stops
# changing after the file is appended). Then the RSS of `smtp-reply serve` following the mixed log
# at full speed (VmHWM), with the default heap and with JAVA_SMALL's options (what the exporter
# needs: see README, "Memory").
# Usage: scripts/bench-ingest.sh   (after ./mvnw -q package -DskipTests); N=200000 for a small file,
# CDS=0 without the AppCDS archive, ONLY_RSS=1 for the memory figures alone.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-exporter/app/target/smtp-reply-exporter.jar}
N=${N:-1000000}
JAVA_SMALL=${JAVA_SMALL:-"-XX:+UseSerialGC -Xmx48m -Xss512k -XX:ReservedCodeCacheSize=32m -XX:TieredStopAtLevel=1"}
# AppCDS (scripts/cds-archive.sh) for `log`, unless CDS=0: the classes of the log path mapped, not
# loaded. The JVM flags of a short run on one CPU: C1 only (C2 would compete for the CPU), serial GC.
CDS_ARCHIVE=exporter/app/target/smtp-reply.jsa
CDS_FLAGS=""
if [ "${CDS:-1}" = 1 ]; then
  scripts/cds-archive.sh "$CDS_ARCHIVE" > /dev/null
  CDS_FLAGS="-XX:SharedArchiveFile=$CDS_ARCHIVE"
fi
mkdir -p target
DEMO=exporter/app/src/test/resources/fixtures/logs/sample-mail.log
PIN="taskset -c 0"
command -v taskset >/dev/null || PIN=""
now() { date +%s%N; }

make_logs() {
  local mixed=target/bench-mixed.log deliveries=target/bench-deliveries.log
  if [ ! -s "$deliveries" ] || [ "$(wc -l < "$deliveries")" -ne "$N" ]; then
    grep -v '^#' "$DEMO" |
      perl -e 'my @l = <STDIN>; my $n = shift; for my $i (0 .. $n - 1) { my $s = $l[$i % @l]; $s =~ s/4F1A2B3C[0-9A-F]+/sprintf("%010X", $i)/e; print $s }' "$N" > "$deliveries"
  fi
  if [ ! -s "$mixed" ] || [ "$(wc -l < "$mixed")" -ne "$N" ]; then
    # Non-event lines in the formats Postfix writes them (as quoted in the fixtures' issue threads).
    grep -v '^#' "$DEMO" | perl -e '
      my @ev = <STDIN>; my $n = shift; my $i = 0; my $m = 0;
      while ($i < $n) {
        my $q = sprintf("%010X", $m); my $ip = "192.0.2." . ($m % 250 + 1); my $p = 40000 + $m % 20000;
        my @l = (
          "Nov 22 04:55:20 mx1 postfix/postscreen[1801]: CONNECT from [$ip]:$p to [198.51.100.25]:25\n",
          "Nov 22 04:55:20 mx1 postfix/postscreen[1801]: PASS OLD [$ip]:$p\n",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1802]: connect from mail.example.org[$ip]\n",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1802]: Anonymous TLS connection established from mail.example.org[$ip]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1802]: $q: client=mail.example.org[$ip]\n",
          "Nov 22 04:55:20 mx1 postfix/cleanup[1803]: $q: message-id=<$q\@example.org>\n",
          "Nov 22 04:55:20 mx1 postfix/qmgr[1804]: $q: from=<sender\@example.org>, size=9334, nrcpt=1 (queue active)\n",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1802]: disconnect from mail.example.org[$ip] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5\n",
          "Nov 22 04:55:21 mx1 postfix/smtp[1805]: Verified TLS connection established to mx.example.com[203.0.113.26]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n",
          do { my $s = $ev[$m % @ev]; $s =~ s/4F1A2B3C[0-9A-F]+/$q/; $s },
          "Nov 22 04:55:21 mx1 postfix/qmgr[1804]: $q: removed\n",
          "Nov 22 04:58:41 mx1 postfix/anvil[1806]: statistics: max connection rate 2/60s for (smtp:$ip) at Nov 22 04:55:20\n");
        for my $x (@l) { last if $i >= $n; print $x; $i++ }
        $m++;
      }' "$N" > "$mixed"
  fi
}

# Debian's exporter tails from the end: start it on an empty file, append, and wait until two
# scrapes 0.5 s apart agree (the time of the last change is reported).
go_exporter() {
  local file=$1 bin
  bin=$(command -v prometheus-postfix-exporter || true)
  [ -n "$bin" ] || { echo "prometheus-postfix-exporter: not installed (apt-get install -y prometheus-postfix-exporter)"; return; }
  local log=target/bench-go.log port=19154
  : > "$log"
  $PIN "$bin" --postfix.logfile_path="$log" --web.listen-address=127.0.0.1:$port > target/bench-go.out 2>&1 &
  local pid=$!
  sleep 1
  local t0 last prev="" cur t_last
  t0=$(now); cat "$file" >> "$log"; t_last=$t0
  while true; do
    sleep 0.5
    cur=$(curl -s "http://127.0.0.1:$port/metrics" | grep -E '^postfix_' | grep -v -E 'up|_bucket|_sum ' | md5sum || true)
    if [ "$cur" = "$prev" ]; then break; fi
    prev=$cur; t_last=$(now)
  done
  local rss; rss=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "prometheus-postfix-exporter (1 CPU): $(( (t_last - t0) / 1000000 )) ms to reflect the file (<= 500 ms resolution), VmHWM ${rss} kB"
}

bench() {
  local name=$1 file=target/bench-$1.log
  local t0 t1 t2 grep_ms ours_ms rows
  t0=$(now); $PIN grep -cF status= "$file" > target/bench-grep.txt; t1=$(now)
  # shellcheck disable=SC2086
  $PIN java -XX:ActiveProcessorCount=1 -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto $CDS_FLAGS -jar "$JAR" log --format postfix "$file" > target/bench-ingest.tsv; t2=$(now)
  grep_ms=$(( (t1 - t0) / 1000000 )); ours_ms=$(( (t2 - t1) / 1000000 ))
  rows=$(( $(wc -l < target/bench-ingest.tsv) - 1 ))
  echo "== $name: $N lines, $rows events"
  echo "grep -cF status=      : ${grep_ms} ms"
  echo "smtp-reply log (1 CPU): ${ours_ms} ms  (JVM start included${CDS_FLAGS:+, AppCDS})"
  awk -v g="$grep_ms" -v o="$ours_ms" 'BEGIN { printf "smtp-reply throughput / grep throughput: %.1f%%\n", 100 * g / (o > 0 ? o : 1) }'
  go_exporter "$file"
}

# RSS while following at full speed: serve from the beginning of the mixed log until every line is
# counted; VmHWM is the peak resident set.
follow_rss() {
  local opts=$1 port=19465 pid t0 t1
  t0=$(now)
  # shellcheck disable=SC2086
  $PIN java -XX:ActiveProcessorCount=1 $opts -jar "$JAR" serve --port $port --bind 127.0.0.1 \
    --postfix-log target/bench-mixed.log --from-beginning --checkpoint-dir target/bench-ckpt > target/bench-serve.out 2>&1 &
  pid=$!
  while true; do
    sleep 0.5
    local lines
    lines=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^smtp_log_lines_total/ { s += $2 } END { printf "%d", s }' || true)
    [ "${lines:-0}" -ge "$N" ] && break
    kill -0 "$pid" 2>/dev/null || { echo "serve exited"; cat target/bench-serve.out; return; }
  done
  t1=$(now)
  echo "serve following the mixed log [${opts:-default heap}]: $(( (t1 - t0) / 1000000 )) ms to count every line (JVM start included, 0.5 s polls), VmHWM $(grep VmHWM /proc/$pid/status | awk '{print $2}') kB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf target/bench-ckpt
}

make_logs
if [ "${ONLY_RSS:-}" != 1 ]; then
  bench mixed
  bench deliveries
fi
follow_rss ""
follow_rss "$JAVA_SMALL"
