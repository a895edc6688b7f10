#!/usr/bin/env bash
# Screenshots of the explanation pages in a real browser (headless Chromium, CJK fonts), at phone
# and desktop widths, to check layout, CJK and Vietnamese rendering by eye.
#
#   scripts/screenshots.sh [out-dir]        (default: target/screenshots)
#
# HEIGHT (default 1600) is the window height in pixels: the screenshot shows that much of the page,
# so give a larger one (HEIGHT=6000) to see long pages to the end.
#
# Needs: chromium and fonts-noto-cjk (Debian: apt-get install -y chromium fonts-noto-cjk), a JDK,
# and the exporter jar (built here if missing:
#   ./mvnw -q -B -ntp -o -pl exporter/app -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/screenshots}"
mkdir -p "$out"
jar=exporter/app/target/smtp-reply-exporter.jar
[ -f "$jar" ] || ./mvnw -q -B -ntp -o -pl exporter/app -am package -DskipTests
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"
port="${PORT:-$(( 20000 + RANDOM % 20000 ))}"

java -jar "$jar" serve --port "$port" >"$out/server.log" 2>&1 &
server=$!
profile="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$profile"' EXIT
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/codes" >/dev/null 2>&1 && break
  sleep 0.5
done

pages=(
  "codes|/codes"
  "codes-550-ja|/codes/550?lang=ja"
  "compare-252-451-vi|/compare/252/451?lang=vi"
  "codes-5.7.606-zh|/codes/5.7.606?lang=zh"
  "codes-421-zh|/codes/421?lang=zh"
  "compare-550-551-ja|/compare/550/551?lang=ja"
  "codes-5.7.26-vi|/codes/5.7.26?lang=vi"
)
height="${HEIGHT:-1600}"
widths=("phone|390,$height" "desktop|1280,$height")
for page in "${pages[@]}"; do
  name="${page%%|*}"
  path="${page#*|}"
  for w in "${widths[@]}"; do
    label="${w%%|*}"
    size="${w#*|}"
    "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
      --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
      --user-data-dir="$profile" --window-size="$size" \
      --screenshot="$out/$name-$label.png" "http://127.0.0.1:$port$path" >/dev/null 2>&1
    echo "$out/$name-$label.png"
  done
done
