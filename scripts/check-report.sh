#!/bin/sh
# scripts/check-report.sh REPORT.html [CHARTS [DOM]] - opens a report in
# Debian's headless Chromium, in a window 1,280 px wide, and checks that
# it loads with no console message (a script error or a failed load would
# print one), that every chart in it has drawn, that there are at least
# CHARTS of them, and that nothing sticks out sideways (the page's script
# measures it).  The page as drawn goes to DOM when given.  Nothing is
# fetched from the network: the page is self-contained.  Exit status 0
# when all is well; otherwise it says what is wrong.
set -u
report=${1:?usage: check-report.sh REPORT.html [CHARTS [DOM]]}
want=${2:-1}
dom=${3:-}
browser=$(command -v chromium || command -v chromium-browser) || {
    echo "check-report: chromium is not installed (Debian package chromium)"
    exit 1; }
[ -f "$report" ] || { echo "check-report: no file $report"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
path=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 \
    --window-size=1280,900 --hide-scrollbars \
    --virtual-time-budget=5000 --dump-dom "file://$path" \
    >"$tmp/dom.html" 2>"$tmp/log"
status=$?
[ "$status" -eq 0 ] || { echo "check-report: chromium failed ($status)"; tail -5 "$tmp/log"; exit 1; }
if grep -q ':CONSOLE' "$tmp/log"; then
    echo "check-report: the page logged to the console:"
    grep ':CONSOLE' "$tmp/log" | head -5
    exit 1
fi
charts=$(sed -n 's/.*<html[^>]*data-charts="\([0-9]*\/[0-9]*\)".*/\1/p' "$tmp/dom.html" | head -1)
[ -n "$charts" ] || { echo "check-report: the page's script did not run"; exit 1; }
drawn=${charts%/*}; total=${charts#*/}
if [ "$drawn" -ne "$total" ] || [ "$total" -lt "$want" ]; then
    echo "check-report: $drawn of $total charts drawn (want at least $want, all drawn)"
    exit 1
fi
overflow=$(sed -n 's/.*<html[^>]*data-overflow="\([0-9]*\)".*/\1/p' "$tmp/dom.html" | head -1)
if [ "${overflow:-x}" != 0 ]; then
    echo "check-report: the page is ${overflow:-?} px wider than a 1,280 px window"
    exit 1
fi
[ -n "$dom" ] && cp "$tmp/dom.html" "$dom"
echo "check-report: $report loads cleanly, fits 1,280 px; $drawn of $total charts drawn"
