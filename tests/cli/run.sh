# tests/cli/run.sh ROTAPLAN - end-to-end tests of the command line.
#
# Each case is a directory tests/cli/<case>/ holding:
#   args      the arguments, one per line (no word splitting inside a line)
#   expected  optional: the exact standard output
#   status    optional: the expected exit status (default 0)
#   stdout    optional: lines that must each appear in standard output
#   stderr    optional: lines that must each appear in standard error
#   absent    optional: paths (one per line) that must not exist afterwards
#             (no half-written output after a failure)
#   present   optional: paths (one per line) that must exist afterwards
#   contains  optional: lines "PATH|TEXT": file PATH must hold the line
#             fragment TEXT afterwards
#   unwanted  optional: lines that must appear in neither standard output
#             nor standard error
#   setup     optional: shell commands run first (to make files to keep;
#             $ROTAPLAN is the binary under test)
# Commands run from the repository root; "@TMP@" in args, setup, absent,
# present and contains is a fresh temporary directory, "@HISTORY@" the sample
# council's generated history ($RP_HISTORY).  Prints TAP.
rotaplan=${1:?usage: run.sh path/to/rotaplan}
case "$rotaplan" in /*) ;; *) rotaplan=$(pwd)/$rotaplan ;; esac
dir=$(cd "$(dirname "$0")" && pwd)
cd "$dir/../.." || exit 1
cases=$(find "$dir" -mindepth 1 -maxdepth 1 -type d | sort)
echo "1..$(echo "$cases" | grep -c .)"
n=0; fail=0
for c in $cases; do
    n=$((n + 1))
    name=$(basename "$c")
    tmp=$(mktemp -d)
    out="$tmp/.stdout"; err="$tmp/.stderr"
    [ -f "$c/setup" ] && sed "s|@TMP@|$tmp|g" "$c/setup" | ROTAPLAN=$rotaplan sh
    # one run; xargs hides the exit status, so the inner shell records it
    sed "s|@TMP@|$tmp|g; s|@HISTORY@|${RP_HISTORY:-}|g" "$c/args" |
        tr '\n' '\0' |
        OUT=$out ERR=$err ST=$tmp/.status xargs -0 sh -c \
            '"$0" "$@" >"$OUT" 2>"$ERR"; echo $? >"$ST"' "$rotaplan"
    got_status=$(cat "$tmp/.status" 2>/dev/null)
    want_status=0
    [ -f "$c/status" ] && want_status=$(cat "$c/status")
    problems=""
    [ "$got_status" = "$want_status" ] ||
        problems="$problems exit status $got_status, want $want_status;"
    if [ -f "$c/expected" ] && ! diff -u "$c/expected" "$out" >"$tmp/.diff"; then
        problems="$problems stdout differs;"
    fi
    for stream in stdout stderr; do
        [ -f "$c/$stream" ] || continue
        got=$out; [ "$stream" = stderr ] && got=$err
        while IFS= read -r line; do
            grep -qF -- "$line" "$got" || problems="$problems $stream lacks '$line';"
        done <"$c/$stream"
    done
    if [ -f "$c/absent" ]; then
        while IFS= read -r p; do
            p=$(echo "$p" | sed "s|@TMP@|$tmp|g")
            [ -e "$p" ] && problems="$problems $p exists;"
        done <"$c/absent"
    fi
    if [ -f "$c/present" ]; then
        while IFS= read -r p; do
            p=$(echo "$p" | sed "s|@TMP@|$tmp|g")
            [ -e "$p" ] || problems="$problems $p is missing;"
        done <"$c/present"
    fi
    if [ -f "$c/unwanted" ]; then
        while IFS= read -r line; do
            grep -qF -- "$line" "$out" "$err" &&
                problems="$problems output has '$line';"
        done <"$c/unwanted"
    fi
    if [ -f "$c/contains" ]; then
        while IFS= read -r line; do
            p=$(echo "${line%%|*}" | sed "s|@TMP@|$tmp|g")
            text=${line#*|}
            grep -qF -- "$text" "$p" 2>/dev/null ||
                problems="$problems $p lacks '$text';"
        done <"$c/contains"
    fi
    if [ -z "$problems" ]; then
        echo "ok $n $name"
    else
        echo "not ok $n $name -$problems"
        [ -f "$tmp/.diff" ] && sed 's/^/# /' "$tmp/.diff" | head -40
        sed 's/^/# stderr: /' "$err" | head -5
        fail=$((fail + 1))
    fi
    rm -rf "$tmp"
done
[ "$fail" -eq 0 ]
