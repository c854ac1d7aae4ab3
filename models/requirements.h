/* models/requirements.h - officers each queue needs in each interval.
 *
 * Phone lines and reception desks: the fewest officers that meet the
 * queue's standard by Erlang C (callers wait) or Erlang A (a patience is
 * configured), interval by interval.  Deferred work (email, web forms,
 * post, voicemail): the officer-hours per working day that clear every
 * day's arrivals within the deadline, as level as the deadlines allow,
 * spread evenly over that day's opening hours.  Closed intervals need
 * nobody; contacts arriving then are counted, not dropped.  See
 * docs/models.md. */
#ifndef RP_MODELS_REQUIREMENTS_H
#define RP_MODELS_REQUIREMENTS_H

#include <glib.h>

#include "common/centre.h"
#include "common/volumes.h"
#include "models/erlang.h"

/* How many officers short rp_requirement weights are given for; beyond,
 * each further officer short costs as much as the last. */
#define RP_SHORT_WEIGHTS 6

/* One queue in one interval. */
typedef struct {
    gint64 start;     /* interval start, UTC seconds */
    guint queue;      /* queue index in the centre */
    gboolean open;    /* the queue is open in this interval */
    double contacts;  /* contacts arriving in the interval */
    double aht_s;     /* mean handling time used (s) */
    double traffic;   /* offered load (Erlangs): contacts * aht / interval */
    double required;  /* officers needed on the queue (at least its
                         min_officers while open) */
    double shrinkage; /* share of paid time away in this interval (by
                         month, weekday, time and site) */
    double scheduled; /* required / (1 - shrinkage) */
    RpErlangMetrics metrics; /* real time: service at `required`; else NAN */
    double weight;           /* contacts missing the standard per officer short:
                                for the first one short (weights[0]) */
    double weights[RP_SHORT_WEIGHTS]; /* for the 1st, 2nd... officer short:
                          real time, contacts x (SL(N-k+1) - SL(N-k)),
                          made non-decreasing (a convex cost); deferred,
                          the items an officer clears (one value) */
    int n_weights;                    /* values in weights[] */
    guint64 sized_set; /* pooled by skill sets: the lines (bit = queue
                          index) whose constraint set this row; 0 when
                          the row is its queue's own or the whole pool's */
} RpRequirement;

/* Deferred work of one queue on one working day. */
typedef struct {
    guint queue;          /* queue index */
    gint64 day;           /* local day number */
    double arrivals;      /* items counted to this day (incl. overnight) */
    double arrival_hours; /* officer-hours of work those items need */
    double work_hours;    /* officer-hours planned on this day */
    double backlog_hours; /* officer-hours of work left at close */
} RpDeferredDay;

typedef struct {
    GArray *rows;            /* RpRequirement, by start then queue */
    GArray *deferred;        /* RpDeferredDay, by queue then day */
    double *closed_contacts; /* per queue: contacts while closed */
    size_t n_queues;
    gboolean pooled; /* phone lines sized as one pool per interval */
} RpRequirements;

/* Computes the requirements for every row of `volumes`, a thread per
 * processor working on whole queues (the result does not depend on it),
 * each phone line on its own (rp_requirements_pool() pools them).
 * Whole officers for real-time queues unless `fractional`.  Fails with
 * RP_DATA_ERROR (naming the volumes file and line) when a standard cannot
 * be met within the search limit. */
RpRequirements *rp_requirements_compute(const RpCentre *centre,
                                        const RpVolumes *volumes,
                                        gboolean fractional, GError **error);

/* Re-sizes the phone lines of `req` as one pool per interval, as a call
 * distributor routing by skill runs them (models/pooled.c, docs/models.md):
 * the officers one queue of the lines' combined calls needs, split
 * between the lines by the square-root rule, each row showing the pool's
 * service and the price of each officer short.  Whole officers unless
 * `fractional`.  Fails with RP_DATA_ERROR_TARGET when the pooled
 * standard cannot be met; `req` may then be partly changed. */
gboolean rp_requirements_pool(const RpCentre *centre, RpRequirements *req,
                              gboolean fractional, GError **error);

/* Who holds which phone line, for rp_requirements_pool_sets(). */
typedef struct {
    size_t n_officers;
    size_t n_queues;     /* the centre's queues */
    const double *skill; /* n_officers x n_queues: proficiency, 0 = not held */
} RpPoolSkills;

/* The most open phone lines of one interval whose every set is checked;
 * beyond, only each line, each pair and all of them. */
#define RP_POOL_SET_LINES 12

/* Re-sizes the phone lines of `req` by skill sets (models/pooled.c,
 * docs/models.md): first as rp_requirements_pool(), then, interval by
 * interval, for every set S of the open lines, the officers on S's lines
 * plus the spare officers of the other lines who hold a line of S (the
 * officers on line p beyond its own load, times the share of p's holders
 * who hold a line of S) must reach what one queue of S's calls needs;
 * where they do not, a line of S is raised (never above what it would
 * need alone) until every set is met.  A row a set raised names the set
 * in sized_set.  Phone queues must have indices below 64 (else
 * RP_DATA_ERROR_TARGET, as for a standard that cannot be met). */
gboolean rp_requirements_pool_sets(const RpCentre *centre, RpRequirements *req,
                                   const RpPoolSkills *skills,
                                   gboolean fractional, GError **error);

/* The phone lines of `rows[0..n)` (one interval, open) as one queue: the
 * sum of their loads, call-weighted handling time and patience (none when
 * a line's callers never hang up), and the strictest of their standards
 * in `*s`.  (Also what `rotaplan intraday` re-plans a pool with.) */
void rp_pool_load(const RpCentre *centre, const RpRequirement *const *rows,
                  size_t n, RpQueueLoad *load, RpStandard *s);

/* The officers one pool of `rows[0..n)` (one interval's open phone
 * lines, as one queue `load`) needs for standard `s`, in `*need`, and
 * its service there in `*m`; split between the lines as
 * rp_requirements_pool() splits them: `required[k]` for row k, never
 * below its line's min_officers nor above `alone[k]` (what the line
 * alone needs).  Whole officers unless `fractional`.  Fails with
 * RP_DATA_ERROR_TARGET when `s` cannot be met.  (Also what the budget
 * scenarios price a pool with.) */
gboolean rp_pool_size(const RpCentre *centre, const RpRequirement *const *rows,
                      size_t n, const RpQueueLoad *load, const RpStandard *s,
                      const double *alone, gboolean fractional,
                      double *required, double *need, RpErlangMetrics *m,
                      GError **error);

void rp_requirements_free(RpRequirements *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpRequirements, rp_requirements_free)

/* Officer-hours and FTE of one queue (or all) on one day (or all). */
typedef struct {
    gint64 day;             /* local day number, or G_MAXINT64 for all */
    int queue;              /* queue index, or -1 for all */
    double contacts;        /* contacts while open */
    double closed_contacts; /* contacts while closed */
    double officer_hours;   /* sum of required x interval length */
    double scheduled_hours; /* sum of scheduled x interval length */
    double fte;             /* scheduled hours in full-time officers */
} RpStaffTotal;

/* Totals per queue per day, per queue, per day and overall (in that
 * order: days ascending, queues in centre order, the all-rows last).  FTE
 * of a day is its scheduled hours over a full-time day (fte_hours / 5);
 * FTE of a period is its scheduled hours over the full-time hours of that
 * many weeks.  (transfer full) GArray of RpStaffTotal. */
GArray *rp_requirements_totals(const RpCentre *centre, const RpRequirements *r);

#endif
