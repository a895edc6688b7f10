#!/usr/bin/env bash
# For developers of smtp-reply: how far `classify` and `dsn` agree with a labelled table.
#   scripts/score.sh replies ../shared/corpus/dev/replies.tsv [--misses]
#   scripts/score.sh bounces ../shared/corpus/dev/bounces.tsv [--misses]
# The tool lives in the test classes (io.github.smtpreply.cli.Score), not in the user's jar.
# Maven only compiles and writes the class path (offline, no exec plugin); java runs the tool.
set -euo pipefail
# Table paths stay relative to the caller's directory: Maven is pointed at the repository instead.
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/mvnw" -q -B -ntp -f "$root/pom.xml" -pl exporter/app -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/score.classpath >&2
app="$root/exporter/app/target"
exec java -cp "$app/test-classes:$app/classes:$(cat "$app/score.classpath")" \
  io.github.smtpreply.cli.Score "$@"
