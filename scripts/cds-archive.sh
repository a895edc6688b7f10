#!/usr/bin/env bash
# Creates an AppCDS archive for the exporter jar (JDK 17: -XX:ArchiveClassesAtExit), so that a JVM
# started with -XX:SharedArchiveFile=ARCHIVE maps the classes the log path loads (the rule book's,
# the parser's, the CLI's) instead of loading and verifying them again: `log` on a small file starts
# about a third faster. The archive belongs to that jar file: rebuild it after each build (a JVM
# given a stale archive says so and runs without it).
# Usage: scripts/cds-archive.sh [ARCHIVE]   (after ./mvnw -q package -DskipTests)
#   then: java -XX:SharedArchiveFile=ARCHIVE -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar JAR log …
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-exporter/app/target/smtp-reply-exporter.jar}
ARCHIVE=${1:-exporter/app/target/smtp-reply.jsa}
DEMO=exporter/app/src/test/resources/fixtures/logs/sample-mail.log
# The training run: every kind of line the demo log holds, read as `log` reads them.
java -XX:ArchiveClassesAtExit="$ARCHIVE" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -jar "$JAR" log --format postfix "$DEMO" > /dev/null
java -XX:SharedArchiveFile="$ARCHIVE" -Xshare:on -jar "$JAR" --version > /dev/null
echo "$ARCHIVE: $(du -k "$ARCHIVE" | cut -f1) KiB, for $JAR"
