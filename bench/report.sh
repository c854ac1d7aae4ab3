# bench/report.sh ROTAPLAN HISTORY - the sample council's weekly plan as a
# manager opens it (the plan `make demo` makes: the same inputs and
# effort): the size of report.html, how tall it is in a window 1,280 px
# wide, its charts, the printed rota's pages, and the workbook's size.
# Prints the figures (part of make bench; about a minute).
rotaplan=${1:?usage: report.sh ROTAPLAN HISTORY}
history=${2:?usage: report.sh ROTAPLAN HISTORY}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
browser=$(command -v chromium || command -v chromium-browser) || {
    echo "bench report: chromium is not installed"; exit 1; }
start=$(date +%s.%N)
"$rotaplan" plan --config data/centre.ini --history "$history" \
    --events data/events.csv --officers data/officers.csv \
    --scenarios data/scenarios.ini --week 2026-W49 \
    --out "$tmp/plan" >/dev/null 2>&1 || { echo "bench report: plan failed"; exit 1; }
end=$(date +%s.%N)
page="file://$tmp/plan/report.html"
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$tmp/profile" --window-size=1280,900 --hide-scrollbars \
    --virtual-time-budget=5000 --dump-dom "$page" >"$tmp/dom.html" 2>/dev/null
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$tmp/profile" --no-pdf-header-footer \
    --print-to-pdf="$tmp/rota.pdf" "$page" >/dev/null 2>&1
attr() { sed -n "s/.*<html[^>]*data-$1=\"\\([^\"]*\\)\".*/\\1/p" "$tmp/dom.html" | head -1; }
sites=$(tail -n +2 "$tmp/plan/rota.csv" | cut -d, -f4 | sort -u | wc -l)
printf 'report: %s bytes, %s px tall at 1,280 px wide, charts drawn %s, %s px too wide\n' \
    "$(wc -c <"$tmp/plan/report.html")" "$(attr height)" "$(attr charts)" "$(attr overflow)"
printf 'printed rota: %s pages for %s sites; rota.xlsx %s bytes; plan written in %.1f s\n' \
    "$(pdfinfo "$tmp/rota.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')" "$sites" \
    "$(wc -c <"$tmp/plan/rota.xlsx")" "$(awk "BEGIN { print $end - $start }")"
