#!/usr/bin/env bash
# Measures the exporter's HTTP server from outside: slow clients, keep-alive latency, heap after
# failed logins, login timing. Works on any build of the runnable jar, so old and new compare:
#   scripts/bench-server.sh exporter/app/target/smtp-reply-exporter.jar [auth]
# ("auth" runs only the failed-login and timing part.)
# Needs java and jcmd. Uses ports 0 (free ports) and a temporary folder; prints figures only.
set -euo pipefail
JAR=${1:?usage: scripts/bench-server.sh JAR}
HERE=$(cd "$(dirname "$0")" && pwd)
PROBE="java $HERE/ServerProbe.java"
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

start() { # start [web-config args...]: serves the demo on a free port; sets PID and BASE
  java -Xmx512m -jar "$JAR" serve --port 0 --bind 127.0.0.1 --checkpoint-dir "$WORK/ck" "$@" \
    2>"$WORK/err" &
  PID=$!
  for _ in $(seq 100); do
    grep -q 'serving' "$WORK/err" 2>/dev/null && break
    sleep 0.1
  done
  BASE=$(grep -o 'https\?://127.0.0.1:[0-9]*' "$WORK/err" | head -1)
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }
heap_mb() { # used heap after a full GC, in MB
  jcmd "$PID" GC.run >/dev/null
  jcmd "$PID" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); print int(v / 1024); exit } }'
}

# password s3cret, bcrypt cost 10
HASH='$2a$10$6c/yOc.tJh6OiFV7wQ9YGekBRqGuuaHRvEU5Pc7PT/.l1MWx.9mQe'
printf 'basic_auth_users:\n  prometheus: %s\n' "$HASH" >"$WORK/auth.yml"
CERTS=$HERE/../exporter/app/src/test/resources/fixtures/tls
printf 'tls_server_config:\n  cert_file: %s/cert.pem\n  key_file: %s/key.pem\n' "$CERTS" "$CERTS" >"$WORK/tls.yml"

echo "== $JAR"
if [ "${2:-}" != auth ]; then
start
echo "-- keep-alive"
$PROBE keepalive "$BASE/metrics" 300
echo "-- slow clients, HTTP"
$PROBE slow "$BASE" 4
$PROBE slow "$BASE" 200
stop

start --web-config "$WORK/tls.yml"
echo "-- slow clients, HTTPS"
$PROBE slow "$BASE" 4
$PROBE slow "$BASE" 200
stop
fi

start --web-config "$WORK/auth.yml"
echo "-- failed logins (heap used after full GC)"
echo "heap before: $(heap_mb) MB"
$PROBE logins "$BASE" 790 200000
echo "heap after:  $(heap_mb) MB"
$PROBE logins "$BASE" 790 12000
echo "heap after 790 more with 12 KB headers (under the 16 KiB limit): $(heap_mb) MB"
echo "-- login timing"
$PROBE timing "$BASE" prometheus 30
stop
