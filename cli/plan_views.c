/* cli/plan_views.c - the report's first two parts: the week at a glance
 * (the verdict grid, cost against budget, FTE in post against needed)
 * and the rota per site (officer by day, positions as coloured blocks)
 * with its cover by hour.
 *
 * Both are HTML tables rather than charts: a manager reads the figures,
 * a browser prints them (one site per A4 landscape page, see the print
 * rules in cli/report.c) and the browser check can count the officers.
 * Each verdict cell is one queue-day: the simulated figure where the
 * simulation has one (what the centre would see, calls routed as its
 * call distributor routes them), else the Erlang evaluation's. */
#include <math.h>
#include <string.h>

#include "cli/plan.h"
#include "common/units.h"

const char *const plan_weekday_names[7] = {"Mon", "Tue", "Wed", "Thu",
                                           "Fri", "Sat", "Sun"};

/* How near a missed day must come to count as "near": within this many
 * percentage points of the target (docs/plan.md). */
#define NEAR_POINTS 0.05

int
plan_channel_group(RpChannel channel)
{
    return channel == RP_CHANNEL_PHONE       ? 0
           : channel == RP_CHANNEL_RECEPTION ? 1
                                             : 2;
}

static void
append_escaped(GString *out, const char *text)
{
    g_autofree char *e = g_markup_escape_text(text, -1);
    g_string_append(out, e);
}

/* The name a row of the grid carries: desks by their site (a desk is the
 * site's), other queues by their short name. */
static char *
row_name(const RpCentre *c, const RpQueue *q)
{
    if (q->channel == RP_CHANNEL_RECEPTION && q->site >= 0)
        return rp_centre_short_name(rp_centre_site(c, (size_t)q->site)->name);
    return rp_centre_short_name(q->name);
}

/* ---- the verdict -------------------------------------------------------- */

typedef struct {
    const char *verdict; /* "met", "near", "miss" */
    char figure[16];     /* what the cell shows */
    char detail[200];    /* its tooltip */
} VerdictCell;

/* "20 s", "17 min" */
static void
duration_text(double s, char *buf, size_t size)
{
    if (s >= 120.0)
        g_snprintf(buf, size, "%.0f min", s / 60.0);
    else
        g_snprintf(buf, size, "%.0f s", s);
}

/* The day `d` of the evaluation with the simulated figures of `s` (NULL:
 * none, or none known) in place of the Erlang ones. */
static RpEvalDay
shown_day(const RpQueue *q, const RpEvalDay *d, const RpSimRow *s)
{
    RpEvalDay shown = *d;
    if (s == NULL || isnan(s->service_level))
        return shown;
    shown.service_level = s->service_level;
    shown.meets = s->meets;
    if (rp_channel_is_deferred(q->channel)) {
        shown.late_items = s->late_items;
    } else {
        shown.p_abandon = s->p_abandon;
        shown.asa_s = s->asa_s;
    }
    return shown;
}

/* The simulated row of queue q on local day `day`, or NULL. */
static const RpSimRow *
sim_day(const RpCentre *c, const GArray *sim_days, guint q, gint64 day)
{
    for (guint k = 0; sim_days != NULL && k < sim_days->len; k++) {
        const RpSimRow *r = &g_array_index(sim_days, RpSimRow, k);
        if (r->queue == q && rp_centre_local_day(c, r->start_utc) == day)
            return r;
    }
    return NULL;
}

static void
verdict_cell(const RpQueue *q, const RpEvalDay *d, VerdictCell *v)
{
    gboolean deferred = rp_channel_is_deferred(q->channel);
    double target = deferred ? 1.0 : q->standard.service_level;
    double sl = d->service_level;
    v->verdict = d->meets                                     ? "met"
                 : isfinite(sl) && sl >= target - NEAR_POINTS ? "near"
                                                              : "miss";
    if (isfinite(sl))
        g_snprintf(v->figure, sizeof v->figure, "%.0f%%", 100.0 * sl);
    else
        g_strlcpy(v->figure, "n/a", sizeof v->figure);
    if (deferred)
        g_snprintf(v->detail, sizeof v->detail,
                   "%.0f items in; of %.0f due by the close (%.0f working "
                   "day(s) on), %.0f%% dealt with in time (standard 100%%), "
                   "%.0f late; %.1f officer-hours of work left (the plan "
                   "leaves %.1f)",
                   d->contacts, d->due_items, q->deadline_days, 100.0 * sl,
                   d->late_items, d->backlog_hours, d->planned_backlog_hours);
    else {
        /* a wait that grows without limit in words */
        char when[32], wait[48], asa[32];
        duration_text(q->standard.answer_within_s, when, sizeof when);
        duration_text(d->asa_s, asa, sizeof asa);
        if (isfinite(d->asa_s))
            g_snprintf(wait, sizeof wait, "average wait %s", asa);
        else
            g_strlcpy(wait, "the wait grows without limit", sizeof wait);
        g_snprintf(v->detail, sizeof v->detail,
                   "%.0f contacts; %.0f%% answered within %s (standard "
                   "%.0f%%); %.0f%% hung up; %s",
                   d->contacts, 100.0 * sl, when, 100.0 * target,
                   100.0 * d->p_abandon, wait);
    }
}

/* Days of the evaluation, in order; the week's first day in *day0. */
static size_t
eval_days(const RpEvaluation *e, gint64 *day0)
{
    gint64 lo = G_MAXINT64, hi = G_MININT64;
    for (guint i = 0; i < e->days->len; i++) {
        const RpEvalDay *d = &g_array_index(e->days, RpEvalDay, i);
        lo = MIN(lo, d->day);
        hi = MAX(hi, d->day);
    }
    *day0 = lo;
    return e->days->len ? (size_t)(hi - lo + 1) : 0;
}

static void
verdict_grid(GString *out, const RpCentre *c, const RpEvaluation *e,
             const GArray *sim_days, size_t *met, size_t *total)
{
    static const char *const groups[] = {
        "Telephone lines (golden numbers): calls answered in time",
        "Desks: visitors seen in time",
        "Deferred work: items dealt with by the deadline"};
    gint64 day0;
    size_t n_days = eval_days(e, &day0);
    size_t n_q = c->queues->len;
    /* the evaluation day of each queue and day, NULL when closed */
    g_autofree const RpEvalDay **at = g_new0(const RpEvalDay *, n_q *n_days);
    for (guint i = 0; i < e->days->len; i++) {
        const RpEvalDay *d = &g_array_index(e->days, RpEvalDay, i);
        at[d->queue * n_days + (size_t)(d->day - day0)] = d;
    }
    g_string_append(out, "<table class=\"verdict\">\n<thead><tr><th></th>");
    for (size_t k = 0; k < n_days; k++) {
        char date[16];
        rp_format_date(day0 + (gint64)k, date, sizeof date);
        g_string_append_printf(out, "<th>%s<br><small>%s</small></th>",
                               plan_weekday_names[rp_weekday(day0 + (gint64)k)],
                               date + 5);
    }
    g_string_append(out, "</tr></thead>\n<tbody>\n");
    *met = *total = 0;
    for (int g = 0; g < 3; g++) {
        gboolean head = FALSE;
        for (size_t q = 0; q < n_q; q++) {
            const RpQueue *queue = rp_centre_queue(c, q);
            if (plan_channel_group(queue->channel) != g)
                continue;
            if (!head) {
                g_string_append_printf(
                    out,
                    "<tr class=\"group\"><th colspan=\"%zu\">"
                    "%s</th></tr>\n",
                    n_days + 1, groups[g]);
                head = TRUE;
            }
            g_autofree char *name = row_name(c, queue);
            g_string_append(out, "<tr><th title=\"");
            append_escaped(out, queue->name);
            g_string_append(out, "\">");
            append_escaped(out, name);
            g_string_append(out, "</th>");
            for (size_t k = 0; k < n_days; k++) {
                const RpEvalDay *d = at[q * n_days + k];
                if (d == NULL) {
                    g_string_append(out, "<td class=\"closed\">closed</td>");
                    continue;
                }
                VerdictCell v;
                RpEvalDay shown =
                    shown_day(queue, d, sim_day(c, sim_days, (guint)q, d->day));
                verdict_cell(queue, &shown, &v);
                *met += shown.meets ? 1 : 0;
                (*total)++;
                g_string_append_printf(out, "<td class=\"%s\" title=\"",
                                       v.verdict);
                append_escaped(out, v.detail);
                g_string_append_printf(out, "\">%s</td>", v.figure);
            }
            g_string_append(out, "</tr>\n");
        }
    }
    g_string_append(out, "</tbody>\n</table>\n");
}

/* Staffing every interval exactly as the standards need, grossed up for
 * shrinkage: its cost and FTE, as the scenarios price it. */
static void
standards_cost(const RpCentre *c, const RpRequirements *req, double *cost,
               double *fte)
{
    double h = c->interval_min / 60.0, hours = 0.0;
    *cost = 0.0;
    for (guint i = 0; i < req->rows->len; i++) {
        const RpRequirement *r = &g_array_index(req->rows, RpRequirement, i);
        hours += r->scheduled * h;
        *cost += r->scheduled * h * c->costs.hourly_rate *
                 rp_centre_pay_factor(c, r->start);
    }
    *fte = hours / c->fte_hours;
}

static void
fact(GString *out, const char *what, const char *value, const char *note)
{
    g_string_append(out, "<tr><th>");
    append_escaped(out, what);
    g_string_append(out, "</th><td class=\"num\">");
    append_escaped(out, value);
    g_string_append(out, "</td></tr>\n");
    if (note) {
        g_string_append(out, "<tr class=\"note\"><td colspan=\"2\">");
        append_escaped(out, note);
        g_string_append(out, "</td></tr>\n");
    }
}

static void
money_panel(GString *out, const RpCentre *c, const RpRequirements *req,
            const RpRosterInput *in, const RpRosterResult *r)
{
    const char *cur = c->costs.currency;
    double std_cost, fte_needed, hours = 0.0;
    standards_cost(c, req, &std_cost, &fte_needed);
    for (guint i = 0; i < in->officers->len; i++)
        hours +=
            ((const RpOfficer *)g_ptr_array_index(in->officers, i))->contract_h;
    double fte_in_post = hours / c->fte_hours;
    double week_budget = c->costs.annual_budget * 7.0 / 365.25;
    g_autofree char *pay = cli_money(r->objective.pay, cur);
    g_autofree char *standards = cli_money(std_cost, cur);
    g_string_append(out, "<table class=\"facts\">\n"
                         "<tr class=\"group\"><th colspan=\"2\">Cost this "
                         "week</th></tr>\n");
    fact(out, "The rota", pay, NULL);
    if (isfinite(week_budget)) {
        g_autofree char *b = cli_money(week_budget, cur);
        g_autofree char *annual = cli_money(c->costs.annual_budget, cur);
        g_autofree char *note = g_strdup_printf("%s a year", annual);
        fact(out, "Budget for a week", b, note);
        double diff = r->objective.pay - week_budget;
        g_autofree char *d = cli_money(fabs(diff), cur);
        fact(out, diff > 0 ? "Rota over budget by" : "Rota under budget by", d,
             NULL);
    }
    double sdiff = std_cost - week_budget;
    g_autofree char *sd = cli_money(fabs(sdiff), cur);
    g_autofree char *snote = isfinite(week_budget)
                                 ? g_strdup_printf("%s %s the budget", sd,
                                                   sdiff > 0 ? "over" : "under")
                                 : NULL;
    fact(out, "Meeting every standard", standards, snote);
    g_string_append(out, "<tr class=\"group\"><th colspan=\"2\">Officers "
                         "(full-time equivalents)</th></tr>\n");
    char a[32], b[32], d[32];
    g_snprintf(a, sizeof a, "%.1f", fte_in_post);
    g_snprintf(b, sizeof b, "%.1f", fte_needed);
    g_snprintf(d, sizeof d, "%.1f", fabs(fte_needed - fte_in_post));
    fact(out, "In post", a, NULL);
    fact(out, "Needed for the standards", b,
         "with leave, sickness and training allowed for");
    fact(out, fte_needed > fte_in_post ? "Short" : "To spare", d, NULL);
    g_string_append(out, "</table>\n");
}

void
plan_report_glance(CliReport *report, const RpCentre *centre,
                   const RpEvaluation *eval, const GArray *sim_days,
                   const RpRequirements *req, const RpRosterInput *in,
                   const RpRosterResult *r)
{
    g_autoptr(GString) grid = g_string_new(NULL);
    size_t met, total;
    verdict_grid(grid, centre, eval, sim_days, &met, &total);
    g_autofree char *text = g_strdup_printf(
        "%zu of %zu queue-days meet their standard, as the simulation of "
        "the rota shows (\"Service simulated\" below, with the confidence "
        "intervals and the Erlang figures).  Green: met; amber: "
        "missed by less than %.0f percentage points; red: missed.  Hover "
        "over a cell for its figures; misses.csv lists every interval "
        "the Erlang evaluation finds short.",
        met, total, 100.0 * NEAR_POINTS);
    cli_report_section(report, "The week at a glance", text);
    g_autoptr(GString) html = g_string_new("<div class=\"glance\">\n");
    g_string_append(html, grid->str);
    money_panel(html, centre, req, in, r);
    g_string_append(html, "</div>\n");
    cli_report_html(report, html->str);
}

/* ---- the rota ----------------------------------------------------------- */

static void
local_hhmm(const RpCentre *c, gint64 utc, char *buf, size_t size)
{
    gint64 local = rp_clock_local(c->clock, utc);
    gint64 day = rp_centre_local_day(c, utc);
    int m = (int)((local - day * 86400) / 60);
    g_snprintf(buf, size, "%02d:%02d", m / 60, m % 60);
}

/* The tooltip of a block: its times and what it is ("09:00-10:30
 * Council tax, Housing benefits"). */
static void
block_title(const RpCentre *c, int kind, int login, const gboolean *held,
            gint64 from, gint64 to, GString *out)
{
    char a[8], b[8];
    local_hhmm(c, from, a, sizeof a);
    local_hhmm(c, to, b, sizeof b);
    g_string_append_printf(out, "%s-%s ", a, b);
    if (kind == 1) {
        g_string_append(out, "desk");
        /* a blended desk: calls between visitors (rp_roster_logins()) */
        if (login != RP_LOGIN_PLAIN) {
            g_string_append(out, ", calls between visitors (");
            append_escaped(out, login >= 0
                                    ? rp_centre_profile(c, (size_t)login)->name
                                    : "every line held");
            g_string_append_c(out, ')');
        }
    } else if (kind == 0 && c->routing == RP_ROUTING_SKILLS) {
        /* calls routed by skill: every line held (the officer's name
         * carries them), or the lines of a skill profile */
        g_string_append(out, "phones");
        if (login >= 0) {
            g_string_append(out, ": ");
            append_escaped(out, rp_centre_profile(c, (size_t)login)->name);
        }
    } else if (kind >= 0) {
        gboolean first = TRUE;
        for (size_t q = 0; q < c->queues->len; q++) {
            if (!held[q])
                continue;
            g_autofree char *name = row_name(c, rp_centre_queue(c, q));
            g_string_append(out, first ? "" : ", ");
            append_escaped(out, name);
            first = FALSE;
        }
    } else {
        g_string_append(out, kind == RP_ACT_BREAK        ? "paid break"
                             : kind == RP_ACT_LUNCH      ? "unpaid break"
                             : kind == RP_ACT_COMMITMENT ? "training or meeting"
                                                         : "free for any work");
    }
}

/* Blocks are runs of one kind of position: a channel group (0..2) or the
 * RP_ACT_* code of time off the queues. */
static int
block_kind(const RpCentre *c, int activity)
{
    return activity >= 0 ? plan_channel_group(
                               rp_centre_queue(c, (size_t)activity)->channel)
                         : activity;
}

/* One shift as its times and a bar of blocks, one per run of the same
 * kind of position, as wide as the run. */
static void
shift_cell(GString *out, const RpRosterInput *in, const RpRoster *ro,
           const int *login, const RpShift *sh)
{
    static const char *const group_class[] = {"p", "d", "w"};
    const RpCentre *c = in->centre;
    gint64 step = rp_centre_interval_s(c);
    const gint16 *act = ro->activity + sh->officer * ro->n_intervals;
    size_t t0 = (size_t)((sh->start_utc - in->req->start_utc) / step);
    size_t n = (size_t)((sh->end_utc - sh->start_utc) / step);
    g_autofree gboolean *held = g_new0(gboolean, c->queues->len);
    char a[8], b[8];
    local_hhmm(c, sh->start_utc, a, sizeof a);
    local_hhmm(c, sh->end_utc, b, sizeof b);
    g_string_append_printf(out,
                           "<td><span class=\"times\">%s-%s</span>"
                           "<span class=\"bar\">",
                           a, b);
    size_t from = 0;
    for (size_t k = 0; k < n; k++) {
        int kind = block_kind(c, act[t0 + k]);
        if (act[t0 + k] >= 0)
            held[act[t0 + k]] = TRUE;
        if (k + 1 < n && block_kind(c, act[t0 + k + 1]) == kind)
            continue;
        const char *cls = kind >= 0 ? group_class[kind]
                          : kind == RP_ACT_BREAK || kind == RP_ACT_LUNCH ? "b"
                          : kind == RP_ACT_COMMITMENT                    ? "o"
                                                                         : "f";
        /* its length in intervals: a class of plan_report_rota's */
        g_string_append_printf(out, "<i class=\"%s n%zu\"", cls, k + 1 - from);
        /* breaks and free time need no words: the legend has them */
        if (kind >= 0 || kind == RP_ACT_COMMITMENT) {
            g_string_append(out, " title=\"");
            block_title(c, kind,
                        login[sh->officer * ro->n_intervals + t0 + from], held,
                        sh->start_utc + (gint64)from * step,
                        sh->start_utc + (gint64)(k + 1) * step, out);
            g_string_append_c(out, '"');
        }
        g_string_append(out, "></i>");
        memset(held, 0, c->queues->len * sizeof *held);
        from = k + 1;
    }
    g_string_append(out, "</span></td>");
}

/* Officers on a queue at site `s`, averaged over each hour of the
 * site's opening hours, by day: the site's cover by hour.  `at` holds
 * each officer's shift of each day. */
static void
site_cover(GString *out, const RpRosterInput *in, const RpRoster *ro,
           const RpShift *const *at, size_t s)
{
    const RpCentre *c = in->centre;
    const RpSite *site = rp_centre_site(c, s);
    const RpRosterDemand *d = in->req;
    int open = 1440, close = 0;
    for (int w = 0; w < 7; w++) {
        const RpDayHours *h = &site->hours.day[w];
        if (h->n_spans == 0)
            continue;
        open = MIN(open, h->open_min[0]);
        close = MAX(close, h->close_min[h->n_spans - 1]);
    }
    if (open >= close)
        return;
    size_t h0 = (size_t)open / 60, h1 = ((size_t)close + 59) / 60;
    size_t n_h = h1 - h0, n_d = d->n_days;
    g_autofree double *sum = g_new0(double, n_d *n_h);
    gint64 step = rp_centre_interval_s(c);
    for (size_t t = 0; t < d->n_intervals; t++) {
        gint64 utc = d->start_utc + (gint64)t * step;
        gint64 lday = rp_centre_local_day(c, utc);
        size_t day = (size_t)(lday - d->first_day);
        size_t hour =
            (size_t)((rp_clock_local(c->clock, utc) - lday * 86400) / 3600);
        if (day >= n_d || hour < h0 || hour >= h1)
            continue;
        for (size_t o = 0; o < ro->n_officers; o++) {
            const RpShift *sh = at[o * n_d + day];
            if (sh && sh->site == (int)s && utc >= sh->start_utc &&
                utc < sh->end_utc && ro->activity[o * ro->n_intervals + t] >= 0)
                sum[day * n_h + hour - h0] += 1.0;
        }
    }
    double per_hour = 60.0 / c->interval_min;
    g_string_append(out, "<table class=\"cover\">\n<caption>Officers on the "
                         "queues, by hour (average over the hour)</caption>\n"
                         "<thead><tr><th></th>");
    for (size_t h = h0; h < h1; h++)
        g_string_append_printf(out, "<th>%02zu:00</th>", h);
    g_string_append(out, "</tr></thead>\n<tbody>\n");
    for (size_t day = 0; day < n_d; day++) {
        gint64 lday = d->first_day + (gint64)day;
        if (site->hours.day[rp_weekday(lday)].n_spans == 0 ||
            !rp_centre_site_open_day(c, (int)s, lday))
            continue;
        g_string_append_printf(out, "<tr><th>%s</th>",
                               plan_weekday_names[rp_weekday(lday)]);
        for (size_t h = 0; h < n_h; h++) {
            double v = sum[day * n_h + h] / per_hour;
            /* shaded in tenths of 15 officers, up to half */
            g_string_append_printf(out, "<td class=\"num c%d\">%.1f</td>",
                                   (int)lround(MIN(v / 15.0, 0.5) * 10.0), v);
        }
        g_string_append(out, "</tr>\n");
    }
    g_string_append(out, "</tbody>\n</table>\n");
}

/* The colours of the rota's blocks: at the top on screen, on each site's
 * page in print. */
static const char rota_legend[] =
    "<p class=\"legend\"><i class=p></i> phones <i class=d></i> desk "
    "<i class=w></i> deferred work <i class=b></i> break <i class=o></i> "
    "training or meeting <i class=f></i> free for any work</p>\n";

/* The print layout of a site's rota.  Up to STANDARD_ROWS officers print
 * as the screen shows them, a row per officer; more print compact: two
 * or three tables side by side (two when the site works six or seven
 * days), each officer a row of day cells in a smaller type, at most
 * COMPACT_ROWS rows to a table.  Past what one page holds the site goes
 * on over more pages (docs/plan.md gives the limits). */
#define STANDARD_ROWS 30
#define COMPACT_ROWS  36

typedef struct {
    size_t columns; /* tables side by side on a printed page (1: standard) */
    size_t rows;    /* officers per table */
} RotaLayout;

static RotaLayout
rota_layout(size_t n_officers, size_t n_days)
{
    RotaLayout l = {1, n_officers};
    if (n_officers <= STANDARD_ROWS)
        return l;
    size_t most = n_days <= 5 ? 3 : 2;
    l.columns = MIN(most, (n_officers + COMPACT_ROWS - 1) / COMPACT_ROWS);
    l.columns = MAX(l.columns, 2);
    size_t pages = (n_officers + l.columns * COMPACT_ROWS - 1) /
                   (l.columns * COMPACT_ROWS);
    /* the officers shared evenly between the tables */
    size_t tables = pages * l.columns;
    l.rows = (n_officers + tables - 1) / tables;
    return l;
}

/* The head of a rota table: the days someone works at the site. */
static void
rota_head(GString *out, const RpRosterDemand *d, const gboolean *day_used)
{
    g_string_append(out, "<table class=\"rota\">\n<thead><tr>"
                         "<th>Officer</th>");
    for (size_t k = 0; k < d->n_days; k++) {
        char date[16];
        if (!day_used[k]) /* no one works here that day */
            continue;
        rp_format_date(d->first_day + (gint64)k, date, sizeof date);
        g_string_append_printf(
            out, "<th>%s %s</th>",
            plan_weekday_names[rp_weekday(d->first_day + (gint64)k)], date + 5);
    }
    g_string_append(out, "</tr></thead>\n<tbody>\n");
}

/* Officer o's row of the rota of site s: their name, then each day's
 * shift here, "at" the site they work at elsewhere, or nothing. */
static void
officer_row(GString *out, const RpRosterInput *in, const RpRoster *ro,
            const int *login, const RpShift *const *at,
            const gboolean *day_used, size_t o, size_t s)
{
    const RpCentre *c = in->centre;
    size_t n_d = in->req->n_days;
    const RpOfficer *officer = g_ptr_array_index(in->officers, o);
    g_string_append(out, "<tr data-officer=\"");
    append_escaped(out, officer->id);
    g_string_append(out, "\"><th");
    if (c->routing == RP_ROUTING_SKILLS) {
        /* the lines an officer on the phones takes */
        gboolean first = TRUE;
        for (size_t q = 0; q < c->queues->len; q++) {
            const RpQueue *queue = rp_centre_queue(c, q);
            if (queue->channel != RP_CHANNEL_PHONE || officer->skill[q] <= 0)
                continue;
            g_autofree char *name = rp_centre_short_name(queue->name);
            g_string_append(out, first ? " title=\"Phones: " : ", ");
            append_escaped(out, name);
            first = FALSE;
        }
        if (!first)
            g_string_append_c(out, '"');
    }
    g_string_append_c(out, '>');
    append_escaped(out, officer->name);
    g_string_append(out, "</th>");
    for (size_t k = 0; k < n_d; k++) {
        const RpShift *sh = at[o * n_d + k];
        if (!day_used[k])
            continue;
        if (sh == NULL) {
            g_string_append(out, "<td></td>");
        } else if (sh->site != (int)s) {
            g_autofree char *where =
                rp_centre_short_name(rp_centre_site(c, (size_t)sh->site)->name);
            g_string_append(out, "<td class=\"elsewhere\">at ");
            append_escaped(out, where);
            g_string_append(out, "</td>");
        } else {
            shift_cell(out, in, ro, login, sh);
        }
    }
    g_string_append(out, "</tr>\n");
}

static void
site_rota(GString *out, const RpRosterInput *in, const RpRoster *ro, size_t s)
{
    const RpCentre *c = in->centre;
    const RpRosterDemand *d = in->req;
    size_t n_o = ro->n_officers, n_d = d->n_days;
    /* each officer's shift of each day (NULL: none) */
    g_autofree const RpShift **at = g_new0(const RpShift *, n_o *n_d);
    g_autofree gboolean *here = g_new0(gboolean, n_o);
    g_autofree gboolean *day_used = g_new0(gboolean, n_d);
    for (guint k = 0; k < ro->shifts->len; k++) {
        const RpShift *sh = &g_array_index(ro->shifts, RpShift, k);
        at[sh->officer * n_d + sh->day] = sh;
        if (sh->site == (int)s)
            here[sh->officer] = day_used[sh->day] = TRUE;
    }
    size_t n_here = 0, n_days = 0;
    for (size_t o = 0; o < n_o; o++)
        n_here += here[o] ? 1 : 0;
    for (size_t k = 0; k < n_d; k++)
        n_days += day_used[k] ? 1 : 0;
    if (n_here == 0)
        return;
    RotaLayout layout = rota_layout(n_here, n_days);
    g_autofree int *login = rp_roster_logins(in, ro);
    const RpSite *site = rp_centre_site(c, s);
    char week[16], first[16], last[16];
    rp_format_iso_week(d->first_day, week, sizeof week);
    rp_format_date(d->first_day, first, sizeof first);
    rp_format_date(d->first_day + 6, last, sizeof last);
    g_autoptr(GString) heading = g_string_new(NULL);
    append_escaped(heading, site->name);
    g_string_append_printf(heading, " <small>rota for week %s, %s to %s", week,
                           first, last);
    g_string_append_printf(out,
                           "<section class=\"site%s\">\n<h3>%s</small></h3>"
                           "\n%s<div class=\"sheet\">\n",
                           layout.columns > 1 ? " compact" : "", heading->str,
                           rota_legend);
    size_t row = 0, table = 0;
    for (size_t o = 0; o < n_o; o++) {
        if (!here[o])
            continue;
        if (row == 0) {
            /* a new page after every `columns` tables, headed again (in
             * print only) */
            if (table > 0 && table % layout.columns == 0)
                g_string_append_printf(out,
                                       "</div>\n<h3 class=\"more\">%s, "
                                       "continued</small></h3>\n%s"
                                       "<div class=\"sheet\">\n",
                                       heading->str, rota_legend);
            rota_head(out, d, day_used);
        }
        officer_row(out, in, ro, login, at, day_used, o, s);
        if (++row == layout.rows) {
            g_string_append(out, "</tbody>\n</table>\n");
            row = 0;
            table++;
        }
    }
    if (row > 0)
        g_string_append(out, "</tbody>\n</table>\n");
    g_string_append(out, "</div>\n");
    site_cover(out, in, ro, at, s);
    g_string_append(out, "</section>\n");
}

void
plan_report_rota(CliReport *report, const RpRosterInput *in,
                 const RpRoster *roster)
{
    cli_report_section(report, "The rota",
                       "Each officer's shift by day at each site, with the "
                       "positions held through it.  Printing this page "
                       "prints the rota, one site per A4 landscape page.");
    /* the classes of a block's length (n1, n2...: flex 1, 2...) up to
     * the longest shift, and of a cover cell's shade (c0 to c5) */
    gint64 step = rp_centre_interval_s(in->centre), longest = 0;
    for (guint k = 0; k < roster->shifts->len; k++) {
        const RpShift *sh = &g_array_index(roster->shifts, RpShift, k);
        longest = MAX(longest, (sh->end_utc - sh->start_utc) / step);
    }
    g_autoptr(GString) css = g_string_new(NULL);
    for (gint64 n = 1; n <= longest; n++)
        g_string_append_printf(
            css, ".n%" G_GINT64_FORMAT "{flex:%" G_GINT64_FORMAT "}", n, n);
    for (int k = 0; k <= 5; k++)
        g_string_append_printf(css, ".c%d{background:rgba(31,119,180,.%d)}", k,
                               k);
    cli_report_style(report, css->str);
    g_autoptr(GString) html = g_string_new("<div class=\"rotas\">\n");
    g_string_append(html, rota_legend);
    for (size_t s = 0; s < in->centre->sites->len; s++)
        site_rota(html, in, roster, s);
    g_string_append(html, "</div>\n");
    cli_report_html(report, html->str);
}
