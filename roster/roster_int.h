/* roster/roster_int.h - declarations shared by the roster's files and
 * its tests.
 *
 * The input is compiled once into an RpProblem: the week as a grid of
 * intervals (UTC, so clock changes are exact), the queues that have
 * requirements, every shift shape a site allows on each day, and per
 * officer the shapes they may work, pay per interval and contract limits.
 *
 * The model (docs/roster.md, with symbols used in the code):
 *   short(q,t) = max(0, r(q,t) - S(q,t)),  over = max(0, S - r)      (2)
 *   S(q,t)    = sum of proficiencies of officers on q at t; for deferred
 *               queues r and S are summed over each day
 *   understaffing = sum over phones and desks F(q,t; short(q,t))
 *                   + sum over deferred queues C(q,d; short(q,d))   (3)
 *     F(s) convex and piecewise linear in the shortfall: slope g_k
 *            between k and k + 1 officers short (the last beyond),
 *     g_k(q,t) = hours * understaffed_hour + missed_contact * w_k(q,t),
 *            w_k the contacts that miss the standard for the (k+1)-th
 *            officer short (the requirements' weights), plus hours *
 *            below_minimum_hour wherever the shortfall leaves fewer than
 *            the queue's min_officers while it is open (beyond r -
 *            min_officers officers short, which may split a slope);
 *            plus the share price j * j * hours * shortfall_share_hour
 *            * shortfall_weight(q) from j to j + 1 tenths of r(q,t)
 *            short (j = 1 .. 9, the last beyond), so the share of a
 *            requirement missed is evened out across queues; w_k
 *            never falls and the share price rises, so F is convex,
 *            which the search's exact deltas, the bound and the MIP all
 *            rely on;
 *     C(q,d) slope hours * understaffed_hour + missed_contact * the day's
 *            weight per officer short, averaged over its intervals, plus
 *            the share price on the day's requirement
 *   overstaffing  = o * (sum over(q,t) + idle officer-intervals),
 *                   o = hours(t) * overstaffed_hour                 (4)
 *   pay           = sum over paid intervals of rate * hours(t) *
 *                   (1 + oncost) * (1 + premium(t))                 (5)
 *   positions     = position_change * changes + start_time_change *
 *                   sum over officers of (distinct start times - 1)  (6)
 *     a change: two intervals in a row at work holding different
 *     positions (a queue; every phone line is one position, "phones",
 *     when calls are routed by skill; idle); a break, lunch or
 *     commitment between them is a natural point to change and costs
 *     nothing.  Hard rule: a position is held for at least min_block
 *     intervals, except a block next to a break, commitment or the
 *     shift's start or end.
 * An officer's week is chosen exactly by rp_week_best(): the value of
 * being at work in interval t at site s is v(s,t) (the drop in (3)+(4)
 * from adding them there, or a dual price for the bound), and the week
 * maximises sum v - pay - unmet preferences within the hard rules. */
#ifndef RP_ROSTER_ROSTER_INT_H
#define RP_ROSTER_ROSTER_INT_H

#include <math.h>

#include <glib.h>

#include "common/csvio.h"
#include "roster/roster.h"

#define RP_ROSTER_MAX_OFFICERS 5000
#define RP_ROSTER_MAX_DAYS     7

/* The field of column `col` in a CSV record, or NULL when it is absent
 * or empty. */
const char *rp_field(const char *const *fields, size_t n,
                     const RpCsvColumn *col);

/* Index of the officer called `id`, or -1. */
int rp_roster_officer_index(const RpRosterInput *input, const char *id);

void rp_roster_requirements_free(RpRosterDemand *req);

/* Local day number of `utc`. */
gint64 rp_local_day(const RpClock *clock, gint64 utc);

/* Officer `i`'s least and most paid intervals in the week: the contract's
 * minimum and maximum less leave (each day's absence counts up to the
 * contract's hours per working day, on days the officer could otherwise
 * work a shift) and, with [roster] bank_holiday_hours = pro-rata, less a
 * fifth of the contract for each weekday the centre is shut, rounded to
 * the nearest interval.  The solver's definition; the checker (check.c)
 * counts the same independently. */
void rp_contract_limits(const RpRosterInput *in, size_t i, int *min_paid,
                        int *max_paid);

/* The officer-intervals the requirements ask for in the week, and the
 * most the officers can be paid for (each one's contract maximum after
 * leave, rp_contract_limits()): the roster's warning and
 * rp_roster_short_week() compare the two. */
void rp_roster_week_hours(const RpRosterInput *in, double *need, double *most);

/* Local minutes after midnight of `utc` on local day `day`. */
int rp_local_minute(const RpClock *clock, gint64 day, gint64 utc);

/* ---- the compiled problem ---------------------------------------------- */

/* A shift shape: one allowed start and length at one site on one day. */
typedef struct {
    int site;  /* centre site index */
    int day;   /* day of the week */
    int start; /* first interval */
    int len;   /* intervals from start to end */
    int paid;  /* paid intervals (len minus unpaid breaks) */
    int n_breaks;
    int brk_lo[RP_MAX_BREAKS];  /* earliest break start (interval) */
    int brk_hi[RP_MAX_BREAKS];  /* latest break start (interval) */
    int brk_len[RP_MAX_BREAKS]; /* break length (intervals) */
    gboolean brk_paid[RP_MAX_BREAKS];
    int brk_rule[RP_MAX_BREAKS]; /* index of the break in the site's rules */
    int start_min;               /* local minutes after midnight */
    int end_min;                 /* local minutes after midnight */
    int evening;      /* intervals at or after the evening premium starts */
    gboolean weekend; /* on a Saturday or Sunday */
    int end_class;    /* rest class of its end (see week.c) */
    int start_class;  /* highest end class of the day before it allows */
} RpShape;

/* The share price of (3) rises at each tenth of a requirement. */
#define RP_SHARE_BANDS 10

/* Segments of F: a slope per weight, one more where the minimum splits
 * one, and one more at each tenth of the requirement. */
#define RP_PRICE_SEGMENTS (RP_ROSTER_MAX_WEIGHTS + RP_SHARE_BANDS)

/* F of (3) for one cover cell: the price of a shortfall, slope g[k] per
 * officer-interval from b[k] to b[k + 1] officers short, g[n-1] beyond
 * b[n-1]. */
typedef struct {
    double g[RP_PRICE_SEGMENTS]; /* non-decreasing (currency per
                                    officer-interval) */
    double b[RP_PRICE_SEGMENTS]; /* where each starts; b[0] = 0 */
    double f[RP_PRICE_SEGMENTS]; /* F(b[k]) */
    int n;                       /* segments, at least 1 */
} RpPrice;

/* A queue with requirements. */
typedef struct {
    int queue;         /* centre queue index */
    gboolean deferred; /* met per day */
    int site;          /* centre site index, -1 for any site */
} RpPQueue;

/* One officer's skill on a problem queue. */
typedef struct {
    int q;       /* problem queue index */
    double prof; /* proficiency */
} RpSkill;

typedef struct {
    const RpRosterInput *in;
    /* the grid */
    size_t n_t, n_d, n_sites;
    gint64 start_utc;                      /* (s) */
    gint64 step_s;                         /* interval length (s) */
    double hours;                          /* interval length (h) */
    int day_first[RP_ROSTER_MAX_DAYS + 1]; /* first interval of each day */
    gint64 day_number[RP_ROSTER_MAX_DAYS]; /* local day numbers */
    int *minute;        /* [t] local minutes after midnight */
    int *day_of;        /* [t] day of the week */
    double *pay_factor; /* [t] hours * (1 + oncost) * (1 + premium) */
    gboolean *evening;  /* [t] at or after the evening premium starts */
    /* queues */
    size_t n_q;
    RpPQueue *q;
    double *req;     /* [q * n_t + t] officers (deferred: see dreq) */
    RpPrice *price;  /* [t * n_q + q] F(q,t) of (3): by interval, as the
                        search prices one interval's queues at a time */
    gboolean *open;  /* [q * n_t + t] */
    double *dreq;    /* [q * n_d + d] deferred officer-intervals a day */
    RpPrice *dprice; /* [q * n_d + d] c(q,d) of (3) */
    RpPrice *whole;  /* [t * n_q + q] F(q,t) at the cover whole officers
                        can give (whole.c): for the bound and the model */
    double over;     /* o of (4) per officer-interval */
    /* positions (6) */
    int *pos;            /* [q] position of problem queue q: q itself, or
                            RP_POS_PHONES for a phone line when calls are
                            routed by skill */
    int min_block;       /* intervals a position is held at least, except
                            next to a break or a shift's ends */
    double change_price; /* per change of position */
    double start_price;  /* per distinct start time beyond the first */
    /* shapes, by day */
    GArray *shapes; /* RpShape */
    int shape_first[RP_ROSTER_MAX_DAYS + 1];
    int n_classes[RP_ROSTER_MAX_DAYS]; /* end classes of each day */
    /* officers */
    size_t n_o;
    double *rate;     /* [i] pay per hour with on-costs */
    int *min_paid;    /* [i] intervals, after leave */
    int *max_paid;    /* [i] intervals */
    int *max_days;    /* [i] */
    int *prev_run;    /* [i] days worked in a row before the week */
    int max_run;      /* days in a row allowed */
    RpSkill **skills; /* [i] -> n_skills[i] skills */
    size_t *n_skills;
    double *prof;        /* [i * n_q + q] proficiency, 0 untrained */
    guint8 *blocked;     /* [i * n_t + t]: 1 absent, 2 committed */
    gboolean *must_work; /* [i * n_d + d] a commitment that day */
    double *pref_off;    /* [i * n_d + d] weight unmet if working that day */
    GArray **pref_win;   /* [i * n_d + d] RpPreference * whose windows apply */
    int *allow_first;    /* [i * n_d + d] .. [+1]: range in `allow` */
    int *allow;          /* shape indices */
    guint8 *reach;       /* [i * n_t + t] some allowed shape covers t */
    double *fair_share;  /* [i] expected hours (0: not in the fair share) */
    gboolean *fair_kind; /* [i * 2 + k]: can work evenings (k 0), weekends
                            (k 1) */
} RpProblem;

/* The position of every phone line when calls are routed by skill. */
#define RP_POS_PHONES (-100)

/* TRUE when activity `a` holds a position (a queue, or idle at work). */
static inline gboolean
rp_is_position(int a)
{
    return a >= 0 || a == RP_ACT_IDLE;
}

/* The position problem activity `a` (a problem queue or RP_ACT_*) holds. */
static inline int
rp_position(const RpProblem *p, int a)
{
    return a >= 0 ? p->pos[a] : a;
}

static inline const RpShape *
rp_shape(const RpProblem *p, int h)
{
    return &g_array_index(p->shapes, RpShape, h);
}

/* Compiles `in`.  Fails with RP_DATA_ERROR (naming file and line) for a
 * commitment no allowed shift covers or an officer with no lawful week. */
RpProblem *rp_problem_new(const RpRosterInput *in, GError **error);

/* Compiles `in` without those checks (for evaluating a given roster). */
RpProblem *rp_problem_compile(const RpRosterInput *in);
void rp_problem_free(RpProblem *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpProblem, rp_problem_free)

/* Appends to `out` (char *) one line per queue whose requirement no rota
 * can meet in some intervals, saying which intervals and why. */
void rp_problem_shortfalls(const RpProblem *p, GPtrArray *out);

/* Officer i's proficiency on problem queue q. */
static inline double
rp_prof(const RpProblem *p, size_t i, int q)
{
    return p->prof[i * p->n_q + (size_t)q];
}

/* Pay of officer `i` for paid interval `t`. */
static inline double
rp_pay(const RpProblem *p, size_t i, int t)
{
    return p->rate[i] * p->pay_factor[t];
}

/* The price list of cover cell (q, j) (j the interval of a phone line or
 * desk, the day of deferred work). */
static inline const RpPrice *
rp_cover_price(const RpProblem *p, size_t q, size_t j)
{
    return p->q[q].deferred ? &p->dprice[q * p->n_d + j]
                            : &p->price[j * p->n_q + q];
}

/* The price list of cover cell (q, j) for the bound and the exported
 * model: F at the cover whole officers can give (whole.c). */
static inline const RpPrice *
rp_whole_price(const RpProblem *p, size_t q, size_t j)
{
    return p->q[q].deferred ? rp_cover_price(p, q, j)
                            : &p->whole[j * p->n_q + q];
}

/* Fills RpProblem.whole (whole.c). */
RpPrice *rp_whole_prices(const RpProblem *p);

/* The segment of F that a shortfall of `s` >= 0 officers lies in. */
static inline int
rp_price_segment(double s, const RpPrice *g)
{
    int k = 0;
    while (k + 1 < g->n && s >= g->b[k + 1])
        k++;
    return k;
}

/* Width of segment k of F (INFINITY for the last). */
static inline double
rp_price_width(const RpPrice *g, int k)
{
    return k + 1 < g->n ? g->b[k + 1] - g->b[k] : INFINITY;
}

/* F(s) of (3): the price of being `s` >= 0 officers short. */
static inline double
rp_short_cost(double s, const RpPrice *g)
{
    int k = rp_price_segment(s, g);
    return g->f[k] + g->g[k] * (s - g->b[k]);
}

/* (3) + (4) of one requirement `r` met by supply `s`. */
static inline double
rp_cover_cost(double r, double s, const RpPrice *g, double over)
{
    return r > s ? rp_short_cost(r - s, g) : over * (s - r);
}

/* Weights of officer `i`'s preferences unmet by working a shift on day
 * `day` from local minute `start_min` to `end_min`. */
double rp_preference_cost(const RpProblem *p, size_t i, size_t day,
                          int start_min, int end_min);

/* Counts (1) for `roster` (objective.c). */
void rp_problem_evaluate(const RpProblem *p, const RpRoster *roster,
                         RpObjective *obj);

/* Problem queue index of centre queue `queue`, or -1. */
int rp_problem_queue(const RpProblem *p, int queue);

/* The unfairness term of (1) from each officer's evening (k 0) and
 * weekend (k 1) hours, fair_hours[i * 2 + k]: unfair_hour times
 * rp_unfair_hours() of each officer's hours above their fair share. */
double rp_unfairness(const RpProblem *p, const double *fair_hours);

/* The price, in multiples of unfair_hour, of `e` hours above a fair
 * share: the first hour costs 1, the second 2, the j-th j (so spreading
 * evening and weekend work is always worth something); 0 for e <= 0. */
double rp_unfair_hours(double e);

/* Hours above a fair share that the MIP prices with a segment each
 * (mps.c); beyond them the last slope goes on. */
#define RP_UNFAIR_SEGMENTS 48

/* ---- the problem as a MIP (mps.c) ---------------------------------------- */

typedef enum {
    RP_MIP_OTHER,
    RP_MIP_SHAPE, /* officer i works shape a */
    RP_MIP_BREAK, /* officer i's break rule b on day a starts at c */
    RP_MIP_QUEUE, /* officer i works problem queue a in interval b */
} RpMipKind;

typedef struct {
    RpMipKind kind;
    size_t i;
    int a, b, c;
} RpMipCol;

typedef struct {
    int col, row;
    double val;
} RpMipEntry;

/* The model of mps.c's header comment, in memory. */
typedef struct {
    GPtrArray *row_name; /* char * */
    GString *row_type;   /* 'E', 'L', 'G' */
    GArray *rhs;         /* double */
    GPtrArray *col_name;
    GArray *meaning; /* RpMipCol per column */
    GArray *cost;    /* double */
    GArray *lo, *hi; /* double; hi INFINITY: none */
    GString *binary; /* '1' for a binary column */
    GArray *entries; /* RpMipEntry, by column then row */
} RpMip;

RpMip *rp_mip_new(const RpProblem *p);
void rp_mip_free(RpMip *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpMip, rp_mip_free)

/* ---- one officer's week ------------------------------------------------- */

/* A week's plan for one officer: a shape (or -1) and break starts each
 * day. */
typedef struct {
    int shape[RP_ROSTER_MAX_DAYS];
    int brk[RP_ROSTER_MAX_DAYS][RP_MAX_BREAKS];
} RpPlan;

typedef struct RpWeek RpWeek;

/* A workspace for rp_week_best() (GSL rule: allocate once). */
RpWeek *rp_week_new(const RpProblem *p);
void rp_week_free(RpWeek *w);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpWeek, rp_week_free)

/* The lawful week of officer `i` maximising
 *   sum over intervals at work of value[site * n_t + t]
 *   - pay - unmet preferences - start_time_change x [two start times
 *   or more]                                               ((8) of week.c)
 * (breaks and commitments are not at work), written to `plan`.  `value` needs
 * entries for the officer's sites. Returns the maximum, or -INFINITY (plan
 * untouched) when the officer has no lawful week.  The maximum is an upper
 * bound on the week's value with every start time beyond the first priced,
 * exact for a week of one or two; `plan` is the best so priced of the best
 * week of all and the best of each single start time. */
double rp_week_best(RpWeek *w, size_t i, const double *value, RpPlan *plan);

/* Whether rp_week_best() counts start times, (8) of week.c (on unless
 * start times are free or every shape starts at one time). */
void rp_week_count_starts(RpWeek *w, gboolean on);

/* Whether rp_week_best() keeps to weeks of the officer's least paid
 * hours (off unless set). */
void rp_week_least_hours(RpWeek *w, gboolean on);

/* Like rp_week_best(), but the best lawful week for each total of paid
 * intervals the officer can work: the `max` (>= 1) best of them, in
 * falling order of value, go to plans[] and values[].  Returns how many. */
size_t rp_week_by_hours(RpWeek *w, size_t i, const double *value, RpPlan *plans,
                        double *values, size_t max);

/* Whether `plan` is a lawful week of officer `i`: each shift of a shape
 * the officer may work that day, its breaks in their windows and off
 * their commitments, a shift on every day they must work, and the
 * weekly rules rp_week_best() keeps (paid hours within the contract,
 * days a week, days in a row, rest between shifts). */
gboolean rp_week_lawful(const RpProblem *p, size_t i, const RpPlan *plan);

/* Value of `plan` for officer `i` under `value`, as rp_week_best() counts
 * it. */
double rp_week_value(RpWeek *w, size_t i, const double *value,
                     const RpPlan *plan);

/* ---- a roster being improved -------------------------------------------- */

typedef struct {
    const RpProblem *p;
    RpPlan *plan;       /* [i] */
    gint16 *act;        /* [t * n_o + i]: problem queue or RP_ACT_*;
                           by interval, because the assignment works on
                           one interval's officers at a time */
    double *supply;     /* [q * n_t + t] proficiency on queue q */
    double *dsupply;    /* [q * n_d + d] deferred supply a day */
    double *fair_hours; /* [i * 2 + k] evening (k 0) / weekend (k 1) hours */
    double *fair_prev;  /* [i * 2 + k] those hours when officer i was last
                           taken off the rota */
    double pay;         /* (5) */
    double prefs;       /* unmet preference weights */
    double cover;       /* (3) + (4) without idle */
    double idle;        /* idle officer-intervals */
    double changes;     /* changes of position, (6) */
    double starts;      /* distinct start times beyond each officer's
                           first, (6) */
    struct RpBlocks *blocks; /* scratch of rp_state_place(), not copied */
} RpState;

/* Officer i's activity in interval t. */
static inline int
rp_act(const RpState *s, size_t i, int t)
{
    return s->act[(size_t)t * s->p->n_o + i];
}

RpState *rp_state_new(const RpProblem *p);
void rp_state_free(RpState *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpState, rp_state_free)
void rp_state_copy(RpState *dst, const RpState *src);

/* Takes officer `i` off the rota. */
void rp_state_remove(RpState *s, size_t i);

/* Puts officer `i` (off the rota) on `plan`, each interval at work on the
 * queue where they reduce (3)+(4) most. */
void rp_state_insert(RpState *s, size_t i, const RpPlan *plan);

typedef struct RpPolish RpPolish;

/* v(s,t) for officer `i` (off the rota): the drop in (3)+(4) if they
 * worked interval t at site s, at least -o (idle), less the price of one
 * more hour of evening or weekend work at the hours above their fair
 * share they had before (state.c fair_values()).  `value` has room for
 * n_sites * n_t entries; `w` is scratch. */
void rp_state_marginal(const RpState *s, size_t i, double *value, RpPolish *w);

/* Where break k of officer i's shift on day d may start without leaving
 * its window or meeting the breaks beside it: [*lo, *hi]; returns its
 * length (intervals). */
int rp_state_break_room(const RpState *s, size_t i, size_t d, int k, int *lo,
                        int *hi);

/* Moves break k of officer i's shift on day d to start at interval `to`
 * (within rp_state_break_room()); the intervals it leaves go to the queue
 * that gains most.  FALSE, nothing changed, if `to` meets a commitment. */
gboolean rp_state_move_break(RpState *s, size_t i, size_t d, int k, int to);

/* Workspace of rp_state_polish() and rp_state_marginal(). */
struct RpPolish {
    size_t *who;        /* [n_o] officers at work */
    int *site;          /* [n_o] their sites */
    double *release;    /* [n_o] what taking each off their activity costs */
    int *cand;          /* [n_q * 2] candidates per queue */
    gboolean *known;    /* [n_q] cand[q] computed this pass */
    double *exit_cost;  /* [n_q] see state.c exits() */
    double *exit_prof;  /* [n_q] */
    gboolean *is_short; /* [n_q] */
};

RpPolish *rp_polish_new(const RpProblem *p);
void rp_polish_free(RpPolish *w);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpPolish, rp_polish_free)

/* Improves the assignment of the officers at work in interval t by moves
 * of one officer and chains of two (another officer takes the queue the
 * first left, chosen among the two most promising).  Returns TRUE if
 * anything moved. */
gboolean rp_state_polish(RpState *s, int t, RpPolish *w);

/* Deferred queue q on day d: the officer on it who would gain most on a
 * short phone or desk queue moves there, and the day's other intervals
 * are polished so that idle or surplus officers take the work over; kept
 * while that lowers (1), a few officers at most.  `backup` is scratch.
 * Returns TRUE if anything moved. */
gboolean rp_state_rebalance(RpState *s, size_t d, int q, RpState *backup,
                            RpPolish *pw);

/* The objective (1) of the state. */
double rp_state_total(const RpState *s);

/* The roster of the state.  (transfer full) */
RpRoster *rp_state_roster(const RpState *s);

/* ---- search and bound ---------------------------------------------------- */

typedef struct {
    const RpRosterParams *params;
    gint64 start_us;    /* monotonic clock at the start of the solve */
    gint64 deadline_us; /* monotonic time limit */
    gint64 last_report_us;
    double best;        /* best objective so far */
    double bound;       /* best bound so far */
    gboolean report;    /* this part of the solve reports progress */
    gboolean timed_out; /* the time limit stopped it */
} RpClockwork;

/* Calls the progress function if 0.2 s passed since the last call. */
void rp_progress(RpClockwork *cw, const char *phase);

/* One stretch of a search: iterations [from, from + length) at the
 * temperature `heat`, stopped after `stop` of them (at most `length`).
 * A stretch stopped early is a prefix of the whole one: the best rota of
 * the whole is never worse. */
typedef struct {
    guint32 seed;
    size_t from, length, stop;
    double heat;
} RpSearchRun;

/* The starting temperature for a search from `s`. */
double rp_search_heat(const RpState *s);

/* Improves `s` by large-neighbourhood search: officers' weeks taken off
 * and re-planned exactly, one by one or a pair jointly, under simulated
 * annealing, for the iterations of `run` or until the deadline (which
 * sets cw->timed_out).  Leaves the best rota found in `s`, polished
 * (rp_state_polish_all()) when the stretch ran whole; returns the
 * iterations run.  The result depends only on `s` and `run` when the
 * deadline does not stop it. */
size_t rp_search(RpState *s, RpClockwork *cw, const RpSearchRun *run);

/* Fills `s` with a first rota: officers in seeded order, each on their
 * best week of their least paid hours against the officers already
 * placed, then each re-planned on their best week of any lawful hours
 * against the rest. */
void rp_construct(RpState *s, GRand *rng);

/* A lower bound on (1) (bound.c): Lagrangian relaxation of the cover rows,
 * which leaves out unfairness and positions (6) and the minimum block.
 * It stays valid: (6) and unfairness are never negative and the block
 * rule only removes rotas, so for any prices the relaxed minimum over
 * lawful weeks is at most the minimum of the full problem, and weak
 * duality does the rest (tested against GLPK's optimum of the exported
 * MIP, which has them, in test_solve_blocks_mip and, over three days
 * with start times, test_solve_week_positions_mip), climbed by
 * subgradient from zero prices.  Sets cw->bound and, unless NULL, `weeks` (n_o
 * plans) to each officer's best week at the best duals (`start`'s weeks if no
 * step raised the bound): a rota the search may start from.  Returns the
 * subgradient steps run. */
size_t rp_bound(const RpProblem *p, const RpState *start, RpClockwork *cw,
                RpPlan *weeks);

/* The exact last step (exact.c): when the problem is small, GLPK's
 * branch and cut on the MIP within a node budget; its rota replaces `s`
 * if better, and when GLPK proves it optimal *bound rises to its
 * objective.  Returns FALSE (nothing done) for a problem too large. */
gboolean rp_exact(RpState *s, RpClockwork *cw, double *bound);

/* Sets officer i's activity at t (at work there, not on a break or
 * commitment) to a queue or RP_ACT_IDLE, keeping the totals. */
void rp_state_set_activity(RpState *s, size_t i, int t, int act);

/* Polishes every interval's assignment, and deferred work across each
 * day, until nothing moves. */
void rp_state_polish_all(RpState *s);

/* ---- positions in blocks (roster/blocks.c) ------------------------------ */

/* Changes of position officer i would make at the links through
 * interval t if they held activity `a` there (see (6)). */
int rp_state_links(const RpState *s, size_t i, int t, int a);

/* Change in (3)+(4) from adding `amount` of supply to queue q at t. */
double rp_state_cover_delta(const RpState *s, int q, int t, double amount);

/* TRUE when problem queue q may be worked at `site` in interval t. */
gboolean rp_state_can_serve(const RpProblem *p, int q, int site, int t);

typedef struct RpBlocks RpBlocks;

/* A workspace for rp_state_place() (allocate once). */
RpBlocks *rp_blocks_new(const RpProblem *p);
void rp_blocks_free(RpBlocks *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpBlocks, rp_blocks_free)

/* Chooses officer i's activities in every stretch of work of their shift
 * on day d (intervals at work between breaks, commitments and the
 * shift's ends), given everyone else, by dynamic programming over the
 * intervals and positions: the cheapest in (3)+(4)+(6), the minimum
 * block kept.  Every interval at work must hold a position on entry. */
void rp_state_place(RpState *s, RpBlocks *b, size_t i, size_t d);

/* Rounds of rp_state_place() over every officer and day, each kept only
 * where it lowers (1) or mends a block shorter than the minimum, until
 * a round changes nothing (or a few rounds): afterwards every block
 * keeps the minimum. */
void rp_state_blocks(RpState *s);

/* TRUE when every block of officer i's day d keeps the minimum. */
gboolean rp_state_blocks_ok(const RpState *s, size_t i, size_t d);

/* Officers trade blocks: at each change of position, the block before
 * or after it swapped with what another officer at work does then,
 * kept where (1) falls and every block keeps the minimum, in rounds
 * until none is kept (or a few rounds). */
void rp_state_trade(RpState *s);

/* ---- log-ins (roster/logins.c) ------------------------------------------ */

/* What the activities file calls activity `act` (a queue or RP_ACT_*)
 * with log-in `login` (rp_roster_logins()): a queue id, `phones`,
 * `phones:ID`, `blended`, `blended:ID`, `idle`, `break`...; `buf` holds
 * the names made of a profile's id.  Returns: (transfer none) */
const char *rp_roster_activity_name(const RpCentre *centre, int act, int login,
                                    GString *buf);

/* ---- smoothing (roster/smooth.c) ---------------------------------------- */

/* Swaps the activities of pairs of officers at the same site in the same
 * interval wherever that lowers their changes of position and leaves the
 * cover of every queue exactly as it was (each officer as proficient at
 * the other's queue as the other): the objective and the rules are
 * untouched.  Phone lines count as one position under routing by skill. */
void rp_roster_smooth(const RpRosterInput *input, RpRoster *roster);

/* Changes of position in `roster`, all officers and days (breaks and
 * time off between two positions do not count as one). */
size_t rp_roster_position_changes(const RpRosterInput *input,
                                  const RpRoster *roster);

#endif
