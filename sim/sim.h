/* sim/sim.h - a discrete-event simulation of the contact centre as its
 * call distributor runs it, to check any rota against the standards.
 *
 * Contacts arrive per queue as a Poisson process whose rate is constant
 * within each interval (the expected contacts of a volumes, forecast or
 * requirements file), optionally scaled by a gamma-distributed factor per
 * queue and day (overdispersion: a forecast miss).  Each contact brings a
 * handling time (exponential, or lognormal with the queue's coefficient of
 * variation; the officer's proficiency divides it) and, on phone lines and
 * desks, a patience (exponential with the queue's mean): a contact still
 * waiting when its patience runs out abandons.
 *
 * Routing is skills-based: an arriving contact goes to the free officer,
 * logged into its queue, who has been idle longest; an officer who becomes
 * free takes the waiting contact of the queues they are logged into that
 * comes first by (the officer's own first queues, e.g. the desk of a
 * blended position; the queue's priority; the longest wait).  Officers log
 * in and out at interval boundaries as the rota says; one whose position
 * ends mid-contact finishes it first (the overrun is counted).  Deferred
 * work (email, web forms, post, voicemail) is a queue like the others with
 * no patience: its items wait in a backlog carried from day to day, and
 * are late when the close of the working day of their deadline passes.
 *
 * Replications are independent (each has its own random streams), run on
 * a GLib thread pool, and give the same result whatever the number of
 * threads.  Each queue has its own streams, drawn in arrival order, so two
 * rotas simulated with the same seed meet the same callers (common random
 * numbers): differences between them are the rota's, not the noise's.
 * References: ../shared/reference/multiskill.md; docs/simulation.md. */
#ifndef RP_SIM_SIM_H
#define RP_SIM_SIM_H

#include <glib.h>

#include "common/centre.h"

/* The most queues a simulation takes (officers' log-ins are bit masks). */
#define RP_SIM_MAX_QUEUES 64

/* The contacts offered, on the simulation's interval grid. */
typedef struct {
    gint64 start_utc;   /* start of the first interval (s) */
    size_t n_intervals; /* intervals simulated */
    size_t n_queues;    /* the centre's queues */
    double *contacts;   /* [q * n_intervals + t] expected arrivals */
    double *aht_s;      /* [q * n_intervals + t] mean handling time (s);
                           NAN: the queue's aht */
    double *day_cv;     /* [q] coefficient of variation of the daily
                           factor (0: plain Poisson), or NULL for none */
} RpSimDemand;

/* A new demand of `n_queues` x `n_intervals`, no contacts, handling times
 * NAN, no overdispersion. */
RpSimDemand *rp_sim_demand_new(size_t n_queues, size_t n_intervals,
                               gint64 start_utc);
void rp_sim_demand_free(RpSimDemand *demand);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpSimDemand, rp_sim_demand_free)

/* Who is logged into what, interval by interval. */
typedef struct {
    size_t n_officers;
    size_t n_queues;
    size_t n_intervals;
    double *skill;  /* [i * n_queues + q] proficiency: 1 a full officer,
                       0 cannot take the queue */
    guint64 *login; /* [i * n_intervals + t] bit q: logged into queue q */
    guint64 *first; /* [i * n_intervals + t] bit q: takes q's contacts
                       before those of its other queues (a subset of
                       login) */
} RpSimStaff;

/* A new staff of `n_officers`, no skills, logged into nothing. */
RpSimStaff *rp_sim_staff_new(size_t n_officers, size_t n_queues,
                             size_t n_intervals);
void rp_sim_staff_free(RpSimStaff *staff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpSimStaff, rp_sim_staff_free)

/* Reported after each replication, from the thread that finished it. */
typedef void (*RpSimProgressFunc)(size_t done, size_t total, gpointer data);

typedef struct {
    size_t replications;        /* independent runs (>= 1) */
    guint64 seed;               /* of every random stream */
    guint threads;              /* worker threads; 0: one per processor */
    RpSimProgressFunc progress; /* NULL for none */
    gpointer progress_data;
} RpSimParams;

/* Defaults: 30 replications, seed 1, a thread per processor. */
void rp_sim_params_init(RpSimParams *params);

/* What happened to the contacts of one queue arriving in one interval, in
 * one replication, and how busy its officers were in that interval. */
typedef struct {
    double offered;   /* contacts arriving */
    double answered;  /* of them, answered (deferred: items done) */
    double in_time;   /* answered within the standard's time (deferred:
                         done by the deadline) */
    double abandoned; /* hung up or walked out before an answer */
    double late;      /* deferred: done after the deadline, or still
                         waiting when it passed before the end */
    double wait_s;    /* total wait of the answered (s) */
    double logged_s;  /* officer-seconds logged into the queue */
    double busy_s;    /* of them, busy with a contact of any queue */
    double waiting;   /* contacts waiting at the end of the interval (all
                         arrivals so far; deferred: the backlog) */
} RpSimCounts;

typedef struct {
    size_t n_queues, n_intervals, replications;
    gint64 start_utc;
    RpSimCounts *counts;     /* [(r * n_queues + q) * n_intervals + t] */
    double *overrun_s;       /* [r] officer-seconds worked past the end of
                                a position to finish a contact */
    double *contacts_served; /* [r] contacts arrived, all queues */
} RpSimResult;

void rp_sim_result_free(RpSimResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpSimResult, rp_sim_result_free)

/* Simulates `staff` against `demand` for the queues of `centre` (their
 * channel, patience, standard time, handling-time distribution, priority
 * and deadline).  Fails with RP_DATA_ERROR_VALUE for negative or non-finite
 * contacts or handling times, a centre of more than RP_SIM_MAX_QUEUES
 * queues, or an officer logged into a queue they have no skill for; with
 * RP_MODEL_ERROR_DOMAIN for zero replications.  (transfer full) */
RpSimResult *rp_sim_run(const RpCentre *centre, const RpSimDemand *demand,
                        const RpSimStaff *staff, const RpSimParams *params,
                        GError **error);

/* ---- summaries --------------------------------------------------------- */

typedef enum {
    RP_SIM_BY_INTERVAL,
    RP_SIM_BY_DAY,  /* local days */
    RP_SIM_BY_WEEK, /* ISO weeks (Monday to Sunday, local) */
    RP_SIM_BY_ALL,  /* the whole simulation */
} RpSimPeriod;

/* One queue over one period: means over the replications, and 95%
 * confidence intervals (Student t over the replications' ratio
 * estimates; NAN with one replication). */
typedef struct {
    guint queue;
    gint64 start_utc;        /* first interval of the period (s) */
    gint64 end_utc;          /* end of its last interval (s) */
    double offered;          /* contacts per replication */
    double answered;         /* answered per replication */
    double answered_in_time; /* answered within the standard's time */
    double abandoned;        /* abandoned per replication */
    double service_level;    /* answered in time / offered */
    double service_level_lo, service_level_hi; /* its 95% interval */
    double p_abandon;                          /* abandoned / offered */
    double p_abandon_lo, p_abandon_hi;         /* its 95% interval */
    double asa_s;              /* mean wait of the answered (s) */
    double asa_lo_s, asa_hi_s; /* its 95% interval (s) */
    double occupancy;   /* busy / logged-in time of the queue's officers */
    double logged_h;    /* officer-hours logged into the queue */
    double late_items;  /* deferred: items late per replication */
    double backlog_end; /* deferred: items waiting at the period's end */
    gboolean meets;     /* the standard met: real time, service level,
                           abandonment and ASA targets on the means;
                           deferred, fewer than half an item late */
} RpSimRow;

/* Rows of every queue (centre order) and period (time order) in which the
 * queue is open or is offered contacts.  (transfer full) GArray of
 * RpSimRow. */
GArray *rp_sim_summarise(const RpCentre *centre, const RpSimResult *result,
                         RpSimPeriod by);

#endif
