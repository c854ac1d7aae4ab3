/* bench/bench_roster.c - the roster against its lower bound and CBC.
 *
 * Figures, each through the real command:
 *   1. the sample council (data/, 119 officers), one week at 15 minutes,
 *      30 s: the gap between the rota and the lower bound;
 *   2. its understaffed variant (data/officers-short.csv, 40 officers) at
 *      42% of its volumes (chosen when they could nearly staff it; `staff`
 *      now asks 1,661.8 officer-hours of it against the 1,438 they can
 *      work, so it is a week short of officers, docs/roster.md);
 *   3. a generated centre of 200 officers, 3 sites and 12 queues, 120 s:
 *      the gap and the peak memory of the run;
 *   and for each, the exported MPS model solved by CBC (Debian's
 *   coinor-cbc) with the same limit on elapsed time: CBC's best rota,
 *   its bound at the root (after its cuts) and at the end, beside
 *   rotaplan's;
 *   4. the sample council with the default effort (30000 iterations):
 *      the time it takes and its gap, twice with the rotas compared;
 *   5. shortage: the sample week with the 40 officers of
 *      data/officers-short.csv, the share of its required hours each
 *      line and desk gets (the fair sharing of a shortfall);
 *   6. shortage-demo: the same for the demo plan (2026-W49, from the
 *      history) made with those 40 officers.
 * The generated centre is made from a fixed seed, so every run plans the
 * same week.
 *   bench_roster ROTAPLAN [quick | sample | light | big | default |
 *                          shortage | shortage-demo [HISTORY] | write DIR]
 * runs everything (also given anything else, as `make bench` does), or
 * the first three in 5 s and 15 s, or one piece, or writes the generated
 * centre's files into DIR. */
#define _DEFAULT_SOURCE /* wait4 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bench/year.h"

#define SEED 20270111u

static const char *const centre_text =
    "# the generated centre of bench/bench_roster.c\n"
    "[centre]\nname = Generated centre (200 officers)\ninterval = 15m\n"
    "timezone = Europe/London\nfte_hours = 37h\n"
    "bank_holidays = england-and-wales\n"
    "[shrinkage]\nsickness = 4%%\nleave = 11%%\n"
    "[costs]\nhourly_rate = 13\noncost = 30%%\nevening_after = 18:00\n"
    "evening_premium = 25%%\nsaturday_premium = 50%%\n"
    "[site:north]\nhours = mon-fri 08:00-20:00; sat 09:00-13:00\n"
    "[site:east]\nhours = mon-fri 09:00-17:00\n"
    "[site:west]\nhours = mon-fri 09:00-17:00; sat 09:00-12:00\n"
    "%s" /* queues */
    "[queue:desk_north]\nchannel = reception\nsite = north\naht = 8m\n"
    "service_level = 90%%\nanswer_within = 10m\n"
    "[queue:desk_east]\nchannel = reception\nsite = east\naht = 8m\n"
    "service_level = 90%%\nanswer_within = 10m\n"
    "[queue:desk_west]\nchannel = reception\nsite = west\naht = 8m\n"
    "service_level = 90%%\nanswer_within = 10m\n"
    "[queue:email]\nchannel = email\nhours = mon-fri 08:00-18:00\n"
    "aht = 6m\ndeadline_days = 1\n"
    "[shifts]\nstarts = 08:00-12:00/30m, 13:00-16:00/1h\n"
    "lengths = 4h, 5h, 6h, 7h30m, 8h\n"
    "breaks = 15m paid 1h30m-2h30m after start over 4h; "
    "30m unpaid 3h-4h30m after start over 6h; "
    "15m paid 1h30m-2h30m before end over 7h\n"
    "hours = mon-fri 08:00-20:00; sat 08:30-13:30\n"
    "[shifts:east]\nhours = mon-fri 08:00-18:00\n"
    "[shifts:west]\nhours = mon-fri 08:00-18:00; sat 08:30-12:30\n";

/* The phone queues: name, calls a week, handling time (s). */
static const struct {
    const char *id;
    double calls;
    int aht_s;
} phones[] = {
    {"council_tax", 9400, 270}, {"benefits", 7600, 330},
    {"housing", 4700, 300},     {"environment", 6500, 200},
    {"parking", 4000, 210},     {"planning", 2700, 300},
    {"general", 6800, 180},     {"licensing", 1600, 240},
};

static char *
queue_groups(void)
{
    GString *s = g_string_new(NULL);
    for (size_t q = 0; q < G_N_ELEMENTS(phones); q++)
        g_string_append_printf(
            s,
            "[queue:%s]\nchannel = phone\nhours = mon-fri 08:00-20:00; "
            "sat 09:00-13:00\naht = %ds\npatience = 150s\n"
            "service_level = 80%%\nanswer_within = 20s\nabandon_max = 5%%\n",
            phones[q].id, phones[q].aht_s);
    return g_string_free(s, FALSE);
}

/* Share of a day's contacts in the quarter hour starting at `m` minutes:
 * a morning peak, a lunch dip and an afternoon bump. */
static double
intraday(int m)
{
    double h = m / 60.0;
    if (h < 7.5 || h >= 20.5)
        return 0.0;
    return exp(-0.5 * pow((h - 10.5) / 1.4, 2)) +
           0.75 * exp(-0.5 * pow((h - 14.5) / 1.6, 2)) + 0.2;
}

/* Volumes of the week of Monday 11 January 2027, every quarter hour. */
static char *
volumes_text(GRand *rng)
{
    static const double day_share[7] = {1.25, 1.1, 1.0, 1.0, 0.9, 0.35, 0};
    GString *s = g_string_new("interval_start,queue,contacts\n");
    for (int d = 0; d < 7; d++) {
        double norm = 0.0;
        for (int m = 0; m < 1440; m += 15)
            norm += intraday(m);
        for (int m = 0; m < 1440; m += 15) {
            char when[32];
            g_snprintf(when, sizeof when, "2027-01-%02dT%02d:%02d", 11 + d,
                       m / 60, m % 60);
            double f = intraday(m) / norm * day_share[d] / 5.6;
            for (size_t q = 0; q < G_N_ELEMENTS(phones); q++)
                g_string_append_printf(s, "%s,%s,%.3f\n", when, phones[q].id,
                                       phones[q].calls * f *
                                           g_rand_double_range(rng, 0.9, 1.1));
            static const char *const desks[] = {"desk_north", "desk_east",
                                                "desk_west"};
            static const double visits[] = {1400, 700, 550};
            for (size_t k = 0; k < 3; k++)
                g_string_append_printf(s, "%s,%s,%.3f\n", when, desks[k],
                                       visits[k] * f);
            g_string_append_printf(s, "%s,email,%.3f\n", when, 3000.0 / 672);
        }
    }
    return g_string_free(s, FALSE);
}

/* 200 officers: 120 at north, 40 at each office; two to five phone
 * lines, the home desk for most, email for some; full and part time. */
static char *
officers_text(GRand *rng)
{
    static const char *const sites[] = {"north", "east", "west"};
    GString *s = g_string_new("id,name,home_site,sites,skills,contract,"
                              "min_hours,max_hours,days,hourly_cost,"
                              "evenings,saturdays\n");
    for (int i = 0; i < 200; i++) {
        int home = i < 120 ? 0 : i < 160 ? 1 : 2;
        GString *skills = g_string_new(NULL);
        int n = g_rand_int_range(rng, 2, 6),
            first = g_rand_int_range(rng, 0, 8);
        for (int k = 0; k < n; k++) {
            static const char *const prof[] = {"1", "1", "0.8", "0.6"};
            g_string_append_printf(
                skills, "%s%s:%s", k ? ";" : "", phones[(first + 3 * k) % 8].id,
                k == 0 ? "1" : prof[g_rand_int_range(rng, 0, 4)]);
        }
        if (home > 0 || g_rand_int_range(rng, 0, 4) == 0)
            g_string_append_printf(skills, ";desk_%s:1", sites[home]);
        if (g_rand_int_range(rng, 0, 3) == 0)
            g_string_append(skills, ";email:1");
        gboolean full = g_rand_int_range(rng, 0, 100) < 65;
        const char *extra = home > 0 && i % 5 == 0 ? "north" : "";
        g_string_append_printf(
            s, "g%03d,Officer %d,%s,%s,%s,%s,%s,%s,%d,%.2f,%s,%s\n", i + 1,
            i + 1, sites[home], extra, skills->str, full ? "37h" : "22h30m",
            full ? "35h" : "16h", full ? "40h" : "30h", full ? 5 : 4,
            g_rand_double_range(rng, 12.0, 16.5),
            g_rand_int_range(rng, 0, 10) < 6 ? "yes" : "no",
            g_rand_int_range(rng, 0, 10) < 5 ? "yes" : "no");
        g_string_free(skills, TRUE);
    }
    return g_string_free(s, FALSE);
}

/* Runs `argv`; its peak resident memory (KiB) goes to *rss_kib. */
static gboolean
run(const char *const *argv, long *rss_kib)
{
    g_autoptr(GError) error = NULL;
    GPid pid;
    if (!g_spawn_async(NULL, (char **)(void *)(gsize)argv, NULL,
                       G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                           G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, &pid, &error)) {
        fprintf(stderr, "bench_roster: %s: %s\n", argv[1], error->message);
        return FALSE;
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid ||
        !g_spawn_check_wait_status(status, &error)) {
        fprintf(stderr, "bench_roster: %s failed: %s\n", argv[1],
                error ? error->message : "wait");
        return FALSE;
    }
    if (rss_kib)
        *rss_kib = ru.ru_maxrss;
    return TRUE;
}

/* The value of column `name` in the one-row CSV file `path`. */
static double
summary_value(const char *path, const char *name)
{
    g_autofree char *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return NAN;
    g_auto(GStrv) lines = g_strsplit(text, "\n", 3);
    if (!lines[0] || !lines[1])
        return NAN;
    g_auto(GStrv) head = g_strsplit(lines[0], ",", -1);
    g_auto(GStrv) row = g_strsplit(lines[1], ",", -1);
    for (size_t k = 0; head[k] && row[k]; k++)
        if (strcmp(head[k], name) == 0)
            return g_ascii_strtod(row[k], NULL);
    return NAN;
}

typedef struct {
    double objective;  /* best rota: NAN none, -INFINITY no cbc */
    double root_bound; /* after the cuts at the root, NAN unknown */
    double bound;      /* at the end */
} Cbc;

/* The number after `label` in `text`, or NAN. */
static double
number_after(const char *text, const char *label)
{
    const char *at = text ? strstr(text, label) : NULL;
    return at ? g_ascii_strtod(at + strlen(label), NULL) : NAN;
}

/* Solves `mps` with CBC for `seconds` of elapsed time (CBC's `sec`
 * counts processor time unless timeMode is elapsed).  CBC checks its
 * time limit only between steps (not inside the first LP), so it is
 * stopped from outside 15 s after the limit. */
static void
cbc(const char *mps, int seconds, Cbc *out)
{
    *out = (Cbc){-INFINITY, NAN, NAN};
    g_autofree char *prog = g_find_program_in_path("cbc");
    g_autofree char *timeout = g_find_program_in_path("timeout");
    if (prog == NULL || timeout == NULL)
        return;
    g_autofree char *sec = g_strdup_printf("%d", seconds);
    g_autofree char *kill = g_strdup_printf("%d", seconds + 15);
    const char *argv[] = {timeout, "--signal=KILL", kill,      prog,
                          mps,     "-timeMode",     "elapsed", "-sec",
                          sec,     "-solve",        "-quit",   NULL};
    g_autofree char *text = NULL;
    out->objective = NAN;
    if (!g_spawn_sync(NULL, (char **)(void *)(gsize)argv, NULL,
                      G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, NULL,
                      NULL) ||
        text == NULL)
        return;
    /* "Cuts at root node changed objective from A to B" */
    const char *cuts = text ? strstr(text, "changed objective from") : NULL;
    if (cuts)
        out->root_bound = number_after(cuts, " to ");
    else
        out->root_bound = number_after(text, "Continuous objective value is");
    out->bound = number_after(text, "Lower bound:");
    if (strstr(text, "Optimal solution found"))
        out->bound = number_after(text, "Objective value:");
    if (!strstr(text, "No feasible solution") &&
        !strstr(text, "best objective 1e+50"))
        out->objective = number_after(text, "Objective value:");
}

typedef struct {
    double objective, bound, gap, seconds, iterations;
    gboolean cut; /* the time limit ended the run */
    Cbc cbc;
    long rss_kib;     /* the solve */
    long mps_rss_kib; /* writing the MPS model */
} Figures;

/* staff, then roster without corrections, the solver alone (with
 * `limit` seconds and --iterations 0, or the default effort when `limit`
 * is 0), then, unless `with_cbc` is FALSE, the MPS model written and CBC
 * with the same limit.  The rota goes to `rota` unless NULL. */
static gboolean
measure(const char *rotaplan, const char *dir, const char *config,
        const char *officers, const char *volumes, int limit, gboolean with_cbc,
        const char *rota, Figures *f)
{
    g_autofree char *req = g_build_filename(dir, "req.csv", NULL);
    g_autofree char *sum = g_build_filename(dir, "summary.csv", NULL);
    g_autofree char *mps = g_build_filename(dir, "model.mps", NULL);
    g_autofree char *tl = g_strdup_printf("%ds", limit);
    const char *staff[] = {rotaplan,    "staff",     "--config", config,
                           "--volumes", volumes,     "-o",       req,
                           "--summary", "/dev/null", NULL};
    /* the solve, timed, then the model written by a run of its own */
    const char *roster[] = {rotaplan,
                            "roster",
                            "--config",
                            config,
                            "--officers",
                            officers,
                            "--requirements",
                            req,
                            "--summary",
                            sum,
                            "-o",
                            rota ? rota : "/dev/null",
                            "--corrections",
                            "0",
                            limit > 0 ? "--time-limit" : NULL,
                            tl,
                            "--iterations",
                            "0",
                            NULL};
    const char *model[] = {rotaplan,
                           "roster",
                           "--config",
                           config,
                           "--officers",
                           officers,
                           "--requirements",
                           req,
                           "--iterations",
                           "1",
                           "--no-bound",
                           "--export-mps",
                           mps,
                           NULL};
    if (!run(staff, NULL) || !run(roster, &f->rss_kib) ||
        (with_cbc && !run(model, &f->mps_rss_kib)))
        return FALSE;
    f->objective = summary_value(sum, "objective");
    f->bound = summary_value(sum, "bound");
    f->gap = summary_value(sum, "gap");
    f->seconds = summary_value(sum, "seconds");
    f->iterations = summary_value(sum, "iterations");
    g_autofree char *text = NULL;
    f->cut = g_file_get_contents(sum, &text, NULL, NULL) &&
             strstr(text, "\ntime_limit,") != NULL;
    f->cbc = (Cbc){-INFINITY, NAN, NAN};
    if (with_cbc)
        cbc(mps, limit, &f->cbc);
    g_remove(req);
    g_remove(sum);
    g_remove(mps);
    return TRUE;
}

static void
report(const char *what, const Figures *f, double target)
{
    printf("%s: objective %.2f, bound %.2f, gap %.2f%% (target <= %.1f%%), "
           "%.1f s, %.0f iterations%s, peak memory %.0f MiB",
           what, f->objective, f->bound, 100.0 * f->gap, 100.0 * target,
           f->seconds, f->iterations, f->cut ? " (time limit)" : "",
           (double)f->rss_kib / 1024.0);
    if (f->mps_rss_kib > 0)
        printf(" (%.0f MiB writing the MPS model)",
               (double)f->mps_rss_kib / 1024.0);
    printf("\n");
    const Cbc *c = &f->cbc;
    if (f->mps_rss_kib == 0) /* CBC not asked */
        c = NULL;
    if (c == NULL)
        fflush(stdout);
    else if (isinf(c->objective))
        printf("  CBC: not run or not installed (Debian package "
               "coinor-cbc)\n");
    else {
        if (isnan(c->objective))
            printf("  CBC on the exported MPS, same elapsed time: no "
                   "feasible solution found");
        else
            printf("  CBC on the exported MPS, same elapsed time: best "
                   "%.2f (%s rotaplan's)",
                   c->objective,
                   c->objective < f->objective - 1e-6 ? "BETTER than"
                                                      : "not better than");
        printf("; its root bound (after cuts) %.2f, final bound %.2f; "
               "rotaplan's bound %.2f is %s CBC's root bound\n",
               c->root_bound, c->bound, f->bound,
               isnan(c->root_bound)               ? "not comparable with"
               : f->bound >= c->root_bound - 1e-6 ? "at least as strong as"
                                                  : "weaker than");
    }
    fflush(stdout);
}

/* The generated centre's files in `dir`; FALSE if they cannot be
 * written. */
static gboolean
write_generated(const char *dir, char **config, char **volumes, char **officers)
{
    g_autoptr(GRand) rng = g_rand_new_with_seed(SEED);
    g_autofree char *queues = queue_groups();
    g_autofree char *ini = g_strdup_printf(centre_text, queues);
    g_autofree char *vol = volumes_text(rng);
    g_autofree char *off = officers_text(rng);
    *config = g_build_filename(dir, "centre.ini", NULL);
    *volumes = g_build_filename(dir, "volumes.csv", NULL);
    *officers = g_build_filename(dir, "officers.csv", NULL);
    return g_file_set_contents(*config, ini, -1, NULL) &&
           g_file_set_contents(*volumes, vol, -1, NULL) &&
           g_file_set_contents(*officers, off, -1, NULL);
}

static gboolean
piece_sample(const char *rotaplan, const char *dir, gboolean quick)
{
    Figures f = {0};
    if (!measure(rotaplan, dir, "data/centre.ini", "data/officers.csv",
                 "data/volumes-week.csv", quick ? 5 : 30, TRUE, NULL, &f))
        return FALSE;
    report(quick ? "roster, sample council, 5 s"
                 : "roster, sample council (119 officers), one week, 30 s",
           &f, 0.002);
    return TRUE;
}

/* the sample's volumes need about 100 FTE; at 42% of them the 40
 * officers of the understaffed variant can nearly meet the requirements,
 * and pay, not unavoidable understaffing, decides */
static gboolean
piece_light(const char *rotaplan, const char *dir, gboolean quick)
{
    g_autofree char *light =
        rp_bench_scaled_volumes("data/volumes-week.csv", 0.42);
    g_autofree char *path = g_build_filename(dir, "light.csv", NULL);
    Figures f = {0};
    if (light == NULL || !g_file_set_contents(path, light, -1, NULL) ||
        !measure(rotaplan, dir, "data/centre.ini", "data/officers-short.csv",
                 path, quick ? 5 : 30, TRUE, NULL, &f))
        return FALSE;
    g_remove(path);
    report(quick ? "roster, 40 officers at 42% volumes, 5 s"
                 : "roster, 40 officers (officers-short.csv) at 42% of the "
                   "volumes, 30 s",
           &f, 0.02);
    return TRUE;
}

static gboolean
piece_big(const char *rotaplan, const char *dir, gboolean quick)
{
    g_autofree char *config = NULL, *volumes = NULL, *officers = NULL;
    Figures f = {0};
    gboolean ok = write_generated(dir, &config, &volumes, &officers) &&
                  measure(rotaplan, dir, config, officers, volumes,
                          quick ? 15 : 120, TRUE, NULL, &f);
    g_remove(config);
    g_remove(volumes);
    g_remove(officers);
    if (ok)
        report(quick ? "roster, generated centre, 15 s"
                     : "roster, generated centre (200 officers, 3 sites, 12 "
                       "queues), 120 s",
               &f, 0.01);
    return ok;
}

/* Each phone line's and desk's scheduled officer-hours (up to its
 * requirement, interval by interval) against its required, from the
 * coverage file `cov` (the requirement the rota was solved against) or,
 * when `req` is given, against that requirements file's (a plan's own,
 * before any correction by simulation), and how far apart the shares lie
 * (the target: within a factor of 1.5), printed after `what`. */
static gboolean
print_shares(const char *what, const char *cov, const char *req)
{
    g_autofree char *text = NULL, *rtext = NULL;
    if (!g_file_get_contents(cov, &text, NULL, NULL) ||
        (req && !g_file_get_contents(req, &rtext, NULL, NULL)))
        return FALSE;
    /* interval_start,queue,channel,site,open,contacts,aht_s,traffic,
     * required,...: the plan's own requirement per interval and queue */
    g_autoptr(GHashTable) own =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_auto(GStrv) rrows = g_strsplit(rtext ? rtext : "", "\n", -1);
    for (size_t k = 1; rrows[0] && rrows[k] && *rrows[k]; k++) {
        g_auto(GStrv) f = g_strsplit(rrows[k], ",", -1);
        if (g_strv_length(f) < 9)
            continue;
        double *v = g_new(double, 1);
        *v = g_ascii_strtod(f[8], NULL);
        g_hash_table_insert(own, g_strdup_printf("%s,%s", f[0], f[1]), v);
    }
    /* interval_start,queue,channel,site,required,scheduled,... */
    g_autoptr(GHashTable) need =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_auto(GStrv) rows = g_strsplit(text, "\n", -1);
    for (size_t k = 1; rows[k] && *rows[k]; k++) {
        g_auto(GStrv) f = g_strsplit(rows[k], ",", -1);
        if (g_strv_length(f) < 6 ||
            (strcmp(f[2], "phone") != 0 && strcmp(f[2], "reception") != 0))
            continue;
        double *v = g_hash_table_lookup(need, f[1]);
        if (v == NULL) {
            v = g_new0(double, 2);
            g_hash_table_insert(need, g_strdup(f[1]), v);
        }
        double r = g_ascii_strtod(f[4], NULL);
        if (req) {
            g_autofree char *key = g_strdup_printf("%s,%s", f[0], f[1]);
            const double *o = g_hash_table_lookup(own, key);
            r = o ? *o : 0.0;
        }
        v[0] += r;
        v[1] += MIN(r, g_ascii_strtod(f[5], NULL));
    }
    g_autoptr(GList) keys =
        g_list_sort(g_hash_table_get_keys(need), (GCompareFunc)strcmp);
    double lo = INFINITY, hi = 0.0;
    const char *lo_q = "", *hi_q = "";
    GString *each = g_string_new(NULL);
    for (GList *l = keys; l; l = l->next) {
        const double *v = g_hash_table_lookup(need, l->data);
        if (v[0] <= 0.0)
            continue;
        double share = v[1] / v[0];
        g_string_append_printf(each, " %s %.2f", (char *)l->data, share);
        if (share < lo)
            lo = share, lo_q = l->data;
        if (share > hi)
            hi = share, hi_q = l->data;
    }
    printf("%s: scheduled / required officer-hours per line and desk from "
           "%.3f (%s) to %.3f (%s), a factor of %.3f (target <= 1.5);%s\n",
           what, lo, lo_q, hi, hi_q, hi / lo, each->str);
    g_string_free(each, TRUE);
    return TRUE;
}

/* The sample week with the 40 officers of data/officers-short.csv, far
 * too few, with the default effort: the fair sharing of a shortfall. */
static gboolean
piece_shortage(const char *rotaplan, const char *dir)
{
    g_autofree char *req = g_build_filename(dir, "req.csv", NULL);
    g_autofree char *cov = g_build_filename(dir, "coverage.csv", NULL);
    const char *staff[] = {rotaplan,    "staff",
                           "--config",  "data/centre.ini",
                           "--volumes", "data/volumes-week.csv",
                           "-o",        req,
                           "--summary", "/dev/null",
                           NULL};
    const char *roster[] = {rotaplan,
                            "roster",
                            "--config",
                            "data/centre.ini",
                            "--officers",
                            "data/officers-short.csv",
                            "--requirements",
                            req,
                            "--no-bound",
                            "--corrections",
                            "0",
                            "--coverage",
                            cov,
                            "-o",
                            "/dev/null",
                            NULL};
    gboolean ok =
        run(staff, NULL) && run(roster, NULL) &&
        print_shares("roster, sample week (data/volumes-week.csv) with the "
                     "40 officers of data/officers-short.csv, default effort",
                     cov, NULL);
    g_remove(req);
    g_remove(cov);
    return ok;
}

/* The demo week (`make demo`'s plan of 2026-W49) with the 40 officers of
 * data/officers-short.csv instead of the 119: the same shares, from the
 * plan's coverage file, against its requirement after the corrections
 * and against the plan's own before them. */
static gboolean
piece_shortage_demo(const char *rotaplan, const char *dir, const char *history)
{
    g_autofree char *plan = g_build_filename(dir, "plan", NULL);
    g_autofree char *cov = g_build_filename(plan, "coverage.csv", NULL);
    g_autofree char *req = g_build_filename(plan, "requirements.csv", NULL);
    const char *argv[RP_BENCH_PLAN_ARGC + 1];
    rp_bench_plan_argv(argv, rotaplan, history, "data/officers-short.csv",
                       plan);
    gboolean ok = run(argv, NULL) &&
                  print_shares("plan, demo week 2026-W49 (make demo) with the "
                               "40 officers of data/officers-short.csv, "
                               "against the requirement the rota was solved "
                               "against (coverage.csv)",
                               cov, NULL) &&
                  print_shares("  the same against the plan's own "
                               "requirement before the corrections "
                               "(requirements.csv)",
                               cov, req);
    rp_bench_remove_tree(plan);
    return ok;
}

/* The default effort, twice: the same rota both times, whatever the
 * machine's load. */
static gboolean
piece_default(const char *rotaplan, const char *dir)
{
    g_autofree char *a = g_build_filename(dir, "rota-a.csv", NULL);
    g_autofree char *b = g_build_filename(dir, "rota-b.csv", NULL);
    Figures f = {0}, g = {0};
    if (!measure(rotaplan, dir, "data/centre.ini", "data/officers.csv",
                 "data/volumes-week.csv", 0, FALSE, a, &f) ||
        !measure(rotaplan, dir, "data/centre.ini", "data/officers.csv",
                 "data/volumes-week.csv", 0, FALSE, b, &g))
        return FALSE;
    g_autofree char *ta = NULL, *tb = NULL;
    gboolean same = g_file_get_contents(a, &ta, NULL, NULL) &&
                    g_file_get_contents(b, &tb, NULL, NULL) &&
                    strcmp(ta, tb) == 0;
    g_remove(a);
    g_remove(b);
    report("roster, sample council, default effort", &f, 0.002);
    printf("  a second run: %.1f s, objective %.2f, the rota %s\n", g.seconds,
           g.objective, same ? "byte for byte the same" : "DIFFERENT");
    return TRUE;
}

int
main(int argc, char **argv)
{
    const char *rotaplan = argc > 1 ? argv[1] : "build/rotaplan";
    const char *piece = argc > 2 ? argv[2] : "";
    gboolean quick = strcmp(piece, "quick") == 0;
    if (strcmp(piece, "write") == 0) {
        g_autofree char *config = NULL, *volumes = NULL, *officers = NULL;
        return argc > 3 &&
                       write_generated(argv[3], &config, &volumes, &officers)
                   ? 0
                   : 1;
    }
    g_autofree char *dir = g_dir_make_tmp("rp-bench-roster-XXXXXX", NULL);
    /* `make bench` passes the history file: everything */
    static const char *const pieces[] = {
        "sample", "light", "big", "default", "shortage", "shortage-demo"};
    gboolean all = TRUE, ok = TRUE;
    for (size_t k = 0; k < G_N_ELEMENTS(pieces); k++)
        all &= strcmp(piece, pieces[k]) != 0;
    if (all || strcmp(piece, "sample") == 0)
        ok = ok && piece_sample(rotaplan, dir, quick);
    if (all || strcmp(piece, "light") == 0)
        ok = ok && piece_light(rotaplan, dir, quick);
    if (all || strcmp(piece, "big") == 0)
        ok = ok && piece_big(rotaplan, dir, quick);
    if ((all && !quick) || strcmp(piece, "default") == 0)
        ok = ok && piece_default(rotaplan, dir);
    if ((all && !quick) || strcmp(piece, "shortage") == 0)
        ok = ok && piece_shortage(rotaplan, dir);
    /* the history: `make bench`'s argument, or after the piece's name */
    const char *history = strcmp(piece, "shortage-demo") == 0
                              ? (argc > 3 ? argv[3] : NULL)
                              : piece;
    if (history == NULL || *history == '\0')
        history = "build/data/history.csv";
    if ((all && !quick) || strcmp(piece, "shortage-demo") == 0)
        ok = ok && piece_shortage_demo(rotaplan, dir, history);
    g_rmdir(dir);
    return ok ? 0 : 1;
}
