#!/bin/sh
# scripts/real-history.sh FILE - converts a real series of data/real/
# (header timestamp,calls; local YYYY-MM-DDTHH:MM:SS interval starts) into a
# rotaplan history (interval_start,queue,contacts) for the one queue
# "calls" of data/real/*.ini.  Values are copied untouched.
awk -F, 'NR == 1 { print "interval_start,queue,contacts"; next }
         { print substr($1, 1, 16) ",calls," $2 }' "${1:?usage: real-history.sh FILE}"
