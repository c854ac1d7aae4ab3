/* bench/year.h - a year of volumes for the benchmarks. */
#ifndef RP_BENCH_YEAR_H
#define RP_BENCH_YEAR_H

#include <glib.h>

#include "common/centre.h"

/* Writes every 15-minute interval of `year` for every queue of `c`
 * (seeded random volumes: 2 to 40 contacts while open, a few while
 * closed) to a new temporary file; returns its path and the row count.
 * (transfer full) */
char *rp_bench_year_file(const RpCentre *c, int year, size_t *rows);

/* Removes the file and its directory. */
void rp_bench_year_remove(const char *path);

/* Runs `argv` and returns the best wall-clock time of `runs` runs (s), or
 * a negative number after printing why it failed. */
double rp_bench_time(const char *const *argv, int runs);

/* The text of the volumes file at `path` with every `contacts` (third
 * column) times `factor`, or NULL when unreadable.  (transfer full) */
char *rp_bench_scaled_volumes(const char *path, double factor);

/* `make demo`'s plan (without the scenarios) of 2026-W49 from `history`
 * with `officers`, into `out`, with a time limit far above the default
 * effort (so that the machine's load cannot cut the roster), as
 * argv[0 .. RP_BENCH_PLAN_ARGC) and a NULL; the strings are borrowed. */
#define RP_BENCH_PLAN_ARGC 16
void rp_bench_plan_argv(const char **argv, const char *rotaplan,
                        const char *history, const char *officers,
                        const char *out);

/* Removes a file, or a directory with everything in it. */
void rp_bench_remove_tree(const char *path);

#endif
