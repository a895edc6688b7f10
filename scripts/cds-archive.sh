#!/usr/bin/env bash
# Creates an AppCDS archive for the exporter jar (JDK 17: -XX:ArchiveClassesAtExit), so that a JVM
# started with -XX:SharedArchiveFile=ARCHIVE maps the classes a command loads (the rule book's, the
# parser's or the MIME reader's, the CLI's) instead of loading and verifying them again: `log` on a
# small file starts about a third faster, `dsn` on one message about 0.05 s sooner. JDK 17 archives
# what one run loaded, so each command has its own archive. The archive belongs to that jar file:
# rebuild it after each build (a JVM given a stale archive says so and runs without it).
# Usage: scripts/cds-archive.sh [ARCHIVE [log|dsn]]   (after ./mvnw -q package -DskipTests;
#   default exporter/app/target/smtp-reply.jsa for log)
#   then: java -XX:SharedArchiveFile=ARCHIVE -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar JAR log …
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-exporter/app/target/smtp-reply-exporter.jar}
ARCHIVE=${1:-exporter/app/target/smtp-reply.jsa}
COMMAND=${2:-log}
# The training run: every kind of line the demo log holds, or every kind of bounce the reader's
# tests hold, read as the command reads them.
case "$COMMAND" in
  log) TRAINING=(log --format postfix exporter/app/src/test/resources/fixtures/logs/sample-mail.log) ;;
  dsn) TRAINING=(dsn exporter/bounce/src/test/resources/fixtures/bounces/*.eml) ;;
  *) echo "usage: scripts/cds-archive.sh [ARCHIVE [log|dsn]]" >&2; exit 2 ;;
esac
java -XX:ArchiveClassesAtExit="$ARCHIVE" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -jar "$JAR" "${TRAINING[@]}" > /dev/null
java -XX:SharedArchiveFile="$ARCHIVE" -Xshare:on -jar "$JAR" --version > /dev/null
echo "$ARCHIVE: $(du -k "$ARCHIVE" | cut -f1) KiB, for $JAR"
