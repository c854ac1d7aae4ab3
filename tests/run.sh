# tests/run.sh ROTAPLAN TEST_BINARY... - runs every unit-test binary (TAP),
# then the end-to-end CLI cases, and ends with the line "N passed, N failed".
# A binary that crashes or prints fewer results than it planned counts its
# missing results as failures.
rotaplan=${1:?usage: run.sh path/to/rotaplan test-binary...}
shift
dir=$(dirname "$0")
passed=0; failed=0; skipped=0
log=$(mktemp); trap 'rm -f "$log"' EXIT

count() {
    # count NAME: reads TAP from $log, adds to the totals
    set -- $(awk -v name="$1" '
        /^1\.\.[0-9]+/ { sub(/^1\.\./, ""); plan = $0 + 0 }
        /^ok / { if ($0 ~ /# SKIP/) s++; else p++ }
        /^not ok / { f++; print "# FAIL " name ": " $0 > "/dev/stderr" }
        END { miss = plan - p - s - f; if (miss < 0) miss = 0
              print p + 0, f + miss, s + 0 }' "$log")
    passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3))
}

for t in "$@"; do
    "$t" --tap >"$log" 2>&1
    status=$?
    grep -E '^(not ok|Bail out)|^# ' "$log" | grep -v '^# random seed' | grep -v '^# Start of\|^# End of' || true
    count "$(basename "$t")"
    if [ "$status" -ne 0 ] && ! grep -q '^not ok' "$log"; then
        echo "# FAIL $(basename "$t") exited with status $status"
        failed=$((failed + 1))
    fi
    echo "# $(basename "$t"): done"
done

sh "$dir/cli/run.sh" "$rotaplan" >"$log" 2>&1
grep -E '^(not ok|#)' "$log" || true
count cli

if [ -n "${RP_HISTORY:-}" ]; then
    sh "$dir/report-check.sh" "$rotaplan" "$RP_HISTORY" >"$log" 2>&1
    grep -E '^(not ok|ok|#)' "$log" || true
    count report
fi

[ "$skipped" -gt 0 ] && echo "# $skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
