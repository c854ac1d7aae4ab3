/* roster/roster.h - the weekly rota: who works when and where, and what
 * each officer does in each interval.
 *
 * Inputs are read into an RpRosterInput (officers, availability,
 * preferences, requirements from `rotaplan staff`, the previous week's
 * rota); rp_roster_solve() returns a roster that keeps every hard rule
 * (working-time law, contracts, availability, skills, sites and opening
 * hours) and minimises one objective, in the centre's currency:
 *
 *   objective = understaffing + pay + overstaffing + preferences
 *               + unfairness + positions                              (1)
 *
 * (docs/roster.md defines each term).  Every hard rule is a rule about one
 * officer's week, so any mix of lawful weeks is a lawful rota: the search
 * re-plans one officer's whole week at a time, exactly, by dynamic
 * programming over the days, and the lower bound comes from the same
 * weekly problem priced by Lagrangian multipliers of the cover rows
 * (roster/bound.c).
 *
 * Key decision: deferred work (email, web, post, voicemail) is met per
 * day, not per interval: its standard is a deadline in days, so the rota
 * only owes the day's hours of it, worked whenever officers are free. */
#ifndef RP_ROSTER_ROSTER_H
#define RP_ROSTER_ROSTER_H

#include <glib.h>

#include "common/centre.h"
#include "common/rules.h"

/* ---- inputs ------------------------------------------------------------ */

typedef struct {
    char *id;           /* short name used in files */
    char *name;         /* display name */
    int home_site;      /* index in centre->sites */
    guint64 sites;      /* bit s set: may work at site s (home included) */
    double *skill;      /* per centre queue: proficiency, 0 = untrained, 1 =
                           a full officer */
    double contract_h;  /* contracted hours a week (h) */
    int min_paid_min;   /* least paid time in the week (min) */
    int max_paid_min;   /* most paid time in the week (min) */
    int max_days;       /* most working days in the week */
    double hourly_cost; /* pay per hour before on-costs */
    gboolean evenings;  /* may work after the evening premium starts */
    gboolean weekends;  /* may work on Saturdays and Sundays */
    size_t line;        /* line in the officers file */
} RpOfficer;

typedef enum {
    RP_AWAY_ABSENCE,    /* leave, sickness: not at work */
    RP_AWAY_COMMITMENT, /* training, meetings: at work, off the queues */
} RpAwayKind;

/* One row of the availability file. */
typedef struct {
    size_t officer;   /* index in input->officers */
    gint64 start_utc; /* (s) */
    gint64 end_utc;   /* (s), after start */
    RpAwayKind kind;
    char *reason; /* as written */
    size_t line;
} RpAway;

/* One row of the preferences file. */
typedef struct {
    size_t officer; /* index in input->officers */
    int weekday;    /* 0 = Monday .. 6, or -1 when `day` is set */
    gint64 day;     /* local day number, or -1 when `weekday` is set */
    gboolean off;   /* wants the day off; else wants any shift that day to
                       lie within [from_min, to_min] */
    int from_min;   /* (min after local midnight) */
    int to_min;     /* (min after local midnight) */
    double weight;  /* what leaving it unmet costs */
    size_t line;
} RpPreference;

/* The most values of the requirements' `weights` column: as many as
 * `rotaplan staff` writes (RP_SHORT_WEIGHTS; cli/cmd_plan.c asserts they
 * agree). */
#define RP_ROSTER_MAX_WEIGHTS 6

/* Officers needed per queue and interval, as `rotaplan staff` writes. */
typedef struct {
    char *path;
    gint64 first_day;   /* local day number of the first day */
    size_t n_days;      /* 1..7 */
    gint64 start_utc;   /* local midnight starting the first day (s) */
    size_t n_intervals; /* intervals from start_utc to the end of the last
                           day */
    size_t n_queues;    /* the centre's queues */
    double *required;   /* [q * n_intervals + t] officers */
    double *weights;    /* [(q * n_intervals + t) * RP_ROSTER_MAX_WEIGHTS
                           + k]: contacts that miss the standard for the
                           (k+1)-th officer short, non-decreasing in k;
                           beyond the last, each officer short costs as
                           much as the last */
    guint8 *n_weights;  /* [q * n_intervals + t] values in `weights` */
    size_t *line;       /* [q * n_intervals + t] file line, 0 = no row */
    gboolean pooled;    /* the phone lines were sized as one pool (the
                           file's sized_as column) */
} RpRosterDemand;

/* Everything a roster is planned from.  The centre is borrowed; the rest
 * is owned and filled by the rp_roster_input_read_*() functions, which
 * must be called officers first, then requirements, then the others. */
typedef struct {
    const RpCentre *centre;
    char *officers_path; /* files read, for messages */
    char *away_path;
    GPtrArray *officers;    /* RpOfficer * */
    RpRosterDemand *req;    /* NULL until read */
    GPtrArray *away;        /* RpAway * */
    GPtrArray *preferences; /* RpPreference * */
    gint64 *prev_end_utc;   /* per officer: end of the last shift before
                               the week (s), G_MININT64 when none */
    int *prev_run;          /* per officer: days worked in a row up to
                               the day before the week */
    size_t *prev_line;      /* per officer: line of that last shift in
                               the previous rota, 0 when none */
    char *previous_path;    /* the previous rota read, or NULL */
} RpRosterInput;

/* A new, empty input for `centre` (borrowed; must outlive the input). */
RpRosterInput *rp_roster_input_new(const RpCentre *centre);
void rp_roster_input_free(RpRosterInput *input);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpRosterInput, rp_roster_input_free)

/* Reads the officers CSV (docs/roster.md).  Fails with RP_IO_ERROR_READ or
 * an RP_DATA_ERROR naming file, line and field: unknown sites or queues,
 * duplicate ids, contract hours that contradict each other or the
 * working-time rules, an empty file.  `input` is untouched on failure. */
gboolean rp_roster_input_read_officers(RpRosterInput *input, const char *path,
                                       GError **error);

/* Checks that every queue the work needs has an officer who can hold it:
 * `first_utc[q]` is the first interval that needs queue q (G_MININT64:
 * none), `first_line[q]` its line in `path` (the requirements, or the
 * contacts to simulate; NULL when the work was not read from a file: the
 * message then says "the requirements").  A desk no officer of the
 * officers file can work (nobody holds its skill; skills at a desk are
 * only accepted from officers of its site, home or extra), or a line or
 * deferred queue nobody holds, fails with RP_DATA_ERROR_MISSING naming
 * the configuration's [queue:ID] (its `site` key for a desk), the
 * officers file and what needs it.  Needs the officers. */
gboolean rp_roster_input_check_holders(const RpRosterInput *input,
                                       const char *path,
                                       const gint64 *first_utc,
                                       const size_t *first_line,
                                       GError **error);

/* Reads the requirements CSV of `rotaplan staff`; the days it covers (at
 * most 7) are the rota's week.  The cost of each officer short comes from
 * `weights` or, in files without it, `weight` (one value for every
 * officer short).  Fails with RP_IO_ERROR_READ or an RP_DATA_ERROR naming
 * file, line and field (unknown queue, a time off the interval grid, a
 * repeated row, more than 7 days, no rows, weights that fall or are more
 * than RP_ROSTER_MAX_WEIGHTS). */
gboolean rp_roster_input_read_requirements(RpRosterInput *input,
                                           const char *path, GError **error);

/* Reads the availability CSV: officer, start, end, reason[, kind].
 * Needs the officers.  Overlapping rows of one officer, unknown officers
 * and ends before starts are RP_DATA_ERRORs naming file and line. */
gboolean rp_roster_input_read_availability(RpRosterInput *input,
                                           const char *path, GError **error);

/* Reads the preferences CSV: officer, day, prefer[, weight].  Needs the
 * officers. */
gboolean rp_roster_input_read_preferences(RpRosterInput *input,
                                          const char *path, GError **error);

/* Reads last week's rota (the rota CSV this module writes) for rest and
 * days in a row across the week boundary.  Needs officers and
 * requirements; rows of officers no longer listed are ignored, rows on or
 * after the week's first day are an RP_DATA_ERROR. */
gboolean rp_roster_input_read_previous(RpRosterInput *input, const char *path,
                                       GError **error);

/* ---- the roster -------------------------------------------------------- */

/* Activity codes besides queue indices (>= 0). */
enum {
    RP_ACT_OFF = -1,        /* not at work */
    RP_ACT_IDLE = -2,       /* at work, no queue needs them */
    RP_ACT_BREAK = -3,      /* paid break */
    RP_ACT_LUNCH = -4,      /* unpaid break */
    RP_ACT_COMMITMENT = -5, /* training, meeting (availability file) */
};

/* One officer's shift on one day. */
typedef struct {
    size_t officer;   /* index in input->officers */
    size_t day;       /* day of the week, 0 = the requirements' first day */
    int site;         /* index in centre->sites */
    gint64 start_utc; /* (s) */
    gint64 end_utc;   /* (s) */
    int n_breaks;
    gint64 break_start_utc[RP_MAX_BREAKS]; /* (s) */
    gint64 break_end_utc[RP_MAX_BREAKS];   /* (s) */
    gboolean break_paid[RP_MAX_BREAKS];
} RpShift;

typedef struct {
    size_t n_officers;
    size_t n_intervals; /* as in the requirements */
    GArray *shifts;     /* RpShift, by officer then day */
    gint16 *activity;   /* [officer * n_intervals + t]: queue or RP_ACT_* */
} RpRoster;

RpRoster *rp_roster_new(size_t n_officers, size_t n_intervals);
void rp_roster_free(RpRoster *roster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpRoster, rp_roster_free)

/* The terms of (1), in the centre's currency, and two counts. */
typedef struct {
    double total;         /* (1) */
    double understaffing; /* price of officers short of requirements */
    double pay;           /* paid hours with on-costs and premiums */
    double overstaffing;  /* price of idle or surplus officer time */
    double preferences;   /* weights of unmet preferences */
    double unfairness;    /* price of evening and weekend hours above
                             fair shares */
    double positions;     /* price of changes of position and of start
                             times beyond each officer's first */
    size_t changes;       /* changes of position (no break between) */
    size_t extra_starts;  /* distinct start times beyond each officer's
                             first, summed */
    double short_hours;   /* officer-hours short of requirements (h) */
    double over_hours;    /* officer-hours idle or beyond need (h) */
} RpObjective;

/* Evaluates (1) for `roster`, which must keep the hard rules. */
void rp_roster_evaluate(const RpRosterInput *input, const RpRoster *roster,
                        RpObjective *objective);

/* Checks every hard rule on `roster`, independently of the solver: shift
 * starts, lengths and breaks from the site's rules inside its working
 * hours; rest between shifts and from last week; the break a long shift
 * needs; weekly hours, days and days in a row; contracts; absences and
 * commitments; evenings and weekends; skills, sites and queue opening
 * hours of every activity.  Fails with RP_ROSTER_ERROR_RULE naming the
 * officer, day and rule broken. */
gboolean rp_roster_check(const RpRosterInput *input, const RpRoster *roster,
                         GError **error);

/* ---- solving ----------------------------------------------------------- */

typedef enum {
    RP_ROSTER_OPTIMAL,    /* objective within gap_tol of the bound */
    RP_ROSTER_FEASIBLE,   /* the iteration budget was used */
    RP_ROSTER_TIME_LIMIT, /* the time limit cut the bound or the search
                             short (or there was no budget) */
} RpRosterStatus;

/* Reported while solving (not more often than every 0.2 s): `phase` is
 * "bound" or "search"; objective and bound in the centre's currency,
 * NAN when not yet known; gap as a fraction. */
typedef void (*RpRosterProgressFunc)(const char *phase, double objective,
                                     double bound, double gap, double seconds,
                                     gpointer data);

typedef struct {
    guint32 seed;                  /* search randomness */
    double time_limit_s;           /* cap on the whole solve (s) */
    size_t iterations;             /* search iterations, which each of the two
                                      threads runs (0: until the time limit) */
    size_t bound_steps;            /* most subgradient steps of the bound */
    gboolean bound;                /* compute the lower bound */
    gboolean exact;                /* end with GLPK's branch and cut when the
                                      problem is small (roster/exact.c) */
    double gap_tol;                /* stop early below this gap (fraction) */
    RpRosterProgressFunc progress; /* NULL for none */
    gpointer progress_data;
} RpRosterParams;

/* Defaults: seed 1, time limit 10 min (a cap: the iterations and the
 * bound's steps decide when a run ends), 20000 iterations, at most 10000
 * bound steps, bound on, exact on, gap_tol 1e-6, no progress. */
void rp_roster_params_init(RpRosterParams *params);

typedef struct {
    RpRosterStatus status;
    RpRoster *roster; /* owned */
    RpObjective objective;
    double bound;          /* proven lower bound on (1), -INFINITY when
                              not computed */
    double gap;            /* (objective - bound) / objective */
    double seconds;        /* wall-clock time of the solve (s) */
    size_t iterations;     /* search iterations run */
    size_t bound_steps;    /* subgradient steps run */
    GPtrArray *shortfalls; /* char *: requirements no rota can meet, and
                              why */
} RpRosterResult;

void rp_roster_result_clear(RpRosterResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(RpRosterResult, rp_roster_result_clear)

/* Plans the rota.  `params` may be NULL for the defaults.  Returns FALSE
 * only when it cannot run: RP_DATA_ERROR when an officer has no lawful
 * week at all (e.g. minimum hours out of reach of the allowed shifts) or
 * a commitment no allowed shift covers, naming the file and line.  On
 * success `result`
 * (zeroed by the caller or cleared) holds the rota, its objective, the
 * bound and gap, and the shortfalls found. */
gboolean rp_roster_solve(const RpRosterInput *input,
                         const RpRosterParams *params, RpRosterResult *result,
                         GError **error);

/* ---- output ------------------------------------------------------------ */

/* The rota CSV: officer,name,date,site,start,end,breaks,paid_hours, one row
 * per shift, times HH:MM local, breaks "HH:MM-HH:MM" joined by ';'.
 * Returns: (transfer full) text. */
char *rp_roster_rota_csv(const RpRosterInput *input, const RpRoster *roster);

/* The activities CSV: officer,interval_start,site,activity, one row per
 * officer and interval at work; with calls routed by skill the activity
 * of a phone line is the position `phones` or `phones:PROFILE`
 * (rp_roster_logins()). (transfer full) */
char *rp_roster_activities_csv(const RpRosterInput *input,
                               const RpRoster *roster);

/* What each officer is logged into, per officer and interval
 * ([officer * n_intervals + t]), when calls are routed by skill (else
 * RP_LOGIN_PLAIN throughout):
 *   on a phone line: RP_LOGIN_PLAIN, every line held (the position
 *     `phones`), or k >= 0, the lines of profile k held (`phones:ID`):
 *     each block on the phones (intervals on phone lines in a row) is
 *     logged into the narrowest profile holding every line the rota
 *     counts on the officer for in it, when that is narrower than every
 *     line they hold;
 *   on a desk of a site with [site:ID] blended, by an officer holding a
 *     line of it: RP_LOGIN_BLENDED (the desk first, every line held
 *     between visitors: `blended`) or k >= 0 (profile k's lines:
 *     `blended:ID`);
 *   anything else: RP_LOGIN_PLAIN, the activity alone.
 * (roster/logins.c)  (transfer full) */
#define RP_LOGIN_PLAIN   (-1)
#define RP_LOGIN_BLENDED (-2)

/* The queues each officer is logged into, [officer * n_intervals + t] as
 * bits (queue q: bit q), and those taken first (a blended desk's) in
 * `first`: the activities file's positions read back as
 * common/activities.h reads them; 0 where the officer holds no
 * position.  Both arrays hold n_officers * n_intervals; the centre has
 * at most 64 queues. */
void rp_roster_login_masks(const RpRosterInput *input, const RpRoster *roster,
                           guint64 *login, guint64 *first);
int *rp_roster_logins(const RpRosterInput *input, const RpRoster *roster);

/* The coverage CSV: interval_start,queue,channel,site,required,scheduled,
 * officers,short, one row per queue listed in the requirements and
 * interval.  (transfer full) */
char *rp_roster_coverage_csv(const RpRosterInput *input,
                             const RpRoster *roster);

/* One officer's week against contract. */
typedef struct {
    double paid_h;    /* paid hours in the rota (h) */
    double min_h;     /* least paid hours, contract less leave (h) */
    double max_h;     /* most paid hours, contract less leave (h) */
    double days;      /* days worked */
    double evening_h; /* hours at work after the evening premium starts */
    double weekend_h; /* hours at work on Saturdays and Sundays */
} RpOfficerWeek;

/* Whether the requirements ask for more officer-hours than the officers
 * can work in the week (their contracts' maximum hours, less leave):
 * a week short of officers whatever the rota.  Needs the officers and
 * the requirements. */
gboolean rp_roster_short_week(const RpRosterInput *input);

/* Officer `officer`'s week in `roster`. */
void rp_roster_officer_week(const RpRosterInput *input, const RpRoster *roster,
                            size_t officer, RpOfficerWeek *week);

/* "optimal", "feasible" or "time_limit". */
const char *rp_roster_status_name(RpRosterStatus status);

/* Officer `officer`'s shifts as an iCalendar file (RFC 5545), times in
 * UTC; `stamp_utc` is the DTSTAMP of every event (s).  (transfer full) */
char *rp_roster_ics(const RpRosterInput *input, const RpRoster *roster,
                    size_t officer, gint64 stamp_utc);

/* Writes the roster problem of `input` as a mixed-integer programme in
 * free MPS format to `path` (through a temporary file renamed into place):
 * the same hard rules, objective (1) and prices the solver uses, so any
 * MIP solver's objective is comparable with result->objective.total.
 * Fails with RP_IO_ERROR_WRITE, or as rp_roster_solve() does. */
gboolean rp_roster_write_mps(const RpRosterInput *input, const char *path,
                             GError **error);

#endif
