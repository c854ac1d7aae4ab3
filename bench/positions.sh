# bench/positions.sh ROTAPLAN HISTORY - how the rotas hold positions (#10):
# changes of position per officer-day, blocks under 30 minutes and start
# times per officer-week, measured by bench/positions.py from the written
# activities.csv and rota.csv of three rotas at the default effort:
#   the demo week (make demo's plan, data/officers.csv, 119 officers);
#   the 42% week (data/volumes-week.csv at 42%, data/officers-short.csv,
#     40 officers, as bench_sim and bench_roster build it);
#   the generated 200-officer centre of bench_roster.
# Part of make bench; several minutes.
rotaplan=${1:?usage: positions.sh ROTAPLAN HISTORY}
history=${2:?usage: positions.sh ROTAPLAN HISTORY}
bench=$(dirname "$rotaplan")/bench
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "bench positions: $1 failed"; exit 1; }
rota() { # CONFIG OFFICERS VOLUMES DIR
    mkdir -p "$4"
    "$rotaplan" staff --config "$1" --volumes "$3" -o "$4/req.csv" \
        --summary /dev/null >/dev/null 2>&1 || return 1
    "$rotaplan" roster --config "$1" --officers "$2" -r "$4/req.csv" \
        -o "$4/rota.csv" --activities "$4/activities.csv" \
        --summary /dev/null >/dev/null 2>&1
}
"$rotaplan" plan --config data/centre.ini --history "$history" \
    --events data/events.csv --officers data/officers.csv \
    --scenarios data/scenarios.ini --week 2026-W49 --out "$tmp/demo" \
    >/dev/null 2>&1 || fail "the demo plan"
echo "positions, demo week 2026-W49 (119 officers):"
python3 bench/positions.py "$tmp/demo" || fail "measuring the demo"
awk -F, 'NR == 1 || $1 == "" { print; next }
         { printf "%s,%s,%.4f,%s\n", $1, $2, $3 * 0.42, $4 }' \
    data/volumes-week.csv >"$tmp/v42.csv"
rota data/centre.ini data/officers-short.csv "$tmp/v42.csv" "$tmp/short" ||
    fail "the 42% week"
echo "positions, the 42% week (40 officers):"
python3 bench/positions.py "$tmp/short" || fail "measuring the 42% week"
mkdir -p "$tmp/gen"
"$bench/bench_roster" "$rotaplan" write "$tmp/gen" >/dev/null ||
    fail "writing the generated centre"
rota "$tmp/gen/centre.ini" "$tmp/gen/officers.csv" "$tmp/gen/volumes.csv" \
    "$tmp/big" || fail "the generated centre"
echo "positions, the generated centre (200 officers):"
python3 bench/positions.py "$tmp/big" || fail "measuring the generated centre"
