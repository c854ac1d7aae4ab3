/* common/rules.h - shift rules, working-time rules and the prices of the
 * roster objective, as the centre configuration gives them.
 *
 *   [rules]          working-time rules; defaults are the UK Working Time
 *                    Regulations 1998 (11 hours' daily rest, reg. 10; a
 *                    20-minute break in a shift over 6 hours, reg. 12; 48
 *                    hours a week, reg. 4; a day off in seven, reg. 11)
 *   [shifts]         shift rules for every site without its own group
 *   [shifts:SITE]    shift rules of one site; keys it leaves out come from
 *                    [shifts]
 *   [roster]         what the roster objective charges for understaffing,
 *                    overstaffing, unfairness and unmet preferences
 *
 * Everything is kept in minutes on the centre's interval grid and checked
 * when the file is read, so a rule nobody can use (a start time no site is
 * open for, a long shift without the break the law requires, breaks that
 * do not fit in a shift) is reported with its file and line instead of
 * surfacing later as an empty or unlawful rota.  The format is documented
 * in docs/roster.md. */
#ifndef RP_COMMON_RULES_H
#define RP_COMMON_RULES_H

#include <glib.h>

#include "common/centre.h"

#define RP_MAX_BREAKS 4

/* One break every shift longer than `over_min` takes. */
typedef struct {
    int length_min;    /* length (min), a multiple of the interval */
    gboolean paid;     /* paid break, or unpaid (lunch) */
    gboolean from_end; /* window measured back from the shift's end */
    int earliest_min;  /* earliest start (min after the shift starts, or
                          before it ends when from_end) */
    int latest_min;    /* latest start, same reference (min) */
    int over_min;      /* applies to shifts longer than this (min) */
} RpBreakRule;

/* The shifts officers may work at one site. */
typedef struct {
    GArray *starts; /* int: start times (min after local midnight), ascending */
    GArray *lengths; /* int: start to end, breaks included (min), ascending */
    size_t n_breaks;
    RpBreakRule breaks[RP_MAX_BREAKS]; /* in the order they are taken */
    RpWeekHours hours; /* when staff may be at work there (default: the
                          site's opening hours) */
} RpShiftRules;

/* Working-time rules every rota must keep. */
typedef struct {
    int min_rest_min;    /* rest between two shifts (min), 11h */
    int break_after_min; /* a shift longer than this needs a break (min), 6h */
    int min_break_min; /* that break's least length, in one piece (min), 20m */
    int max_week_min;  /* paid working time in a week (min), 48h */
    int max_days_running; /* working days in a row, 6 (a day off in seven) */
} RpWorkRules;

/* Prices of the roster objective, in the centre's currency. */
typedef struct {
    double understaffed_hour;    /* per officer-hour short of a requirement */
    double missed_contact;       /* per contact that misses its standard */
    double below_minimum_hour;   /* on top, per officer-hour below a queue's
                                    min_officers while it is open */
    double shortfall_share_hour; /* on top, per officer-hour short in the
                                    j-th tenth of a requirement missed, j
                                    x j times this (times the queue's
                                    shortfall_weight) */
    double overstaffed_hour;     /* per officer-hour idle or beyond need */
    double unfair_hour;          /* the first hour of evening or weekend
                                    work above an officer's fair share;
                                    the j-th costs j times this */
    double preference;           /* an unmet preference with no weight given */
    double position_change;      /* each change of position within a piece
                                    of work (no break between) */
    double start_time_change;    /* each distinct start time in an officer's
                                    week beyond the first */
} RpObjectivePrices;

struct RpRules {
    RpWorkRules work;
    RpObjectivePrices prices;
    int min_block_min;         /* [roster] min_block: least time a position
                                  is held, except next to a break or a
                                  shift's ends (min), 1h */
    gboolean holiday_pro_rata; /* [roster] bank_holiday_hours: a weekday
                                  the centre is closed (bank holiday or
                                  closure date) is paid leave, taking a
                                  fifth of the contract off the week's
                                  hours (TRUE, "pro-rata"), or counts for
                                  nothing ("none") */
    GPtrArray *shifts;    /* RpShiftRules * per site index, NULL where a site
                             has no shift rules */
    GError *shifts_error; /* why the shift rules cannot be used (NULL when
                             they can): kept for rp_rules_check_shifts(),
                             so commands that use no shifts still run */
};

/* An empty rule set with the legal defaults and default prices
 * (understaffed_hour 60, missed_contact 2, below_minimum_hour 500,
 * shortfall_share_hour 20,
 * overstaffed_hour 1,
 * unfair_hour 2, preference 10, position_change 3, start_time_change 5),
 * a minimum block of 1 hour and bank holidays paid pro rata; free
 * with rp_rules_free(). */
RpRules *rp_rules_new(void);
void rp_rules_free(RpRules *rules);

/* TRUE for the groups this module reads: [rules], [shifts],
 * [shifts:SITE] and [roster]. */
gboolean rp_rules_has_group(const char *group);

/* Reads the [rules] or [roster] group, or checks the keys of a [shifts]
 * or [shifts:SITE] group, into `centre->rules`.  The centre's sites must
 * already be read.  Fails with RP_DATA_ERROR_UNKNOWN (unknown key or
 * site) or RP_DATA_ERROR_VALUE, naming file, line and key. */
gboolean rp_rules_read_group(RpCentre *centre, const char *group,
                             GError **error);

/* After every group is read: checks the working-time rules, then builds
 * each site's shift rules from [shifts:SITE] over [shifts] and checks
 * them against the interval grid, the working-time rules and the site's
 * hours.  Fails with RP_DATA_ERROR_VALUE naming the group and key at
 * fault for the working-time rules; a fault in the shift rules is kept
 * in `centre->rules->shifts_error` (and every site's rules left out) for
 * rp_rules_check_shifts(): a centre whose shift rules do not fit its
 * interval grid can still forecast and staff. */
gboolean rp_rules_finish(RpCentre *centre, GError **error);

/* TRUE when the centre's shift rules can be used; otherwise FALSE with
 * the RP_DATA_ERROR_VALUE that rp_rules_finish() found, naming the group
 * and key.  Everything that builds shifts calls it first. */
gboolean rp_rules_check_shifts(const RpCentre *centre, GError **error);

/* The shift rules of site `site`, or NULL when it has none.
 * (transfer none) */
const RpShiftRules *rp_rules_site(const RpCentre *centre, size_t site);

/* Places the breaks a `length_min` shift takes, each as early as its
 * window and the previous break allow; writes start offsets (min after
 * the shift starts) to `offset_min` (room for RP_MAX_BREAKS) and returns
 * how many breaks apply, or -1 when they do not fit in the shift. */
int rp_shift_rules_first_breaks(const RpShiftRules *rules, int length_min,
                                int *offset_min);

/* Earliest and latest start (min after the shift starts) of break `b` in
 * a shift of `length_min`. */
void rp_break_window(const RpBreakRule *b, int length_min, int *earliest,
                     int *latest);

#endif
