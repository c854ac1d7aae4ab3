# tests/valgrind-commands.sh - the main commands under valgrind: no memory
# errors and no definite leaks.  Run by `make valgrind` with ROTAPLAN,
# SUPP (GLib's suppression file) and HISTORY (the sample history) set.
set -e
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run() {
    G_SLICE=always-malloc G_DEBUG=gc-friendly valgrind -q --error-exitcode=1 \
        --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite \
        --suppressions="$SUPP" "$ROTAPLAN" "$@" >/dev/null 2>"$tmp/err" || {
        echo "valgrind: rotaplan $*"; cat "$tmp/err"; exit 1; }
}
run erlang --calls 100 --interval 30m --aht 180 --sl 80% --table
run erlang --calls 100 --aht 180 --patience 120 --abandon 5% --format json
run staff --config data/centre.ini --volumes data/volumes-week.csv \
    -o "$tmp/req.csv" --summary "$tmp/sum.csv"
run scenario --config data/centre.ini --volumes data/volumes-week.csv \
    --scenarios data/scenarios.ini --targets 70%,90% -o "$tmp/compare.csv"
run forecast --config tests/data/forecast/centre.ini \
    --history tests/data/forecast/weekly.csv --weeks 2 -o "$tmp/fc.csv" \
    --anomalies "$tmp/anomalies.csv"
run backtest --config tests/data/forecast/centre.ini \
    --history tests/data/forecast/weekly.csv --origins 2 --format json
run roster --config data/centre.ini --officers data/officers.csv \
    --requirements "$tmp/req.csv" --iterations 100 --corrections 0 -o "$tmp/rota.csv" \
    --activities "$tmp/act.csv" --coverage "$tmp/cov.csv" --ics "$tmp/ics" \
    --summary "$tmp/rsum.csv" --export-mps "$tmp/model.mps" --xlsx "$tmp/rota.xlsx"
run simulate --config data/centre.ini --requirements "$tmp/req.csv" \
    --officers data/officers.csv --activities "$tmp/act.csv" -n 4 --by day \
    --format csv -o "$tmp/sim.csv"
run intraday --plan tests/data/intraday --actuals tests/data/intraday/actuals.csv \
    --now 10:30 --absent a5 --late a1=11:00 --replications 2 -o "$tmp/intraday"
run intraday --plan tests/data/intraday-quiet \
    --actuals tests/data/intraday-quiet/actuals.csv --now 10:30 --replications 2
run leave-check --plan tests/data/intraday --officer a2 --from 2027-01-11 \
    --to 2027-01-12
run intraday --plan tests/data/intraday-skills \
    --actuals tests/data/intraday-skills/actuals.csv --now 10:30 --absent a5 \
    --replications 2 -o "$tmp/intraday-skills"
run leave-check --plan tests/data/intraday-skills --officer a2 \
    --from 2027-01-11 --to 2027-01-11
if [ -n "${HISTORY:-}" ]; then
    run plan --config data/centre.ini --history "$HISTORY" \
        --officers data/officers.csv --week 2026-W49 --time-limit 5s \
        --scenarios data/scenarios.ini --out "$tmp/plan"
fi
# a run that finishes the renames of one killed between them (cli/util.c's
# journal, rolled forward)
mkdir -p "$tmp/killed"
ROTAPLAN_KILL_AFTER="$tmp/killed/rota.csv" "$ROTAPLAN" roster \
    --config tests/data/roster/centre.ini \
    --officers tests/data/roster/officers.csv \
    --requirements tests/data/roster/req.csv --iterations 50 --no-bound \
    -o "$tmp/killed/rota.csv" --coverage "$tmp/killed/cov.csv" \
    >/dev/null 2>&1 || true
run erlang --calls 100 --aht 180 --sl 80% -o "$tmp/killed/erlang.csv"
[ -s "$tmp/killed/cov.csv" ] && ! ls "$tmp"/killed/.rotaplan-journal-* \
    >/dev/null 2>&1 || { echo "valgrind: the killed roster run was not finished"; exit 1; }
# a failing run must not leak either
status=0
G_SLICE=always-malloc valgrind -q --error-exitcode=1 --leak-check=full \
    --errors-for-leak-kinds=definite --suppressions="$SUPP" "$ROTAPLAN" \
    staff --config tests/data/small.ini --volumes tests/data/bad/missing.csv \
    >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 65 ] || { echo "valgrind: failing staff run: status $status"; cat "$tmp/err"; exit 1; }
# nor one whose last output cannot be written (the output set's cleanup)
status=0
G_SLICE=always-malloc valgrind -q --error-exitcode=1 --leak-check=full \
    --errors-for-leak-kinds=definite --suppressions="$SUPP" "$ROTAPLAN" \
    roster --config tests/data/roster/centre.ini \
    --officers tests/data/roster/officers.csv \
    --requirements tests/data/roster/req.csv --iterations 50 --no-bound \
    -o "$tmp/r.csv" --ics "$tmp/r-ics" --coverage /proc/nonexistent/c.csv \
    >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || { echo "valgrind: failing roster run: status $status"; cat "$tmp/err"; exit 1; }
status=0
G_SLICE=always-malloc valgrind -q --error-exitcode=1 --leak-check=full \
    --errors-for-leak-kinds=definite --suppressions="$SUPP" "$ROTAPLAN" \
    intraday --plan tests/data/intraday --now 10:30 --absent zz \
    --actuals tests/data/intraday/actuals.csv >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 65 ] || { echo "valgrind: failing intraday run: status $status"; cat "$tmp/err"; exit 1; }
echo "valgrind: main commands clean"
