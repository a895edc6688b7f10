#!/usr/bin/env bash
# Rotation and crash counts of `smtp-reply serve --postfix-log`: for each scenario, how many log
# lines the exporter counted against how many were written. "Counted" adds what each process
# counted itself: the first process's count, plus the restarted one's minus what it restored from
# its checkpoint (a checkpoint of version 2 holds the counts; the old one none).
# Usage: JAR=path/to/smtp-reply-exporter.jar scripts/rotation-crash-figures.sh
#   (default: exporter/app/target/smtp-reply-exporter.jar, after ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(realpath "${JAR:-exporter/app/target/smtp-reply-exporter.jar}")
WORK=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
grep -v '^#' exporter/app/src/test/resources/fixtures/logs/sample-mail.log | grep . > "$WORK/demo"
n=0
lines() { # lines COUNT >> FILE: demo lines, cycled, each with its own queue id
  awk -v c="$1" -v s="$n" '{ l[NR] = $0 } END { for (i = 0; i < c; i++) { x = l[(s + i) % NR + 1]; sub(/4F1A2B3C[0-9A-F]+/, sprintf("Q%09d", s + i), x); print x } }' "$WORK/demo"
  n=$((n + $1))
}
start() { # start DIR: runs the exporter on DIR/mail.log, sets $pid and $port
  local err="$1/err.$RANDOM"
  java -jar "$JAR" serve --postfix-log "$1/mail.log" --checkpoint-dir "$1/state" --bind 127.0.0.1 --port 0 2> "$err" &
  pid=$!
  until grep -qs "serving http" "$err"; do sleep 0.05; done
  port=$(sed -n 's/.*127\.0\.0\.1:\([0-9]*\)\/metrics.*/\1/p' "$err")
}
scrape() { # scrape RESULT: smtp_log_lines_total{result=RESULT}
  curl -fs "http://127.0.0.1:$port/metrics" | awk -v r="result=\"$1\"" '/^smtp_log_lines_total\{/ && index($0, r) { s += $NF } END { printf "%d\n", s }'
}
restored() { # restored DIR: lines.understood in the checkpoint the restart will read
  cat "$1"/state/*.pos 2>/dev/null | awk -F'\t' '$1 == "count" && $2 == "lines.understood" { n = $3 } END { printf "%d\n", n }'
}
report() { # report NAME WRITTEN FIRST RESTORED AFTER NOT_UNDERSTOOD
  printf '%-44s written %4d  counted %4d  (first process %3d, restored %3d, /metrics after restart %3d)  not_understood %d\n' \
    "$1" "$2" "$(($3 + $5 - $4))" "$3" "$4" "$5" "$6"
}

# 1. kill -9: append 50, wait 1 s, kill -9, append 30, restart (the issue's case; 11 s first so
#    that the old 10 s checkpoint exists).
d="$WORK/kill"; mkdir -p "$d"; : > "$d/mail.log"; n=0
start "$d"; sleep 11
lines 50 >> "$d/mail.log"; sleep 1; before=$(scrape understood); kill -9 $pid; wait $pid 2>/dev/null || true
lines 30 >> "$d/mail.log"; r=$(restored "$d")
start "$d"; sleep 2; report "kill -9 after 50, 30 more while down" 80 "$before" "$r" "$(scrape understood)" "$(scrape not_understood)"; kill -9 $pid; wait $pid 2>/dev/null || true

# 2. copytruncate while running, the file regrowing past the old offset before the next poll.
d="$WORK/copytruncate"; mkdir -p "$d"; : > "$d/mail.log"; n=0
start "$d"; sleep 1
lines 59 >> "$d/mail.log"; sleep 1
{ lines 141 >> "$d/mail.log"; cp "$d/mail.log" "$d/mail.log.1"; : > "$d/mail.log"; lines 200 >> "$d/mail.log"; }
sleep 2; report "copytruncate + regrowth before the next poll" 400 0 0 "$(scrape understood)" "$(scrape not_understood)"; kill -9 $pid; wait $pid 2>/dev/null || true

# 3. rename-and-create rotation while down (stopped cleanly, 20 lines then written to the old file).
d="$WORK/rename"; mkdir -p "$d"; : > "$d/mail.log"; n=0
start "$d"; sleep 1
lines 50 >> "$d/mail.log"; sleep 1; before=$(scrape understood); kill $pid; wait $pid 2>/dev/null || true
lines 20 >> "$d/mail.log"; mv "$d/mail.log" "$d/mail.log.1"; lines 30 >> "$d/mail.log"; r=$(restored "$d")
start "$d"; sleep 2; report "rename rotation while down" 100 "$before" "$r" "$(scrape understood)" "$(scrape not_understood)"; kill -9 $pid; wait $pid 2>/dev/null || true

# 4. copytruncate while down, the new content longer than the old offset.
d="$WORK/copytruncate-down"; mkdir -p "$d"; : > "$d/mail.log"; n=0
start "$d"; sleep 1
lines 50 >> "$d/mail.log"; sleep 1; before=$(scrape understood); kill $pid; wait $pid 2>/dev/null || true
lines 20 >> "$d/mail.log"; cp "$d/mail.log" "$d/mail.log.1"; : > "$d/mail.log"; lines 100 >> "$d/mail.log"; r=$(restored "$d")
start "$d"; sleep 2; report "copytruncate while down" 170 "$before" "$r" "$(scrape understood)" "$(scrape not_understood)"; kill -9 $pid; wait $pid 2>/dev/null || true
