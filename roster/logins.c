/* roster/logins.c - what an officer on the phones is logged into, block
 * by block, when calls are routed by skill.
 *
 * The roster counts an officer on the phones for one line per interval.
 * Logged into every line they hold (`phones`), the call distributor also
 * gives them the calls of lines the rota does not count on them for,
 * whenever they have been free longest: the line they were put on gets
 * less of them than the rota counted.  So each block on the phones (the
 * intervals on phone lines in a row, one position of the rota) is logged
 * into the narrowest skill profile of the configuration that holds every
 * line the rota counts on the officer for in that block, when it is
 * narrower than every line the officer holds; otherwise into every line
 * held.  Ties go to the profile written first.
 *
 * At a site whose desk officers take calls between visitors ([site:ID]
 * blended), an officer on the desk who holds a line of it is on the
 * blended position: the desk first, the calls when no visitor waits.
 * The rota counts them on the desk; the calls they take come on top. */
#include "common/activities.h"
#include "common/profiles.h"
#include "roster/roster_int.h"

static gboolean
is_phone(const RpCentre *c, int a)
{
    return a >= 0 && rp_centre_queue(c, (size_t)a)->channel == RP_CHANNEL_PHONE;
}

/* The profile for one block whose lines are `lines`, by an officer
 * holding `held` (bits of centre queues). */
static int
block_profile(const RpCentre *c, const double *skill, guint64 lines,
              guint64 held)
{
    int best = -1;
    int width = __builtin_popcountll(held);
    for (guint k = 0; k < c->profiles->len; k++) {
        guint64 in = rp_profile_lines_held(c, k, skill);
        if ((lines & ~in) == 0 && __builtin_popcountll(in) < width) {
            best = (int)k;
            width = __builtin_popcountll(in);
        }
    }
    return best;
}

/* The log-in of an officer holding phone lines `held` on activity `a`
 * (not a phone line). */
static int
desk_login(const RpCentre *c, const double *skill, int a, guint64 held)
{
    if (a < 0 || rp_centre_queue(c, (size_t)a)->channel != RP_CHANNEL_RECEPTION)
        return RP_LOGIN_PLAIN;
    int blended =
        rp_centre_site(c, (size_t)rp_centre_queue(c, (size_t)a)->site)->blended;
    if (blended == RP_BLENDED_NONE || held == 0)
        return RP_LOGIN_PLAIN;
    if (blended == RP_BLENDED_PHONES)
        return RP_LOGIN_BLENDED;
    return rp_profile_lines_held(c, (size_t)blended, skill) ? blended
                                                            : RP_LOGIN_PLAIN;
}

int *
rp_roster_logins(const RpRosterInput *in, const RpRoster *roster)
{
    g_return_val_if_fail(in != NULL && roster != NULL, NULL);
    const RpCentre *c = in->centre;
    size_t n_t = roster->n_intervals;
    int *out = g_new(int, roster->n_officers *n_t + 1);
    for (size_t k = 0; k < roster->n_officers * n_t; k++)
        out[k] = RP_LOGIN_PLAIN;
    if (c->routing != RP_ROUTING_SKILLS)
        return out;
    for (size_t i = 0; i < roster->n_officers; i++) {
        const RpOfficer *o = g_ptr_array_index(in->officers, i);
        const gint16 *act = roster->activity + i * n_t;
        guint64 held = 0;
        for (guint q = 0; q < c->queues->len; q++)
            if (rp_centre_queue(c, q)->channel == RP_CHANNEL_PHONE &&
                o->skill[q] > 0)
                held |= G_GUINT64_CONSTANT(1) << q;
        for (size_t t = 0; t < n_t;) {
            if (!is_phone(c, act[t])) {
                out[i * n_t + t] = desk_login(c, o->skill, act[t], held);
                t++;
                continue;
            }
            size_t end = t;
            guint64 lines = 0;
            for (; end < n_t && is_phone(c, act[end]); end++)
                lines |= G_GUINT64_CONSTANT(1) << act[end];
            int k = block_profile(c, o->skill, lines, held);
            for (; t < end; t++)
                out[i * n_t + t] = k;
        }
    }
    return out;
}

const char *
rp_roster_activity_name(const RpCentre *c, int act, int login, GString *buf)
{
    switch (act) {
    case RP_ACT_OFF:
        return "off";
    case RP_ACT_IDLE:
        return "idle";
    case RP_ACT_BREAK:
        return "break";
    case RP_ACT_LUNCH:
        return "lunch";
    case RP_ACT_COMMITMENT:
        return "commitment";
    default: {
        gboolean phone =
            rp_centre_queue(c, (size_t)act)->channel == RP_CHANNEL_PHONE;
        RpPosition pos = {RP_POSITION_PHONES, -1};
        if (login == RP_LOGIN_BLENDED)
            pos.kind = RP_POSITION_BLENDED;
        else if (login >= 0)
            pos = (RpPosition){phone ? RP_POSITION_PHONES : RP_POSITION_BLENDED,
                               login};
        else if (c->routing != RP_ROUTING_SKILLS || !phone)
            return rp_centre_queue(c, (size_t)act)->id;
        return rp_position_name(c, &pos, buf);
    }
    }
}

void
rp_roster_login_masks(const RpRosterInput *in, const RpRoster *roster,
                      guint64 *login, guint64 *first)
{
    g_return_if_fail(in != NULL && roster != NULL);
    const RpCentre *c = in->centre;
    g_return_if_fail(c->queues->len <= 64);
    size_t n_t = roster->n_intervals;
    g_autofree int *profile = rp_roster_logins(in, roster);
    g_autoptr(GString) buf = g_string_new(NULL);
    for (size_t i = 0; i < roster->n_officers; i++) {
        const RpOfficer *o = g_ptr_array_index(in->officers, i);
        for (size_t t = 0; t < n_t; t++) {
            size_t k = i * n_t + t;
            int a = roster->activity[k];
            login[k] = first[k] = 0;
            if (a < 0)
                continue;
            /* as the activities file names it, read back as it is
             * (common/activities.c): a lawful rota holds only queues
             * the officer is trained for, at a desk of their site */
            const char *name = rp_roster_activity_name(c, a, profile[k], buf);
            int site = rp_centre_queue(c, (size_t)a)->site;
            gboolean ok = rp_position_login(c, name, site, o->skill, &login[k],
                                            &first[k], NULL);
            g_warn_if_fail(ok);
        }
    }
}
