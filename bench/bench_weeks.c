/* bench/bench_weeks.c - every ISO week of 2027 planned for the sample
 * council, as a weekly script would run it.
 *
 * For each week the history is generated (tools/gen_history, the seed of
 * `make data`) from 27 November 2023 to the Sunday before the week, then
 * `rotaplan plan` runs on data/centre.ini, data/events.csv and
 * data/officers.csv with a short roster search (--time-limit 2s, seed 1).
 * Prints, per week, whether the plan succeeded and the share of its
 * queue-days that meet their standard (evaluation-days.csv), then the
 * successes out of 52, the minimum and median of that share over the
 * weeks that succeeded, and the total time.
 *
 *   bench_weeks ROTAPLAN [HISTORY] [WEEKS]
 *
 * WEEKS plans only the first WEEKS weeks (for a quick look). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bench/year.h"
#include "common/units.h"

#define YEAR       2027
#define FIRST_DAY  "2023-11-27"
#define SEED       "20261125"
#define TIME_LIMIT "2s"

/* Writes the history from FIRST_DAY to `last` (a date) to `path`. */
static gboolean
make_history(const char *gen, const char *last, const char *path)
{
    const char *argv[] = {gen, "data/centre.ini", FIRST_DAY, last, SEED, NULL};
    g_autofree char *out = NULL;
    g_autoptr(GError) error = NULL;
    int status = 0;
    if (!g_spawn_sync(NULL, (char **)(void *)(gsize)argv, NULL,
                      G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                      &status, &error) ||
        !g_spawn_check_wait_status(status, &error) ||
        !g_file_set_contents(path, out, -1, &error)) {
        fprintf(stderr, "bench_weeks: %s: %s\n", gen, error->message);
        return FALSE;
    }
    return TRUE;
}

/* Queue-days in evaluation-days.csv of `dir`, and of them those that
 * meet (1 in the column `meets`, the Erlang evaluation). */
static gboolean
count_days(const char *dir, size_t *n, size_t *met)
{
    g_autofree char *path = g_build_filename(dir, "evaluation-days.csv", NULL);
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return FALSE;
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    g_auto(GStrv) header = g_strsplit(lines[0], ",", -1);
    guint col = 0;
    while (header[col] && strcmp(header[col], "meets") != 0)
        col++;
    if (header[col] == NULL)
        return FALSE;
    *n = *met = 0;
    for (size_t i = 1; lines[i]; i++) {
        if (lines[i][0] == '\0')
            continue;
        g_auto(GStrv) f = g_strsplit(lines[i], ",", -1);
        if (g_strv_length(f) <= col)
            return FALSE;
        (*n)++;
        *met += strcmp(f[col], "1") == 0;
    }
    return TRUE;
}

static int
compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
    const char *rotaplan = argc > 1 ? argv[1] : "build/rotaplan";
    int n_weeks = argc > 3 ? atoi(argv[3]) : 52;
    g_autofree char *bin = g_path_get_dirname(rotaplan);
    g_autofree char *gen = g_build_filename(bin, "tools", "gen_history", NULL);
    g_autofree char *dir = g_dir_make_tmp("rp-bench-weeks-XXXXXX", NULL);
    g_autofree char *history = g_build_filename(dir, "history.csv", NULL);
    g_autofree char *out = g_build_filename(dir, "plan", NULL);
    double share[53], low = 2.0;
    char low_week[16] = "";
    size_t low_n = 0, all_n = 0, all_met = 0;
    int ok = 0, tried = 0;
    gint64 start = g_get_monotonic_time();
    for (int w = 1; w <= n_weeks; w++) {
        char week[16], sunday[16];
        g_snprintf(week, sizeof week, "%d-W%02d", YEAR, w);
        gint64 monday;
        if (!rp_parse_iso_week(week, &monday, NULL))
            break;
        rp_format_date(monday - 1, sunday, sizeof sunday);
        if (!make_history(gen, sunday, history))
            return 1;
        tried++;
        const char *plan[] = {rotaplan,
                              "plan",
                              "--config",
                              "data/centre.ini",
                              "--history",
                              history,
                              "--events",
                              "data/events.csv",
                              "--officers",
                              "data/officers.csv",
                              "--week",
                              week,
                              "--time-limit",
                              TIME_LIMIT,
                              "--seed",
                              "1",
                              "--out",
                              out,
                              NULL};
        g_autoptr(GError) error = NULL;
        g_autofree char *err = NULL;
        int status = 0;
        gint64 t0 = g_get_monotonic_time();
        gboolean ran = g_spawn_sync(NULL, (char **)(void *)(gsize)plan, NULL,
                                    G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                    NULL, &err, &status, &error) &&
                       g_spawn_check_wait_status(status, &error);
        double s = (double)(g_get_monotonic_time() - t0) / 1e6;
        size_t n = 0, met = 0;
        if (!ran || !count_days(out, &n, &met)) {
            g_auto(GStrv) lines = g_strsplit(err ? err : "", "\n", -1);
            const char *last = "";
            for (size_t i = 0; lines[i]; i++)
                if (lines[i][0])
                    last = lines[i];
            printf("weeks, %s: FAILED after %.1f s: %s\n", week, s, last);
            continue;
        }
        share[ok++] = n ? (double)met / (double)n : 1.0;
        all_n += n;
        all_met += met;
        if (share[ok - 1] < low) {
            low = share[ok - 1];
            low_n = n;
            g_strlcpy(low_week, week, sizeof low_week);
        }
        printf("weeks, %s: planned in %.1f s, %zu of %zu queue-days meet "
               "their standard (%.1f%%)\n",
               week, s, met, n, 100.0 * share[ok - 1]);
        fflush(stdout);
    }
    double total = (double)(g_get_monotonic_time() - start) / 1e6;
    qsort(share, (size_t)ok, sizeof share[0], compare_double);
    printf("weeks of %d planned for the sample council: %d of %d succeed; "
           "queue-days meeting their standard per week: min %.1f%% (%s, "
           "%zu queue-days), second lowest %.1f%%, median %.1f%%; over the "
           "year %zu of %zu (%.1f%%); total %.0f s (roster %s a week)\n",
           YEAR, ok, tried, ok ? 100.0 * share[0] : 0.0, low_week, low_n,
           ok > 1 ? 100.0 * share[1] : 0.0,
           ok ? 100.0 * (ok % 2 ? share[ok / 2]
                                : 0.5 * (share[ok / 2 - 1] + share[ok / 2]))
              : 0.0,
           all_met, all_n,
           all_n ? 100.0 * (double)all_met / (double)all_n : 0.0, total,
           TIME_LIMIT);
    rp_bench_remove_tree(dir);
    return ok == tried ? 0 : 1;
}
