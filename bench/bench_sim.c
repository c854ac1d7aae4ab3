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
 *      share of calls answered within 20 s and abandoned, all lines;
 *   4. pooling: the phone officer-hours `rotaplan staff` asks for on the
 *      demo week by each --model (per-line, pooled, skill-sets), and on
 *      the 42% week each model's requirements rostered with the 40
 *      officers of data/officers-short.csv (and on the demo week with the
 *      119 of data/officers.csv) and simulated routed by skill: the lines
 * meeting 80% in 20 s with at most 5% abandoned over the week, and the share of
 * open line-intervals meeting it; then per-line and skill-sets with four rounds
 * of the roster's correction by simulation
 *      (`roster --corrections 4`), also without the skill profiles and
 *      blended desk of data/centre.ini, and at the roster's default
 *      effort (each with the CPU seconds it took), and pooled with eight.
 *   5. plan: the demo plan (2026-W49 from the history) as plan makes it by
 *      default, sized pooled and corrected eight times: the phone
 *      officer-hours it asks for against the
 * fully pooled Erlang figure, and the share of open line-intervals its rota
 * meets in the plan's simulation (demo_plan() says how "where enough officers
 * are available" is decided). `bench_sim ROTAPLAN [HISTORY]` runs everything;
 * `bench_sim ROTAPLAN pooling` part 4 alone, `bench_sim ROTAPLAN plan
 * [HISTORY]` part 5. */
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

/* CPU seconds of the children waited for so far. */
static double
children_cpu(void)
{
    struct rusage u;
    getrusage(RUSAGE_CHILDREN, &u);
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
           (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

/* Wall and CPU seconds of one run of argv (the child's CPU time). */
static gboolean
timed(const char *const *argv, double *wall, double *cpu)
{
    double before = children_cpu();
    gint64 start = g_get_monotonic_time();
    if (!run(argv, NULL))
        return FALSE;
    *wall = (double)(g_get_monotonic_time() - start) / 1e6;
    *cpu = children_cpu() - before;
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
make_rota_by(const char *rotaplan, const char *dir, const char *config,
             const char *volumes, const char *officers, const char *model,
             const char *corrections, gboolean full_effort, char **req,
             char **act)
{
    *req = g_build_filename(dir, "req.csv", NULL);
    *act = g_build_filename(dir, "activities.csv", NULL);
    g_autofree char *rota = g_build_filename(dir, "rota.csv", NULL);
    g_autofree char *cov = g_build_filename(dir, "coverage.csv", NULL);
    const char *staff[] = {rotaplan,     "staff",     "--config", config,
                           "--volumes",  volumes,     "-o",       *req,
                           "--summary",  "/dev/null", "--model",  model,
                           "--officers", officers,    NULL};
    const char *roster[] = {rotaplan,
                            "roster",
                            "--config",
                            config,
                            "--officers",
                            officers,
                            "--requirements",
                            *req,
                            "-o",
                            rota,
                            "--activities",
                            *act,
                            "--iterations",
                            "2000",
                            "--time-limit",
                            "3000s",
                            "--no-bound",
                            "--corrections",
                            corrections,
                            "--coverage",
                            cov,
                            NULL};
    /* the default effort: the roster's own iterations, bound and time
     * limit */
    if (full_effort)
        memmove(roster + 12, roster + 17, 5 * sizeof *roster);
    return run(staff, NULL) && run(roster, NULL);
}

/* The rota of a centre routing each officer to one line (`line_ini`),
 * sized per line, for the comparison of routings. */
static gboolean
make_rota(const char *rotaplan, const char *dir, const char *line_ini,
          const char *volumes, const char *officers, char **req, char **act)
{
    return make_rota_by(rotaplan, dir, line_ini, volumes, officers, "per-line",
                        "0", FALSE, req, act);
}

/* `rotaplan simulate` of the sample council's rota `act` against `req`,
 * 100 replications, CSV by `by`, into argv[SIM_ARGS]. */
#define SIM_ARGS 17
static void
sim_args(const char **argv, const char *rotaplan, const char *req,
         const char *act, const char *officers, const char *by)
{
    const char *a[SIM_ARGS] = {rotaplan,
                               "simulate",
                               "--config",
                               "data/centre.ini",
                               "--requirements",
                               req,
                               "--officers",
                               officers,
                               "--activities",
                               act,
                               "-n",
                               "100",
                               "--by",
                               by,
                               "--format",
                               "csv",
                               NULL};
    memcpy(argv, a, sizeof a);
}

/* The rota of `act` (a centre routing to one line) simulated as the rota
 * names the lines and routed by skill: service and abandonment over all
 * phone lines. */
static gboolean
compare_routing(const char *rotaplan, const char *dir, const char *what,
                const char *officers, const char *req, const char *act)
{
    g_autoptr(RpCentre) c = rp_centre_load("data/centre.ini", NULL);
    g_autofree char *act2 = g_build_filename(dir, "by-skill.csv", NULL);
    g_autofree char *skill_text = c ? by_skill(act, c) : NULL;
    g_autofree char *o1 = NULL, *o2 = NULL;
    const char *sim[SIM_ARGS];
    sim_args(sim, rotaplan, req, act, officers, "all");
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
    g_autofree char *cov = g_build_filename(dir, "coverage.csv", NULL);
    g_unlink(cov);
    g_unlink(req);
    g_unlink(act);
    g_unlink(rota);
    g_free(req);
    g_free(act);
}

/* Phone officer-hours a requirements CSV asks for (required x 15 min),
 * and each open phone row's "queue,interval_start" in `open`. */
static double
phone_hours(const char *req, const RpCentre *c, GHashTable *open)
{
    g_autofree char *text = NULL;
    if (!g_file_get_contents(req, &text, NULL, NULL))
        return NAN;
    double hours = 0.0;
    double interval_h = c->interval_min / 60.0;
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (size_t k = 1; lines[k] && *lines[k]; k++) {
        g_auto(GStrv) f = g_strsplit(lines[k], ",", -1);
        if (g_strv_length(f) < 9 || strcmp(f[2], "phone") != 0)
            continue;
        hours += g_ascii_strtod(f[8], NULL) * interval_h;
        if (open && strcmp(f[4], "1") == 0)
            g_hash_table_add(open, g_strdup_printf("%s,%s", f[1], f[0]));
    }
    return hours;
}

/* Phone officer-hours required (after any correction) and scheduled in
 * the roster's coverage file of `dir`. */
static void
coverage_hours(const char *dir, const RpCentre *c, double *required,
               double *scheduled)
{
    g_autofree char *path = g_build_filename(dir, "coverage.csv", NULL);
    g_autofree char *text = NULL;
    *required = *scheduled = NAN;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return;
    g_unlink(path);
    *required = *scheduled = 0.0;
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (size_t k = 1; lines[k] && *lines[k]; k++) {
        g_auto(GStrv) f = g_strsplit(lines[k], ",", -1);
        if (g_strv_length(f) < 6 || strcmp(f[2], "phone") != 0)
            continue;
        *required += g_ascii_strtod(f[4], NULL) * c->interval_min / 60.0;
        *scheduled += g_ascii_strtod(f[5], NULL) * c->interval_min / 60.0;
    }
}

/* One sizing model on `volumes`: hours asked, the rota simulated routed
 * by skill (the rota's own activities), the phone lines meeting their
 * standard over the week and the share of open line-intervals meeting
 * it. */
typedef struct {
    const char *what;     /* the week, for the line printed */
    const char *config;   /* the centre the rota is planned for */
    gboolean full_effort; /* the roster's default effort, not 2000
                             iterations without the bound */
} Figures;

static gboolean
model_figures(const char *rotaplan, const char *dir, const Figures *how,
              const char *volumes, const char *officers, const char *model,
              const char *corrections)
{
    g_autoptr(RpCentre) c = rp_centre_load("data/centre.ini", NULL);
    char *req, *act;
    const char *what = how->what;
    double cpu = children_cpu();
    if (c == NULL ||
        !make_rota_by(rotaplan, dir, how->config, volumes, officers, model,
                      corrections, how->full_effort, &req, &act))
        return FALSE;
    cpu = children_cpu() - cpu;
    g_autoptr(GHashTable) open =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    double asked = phone_hours(req, c, open), corrected, scheduled;
    coverage_hours(dir, c, &corrected, &scheduled);
    const char *sim[SIM_ARGS];
    sim_args(sim, rotaplan, req, act, officers, "all");
    g_autofree char *week = NULL, *intervals = NULL;
    gboolean ok = run(sim, &week);
    sim[13] = "interval";
    ok = ok && run(sim, &intervals);
    g_autofree char *d = g_strdup(dir);
    remove_files(d, req, act);
    if (!ok)
        return FALSE;
    GString *lines = g_string_new(NULL);
    int n_lines = 0, met = 0;
    g_auto(GStrv) rows = g_strsplit(week, "\n", -1);
    for (size_t k = 1; rows[k] && *rows[k]; k++) {
        g_auto(GStrv) f = g_strsplit(rows[k], ",", -1);
        int q = rp_centre_queue_index(c, f[0]);
        if (q < 0 || rp_centre_queue(c, (size_t)q)->channel != RP_CHANNEL_PHONE)
            continue;
        size_t n = g_strv_length(f);
        gboolean meets = strcmp(f[n - 1], "1") == 0;
        n_lines++;
        met += meets;
        g_string_append_printf(lines, " %s %.1f%%/%.1f%%%s", f[0],
                               100.0 * g_ascii_strtod(f[n - 13], NULL),
                               100.0 * g_ascii_strtod(f[n - 9], NULL),
                               meets ? "" : " (misses)");
    }
    int n_open = 0, open_met = 0;
    g_auto(GStrv) irows = g_strsplit(intervals, "\n", -1);
    for (size_t k = 1; irows[k] && *irows[k]; k++) {
        g_auto(GStrv) f = g_strsplit(irows[k], ",", -1);
        size_t n = g_strv_length(f);
        g_autofree char *key = g_strdup_printf("%s,%s", f[0], f[n - 18]);
        if (!g_hash_table_contains(open, key))
            continue;
        n_open++;
        open_met += strcmp(f[n - 1], "1") == 0;
    }
    printf("pooling: %s, %s, %s, --model %s, roster --corrections %s%s "
           "(%.0f CPU s to staff and roster): %.1f phone "
           "officer-hours asked (%.1f after the corrections), the rota gives "
           "%.1f; "
           "its rota simulated (100 replications, routed as its activities "
           "say): %d of "
           "%d lines meet 80%% in 20 s with at most 5%% abandoned over the "
           "week, %.1f%% of %d open line-intervals meet it;%s\n",
           what, how->config, officers, model, corrections,
           how->full_effort ? ", default effort" : "", cpu, asked, corrected,
           scheduled, met, n_lines, n_open ? 100.0 * open_met / n_open : NAN,
           n_open, lines->str);
    g_string_free(lines, TRUE);
    return TRUE;
}

/* data/centre.ini without its skill profiles and blended desks, in
 * `dir`: the rota logs every officer on the phones into every line they
 * hold.  (transfer full) the path */
static char *
no_profiles_centre(const char *dir)
{
    g_autofree char *text = NULL;
    if (!g_file_get_contents("data/centre.ini", &text, NULL, NULL))
        return NULL;
    GString *out = g_string_new(NULL);
    gboolean skip = FALSE;
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (size_t k = 0; lines[k]; k++) {
        if (lines[k][0] == '[')
            skip = g_str_has_prefix(lines[k], "[profile:");
        if (!skip && !g_str_has_prefix(lines[k], "blended ="))
            g_string_append_printf(out, "%s\n", lines[k]);
    }
    char *path = g_build_filename(dir, "no-profiles.ini", NULL);
    gboolean ok = g_file_set_contents(path, out->str, -1, NULL);
    g_string_free(out, TRUE);
    if (!ok)
        g_clear_pointer(&path, g_free);
    return path;
}

/* The phone officer-hours each model asks for on the demo week, and the
 * three models rostered and simulated on the 42% week. */
static int
pooling(const char *rotaplan)
{
    g_autofree char *dir = g_dir_make_tmp("rotaplan-bench-XXXXXX", NULL);
    g_autoptr(RpCentre) c = rp_centre_load("data/centre.ini", NULL);
    static const char *const models[] = {"per-line", "pooled", "skill-sets"};
    double h[3];
    g_autofree char *req = g_build_filename(dir, "req.csv", NULL);
    for (size_t m = 0; m < 3; m++) {
        const char *staff[] = {rotaplan,     "staff",
                               "--config",   "data/centre.ini",
                               "--volumes",  "data/volumes-week.csv",
                               "-o",         req,
                               "--summary",  "/dev/null",
                               "--model",    models[m],
                               "--officers", "data/officers.csv",
                               NULL};
        if (c == NULL || !run(staff, NULL))
            return 1;
        h[m] = phone_hours(req, c, NULL);
    }
    g_unlink(req);
    printf("pooling: demo week (rotaplan staff --config data/centre.ini "
           "--volumes data/volumes-week.csv --officers data/officers.csv "
           "--model M): phone officer-hours per-line %.1f, pooled %.1f, "
           "skill-sets %.1f (%.2f x pooled; target <= 1.15)\n",
           h[0], h[1], h[2], h[2] / h[1]);
    g_autofree char *light =
        rp_bench_scaled_volumes("data/volumes-week.csv", 0.42);
    g_autofree char *vol = g_build_filename(dir, "light.csv", NULL);
    if (light == NULL || !g_file_set_contents(vol, light, -1, NULL))
        return 1;
    printf("pooling: staff --model M --officers FILE, roster --officers "
           "FILE --iterations 2000 --no-bound [--corrections N], simulate "
           "-n 100\n");
    const char *shrt = "data/officers-short.csv";
    const Figures light_week = {"42% week", "data/centre.ini", FALSE};
    for (size_t m = 0; m < 3; m++)
        if (!model_figures(rotaplan, dir, &light_week, vol, shrt, models[m],
                           "0"))
            return 1;
    /* four rounds of correction; then without the skill profiles and the
     * blended desk (every officer on the phones logged into every line
     * held), and at the roster's default effort */
    g_autofree char *plain = no_profiles_centre(dir);
    const Figures plain_week = {"42% week", plain, FALSE};
    const Figures full_week = {"42% week", "data/centre.ini", TRUE};
    for (size_t m = 0; m < 4; m++) {
        const char *model = m % 2 ? "per-line" : "skill-sets";
        if (plain == NULL ||
            !model_figures(rotaplan, dir, m < 2 ? &light_week : &plain_week,
                           vol, shrt, model, "4"))
            return 1;
    }
    for (size_t m = 0; m < 2; m++)
        if (!model_figures(rotaplan, dir, &full_week, vol, shrt,
                           m ? "per-line" : "skill-sets", "4"))
            return 1;
    if (!model_figures(rotaplan, dir, &light_week, vol, shrt, "pooled", "8"))
        return 1;
    /* the three models, then pooled with four rounds of correction */
    const Figures demo = {"demo week", "data/centre.ini", FALSE};
    for (size_t m = 0; m < 4; m++)
        if (!model_figures(rotaplan, dir, &demo, "data/volumes-week.csv",
                           "data/officers.csv", models[m < 3 ? m : 1],
                           m < 3 ? "0" : "4"))
            return 1;
    g_unlink(plain);
    g_unlink(vol);
    g_rmdir(dir);
    return 0;
}

/* data/centre.ini with each officer on the phones taking one line, in
 * `dir`.  (transfer full) the path */
static char *
line_routing_centre(const char *dir)
{
    g_autofree char *text = NULL;
    if (!g_file_get_contents("data/centre.ini", &text, NULL, NULL))
        return NULL;
    g_auto(GStrv) parts = g_strsplit(text, "routing = skills", 2);
    g_autofree char *line = g_strjoinv("routing = line", parts);
    char *path = g_build_filename(dir, "line.ini", NULL);
    if (!g_file_set_contents(path, line, -1, NULL)) {
        g_free(path);
        return NULL;
    }
    return path;
}

static int
sample_week(const char *rotaplan)
{
    g_autofree char *dir = g_dir_make_tmp("rotaplan-bench-XXXXXX", NULL);
    g_autofree char *line_ini = line_routing_centre(dir);
    const char *all = "data/officers.csv", *shrt = "data/officers-short.csv";
    char *req, *act;
    if (line_ini == NULL ||
        !make_rota(rotaplan, dir, line_ini, "data/volumes-week.csv", all, &req,
                   &act))
        return 1;
    const char *sim[SIM_ARGS];
    sim_args(sim, rotaplan, req, act, all, "all");
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
    printf("simulation: sample council week (119 officers), 100 "
           "replications: %.2f s wall (best of 3; target < 2), %.2f CPU s\n",
           best, cpu);
    if (!compare_routing(rotaplan, dir, "sample council week, 119 officers",
                         all, req, act))
        return 1;
    remove_files(dir, req, act);

    /* at 42% of its volumes with the 40 officers, as bench_roster plans it */
    g_autofree char *light =
        rp_bench_scaled_volumes("data/volumes-week.csv", 0.42);
    g_autofree char *vol = g_build_filename(dir, "light.csv", NULL);
    if (light == NULL || !g_file_set_contents(vol, light, -1, NULL) ||
        !make_rota(rotaplan, dir, line_ini, vol, shrt, &req, &act) ||
        !compare_routing(rotaplan, dir,
                         "sample council at 42% of its volumes, 40 officers",
                         shrt, req, act))
        return 1;
    remove_files(dir, req, act);
    g_unlink(vol);
    g_unlink(line_ini);
    g_rmdir(dir);
    return 0;
}

/* Adds `v` to the double kept under `key` (taken) in `sums`. */
static void
add_to(GHashTable *sums, char *key, double v)
{
    double *x = g_hash_table_lookup(sums, key);
    if (x == NULL) {
        x = g_new0(double, 1);
        g_hash_table_insert(sums, g_strdup(key), x);
    }
    *x += v;
    g_free(key);
}

/* Per interval (its start as the plan's files write it): the officers
 * the rota of `activities` has at work (not on a break, a lunch or a
 * commitment) who hold a phone line open then (`open`: "queue,interval"
 * keys), each by their best proficiency on such a line: the officers
 * cli_roster_correct() counts as available.  (transfer full) */
static GHashTable *
available_officers(const RpCentre *c, const char *officers,
                   const char *activities, GHashTable *open)
{
    g_autofree char *otext = NULL, *atext = NULL;
    if (!g_file_get_contents(officers, &otext, NULL, NULL) ||
        !g_file_get_contents(activities, &atext, NULL, NULL))
        return NULL;
    /* officer -> "queue" -> proficiency */
    g_autoptr(GHashTable) skill = g_hash_table_new_full(
        g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_hash_table_unref);
    g_auto(GStrv) orow = g_strsplit(otext, "\n", -1);
    for (size_t k = 1; orow[k] && *orow[k]; k++) {
        g_auto(GStrv) f = g_strsplit(orow[k], ",", -1);
        if (g_strv_length(f) < 5)
            continue;
        GHashTable *own =
            g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        g_auto(GStrv) held = g_strsplit(f[4], ";", -1);
        for (size_t j = 0; held[j]; j++) {
            g_auto(GStrv) qp = g_strsplit(held[j], ":", 2);
            double *v = g_new(double, 1);
            *v = qp[1] ? g_ascii_strtod(qp[1], NULL) : 1.0;
            g_hash_table_insert(own, g_strdup(qp[0]), v);
        }
        g_hash_table_insert(skill, g_strdup(f[0]), own);
    }
    GHashTable *avail =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_auto(GStrv) arow = g_strsplit(atext, "\n", -1);
    for (size_t k = 1; arow[k] && *arow[k]; k++) {
        g_auto(GStrv) f = g_strsplit(arow[k], ",", -1);
        if (g_strv_length(f) < 4 || strcmp(f[3], "break") == 0 ||
            strcmp(f[3], "lunch") == 0 || strcmp(f[3], "commitment") == 0)
            continue;
        GHashTable *own = g_hash_table_lookup(skill, f[0]);
        double best = 0.0;
        for (guint q = 0; own && q < c->queues->len; q++) {
            const RpQueue *queue = rp_centre_queue(c, q);
            g_autofree char *key = g_strdup_printf("%s,%s", queue->id, f[1]);
            const double *p = g_hash_table_lookup(own, queue->id);
            if (queue->channel == RP_CHANNEL_PHONE && p &&
                g_hash_table_contains(open, key))
                best = MAX(best, *p);
        }
        add_to(avail, g_strdup(f[1]), best);
    }
    return avail;
}

/* The demo plan (make demo's week, 2026-W49, from the history) made as
 * plan makes it by default (the phones pooled, corrected in eight
 * rounds of simulation): the phone officer-hours it asks
 * for (the coverage file's requirement, after any correction) against
 * the fully pooled Erlang figure for the same forecast (`staff --model
 * pooled` on the plan's forecast.csv), and the share of open phone
 * line-intervals its rota meets in the plan's simulation (30 runs,
 * routed by skill), of all of them and of those where enough officers
 * are available: where the rota has at work at least as many officers
 * who could take calls as the fully pooled figure asks for all the lines
 * open then (available_officers(), the rule of the corrections; with
 * fewer, even all of them on the phones could not meet every line). */
static int
demo_plan(const char *rotaplan, const char *history)
{
    g_autofree char *dir = g_dir_make_tmp("rotaplan-bench-XXXXXX", NULL);
    g_autofree char *plan = g_build_filename(dir, "plan", NULL);
    g_autofree char *ini = g_build_filename(plan, "centre.ini", NULL);
    g_autofree char *fc = g_build_filename(plan, "forecast.csv", NULL);
    g_autofree char *pooled = g_build_filename(dir, "pooled.csv", NULL);
    g_autofree char *cov = g_build_filename(plan, "coverage.csv", NULL);
    g_autofree char *simi =
        g_build_filename(plan, "simulation-intervals.csv", NULL);
    g_autofree char *acts = g_build_filename(plan, "activities.csv", NULL);
    const char *plan_argv[RP_BENCH_PLAN_ARGC + 1];
    rp_bench_plan_argv(plan_argv, rotaplan, history, "data/officers.csv", plan);
    const char *staff[] = {
        rotaplan, "staff",     "--config",  ini,       "--volumes", fc,  "-o",
        pooled,   "--summary", "/dev/null", "--model", "pooled",    NULL};
    double wall, cpu;
    g_autoptr(RpCentre) c = rp_centre_load("data/centre.ini", NULL);
    g_autofree char *ctext = NULL, *stext = NULL;
    if (c == NULL || !timed(plan_argv, &wall, &cpu) || !run(staff, NULL) ||
        !g_file_get_contents(cov, &ctext, NULL, NULL) ||
        !g_file_get_contents(simi, &stext, NULL, NULL))
        return 1;
    g_autoptr(GHashTable) open =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    double pool_h = phone_hours(pooled, c, open);
    /* per interval: the pool's need (open lines) and the officers who
     * could take calls */
    g_autoptr(GHashTable) need =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GHashTable) on =
        available_officers(c, "data/officers.csv", acts, open);
    if (on == NULL)
        return 1;
    g_autofree char *ptext = NULL;
    if (!g_file_get_contents(pooled, &ptext, NULL, NULL))
        return 1;
    g_auto(GStrv) prow = g_strsplit(ptext, "\n", -1);
    for (size_t k = 1; prow[k] && *prow[k]; k++) {
        g_auto(GStrv) f = g_strsplit(prow[k], ",", -1);
        if (g_strv_length(f) >= 9 && strcmp(f[2], "phone") == 0 &&
            strcmp(f[4], "1") == 0)
            add_to(need, g_strdup(f[0]), g_ascii_strtod(f[8], NULL));
    }
    double asked = 0.0, gives = 0.0, h = c->interval_min / 60.0;
    g_auto(GStrv) crow = g_strsplit(ctext, "\n", -1);
    for (size_t k = 1; crow[k] && *crow[k]; k++) {
        g_auto(GStrv) f = g_strsplit(crow[k], ",", -1);
        if (g_strv_length(f) < 6 || strcmp(f[2], "phone") != 0)
            continue;
        asked += g_ascii_strtod(f[4], NULL) * h;
        gives += g_ascii_strtod(f[5], NULL) * h;
    }
    int n_open = 0, met = 0, n_enough = 0, met_enough = 0;
    g_autoptr(GHashTable) line_n = g_hash_table_new_full(
        g_str_hash, g_str_equal, g_free, g_free); /* [enough, met] */
    g_auto(GStrv) srow = g_strsplit(stext, "\n", -1);
    for (size_t k = 1; srow[k] && *srow[k]; k++) {
        g_auto(GStrv) f = g_strsplit(srow[k], ",", -1);
        size_t n = g_strv_length(f);
        g_autofree char *key = g_strdup_printf("%s,%s", f[0], f[n - 18]);
        if (!g_hash_table_contains(open, key))
            continue;
        gboolean meets = strcmp(f[n - 1], "1") == 0;
        const double *want = g_hash_table_lookup(need, f[n - 18]);
        const double *have = g_hash_table_lookup(on, f[n - 18]);
        n_open++;
        met += meets;
        if (want && have && *have + 1e-9 >= *want) {
            n_enough++;
            met_enough += meets;
            add_to(line_n, g_strdup_printf("%s,n", f[0]), 1.0);
            add_to(line_n, g_strdup_printf("%s,m", f[0]), meets);
        }
    }
    double worst = 2.0;
    const char *worst_q = "";
    for (guint q = 0; q < c->queues->len; q++) {
        const RpQueue *queue = rp_centre_queue(c, q);
        g_autofree char *kn = g_strdup_printf("%s,n", queue->id);
        g_autofree char *km = g_strdup_printf("%s,m", queue->id);
        const double *vn = g_hash_table_lookup(line_n, kn);
        const double *vm = g_hash_table_lookup(line_n, km);
        if (queue->channel == RP_CHANNEL_PHONE && vn && *vn > 0 &&
            *vm / *vn < worst) {
            worst = *vm / *vn;
            worst_q = queue->id;
        }
    }
    printf(
        "pooling: the demo plan (make demo's plan of 2026-W49, no "
        "scenarios; by default the phones pooled and corrected in 8 rounds): "
        "%.1f CPU s; asks %.1f "
        "phone officer-hours against the fully pooled Erlang figure "
        "%.1f (staff --model pooled on its forecast), %.3f x (target "
        "<= 1.15); the rota gives %.1f; simulated (the plan's 30 runs), "
        "%.1f%% of %d open line-intervals meet 80%% in 20 s with at most "
        "5%% abandoned, %.1f%% of the %d where enough officers are "
        "available (the rota's officers at work who could take calls at "
        "least the fully pooled figure for the lines open then; target "
        ">= 90%%), the "
        "worst line %s %.1f%% of its own\n",
        cpu, asked, pool_h, asked / pool_h, gives,
        n_open ? 100.0 * met / n_open : NAN, n_open,
        n_enough ? 100.0 * met_enough / n_enough : NAN, n_enough, worst_q,
        100.0 * worst);
    rp_bench_remove_tree(dir);
    return 0;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_sim ROTAPLAN [HISTORY]\n");
        return 2;
    }
    if (argc > 2 && strcmp(argv[2], "pooling") == 0)
        return pooling(argv[1]);
    if (argc > 2 && strcmp(argv[2], "plan") == 0)
        return demo_plan(argv[1],
                         argc > 3 ? argv[3] : "build/data/history.csv");
    const char *history = argc > 2 ? argv[2] : "build/data/history.csv";
    return contacts_per_second() || sample_week(argv[1]) || pooling(argv[1]) ||
           demo_plan(argv[1], history);
}
