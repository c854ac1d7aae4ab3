#!/bin/sh
# tests/fuzz/seeds.sh NAME DIR - writes the seed corpus of harness NAME
# into DIR, from the fixtures of data/ and tests/data/ (run from the
# repository root).  The volumes and units harnesses read a first byte
# that chooses how the rest is read, so their seeds get one.
name=${1:?usage: seeds.sh NAME DIR}
dir=${2:?usage: seeds.sh NAME DIR}
mkdir -p "$dir"
n=0
# put FILE...: each file as a seed
put() {
    for f in "$@"; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        cp "$f" "$dir/seed-$n"
    done
}
# prefixed BYTE FILE: the file after one octal byte, at most 120 lines
prefixed() {
    n=$((n + 1))
    { printf "\\$1"; head -n 120 "$2"; } >"$dir/seed-$n"
}
# text BYTE STRING: a units seed
text() {
    n=$((n + 1))
    printf "\\$1%s" "$2" >"$dir/seed-$n"
}
case "$name" in
config)
    put data/centre.ini tests/data/small.ini tests/data/roster/centre.ini \
        tests/data/forecast/centre.ini tests/data/bad/*.ini \
        tests/data/roster/bad/centre-unusable.ini
    n=$((n + 1))
    { cat data/centre-extended.ini; printf '\n%%%%\n'; cat data/centre.ini; } \
        >"$dir/seed-$n" ;;
volumes)
    for mode in 000 003 004 007; do
        prefixed $mode tests/data/day.csv
        prefixed $mode data/volumes-week.csv
        for f in tests/data/forecast/*.csv tests/data/bad/*.csv; do
            prefixed $mode "$f"
        done
    done ;;
events) put data/events.csv ;;
scenarios) put data/scenarios.ini tests/data/bad/scenario-*.ini ;;
officers) put data/officers.csv tests/data/roster/officers*.csv \
    tests/data/roster/bad/officers-*.csv tests/data/bad/officers-short.csv ;;
requirements) put tests/data/roster/req*.csv tests/data/roster/bad/req-*.csv ;;
availability) put tests/data/roster/bad/away-overlap.csv ;;
activities) put tests/data/sim/activities.csv tests/data/sim/bad-*.csv ;;
backlog) put tests/data/plan/backlog.csv tests/data/bad/backlog.csv ;;
day)
    n=$((n + 1))
    { cat tests/data/intraday/rota.csv; printf '%%%%\n';
      cat tests/data/intraday/activities.csv; } >"$dir/seed-$n"
    put tests/data/intraday/rota.csv ;;
esac
# seeds written for the harness (rows no fixture has)
[ -d "tests/fuzz/seeds/$name" ] && put tests/fuzz/seeds/"$name"/*
if [ "$name" = units ]; then
    text 000 20s; text 000 7h24m; text 000 "1h 30m"; text 001 80%
    text 001 0.25; text 002 -2.5e3; text 003 2027-01-11
    text 004 2027-W02; text 004 2026-W53; text 005 09:30; text 005 24:00
    text 006 2027-03-28T02:30; text 006 "2027-10-31T01:30+01:00"
    text 007 "mon-fri 09:00-17:00; thu 09:00-13:00,14:00-19:00; sat closed"
fi
[ "$n" -gt 0 ] || { echo "seeds.sh: no seeds for $name" >&2; exit 1; }
