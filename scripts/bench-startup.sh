#!/usr/bin/env bash
# Exporter start-up: time from launch until /-/ready answers, and resident memory after 10 s of the
# demo replay. Usage: scripts/bench-startup.sh   (after ./mvnw -q package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-exporter/app/target/smtp-reply-exporter.jar}
PORT=${PORT:-19477}
t0=$(date +%s%N)
java -jar "$JAR" serve --port "$PORT" --bind 127.0.0.1 --checkpoint-dir target/bench-checkpoints 2> target/bench-startup.log &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
until curl -fs "http://127.0.0.1:$PORT/-/ready" > /dev/null 2>&1; do sleep 0.02; done
t1=$(date +%s%N)
echo "start-up until /-/ready: $(( (t1 - t0) / 1000000 )) ms"
sleep 10
curl -fs "http://127.0.0.1:$PORT/metrics" > /dev/null
echo "RSS after 10 s of demo: $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$pid/status)"
