/* models/evaluate.h - the service a staffing plan gives, against the
 * published standards.
 *
 * Given the officers actually on each queue in each interval (from a rota:
 * officers weighted by proficiency, so possibly fractional), phone lines
 * and reception desks are evaluated by the same Erlang model that sized
 * them, interval by interval, and summed to days weighted by contacts.
 * Deferred work is evaluated by following its backlog first in, first out
 * through the period as staffed, from the backlog the previous period left
 * (given, or the level the plan carries from period to period), counting
 * on each working day the items whose deadline falls at its close and are
 * not done; a day also misses when it closes more than one officer-interval
 * of work behind the backlog the plan leaves, since later deadlines are
 * then at risk.  Every interval and day that misses its standard is listed
 * with the gap. */
#ifndef RP_MODELS_EVALUATE_H
#define RP_MODELS_EVALUATE_H

#include <glib.h>

#include "common/centre.h"
#include "models/requirements.h"

/* One queue in one interval, as staffed. */
typedef struct {
    double staffed;          /* officers on the queue */
    RpErlangMetrics metrics; /* real time: service with `staffed` */
    gboolean meets;          /* the interval meets the standard */
} RpEvalInterval;

/* One queue on one day. */
typedef struct {
    guint queue;
    gint64 day;                   /* local day number */
    double contacts;              /* contacts while open (items for deferred) */
    double service_level;         /* real time: contact-weighted; deferred: the
                                     share of the day's items done in time */
    double asa_s;                 /* real time: weighted by answered contacts */
    double p_abandon;             /* real time: contact-weighted */
    double officer_hours;         /* officer-hours staffed on the queue */
    double required_hours;        /* officer-hours the plan required */
    double backlog_hours;         /* deferred: work left at close of day (h) */
    double planned_backlog_hours; /* deferred: what the plan leaves (h) */
    double due_items;             /* deferred: items whose deadline is the close
                                     of this day (and, on the first day, items
                                     already overdue when the period starts) */
    double late_items; /* deferred: of those, items not done in time */
    gboolean meets;    /* the day meets the standard */
} RpEvalDay;

/* A standard missed: which target, by how much. */
typedef struct {
    guint queue;
    gint64 start;     /* interval start (UTC), or G_MININT64 for a day */
    gint64 day;       /* local day */
    const char *what; /* "service_level", "asa", "abandon", "occupancy",
                         "deadline", "backlog" (static string) */
    double achieved;  /* the figure reached */
    double target;    /* the standard */
} RpEvalMiss;

/* Deferred work not yet done: the items of one queue counted to one
 * working day (their deadline runs from that day). */
typedef struct {
    guint queue;  /* queue index */
    gint64 day;   /* local day the items count to */
    double items; /* items left */
    double hours; /* officer-hours of work they need */
} RpBacklogItem;

typedef struct {
    GArray *intervals; /* RpEvalInterval, parallel to requirements rows */
    GArray *days;      /* RpEvalDay, by queue then day */
    GArray *misses;    /* RpEvalMiss: intervals first, then days */
    GArray *backlog;   /* RpBacklogItem: deferred work left at the close
                          of the period, by queue, oldest first */
} RpEvaluation;

/* Evaluates `staffed` (one value per row of `req`, officers on that queue
 * in that interval) against each queue's standard.  Deferred work starts
 * from `opening` (RpBacklogItem, items counted to days before the period:
 * what the previous period left, a queue not listed having none) or, when
 * `opening` is NULL, from the backlog the plan itself carries into the
 * period (earlier periods worked as planned, so nothing overdue).  Fails
 * with RP_MODEL_ERROR_DOMAIN for a negative or non-finite staffing. */
RpEvaluation *rp_evaluate(const RpCentre *centre, const RpRequirements *req,
                          const double *staffed, const GArray *opening,
                          GError **error);

/* Reads a backlog file (queue,date,items,hours: the backlog.csv of last
 * week's plan) for the week starting on local day `monday`.  Fails with
 * RP_IO_ERROR_READ, or RP_DATA_ERROR naming file, line and field: a queue
 * that is not deferred work, a bad date or one not before `monday`, a
 * negative or missing number.  Returns: (transfer full) an array of
 * RpBacklogItem, the `opening` of rp_evaluate(). */
GArray *rp_backlog_read(const char *path, const RpCentre *centre, gint64 monday,
                        GError **error);

void rp_evaluation_free(RpEvaluation *e);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpEvaluation, rp_evaluation_free)

#endif
