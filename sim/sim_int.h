/* sim/sim_int.h - shared by the files of sim/ only: the simulation's
 * inputs laid out for the event loop. */
#ifndef RP_SIM_SIM_INT_H
#define RP_SIM_SIM_INT_H

#include "sim/sim.h"

/* Everything one replication reads; built once, shared by the threads. */
typedef struct {
    const RpSimDemand *demand;
    const RpSimStaff *staff;
    size_t n_q, n_t;
    double interval_s; /* (s) */
    guint64 seed;
    gboolean *deferred;      /* [q] worked from a backlog */
    double *aht_s;           /* [q] the queue's mean handling time (s) */
    double *patience_s;      /* [q] mean patience (s), INFINITY: none */
    double *target_s;        /* [q] the standard's answer time (s) */
    double *lognormal_sigma; /* [q] sigma of log handling time, 0:
                                exponential */
    int *priority;           /* [q] routing priority */
    double *deadline_s;      /* [q * n_t + t] deferred: when items arriving
                                in interval t are late (s from the start),
                                INFINITY beyond what the days allow */
    gint64 *day_of;          /* [t] local day of the interval */
} RpSimModel;

/* Runs replication `r` of `m` into `counts` ([q * n_t + t], zeroed). */
void rp_sim_replicate(const RpSimModel *m, size_t r, RpSimCounts *counts,
                      double *overrun_s, double *arrived);

#endif
