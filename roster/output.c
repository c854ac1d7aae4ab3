/* roster/output.c - the rota, activities, coverage, hours and summary as
 * CSV text, and each officer's shifts as an iCalendar file.
 *
 * Everything is returned as text for the command line to write (through
 * a temporary file, so nothing is left half-written).  Times are local
 * clock times in the CSV files and UTC in iCalendar: RFC 5545 allows
 * "Z" times in any calendar without shipping a VTIMEZONE, and calendar
 * applications show them in the reader's own zone. */
#include <math.h>
#include <string.h>

#include "common/csvio.h"
#include "common/profiles.h"
#include "common/units.h"
#include "roster/roster_int.h"

static void
clock_text(const RpRosterInput *in, size_t day, gint64 utc, char *buf,
           size_t size)
{
    int m = rp_local_minute(in->centre->clock, in->req->first_day + (gint64)day,
                            utc);
    g_snprintf(buf, size, "%02d:%02d", m / 60, m % 60);
}

static double
paid_hours(const RpShift *sh)
{
    gint64 s = sh->end_utc - sh->start_utc;
    for (int k = 0; k < sh->n_breaks; k++)
        if (!sh->break_paid[k])
            s -= sh->break_end_utc[k] - sh->break_start_utc[k];
    return (double)s / 3600.0;
}

/* "10:00-10:15;12:00-12:30" */
static char *
breaks_text(const RpRosterInput *in, const RpShift *sh)
{
    GString *out = g_string_new(NULL);
    for (int k = 0; k < sh->n_breaks; k++) {
        char a[8], b[8];
        clock_text(in, sh->day, sh->break_start_utc[k], a, sizeof a);
        clock_text(in, sh->day, sh->break_end_utc[k], b, sizeof b);
        g_string_append_printf(out, "%s%s-%s", k ? ";" : "", a, b);
    }
    return g_string_free(out, FALSE);
}

char *
rp_roster_rota_csv(const RpRosterInput *input, const RpRoster *roster)
{
    g_return_val_if_fail(input != NULL && roster != NULL, NULL);
    static const char *const header[] = {"officer", "name",      "date",
                                         "site",    "start",     "end",
                                         "breaks",  "paid_hours"};
    const RpCentre *c = input->centre;
    GString *out = g_string_new(NULL);
    rp_csv_append_row(out, header, G_N_ELEMENTS(header));
    for (guint k = 0; k < roster->shifts->len; k++) {
        const RpShift *sh = &g_array_index(roster->shifts, RpShift, k);
        const RpOfficer *o = g_ptr_array_index(input->officers, sh->officer);
        char date[16], start[8], end[8];
        rp_format_date(input->req->first_day + (gint64)sh->day, date,
                       sizeof date);
        clock_text(input, sh->day, sh->start_utc, start, sizeof start);
        clock_text(input, sh->day, sh->end_utc, end, sizeof end);
        g_autofree char *breaks = breaks_text(input, sh);
        const char *row[] = {
            o->id, o->name, date,  rp_centre_site(c, (size_t)sh->site)->id,
            start, end,     breaks};
        for (size_t f = 0; f < G_N_ELEMENTS(row); f++)
            rp_csv_append_field(out, row[f], f == 0);
        rp_csv_append_number(out, paid_hours(sh), FALSE);
        g_string_append_c(out, '\n');
    }
    return g_string_free(out, FALSE);
}

/* Fills site[t] with the site of officer i's shift covering interval t,
 * or NULL. */
static void
sites_of(const RpRosterInput *in, const RpRoster *roster, size_t i,
         const char **site)
{
    gint64 step = rp_centre_interval_s(in->centre);
    memset(site, 0, roster->n_intervals * sizeof *site);
    for (guint k = 0; k < roster->shifts->len; k++) {
        const RpShift *sh = &g_array_index(roster->shifts, RpShift, k);
        if (sh->officer != i)
            continue;
        const char *id = rp_centre_site(in->centre, (size_t)sh->site)->id;
        for (gint64 u = sh->start_utc; u < sh->end_utc; u += step)
            site[(u - in->req->start_utc) / step] = id;
    }
}

char *
rp_roster_activities_csv(const RpRosterInput *input, const RpRoster *roster)
{
    g_return_val_if_fail(input != NULL && roster != NULL, NULL);
    static const char *const header[] = {"officer", "interval_start", "site",
                                         "activity"};
    const RpCentre *c = input->centre;
    gint64 step = rp_centre_interval_s(c);
    g_autofree const char **site = g_new(const char *, roster->n_intervals);
    g_autofree int *login = rp_roster_logins(input, roster);
    g_autoptr(GString) buf = g_string_new(NULL);
    GString *out = g_string_new(NULL);
    rp_csv_append_row(out, header, G_N_ELEMENTS(header));
    for (size_t i = 0; i < roster->n_officers; i++) {
        const RpOfficer *o = g_ptr_array_index(input->officers, i);
        sites_of(input, roster, i, site);
        for (size_t t = 0; t < roster->n_intervals; t++) {
            int act = roster->activity[i * roster->n_intervals + t];
            if (act == RP_ACT_OFF)
                continue;
            char when[RP_CLOCK_BUF];
            rp_clock_format(c->clock, input->req->start_utc + (gint64)t * step,
                            when, sizeof when);
            size_t k = i * roster->n_intervals + t;
            const char *row[] = {
                o->id, when, site[t],
                rp_roster_activity_name(c, act, login[k], buf)};
            rp_csv_append_row(out, row, G_N_ELEMENTS(row));
        }
    }
    return g_string_free(out, FALSE);
}

char *
rp_roster_coverage_csv(const RpRosterInput *input, const RpRoster *roster)
{
    g_return_val_if_fail(input != NULL && roster != NULL, NULL);
    static const char *const header[] = {
        "interval_start", "queue",     "channel",  "site",
        "required",       "scheduled", "officers", "short"};
    const RpCentre *c = input->centre;
    const RpRosterDemand *req = input->req;
    size_t n_t = req->n_intervals;
    GString *out = g_string_new(NULL);
    rp_csv_append_row(out, header, G_N_ELEMENTS(header));
    for (size_t q = 0; q < req->n_queues; q++) {
        const RpQueue *queue = rp_centre_queue(c, q);
        gboolean listed = FALSE;
        for (size_t t = 0; t < n_t && !listed; t++)
            listed = req->line[q * n_t + t] != 0;
        if (!listed)
            continue;
        for (size_t t = 0; t < n_t; t++) {
            double sched = 0.0, officers = 0.0, r = req->required[q * n_t + t];
            for (size_t i = 0; i < roster->n_officers; i++) {
                if (roster->activity[i * n_t + t] != (int)q)
                    continue;
                const RpOfficer *o = g_ptr_array_index(input->officers, i);
                sched += o->skill[q];
                officers += 1.0;
            }
            char when[RP_CLOCK_BUF];
            rp_clock_format(
                c->clock, req->start_utc + (gint64)t * rp_centre_interval_s(c),
                when, sizeof when);
            rp_csv_append_field(out, when, TRUE);
            rp_csv_append_field(out, queue->id, FALSE);
            rp_csv_append_field(out, rp_channel_name(queue->channel), FALSE);
            rp_csv_append_field(out,
                                queue->site >= 0
                                    ? rp_centre_site(c, (size_t)queue->site)->id
                                    : "",
                                FALSE);
            rp_csv_append_number(out, r, FALSE);
            rp_csv_append_number(out, sched, FALSE);
            rp_csv_append_number(out, officers, FALSE);
            /* deferred work is owed per day, not per interval */
            rp_csv_append_number(out,
                                 rp_channel_is_deferred(queue->channel)
                                     ? NAN
                                     : MAX(0.0, r - sched),
                                 FALSE);
            g_string_append_c(out, '\n');
        }
    }
    return g_string_free(out, FALSE);
}

void
rp_roster_officer_week(const RpRosterInput *input, const RpRoster *roster,
                       size_t officer, RpOfficerWeek *week)
{
    g_return_if_fail(input != NULL && roster != NULL && week != NULL);
    const RpCentre *c = input->centre;
    gint64 step = rp_centre_interval_s(c);
    double h = (double)step / 3600.0;
    int lo, hi;
    rp_contract_limits(input, officer, &lo, &hi);
    *week = (RpOfficerWeek){.min_h = lo * c->interval_min / 60.0,
                            .max_h = hi * c->interval_min / 60.0};
    for (guint k = 0; k < roster->shifts->len; k++) {
        const RpShift *sh = &g_array_index(roster->shifts, RpShift, k);
        if (sh->officer != officer)
            continue;
        gint64 day = input->req->first_day + (gint64)sh->day;
        week->paid_h += paid_hours(sh);
        week->days += 1.0;
        for (gint64 u = sh->start_utc; u < sh->end_utc; u += step) {
            if (rp_local_minute(c->clock, day, u) >= c->costs.evening_after_min)
                week->evening_h += h;
            if (rp_weekday(day) >= 5)
                week->weekend_h += h;
        }
    }
}

void
rp_roster_week_hours(const RpRosterInput *in, double *need, double *most)
{
    const RpRosterDemand *req = in->req;
    *need = *most = 0.0;
    for (size_t k = 0; k < req->n_queues * req->n_intervals; k++)
        *need += req->required[k];
    for (size_t i = 0; i < in->officers->len; i++) {
        int lo, hi;
        rp_contract_limits(in, i, &lo, &hi);
        *most += hi;
    }
}

gboolean
rp_roster_short_week(const RpRosterInput *input)
{
    g_return_val_if_fail(input != NULL && input->req != NULL, FALSE);
    double need, most;
    rp_roster_week_hours(input, &need, &most);
    return need > most + 1e-9;
}

const char *
rp_roster_status_name(RpRosterStatus status)
{
    static const char *const names[] = {
        [RP_ROSTER_OPTIMAL] = "optimal",
        [RP_ROSTER_FEASIBLE] = "feasible",
        [RP_ROSTER_TIME_LIMIT] = "time_limit",
    };
    return names[status];
}

/* ---- iCalendar (RFC 5545) ------------------------------------------------ */

/* Appends a content line, escaped (3.3.11) and folded at 75 octets
 * (3.1), ending in CRLF. */
static void
ics_line(GString *out, const char *name, const char *value, gboolean text)
{
    g_autoptr(GString) line = g_string_new(name);
    g_string_append_c(line, ':');
    for (const char *p = value; *p; p++) {
        if (text && (*p == '\\' || *p == ';' || *p == ','))
            g_string_append_c(line, '\\');
        if (text && *p == '\n')
            g_string_append(line, "\\n");
        else
            g_string_append_c(line, *p);
    }
    size_t col = 0;
    for (size_t k = 0; k < line->len; k++) {
        /* never split a UTF-8 sequence: fold before a lead byte only */
        gboolean lead = ((guchar)line->str[k] & 0xC0) != 0x80;
        if (col >= 74 && lead) {
            g_string_append(out, "\r\n ");
            col = 1;
        }
        g_string_append_c(out, line->str[k]);
        col++;
    }
    g_string_append(out, "\r\n");
}

static void
ics_time(gint64 utc, char *buf, size_t size)
{
    g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc(utc);
    g_autofree char *s = g_date_time_format(dt, "%Y%m%dT%H%M%SZ");
    g_strlcpy(buf, s, size);
}

/* What a position is called in a calendar: phones, desk or deferred
 * work. */
static const char *
position_word(RpChannel ch)
{
    return ch == RP_CHANNEL_PHONE       ? "Phones"
           : ch == RP_CHANNEL_RECEPTION ? "Desk"
                                        : "Deferred work";
}

/* A short name in running text: "Council tax" -> "council tax", but
 * "SMS" stays. */
static void
append_lower(GString *out, const char *name)
{
    g_autofree char *s = rp_centre_short_name(name);
    if (s[0] && s[1] && g_ascii_islower(s[1]))
        s[0] = g_ascii_tolower(s[0]);
    g_string_append(out, s);
}

/* "Phones (council tax, benefits), desk (revenues)": the positions the
 * shift holds, by channel in the order phones, desks, deferred work,
 * each with its queues' short names. */
static void
shift_positions(const RpRosterInput *in, const RpRoster *ro, const int *login,
                const RpShift *sh, GString *out)
{
    const RpCentre *c = in->centre;
    gint64 step = rp_centre_interval_s(c);
    size_t n_q = c->queues->len;
    g_autofree gboolean *held = g_new0(gboolean, n_q);
    const RpOfficer *o = g_ptr_array_index(in->officers, sh->officer);
    for (gint64 u = sh->start_utc; u < sh->end_utc; u += step) {
        size_t k = sh->officer * ro->n_intervals +
                   (size_t)((u - in->req->start_utc) / step);
        int a = ro->activity[k];
        if (a < 0)
            continue;
        held[a] = TRUE;
        /* calls routed by skill: on the phones, an officer takes every
         * line they are trained for, or their profile's; on a blended
         * desk, those calls between visitors */
        gboolean phone =
            rp_centre_queue(c, (size_t)a)->channel == RP_CHANNEL_PHONE;
        if (c->routing != RP_ROUTING_SKILLS ||
            (!phone && login[k] == RP_LOGIN_PLAIN))
            continue;
        guint64 lines =
            login[k] >= 0 ? rp_profile_lines_held(c, (size_t)login[k], o->skill)
                          : G_MAXUINT64;
        for (size_t q = 0; q < n_q && q < 64; q++)
            if (rp_centre_queue(c, q)->channel == RP_CHANNEL_PHONE &&
                o->skill[q] > 0.0 && (lines >> q & 1))
                held[q] = TRUE;
    }
    static const RpChannel order[] = {RP_CHANNEL_PHONE, RP_CHANNEL_RECEPTION,
                                      RP_CHANNEL_EMAIL};
    for (size_t g = 0; g < G_N_ELEMENTS(order); g++) {
        size_t n = 0;
        for (size_t q = 0; q < n_q; q++) {
            RpChannel ch = rp_centre_queue(c, q)->channel;
            gboolean same =
                g == 2 ? rp_channel_is_deferred(ch) : ch == order[g];
            if (!held[q] || !same)
                continue;
            if (n++ == 0) {
                const char *w = position_word(order[g]);
                if (out->len) {
                    g_string_append(out, ", ");
                    g_string_append_c(out, g_ascii_tolower(w[0]));
                    g_string_append(out, w + 1);
                } else {
                    g_string_append(out, w);
                }
                g_string_append(out, " (");
            } else {
                g_string_append(out, ", ");
            }
            append_lower(out, rp_centre_queue(c, q)->name);
        }
        if (n)
            g_string_append_c(out, ')');
    }
}

/* The activity a block of a shift is on: the queue, or with calls routed
 * by skill POOLED_PHONES for any telephone line (the officer is on the
 * phones, logged into every line they hold), POOLED_PHONES - 1 - k when
 * logged into profile k. */
#define POOLED_PHONES (G_MAXINT - 1)

static int
block_of(const RpCentre *c, int a, int login)
{
    if (a >= 0 && c->routing == RP_ROUTING_SKILLS &&
        rp_centre_queue(c, (size_t)a)->channel == RP_CHANNEL_PHONE)
        return POOLED_PHONES - 1 - login;
    return a;
}

/* One line per block of the shift on one activity: "09:00-11:00 Phones:
 * Council tax and other financial enquiries" ("Phones: every line held"
 * when calls are routed by skill), "11:00-11:15 Paid break". */
static void
shift_blocks(const RpRosterInput *in, const RpRoster *ro, const int *login,
             const RpShift *sh, GString *out)
{
    const RpCentre *c = in->centre;
    gint64 step = rp_centre_interval_s(c);
    gint64 from = sh->start_utc;
    int prev = G_MININT, prev_login = RP_LOGIN_PLAIN, a_login = RP_LOGIN_PLAIN;
    for (gint64 u = sh->start_utc; u <= sh->end_utc; u += step) {
        int a = G_MAXINT; /* past the end: closes the last block */
        if (u < sh->end_utc) {
            size_t k = sh->officer * ro->n_intervals +
                       (size_t)((u - in->req->start_utc) / step);
            a = block_of(c, ro->activity[k], login[k]);
            a_login = login[k];
        }
        if (a == prev)
            continue;
        if (prev != G_MININT) {
            char x[8], y[8];
            clock_text(in, sh->day, from, x, sizeof x);
            clock_text(in, sh->day, u, y, sizeof y);
            g_string_append_printf(out, "\n%s-%s ", x, y);
            if (prev == POOLED_PHONES) {
                g_string_append(out, "Phones: every line held");
            } else if (prev > POOLED_PHONES - 1 - (int)c->profiles->len) {
                const RpProfile *f =
                    rp_centre_profile(c, (size_t)(POOLED_PHONES - 1 - prev));
                g_string_append_printf(out, "Phones: %s", f->name);
            } else if (prev >= 0) {
                const RpQueue *q = rp_centre_queue(c, (size_t)prev);
                g_string_append_printf(out, "%s: %s", position_word(q->channel),
                                       q->name);
                if (prev_login != RP_LOGIN_PLAIN)
                    g_string_append_printf(
                        out, ", calls between visitors (%s)",
                        prev_login >= 0
                            ? rp_centre_profile(c, (size_t)prev_login)->name
                            : "every line held");
            } else {
                static const char *const what[] = {
                    [-RP_ACT_IDLE] = "Free for any work",
                    [-RP_ACT_BREAK] = "Paid break",
                    [-RP_ACT_LUNCH] = "Unpaid break",
                    [-RP_ACT_COMMITMENT] = "Training or meeting"};
                g_string_append(out, prev == RP_ACT_OFF ? "Off" : what[-prev]);
            }
        }
        prev = a;
        prev_login = a_login;
        from = u;
    }
}

static void
ics_event(GString *out, const RpRosterInput *in, const RpRoster *ro,
          const int *login, const RpShift *sh, const char *stamp)
{
    const RpCentre *c = in->centre;
    const RpOfficer *o = g_ptr_array_index(in->officers, sh->officer);
    const RpSite *site = rp_centre_site(c, (size_t)sh->site);
    char date[16], start[32], end[32];
    rp_format_date(in->req->first_day + (gint64)sh->day, date, sizeof date);
    ics_time(sh->start_utc, start, sizeof start);
    ics_time(sh->end_utc, end, sizeof end);
    g_autofree char *uid = g_strdup_printf("%s-%s@rotaplan", o->id, date);
    g_autoptr(GString) summary = g_string_new(NULL);
    shift_positions(in, ro, login, sh, summary);
    g_autofree char *where = rp_centre_short_name(site->name);
    g_string_append_printf(summary, "%s%s", summary->len ? ", " : "Shift at ",
                           where);
    g_autoptr(GString) desc = g_string_new(NULL);
    g_string_append_printf(desc, "%s. Paid %.4gh.", site->name, paid_hours(sh));
    for (int k = 0; k < sh->n_breaks; k++) {
        char a[8], b[8];
        clock_text(in, sh->day, sh->break_start_utc[k], a, sizeof a);
        clock_text(in, sh->day, sh->break_end_utc[k], b, sizeof b);
        g_string_append_printf(desc, "\n%s break %s-%s",
                               sh->break_paid[k] ? "Paid" : "Unpaid", a, b);
    }
    g_string_append(desc, "\n");
    shift_blocks(in, ro, login, sh, desc);
    g_string_append(out, "BEGIN:VEVENT\r\n");
    ics_line(out, "UID", uid, FALSE);
    ics_line(out, "DTSTAMP", stamp, FALSE);
    ics_line(out, "DTSTART", start, FALSE);
    ics_line(out, "DTEND", end, FALSE);
    ics_line(out, "SUMMARY", summary->str, TRUE);
    ics_line(out, "LOCATION", site->name, TRUE);
    ics_line(out, "DESCRIPTION", desc->str, TRUE);
    g_string_append(out, "END:VEVENT\r\n");
}

char *
rp_roster_ics(const RpRosterInput *input, const RpRoster *roster,
              size_t officer, gint64 stamp_utc)
{
    g_return_val_if_fail(input != NULL && roster != NULL, NULL);
    g_return_val_if_fail(officer < roster->n_officers, NULL);
    const RpOfficer *o = g_ptr_array_index(input->officers, officer);
    char stamp[32];
    ics_time(stamp_utc, stamp, sizeof stamp);
    GString *out = g_string_new(NULL);
    g_string_append(out, "BEGIN:VCALENDAR\r\n");
    ics_line(out, "VERSION", "2.0", FALSE);
    ics_line(out, "PRODID", "-//rotaplan//roster//EN", FALSE);
    ics_line(out, "CALSCALE", "GREGORIAN", FALSE);
    ics_line(out, "METHOD", "PUBLISH", FALSE);
    g_autofree char *name = g_strdup_printf("Rota: %s", o->name);
    ics_line(out, "X-WR-CALNAME", name, TRUE);
    g_autofree int *login = rp_roster_logins(input, roster);
    for (guint k = 0; k < roster->shifts->len; k++) {
        const RpShift *sh = &g_array_index(roster->shifts, RpShift, k);
        if (sh->officer == officer)
            ics_event(out, input, roster, login, sh, stamp);
    }
    g_string_append(out, "END:VCALENDAR\r\n");
    return g_string_free(out, FALSE);
}
