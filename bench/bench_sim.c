/* bench/bench_sim.c - the simulator's speed, and what routing by skill
 * does to the sample council's rota.
 *
 *   1. simulated contacts per CPU second on one thread: one phone line of
 *      50 Erlangs staffed to 80% in 20 s, 8 hours a day for a week, as
 *      many replications as make about a second of CPU;
 *   2. the sample council's week (data/volumes-week.csv staffed by
 *      `rotaplan staff`, rostered by `rotaplan roster` with a fixed
 *      iteration budget) simulated by `rotaplan simulate` with 100
 *      replications: wall-clock seconds (best of 3) and CPU seconds;
 *   3. the same rota simulated twice: each officer taking only the line
 *      the rota names, and each officer on a phone line logged into every
 *      line they hold (the call distributor's routing by skill): the
 *      share of calls answered within 20 s and abandoned, all lines.
 * `bench_sim ROTAPLAN HISTORY` (the history is not used). */
#define _DEFAULT_SOURCE /* wait4 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bench/year.h"
#include "common/centre.h"
#include "common/units.h"
#include "models/erlang.h"
#include "sim/sim.h"

static double
cpu_seconds(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

static int
contacts_per_second(void)
{
    g_autofree char *dir = g_dir_make_tmp("rotaplan-bench-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "c.ini", NULL);
    const char *text =
        "[centre]\nname = bench\ninterval = 15m\ntimezone = UTC\n"
        "[queue:line]\nchannel = phone\nhours = mon-sun 09:00-17:00\n"
        "aht = 240s\npatience = 180s\nservice_level = 80%\n"
        "answer_within = 20s\n";
    g_file_set_contents(path, text, -1, NULL);
    g_autoptr(RpCentre) c = rp_centre_load(path, NULL);
    g_unlink(path);
    g_rmdir(dir);
    if (c == NULL)
        return 1;
    const size_t n_t = 7 * 96;
    const double calls = 50.0 * 900.0 / 240.0;
    double agents = 50.0;
    RpQueueLoad load = {50.0, 240.0, 180.0};
    RpErlangMetrics m;
    while (rp_erlang_metrics(&load, agents, 20.0, &m, NULL) &&
           m.service_level < 0.8)
        agents += 1.0;
    g_autoptr(RpSimDemand) d =
        rp_sim_demand_new(1, n_t, rp_days_from_civil(2027, 1, 4) * 86400);
    g_autoptr(RpSimStaff) s = rp_sim_staff_new((size_t)agents, 1, n_t);
    for (size_t i = 0; i < (size_t)agents; i++)
        s->skill[i] = 1.0;
    for (size_t t = 0; t < n_t; t++) {
        int minute = (int)(t % 96) * 15;
        if (minute < 9 * 60 || minute >= 17 * 60)
            continue;
        d->contacts[t] = calls;
        for (size_t i = 0; i < (size_t)agents; i++)
            s->login[i * n_t + t] = 1;
    }
    RpSimParams p;
    rp_sim_params_init(&p);
    p.threads = 1;
    p.replications = 40;
    double start = cpu_seconds();
    g_autoptr(RpSimResult) res = rp_sim_run(c, d, s, &p, NULL);
    double cpu = cpu_seconds() - start;
    double n = 0.0;
    for (size_t r = 0; r < p.replications; r++)
        n += res->contacts_served[r];
    printf("simulation: %.0f contacts in %.3f CPU s on one thread: %.2f "
           "million contacts/s (target >= 2; one line, %.0f officers, 50 "
           "Erlangs)\n",
           n, cpu, n / cpu / 1e6, agents);
    return 0;
}

static gboolean
run(const char *const *argv, char **out)
{
    int status;
    g_autoptr(GError) error = NULL;
    GSpawnFlags flags = G_SPAWN_STDERR_TO_DEV_NULL;
    if (out == NULL)
        flags |= G_SPAWN_STDOUT_TO_DEV_NULL;
    if (!g_spawn_sync(NULL, (char **)(void *)(gsize)argv, NULL, flags, NULL,
                      NULL, out, NULL, &status, &error) ||
        !g_spawn_check_wait_status(status, &error)) {
        fprintf(stderr, "bench_sim: %s: %s\n", argv[1], error->message);
        return FALSE;
    }
    return TRUE;
}

/* Wall and CPU seconds of one run of argv (the child's CPU time). */
static gboolean
timed(const char *const *argv, double *wall, double *cpu)
{
    struct rusage before, after;
    getrusage(RUSAGE_CHILDREN, &before);
    gint64 start = g_get_monotonic_time();
    if (!run(argv, NULL))
        return FALSE;
    *wall = (double)(g_get_monotonic_time() - start) / 1e6;
    getrusage(RUSAGE_CHILDREN, &after);
    *cpu = (double)(after.ru_utime.tv_sec - before.ru_utime.tv_sec) +
           (double)(after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6 +
           (double)(after.ru_stime.tv_sec - before.ru_stime.tv_sec) +
           (double)(after.ru_stime.tv_usec - before.ru_stime.tv_usec) / 1e6;
    return TRUE;
}

/* The activities with every phone line replaced by the position
 * "phones" (logged into every line the officer holds). */
static char *
by_skill(const char *activities, const RpCentre *c)
{
    g_autofree char *text = NULL;
    if (!g_file_get_contents(activities, &text, NULL, NULL))
        return NULL;
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    GString *out = g_string_new(NULL);
    for (size_t k = 0; lines[k] && *lines[k]; k++) {
        char *comma = strrchr(lines[k], ',');
        int q = comma && k > 0 ? rp_centre_queue_index(c, comma + 1) : -1;
        if (q >= 0 &&
            rp_centre_queue(c, (size_t)q)->channel == RP_CHANNEL_PHONE) {
            *comma = '\0';
            g_string_append_printf(out, "%s,phones\n", lines[k]);
        } else {
            g_string_append_printf(out, "%s\n", lines[k]);
        }
    }
    return g_string_free(out, FALSE);
}

/* Calls answered in time and abandoned over all phone lines of a
 * simulate CSV (by all). */
static void
phone_totals(const char *csv, const RpCentre *c, double *sl, double *ab)
{
    double offered = 0.0, in_time = 0.0, abandoned = 0.0;
    g_auto(GStrv) lines = g_strsplit(csv, "\n", -1);
    for (size_t k = 1; lines[k] && *lines[k]; k++) {
        g_auto(GStrv) f = g_strsplit(lines[k], ",", -1);
        int q = rp_centre_queue_index(c, f[0]);
        if (q < 0 || rp_centre_queue(c, (size_t)q)->channel != RP_CHANNEL_PHONE)
            continue;
        /* the queue name may hold commas: count fields from the end */
        size_t n = g_strv_length(f);
        offered += g_ascii_strtod(f[n - 17], NULL);
        in_time += g_ascii_strtod(f[n - 15], NULL);
        abandoned += g_ascii_strtod(f[n - 14], NULL);
    }
    *sl = in_time / offered;
    *ab = abandoned / offered;
}

/* Staffs and rosters `volumes` for the sample council into `dir`; the
 * requirements and activities paths go to req and act. */
static gboolean
make_rota(const char *rotaplan, const char *dir, const char *volumes,
          char **req, char **act)
{
    *req = g_build_filename(dir, "req.csv", NULL);
    *act = g_build_filename(dir, "activities.csv", NULL);
    g_autofree char *rota = g_build_filename(dir, "rota.csv", NULL);
    const char *staff[] = {
        rotaplan, "staff", "--config",  "data/centre.ini", "--volumes", volumes,
        "-o",     *req,    "--summary", "/dev/null",       NULL};
    const char *roster[] = {rotaplan,
                            "roster",
                            "--config",
                            "data/centre.ini",
                            "--officers",
                            "data/officers.csv",
                            "--requirements",
                            *req,
                            "-o",
                            rota,
                            "--activities",
                            *act,
                            "--iterations",
                            "2000",
                            "--time-limit",
                            "60s",
                            "--no-bound",
                            NULL};
    return run(staff, NULL) && run(roster, NULL);
}

/* The rota of `act` simulated as the rota names the lines and routed by
 * skill: service and abandonment over all phone lines. */
static gboolean
compare_routing(const char *rotaplan, const char *dir, const char *what,
                const char *req, const char *act)
{
    g_autoptr(RpCentre) c = rp_centre_load("data/centre.ini", NULL);
    g_autofree char *act2 = g_build_filename(dir, "by-skill.csv", NULL);
    g_autofree char *skill_text = c ? by_skill(act, c) : NULL;
    g_autofree char *o1 = NULL, *o2 = NULL;
    const char *sim[] = {rotaplan,
                         "simulate",
                         "--config",
                         "data/centre.ini",
                         "--requirements",
                         req,
                         "--officers",
                         "data/officers.csv",
                         "--activities",
                         act,
                         "-n",
                         "100",
                         "--by",
                         "all",
                         "--format",
                         "csv",
                         NULL};
    if (skill_text == NULL ||
        !g_file_set_contents(act2, skill_text, -1, NULL) || !run(sim, &o1))
        return FALSE;
    sim[9] = act2;
    gboolean ok = run(sim, &o2);
    g_unlink(act2);
    if (!ok)
        return FALSE;
    double sl1, ab1, sl2, ab2;
    phone_totals(o1, c, &sl1, &ab1);
    phone_totals(o2, c, &sl2, &ab2);
    printf("simulation: %s, its own rota, all phone lines: each officer on "
           "the line named %.1f%% in 20 s, %.1f%% abandoned; routed by skill "
           "(officers on phones take every line they hold) %.1f%% in 20 s, "
           "%.1f%% abandoned\n",
           what, 100.0 * sl1, 100.0 * ab1, 100.0 * sl2, 100.0 * ab2);
    return TRUE;
}

static void
remove_files(char *dir, char *req, char *act)
{
    g_autofree char *rota = g_build_filename(dir, "rota.csv", NULL);
    g_unlink(req);
    g_unlink(act);
    g_unlink(rota);
    g_free(req);
    g_free(act);
}

static int
sample_week(const char *rotaplan)
{
    g_autofree char *dir = g_dir_make_tmp("rotaplan-bench-XXXXXX", NULL);
    char *req, *act;
    if (!make_rota(rotaplan, dir, "data/volumes-week.csv", &req, &act))
        return 1;
    const char *sim[] = {rotaplan,
                         "simulate",
                         "--config",
                         "data/centre.ini",
                         "--requirements",
                         req,
                         "--officers",
                         "data/officers.csv",
                         "--activities",
                         act,
                         "-n",
                         "100",
                         "--by",
                         "all",
                         "--format",
                         "csv",
                         NULL};
    double best = G_MAXDOUBLE, cpu = 0.0;
    for (int k = 0; k < 3; k++) {
        double w, u;
        if (!timed(sim, &w, &u))
            return 1;
        if (w < best) {
            best = w;
            cpu = u;
        }
    }
    printf("simulation: sample council week, 100 replications: %.2f s "
           "wall (best of 3; target < 2), %.2f CPU s\n",
           best, cpu);
    if (!compare_routing(rotaplan, dir, "sample council week", req, act))
        return 1;
    remove_files(dir, req, act);

    /* at 42% of its volumes, as bench_roster plans it */
    g_autofree char *light =
        rp_bench_scaled_volumes("data/volumes-week.csv", 0.42);
    g_autofree char *vol = g_build_filename(dir, "light.csv", NULL);
    if (light == NULL || !g_file_set_contents(vol, light, -1, NULL) ||
        !make_rota(rotaplan, dir, vol, &req, &act) ||
        !compare_routing(rotaplan, dir, "sample council at 42% of its volumes",
                         req, act))
        return 1;
    remove_files(dir, req, act);
    g_unlink(vol);
    g_rmdir(dir);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_sim ROTAPLAN [HISTORY]\n");
        return 2;
    }
    return contacts_per_second() || sample_week(argv[1]);
}
