/* forecast/reconcile.c - forecasts that add up: lines, channels, centre.
 *
 * Key decision: reconcile daily totals, and let each line's intraday
 * shape come from its own forecast.  The golden-number hierarchy is a
 * question of volumes (does the sum of the lines make the channel's
 * day?), the aggregates are forecast far better as daily totals than
 * interval by interval, and a line's day scaled as a whole keeps the
 * pattern its own method found.
 *
 * The weights of WLS and MinT come from the base forecasts' relative
 * errors (error / forecast) in the weeks before each origin, so a node's
 * error variance scales with its forecast that day (a Saturday is not
 * weighted like a Monday): W = D R D with D = diag(forecast) and R the
 * covariance of the relative errors, diagonal for WLS and shrunk
 * towards its diagonal for MinT by the Schafer-Strimmer (2005) estimate
 * of the shrinkage intensity lambda.  References: Hyndman et al. (2011),
 * "Optimal combination forecasts for hierarchical time series", CSDA
 * 55(9); Wickramasuriya, Athanasopoulos and Hyndman (2019), "Optimal
 * forecast reconciliation for hierarchical and grouped time series
 * through trace minimization", JASA 114(526); Athanasopoulos, Ahmed and
 * Hyndman (2009) for top-down by forecast proportions. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>

#include "common/error.h"
#include "forecast/forecast_int.h"

#define MIN_SCALE      1.0 /* contacts: the least forecast a weight scales by */
#define DEFAULT_RSD    0.15 /* relative error when a node has no history */
#define SHRINK_RETRIES 12   /* lambda moved towards 1 until W is definite */

static const char *const method_names[RP_RECONCILE_N] = {
    "none", "bottom-up", "top-down", "wls", "mint", "mint-level"};

const char *
rp_reconcile_name(RpReconcileMethod method)
{
    return method_names[method];
}

gboolean
rp_reconcile_find(const char *name, RpReconcileMethod *method)
{
    for (int i = 0; i < RP_RECONCILE_N; i++)
        if (strcmp(name, method_names[i]) == 0) {
            *method = (RpReconcileMethod)i;
            return TRUE;
        }
    return FALSE;
}

void
rp_reconcile_params_init(RpReconcileParams *p)
{
    memset(p, 0, sizeof *p);
    p->n_origins = 8;
    p->n_calibration = 8;
    p->horizon_days = 7;
    p->n_choose = 8;
    p->type = rp_forecaster_topdown;
    rp_forecast_params_init(&p->forecast);
}

/* ---- one day's arithmetic --------------------------------------------- */

/* Top-down by forecast proportions: the centre split among its children
 * (channel aggregates and lines directly under it) by their forecasts,
 * each channel among its lines the same way. */
static void
top_down(size_t n_agg, size_t m, const int *parent, const double *yhat,
         double *out)
{
    double under_centre = 0.0;
    g_autofree double *line_sum = g_new0(double, n_agg);
    for (size_t a = 1; a < n_agg; a++)
        under_centre += yhat[a];
    for (size_t b = 0; b < m; b++) {
        if (parent[b] == 0)
            under_centre += yhat[n_agg + b];
        else
            line_sum[parent[b]] += yhat[n_agg + b];
    }
    double scale = under_centre > 0.0 ? yhat[0] / under_centre : 0.0;
    for (size_t b = 0; b < m; b++) {
        double own = yhat[n_agg + b];
        int a = parent[b];
        if (a == 0)
            out[b] = scale * own;
        else
            out[b] =
                line_sum[a] > 0.0 ? scale * yhat[a] * own / line_sum[a] : 0.0;
    }
}

/* (S' W^-1 S)^-1 S' W^-1 yhat, by Cholesky factors of W and of S'W^-1S. */
static gboolean
least_squares(size_t n_agg, size_t m, const guint8 *member, const double *yhat,
              const double *cov, gboolean diagonal, double *out)
{
    size_t n = n_agg + m;
    gsl_matrix *W = gsl_matrix_calloc(n, n);
    gsl_matrix *S = gsl_matrix_calloc(n, m);
    gsl_matrix *A = gsl_matrix_calloc(m, m);
    gsl_vector *y = gsl_vector_alloc(n);
    gsl_vector *rhs = gsl_vector_calloc(m);
    gsl_vector *col = gsl_vector_alloc(n);
    gboolean ok = FALSE;
    for (size_t i = 0; i < n; i++) {
        gsl_vector_set(y, i, yhat[i]);
        for (size_t j = 0; j < n; j++)
            if (!diagonal || i == j)
                gsl_matrix_set(W, i, j, cov[i * n + j]);
    }
    for (size_t a = 0; a < n_agg; a++)
        for (size_t b = 0; b < m; b++)
            gsl_matrix_set(S, a, b, member[a * m + b]);
    for (size_t b = 0; b < m; b++)
        gsl_matrix_set(S, n_agg + b, b, 1.0);
    if (gsl_linalg_cholesky_decomp1(W) != GSL_SUCCESS)
        goto done;
    /* A = S' W^-1 S column by column; rhs = S' W^-1 y */
    for (size_t b = 0; b < m; b++) {
        gsl_vector_view sb = gsl_matrix_column(S, b);
        gsl_vector_memcpy(col, &sb.vector);
        if (gsl_linalg_cholesky_svx(W, col) != GSL_SUCCESS)
            goto done;
        for (size_t c = 0; c < m; c++) {
            gsl_vector_view sc = gsl_matrix_column(S, c);
            double v;
            gsl_blas_ddot(&sc.vector, col, &v);
            gsl_matrix_set(A, c, b, v);
        }
    }
    gsl_vector_memcpy(col, y);
    if (gsl_linalg_cholesky_svx(W, col) != GSL_SUCCESS)
        goto done;
    gsl_blas_dgemv(CblasTrans, 1.0, S, col, 0.0, rhs);
    if (gsl_linalg_cholesky_decomp1(A) != GSL_SUCCESS ||
        gsl_linalg_cholesky_svx(A, rhs) != GSL_SUCCESS)
        goto done;
    for (size_t b = 0; b < m; b++)
        out[b] = gsl_vector_get(rhs, b);
    ok = TRUE;
done:
    gsl_matrix_free(W);
    gsl_matrix_free(S);
    gsl_matrix_free(A);
    gsl_vector_free(y);
    gsl_vector_free(rhs);
    gsl_vector_free(col);
    return ok;
}

gboolean
rp_reconcile_combine(RpReconcileMethod method, size_t n_agg, size_t m,
                     const guint8 *member, const int *parent,
                     const double *yhat, const double *cov, double *out)
{
    g_return_val_if_fail(n_agg > 0 && m > 0, FALSE);
    switch (method) {
    case RP_RECONCILE_NONE:
    case RP_RECONCILE_BOTTOM_UP:
        memcpy(out, yhat + n_agg, m * sizeof *out);
        return TRUE;
    case RP_RECONCILE_TOP_DOWN:
        top_down(n_agg, m, parent, yhat, out);
        return TRUE;
    case RP_RECONCILE_WLS:
    case RP_RECONCILE_MINT:
    case RP_RECONCILE_MINT_LEVEL:
        g_return_val_if_fail(cov != NULL, FALSE);
        return least_squares(n_agg, m, member, yhat, cov,
                             method == RP_RECONCILE_WLS, out);
    }
    return FALSE;
}

/* ---- the hierarchy of a history --------------------------------------- */

typedef struct {
    size_t m;                   /* lines: queues with history */
    const RpQueueSeries **line; /* m */
    size_t *off;                /* m: day g is day g - off[b] of line b */
    size_t n_agg;               /* the centre, then channels of 2+ lines */
    RpQueueSeries **agg;        /* n_agg daily series (owned) */
    guint8 *member;             /* n_agg x m */
    int *parent;                /* m */
    size_t n_ch;                /* channels with lines */
    int *ch_node;               /* n_ch: node index (aggregate or line) */
    size_t n_days, n_hist;      /* in days from the earliest line's first */
} Tree;

static void
tree_clear(Tree *t)
{
    for (size_t a = 0; t->agg && a < t->n_agg; a++)
        rp_queue_series_free(t->agg[a]);
    g_free(t->agg);
    g_free(t->line);
    g_free(t->off);
    g_free(t->member);
    g_free(t->parent);
    g_free(t->ch_node);
}

/* Line b's contacts on day g (known event factors put back); 0 before
 * it starts or when it is shut; NAN when unknown. */
static double
line_actual(const Tree *t, size_t b, size_t g)
{
    const RpQueueSeries *s = t->line[b];
    if (g < t->off[b] || g - t->off[b] >= s->n_hist)
        return g < t->off[b] ? 0.0 : NAN;
    size_t d = g - t->off[b];
    if (!s->days[d].open)
        return 0.0;
    return rp_fc_day_total(s, d) * s->days[d].factor;
}

static gboolean
line_open(const Tree *t, size_t b, size_t g)
{
    return g >= t->off[b] && t->line[b]->days[g - t->off[b]].open;
}

/* The daily series of aggregate a: its lines' days summed. */
static RpQueueSeries *
aggregate_series(const Tree *t, size_t a, gint64 first_day)
{
    g_autofree double *y = g_new(double, t->n_hist);
    g_autofree guint8 *open = g_new0(guint8, t->n_days);
    guint32 events_any = 0;
    for (size_t g = 0; g < t->n_days; g++) {
        double sum = 0.0;
        for (size_t b = 0; b < t->m; b++) {
            if (!t->member[a * t->m + b] || !line_open(t, b, g))
                continue;
            open[g] = 1;
            if (g < t->n_hist)
                sum += line_actual(t, b, g);
        }
        if (g < t->n_hist)
            y[g] = open[g] ? sum : NAN;
    }
    RpQueueSeries *s = rp_queue_series_new_from_values(
        first_day, 1, 24 * 60, t->n_hist, t->n_days - t->n_hist, y, NULL);
    s->id = a == 0 ? "centre" : "channel";
    s->daily = TRUE;
    for (size_t g = 0; g < t->n_days; g++)
        if (!open[g])
            rp_queue_series_close_day(s, g);
    for (size_t b = 0; b < t->m; b++) {
        if (!t->member[a * t->m + b])
            continue;
        const RpQueueSeries *l = t->line[b];
        events_any |= l->estimated_events;
        for (size_t d = 0; d < l->n_days; d++)
            s->days[d + t->off[b]].events |= l->days[d].events;
    }
    s->estimated_events = events_any;
    return s;
}

static gboolean
tree_init(Tree *t, const RpHistory *h, GError **error)
{
    memset(t, 0, sizeof *t);
    const RpCentre *c = h->centre;
    t->line = g_new0(const RpQueueSeries *, h->n_queues);
    t->off = g_new0(size_t, h->n_queues);
    gint64 first = G_MAXINT64, end = G_MININT64, hist_end = G_MININT64;
    for (size_t q = 0; q < h->n_queues; q++) {
        const RpQueueSeries *s = h->series[q];
        if (s == NULL || s->n_hist == 0)
            continue;
        t->line[t->m++] = s;
        first = MIN(first, s->first_day);
        end = MAX(end, s->first_day + (gint64)s->n_days);
        hist_end = MAX(hist_end, s->first_day + (gint64)s->n_hist);
    }
    if (t->m < 2) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: %zu queue%s history: a hierarchy needs two or more",
                    h->path, t->m, t->m == 1 ? " has" : "s have");
        return FALSE;
    }
    t->n_days = (size_t)(end - first);
    t->n_hist = (size_t)(hist_end - first);
    for (size_t b = 0; b < t->m; b++) {
        t->off[b] = (size_t)(t->line[b]->first_day - first);
        if (t->off[b] + t->line[b]->n_days != t->n_days ||
            t->off[b] + t->line[b]->n_hist != t->n_hist) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                        "%s: queue %s's history ends on another day", h->path,
                        t->line[b]->id);
            return FALSE;
        }
    }
    /* channels: an aggregate for those of two lines or more */
    int lines_of[RP_CHANNEL_VOICEMAIL + 1] = {0};
    int agg_of[RP_CHANNEL_VOICEMAIL + 1];
    for (size_t b = 0; b < t->m; b++)
        lines_of[rp_centre_queue(c, t->line[b]->queue)->channel]++;
    t->n_agg = 1;
    t->ch_node = g_new(int, RP_CHANNEL_VOICEMAIL + 1);
    for (int ch = 0; ch <= RP_CHANNEL_VOICEMAIL; ch++)
        agg_of[ch] = lines_of[ch] >= 2 ? (int)t->n_agg++ : -1;
    t->member = g_new0(guint8, t->n_agg * t->m);
    t->parent = g_new0(int, t->m);
    for (size_t b = 0; b < t->m; b++) {
        int ch = (int)rp_centre_queue(c, t->line[b]->queue)->channel;
        t->member[b] = 1;
        if (agg_of[ch] > 0) {
            t->member[(size_t)agg_of[ch] * t->m + b] = 1;
            t->parent[b] = agg_of[ch];
        }
    }
    for (int ch = 0; ch <= RP_CHANNEL_VOICEMAIL; ch++) {
        if (lines_of[ch] == 0)
            continue;
        int node = agg_of[ch];
        for (size_t b = 0; node < 0 && b < t->m; b++)
            if ((int)rp_centre_queue(c, t->line[b]->queue)->channel == ch)
                node = (int)(t->n_agg + b);
        t->ch_node[t->n_ch++] = node;
    }
    t->agg = g_new0(RpQueueSeries *, t->n_agg);
    for (size_t a = 0; a < t->n_agg; a++)
        t->agg[a] = aggregate_series(t, a, first);
    return TRUE;
}

/* ---- base forecasts of every node ----------------------------------- */

typedef struct {
    Tree t;
    size_t n;         /* nodes: aggregates then lines */
    RpForecaster **f; /* n */
    gboolean *tuned;  /* n */
    const RpReconcileParams *p;
} Engine;

static gboolean
engine_init(Engine *e, const RpHistory *h, const RpReconcileParams *p,
            GError **error)
{
    memset(e, 0, sizeof *e);
    e->p = p;
    if (!tree_init(&e->t, h, error))
        return FALSE;
    e->n = e->t.n_agg + e->t.m;
    e->f = g_new0(RpForecaster *, e->n);
    e->tuned = g_new0(gboolean, e->n);
    for (size_t i = 0; i < e->n; i++)
        e->f[i] = rp_forecaster_new(p->type, &p->forecast);
    return TRUE;
}

static void
engine_clear(Engine *e)
{
    for (size_t i = 0; e->f && i < e->n; i++)
        rp_forecaster_free(e->f[i]);
    g_free(e->f);
    g_free(e->tuned);
    tree_clear(&e->t);
}

static const RpQueueSeries *
node_series(const Engine *e, size_t i, size_t *off)
{
    *off = i < e->t.n_agg ? 0 : e->t.off[i - e->t.n_agg];
    return i < e->t.n_agg ? e->t.agg[i] : e->t.line[i - e->t.n_agg];
}

/* Node i's daily forecasts for days [o, o + days) into out (stride n):
 * the day totals of its method's forecast, 0 for days it is shut or has
 * not started.  FALSE (no error) when it has too little history. */
static gboolean
node_forecast(Engine *e, size_t i, size_t o, size_t days, double *out,
              gboolean *ok, GError **error)
{
    size_t off;
    const RpQueueSeries *s = node_series(e, i, &off);
    *ok = TRUE;
    if (o < off) { /* it has not started: nothing to forecast yet */
        for (size_t d = 0; d < days; d++)
            out[d * e->n + i] = 0.0;
        return TRUE;
    }
    size_t n_train = o - off;
    if (rp_queue_series_history_days(s, n_train) < e->p->type->min_days) {
        *ok = FALSE;
        return TRUE;
    }
    if (!rp_forecaster_fit(e->f[i], s, n_train, !e->tuned[i], error))
        return FALSE;
    e->tuned[i] = TRUE;
    g_autofree double *pred = g_new(double, days * s->n_slots);
    rp_forecaster_predict(e->f[i], s, n_train, days, pred);
    for (size_t d = 0; d < days; d++) {
        double sum = 0.0;
        for (size_t k = 0; k < s->n_slots; k++)
            if (!isnan(pred[d * s->n_slots + k]))
                sum += pred[d * s->n_slots + k];
        out[d * e->n + i] = sum;
    }
    return TRUE;
}

/* Every node's forecast from origin o; *usable FALSE when one node has
 * too little history (the origin is skipped). */
static gboolean
base_forecasts(Engine *e, size_t o, size_t days, double *F, gboolean *usable,
               GError **error)
{
    *usable = TRUE;
    for (size_t i = 0; i < e->n && *usable; i++)
        if (!node_forecast(e, i, o, days, F, usable, error))
            return FALSE;
    return TRUE;
}

/* Node i's actual contacts on day g (NAN: unknown or not yet). */
static double
node_actual(const Engine *e, size_t i, size_t g)
{
    const Tree *t = &e->t;
    if (g >= t->n_hist)
        return NAN;
    if (i >= t->n_agg)
        return line_actual(t, i - t->n_agg, g);
    const RpQueueSeries *s = t->agg[i];
    return s->days[g].open ? s->y[g] : 0.0;
}

static gboolean
node_open(const Engine *e, size_t i, size_t g)
{
    const Tree *t = &e->t;
    if (i >= t->n_agg)
        return line_open(t, i - t->n_agg, g);
    return t->agg[i]->days[g].open;
}

/* ---- weights ---------------------------------------------------------- */

/* Relative errors (actual - forecast) / forecast of the days of some
 * origins: rows of n, NAN where a node was shut or unknown. */
typedef struct {
    GArray *e;      /* double, n per row */
    GArray *origin; /* size_t per row: the origin's index */
} Errors;

typedef struct {
    double *sd;       /* n: root mean square relative error */
    double *sd_level; /* n: the same pooled over the node's level */
    double *r;        /* n x n: correlations, shrunk */
    double lambda;    /* shrinkage intensity */
} Weights;

static void
record_errors(const Engine *e, size_t o, size_t days, const double *F,
              size_t origin_index, Errors *err)
{
    for (size_t d = 0; d < days; d++) {
        size_t g = o + d;
        for (size_t i = 0; i < e->n; i++) {
            double y = node_actual(e, i, g), f = F[d * e->n + i];
            double v = node_open(e, i, g) && !isnan(y) && f > 0.0
                           ? (y - f) / MAX(f, MIN_SCALE)
                           : NAN;
            g_array_append_val(err->e, v);
        }
        g_array_append_val(err->origin, origin_index);
    }
}

double
rp_fc_shrunk_correlation(const double *e, size_t rows, size_t n, double *sd,
                         double *r)
{
    g_autofree double *mu = g_new0(double, n);
    for (size_t i = 0; i < n; i++) {
        double sum = 0.0, ss = 0.0;
        size_t k = 0;
        for (size_t t = 0; t < rows; t++)
            if (!isnan(e[t * n + i])) {
                sum += e[t * n + i];
                k++;
            }
        mu[i] = k ? sum / (double)k : 0.0;
        for (size_t t = 0; t < rows; t++)
            if (!isnan(e[t * n + i]))
                ss += (e[t * n + i] - mu[i]) * (e[t * n + i] - mu[i]);
        sd[i] = k > 1 && ss > 0.0 ? sqrt(ss / (double)k) : DEFAULT_RSD;
    }
    double num = 0.0, den = 0.0;
    for (size_t i = 0; i < n; i++) {
        r[i * n + i] = 1.0;
        for (size_t j = i + 1; j < n; j++) {
            double sum = 0.0, sum2 = 0.0;
            size_t k = 0;
            for (size_t t = 0; t < rows; t++) {
                double a = e[t * n + i], b = e[t * n + j];
                if (isnan(a) || isnan(b))
                    continue;
                double x = (a - mu[i]) / sd[i] * ((b - mu[j]) / sd[j]);
                sum += x;
                sum2 += x * x;
                k++;
            }
            double rij = 0.0;
            if (k > 2) {
                double kk = (double)k, mean = sum / kk;
                rij = CLAMP(mean, -1.0, 1.0);
                num += (sum2 - kk * mean * mean) / (kk * (kk - 1.0));
                den += rij * rij;
            }
            r[i * n + j] = r[j * n + i] = rij;
        }
    }
    return den > 0.0 ? CLAMP(num / den, 0.0, 1.0) : 1.0;
}

/* The weights from the rows of origins [from, to). */
static void
estimate_weights(const Engine *eng, const Errors *err, size_t from, size_t to,
                 Weights *w)
{
    size_t n = eng->n;
    const double *e = (const double *)(void *)err->e->data;
    const size_t *org = (const size_t *)(void *)err->origin->data;
    g_autoptr(GArray) rows = g_array_new(FALSE, FALSE, sizeof(double));
    for (size_t t = 0; t < err->origin->len; t++)
        if (org[t] >= from && org[t] < to)
            g_array_append_vals(rows, e + t * n, (guint)n);
    w->lambda = rp_fc_shrunk_correlation((const double *)(void *)rows->data,
                                         rows->len / n, n, w->sd, w->r);
    rp_fc_pool_levels(eng->t.n_agg, n, w->sd, w->sd_level);
}

void
rp_fc_pool_levels(size_t n_agg, size_t n, const double *sd, double *pooled)
{
    double ss[3] = {0.0, 0.0, 0.0};
    size_t k[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        int level = i == 0 ? 0 : i < n_agg ? 1 : 2;
        ss[level] += sd[i] * sd[i];
        k[level]++;
    }
    for (size_t i = 0; i < n; i++) {
        int level = i == 0 ? 0 : i < n_agg ? 1 : 2;
        pooled[i] = sqrt(ss[level] / (double)k[level]);
    }
}

/* ---- one day ------------------------------------------------------------ */

/* Whether line b takes part in day g's reconciliation: open, with a base
 * forecast above nothing. */
static gboolean
line_active(const Engine *e, size_t b, size_t g, const double *F)
{
    return line_open(&e->t, b, g) && F[e->t.n_agg + b] > 0.0;
}

static gboolean
aggregate_active(const Engine *e, size_t a, size_t g, const double *F)
{
    for (size_t b = 0; b < e->t.m; b++)
        if (e->t.member[a * e->t.m + b] && line_active(e, b, g, F))
            return TRUE;
    return FALSE;
}

/* Reconciles day g's base forecasts F (n) by `method` into lines (m),
 * for the nodes open that day.  MinT's lambda is raised towards 1 until
 * W is definite. */
static void
combine_day(const Engine *e, size_t g, const double *F, const Weights *w,
            RpReconcileMethod method, double *lines)
{
    const Tree *t = &e->t;
    size_t m = t->m;
    g_autofree size_t *act = g_new(size_t, e->n); /* node of sub-index */
    g_autofree int *sub_of = g_new(int, e->n);
    size_t na = 0, nl = 0;
    for (size_t i = 0; i < e->n; i++)
        sub_of[i] = -1;
    /* A line forecast at nothing that day (shut, or no contacts) stays at
     * nothing: reconciling cannot scale it up, so it is left out, and so is
     * an aggregate none of whose lines is left. */
    for (size_t a = 0; a < t->n_agg; a++)
        if (node_open(e, a, g) && aggregate_active(e, a, g, F)) {
            sub_of[a] = (int)na;
            act[na++] = a;
        }
    for (size_t b = 0; b < m; b++)
        if (line_active(e, b, g, F)) {
            sub_of[t->n_agg + b] = (int)(na + nl);
            act[na + nl++] = t->n_agg + b;
        }
    for (size_t b = 0; b < m; b++)
        lines[b] = 0.0;
    if (nl == 0)
        return;
    size_t ns = na + nl;
    g_autofree guint8 *member = g_new0(guint8, na * nl);
    g_autofree int *parent = g_new0(int, nl);
    g_autofree double *yhat = g_new(double, ns);
    g_autofree double *cov = g_new(double, ns *ns);
    g_autofree double *out = g_new(double, nl);
    for (size_t s = 0; s < ns; s++)
        yhat[s] = F[act[s]];
    for (size_t l = 0; l < nl; l++) {
        size_t b = act[na + l] - t->n_agg;
        for (size_t a = 0; a < na; a++)
            member[a * nl + l] = t->member[act[a] * m + b];
        parent[l] = t->parent[b] > 0 ? sub_of[t->parent[b]] : 0;
    }
    gboolean pooled = method == RP_RECONCILE_MINT_LEVEL;
    const double *sd = pooled ? w->sd_level : w->sd;
    double lambda = method == RP_RECONCILE_MINT || pooled ? w->lambda : 1.0;
    gboolean done = FALSE;
    for (int tries = 0; !done && tries <= SHRINK_RETRIES; tries++) {
        for (size_t i = 0; i < ns; i++)
            for (size_t j = 0; j < ns; j++) {
                size_t a = act[i], b = act[j];
                double r = i == j ? 1.0 : (1.0 - lambda) * w->r[a * e->n + b];
                cov[i * ns + j] = MAX(yhat[i], MIN_SCALE) * sd[a] *
                                  MAX(yhat[j], MIN_SCALE) * sd[b] * r;
            }
        done = rp_reconcile_combine(method, na, nl, member, parent, yhat, cov,
                                    out);
        lambda = tries + 1 == SHRINK_RETRIES ? 1.0 : 0.5 * (1.0 + lambda);
    }
    if (!done) /* cannot happen with lambda = 1: W is then diagonal */
        memcpy(out, yhat + na, nl * sizeof *out);
    for (size_t l = 0; l < nl; l++)
        lines[act[na + l] - t->n_agg] = MAX(out[l], 0.0);
}

/* Every method's lines of day g: lines[method][m]. */
static void
reconcile_day(const Engine *e, size_t g, const double *F, const Weights *w,
              double *lines /* RP_RECONCILE_N x m */)
{
    for (int method = 0; method < RP_RECONCILE_N; method++)
        combine_day(e, g, F, w, (RpReconcileMethod)method,
                    lines + (size_t)method * e->t.m);
}

/* The value of node i by `method` from its reconciled lines (m; or the
 * base forecast for none). */
static double
node_value(const Engine *e, RpReconcileMethod method, size_t i, const double *F,
           const double *lines)
{
    const Tree *t = &e->t;
    if (method == RP_RECONCILE_NONE)
        return F[i];
    if (i >= t->n_agg)
        return lines[i - t->n_agg];
    double sum = 0.0;
    for (size_t b = 0; b < t->m; b++)
        if (t->member[i * t->m + b])
            sum += lines[b];
    return sum;
}

/* Adds day g's errors by `method` (its lines, m) to acc, level by level. */
static void
score_method(const Engine *e, size_t g, const double *F,
             RpReconcileMethod method, const double *lines,
             RpAccuracy acc[RP_LEVELS])
{
    const Tree *t = &e->t;
    for (int level = 0; level < RP_LEVELS; level++) {
        size_t n = level == 0 ? t->m : level == 1 ? t->n_ch : 1;
        for (size_t k = 0; k < n; k++) {
            size_t i = level == 0   ? t->n_agg + k
                       : level == 1 ? (size_t)t->ch_node[k]
                                    : 0;
            double y = node_actual(e, i, g);
            if (!node_open(e, i, g) || isnan(y))
                continue;
            double f = node_value(e, method, i, F, lines);
            RpAccuracy *a = &acc[level];
            a->n++;
            a->sum_y += y;
            a->sum_abs += fabs(f - y);
            a->sum_err += f - y;
        }
    }
}

/* One origin's scores, every method, level by level. */
typedef RpReconcileWeek Scores;

static void
score(const Engine *e, size_t g, const double *F, const double *lines,
      Scores *out)
{
    for (int method = 0; method < RP_RECONCILE_N; method++)
        score_method(e, g, F, (RpReconcileMethod)method,
                     lines + (size_t)method * e->t.m, out->acc[method]);
}

static void
scores_add(Scores *to, const Scores *a)
{
    for (int method = 0; method < RP_RECONCILE_N; method++)
        for (int level = 0; level < RP_LEVELS; level++)
            rp_fc_accuracy_add(&to->acc[method][level], &a->acc[method][level]);
}

/* ---- backtest ------------------------------------------------------------ */

static void
weights_init(Weights *w, size_t n)
{
    w->sd = g_new(double, n);
    w->sd_level = g_new(double, n);
    w->r = g_new(double, n *n);
    w->lambda = 1.0;
}

static void
weights_clear(Weights *w)
{
    g_free(w->sd);
    g_free(w->sd_level);
    g_free(w->r);
}

static void
errors_init(Errors *err)
{
    err->e = g_array_new(FALSE, FALSE, sizeof(double));
    err->origin = g_array_new(FALSE, FALSE, sizeof(size_t));
}

static void
errors_clear(Errors *err)
{
    g_array_unref(err->e);
    g_array_unref(err->origin);
}

/* The coherent method of lowest mean WAPE over the levels among those no
 * worse than the unreconciled forecasts at any level; none when no
 * coherent method is. */
static RpReconcileMethod
best_method(const Scores *s)
{
    RpReconcileMethod best = RP_RECONCILE_NONE;
    double best_mean = INFINITY;
    for (int method = RP_RECONCILE_BOTTOM_UP; method < RP_RECONCILE_N;
         method++) {
        double mean = 0.0;
        gboolean no_worse = TRUE;
        for (int level = 0; level < RP_LEVELS; level++) {
            double w = rp_accuracy_wape(&s->acc[method][level]);
            mean += w / RP_LEVELS;
            no_worse = no_worse &&
                       w <= rp_accuracy_wape(&s->acc[RP_RECONCILE_NONE][level]);
        }
        if (no_worse && mean < best_mean) {
            best_mean = mean;
            best = (RpReconcileMethod)method;
        }
    }
    return best;
}

/* The paired t statistic of `m` against `inc` at `level` over the n
 * weeks: the mean of the weeks' WAPE differences (m's less inc's) over
 * its standard error; 0 with fewer than two weeks or a mean under 1e-12
 * (rounding), +-infinity when every week differs by the same. */
static double
paired_t(const Scores *weeks, size_t n, int m, int inc, int level)
{
    double sum = 0.0, sum2 = 0.0;
    for (size_t k = 0; k < n; k++) {
        double d = rp_accuracy_wape(&weeks[k].acc[m][level]) -
                   rp_accuracy_wape(&weeks[k].acc[inc][level]);
        sum += d;
        sum2 += d * d;
    }
    if (n < 2)
        return 0.0;
    double mean = sum / (double)n;
    double var = (sum2 - (double)n * mean * mean) / (double)(n - 1);
    if (!(fabs(mean) > 1e-12)) /* rounding: a tie */
        return 0.0;
    if (!(var > 0.0))
        return mean < 0.0 ? -INFINITY : mean > 0.0 ? INFINITY : 0.0;
    return mean / sqrt(var / (double)n);
}

RpReconcileMethod
rp_reconcile_choose(const RpReconcileWeek *weeks, size_t n_weeks)
{
    int inc = RP_RECONCILE_MINT_LEVEL, best = inc;
    double best_t = -RP_RECONCILE_CLEAR;
    for (int m = RP_RECONCILE_BOTTOM_UP; m < RP_RECONCILE_N; m++) {
        if (m == inc)
            continue;
        double worst = -INFINITY;
        for (int level = 0; level < RP_LEVELS; level++)
            worst = MAX(worst, paired_t(weeks, n_weeks, m, inc, level));
        if (worst < best_t) {
            best_t = worst;
            best = m;
        }
    }
    return (RpReconcileMethod)best;
}

/* auto's choice from the last n weeks of `past` (Scores). */
static RpReconcileMethod
auto_method(const GArray *past, size_t n)
{
    size_t from = past->len > n ? past->len - n : 0;
    if (past->len == 0)
        return RP_RECONCILE_MINT_LEVEL;
    return rp_reconcile_choose(&g_array_index(past, Scores, from),
                               past->len - from);
}

gboolean
rp_reconcile_backtest(const RpHistory *h, const RpReconcileParams *p,
                      RpReconcileBacktest *out, GError **error)
{
    g_return_val_if_fail(h != NULL && p != NULL && out != NULL, FALSE);
    Engine e;
    memset(out, 0, sizeof *out);
    if (!engine_init(&e, h, p, error)) {
        engine_clear(&e);
        return FALSE;
    }
    size_t H = p->horizon_days,
           total = p->n_origins + p->n_choose + p->n_calibration;
    g_autofree double *F = g_new(double, H *e.n);
    g_autofree double *lines = g_new(double, RP_RECONCILE_N *e.t.m);
    Errors err;
    Weights w;
    errors_init(&err);
    weights_init(&w, e.n);
    g_autoptr(GArray) past = g_array_new(FALSE, FALSE, sizeof(Scores));
    Scores all = {0};
    gboolean ok = TRUE;
    for (size_t j = total; j-- > 0 && ok;) {
        size_t back = H + 7 * j, i = total - 1 - j; /* i: origin index */
        if (back >= e.t.n_hist)
            continue;
        size_t o = e.t.n_hist - back;
        gboolean usable;
        if (!(ok = base_forecasts(&e, o, H, F, &usable, error)) || !usable)
            continue;
        if (i >= p->n_calibration) {
            estimate_weights(&e, &err, i - p->n_calibration, i, &w);
            Scores now = {0};
            for (size_t d = 0; d < H; d++) {
                reconcile_day(&e, o + d, F + d * e.n, &w, lines);
                score(&e, o + d, F + d * e.n, lines, &now);
            }
            if (i >= p->n_calibration + p->n_choose) { /* else a warm-up */
                RpReconcileMethod chosen = auto_method(past, p->n_choose);
                out->n_chosen[chosen]++;
                for (int level = 0; level < RP_LEVELS; level++)
                    rp_fc_accuracy_add(&out->acc_auto[level],
                                       &now.acc[chosen][level]);
                scores_add(&all, &now);
                out->n_origins++;
                out->lambda = w.lambda;
            }
            g_array_append_val(past, now);
        }
        record_errors(&e, o, H, F, i, &err);
    }
    out->n_lines = e.t.m;
    out->n_channels = e.t.n_ch;
    errors_clear(&err);
    weights_clear(&w);
    engine_clear(&e);
    if (ok && out->n_origins == 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: too little history for a backtest of the "
                    "hierarchy (every queue needs %zu days before the "
                    "earliest origin)",
                    h->path, p->type->min_days);
        return FALSE;
    }
    memcpy(out->acc, all.acc, sizeof out->acc);
    if (ok) {
        out->best = best_method(&all);
        out->next = auto_method(past, p->n_choose);
    }
    return ok;
}

/* ---- the forecast -------------------------------------------------------- */

static RpQueueForecast *
forecast_of(RpForecast *f, size_t queue)
{
    for (guint i = 0; i < f->queues->len; i++) {
        RpQueueForecast *qf = g_ptr_array_index(f->queues, i);
        if (qf->queue == queue)
            return qf;
    }
    return NULL;
}

/* Line b's forecast day d (of the forecast) summed over its slots. */
static double
line_forecast_day(const RpQueueForecast *qf, const RpQueueSeries *s, size_t d)
{
    double sum = 0.0;
    for (size_t k = 0; k < s->n_slots; k++)
        if (!isnan(qf->mean[d * s->n_slots + k]))
            sum += qf->mean[d * s->n_slots + k];
    return sum;
}

/* The largest gap, as a share, between an aggregate's value `agg` (n_agg
 * per day, or the base forecasts F) and the sums of the lines' forecast
 * days. */
static double
incoherence(const Engine *e, RpQueueForecast **qf, const double *agg,
            size_t days)
{
    const Tree *t = &e->t;
    double worst = 0.0;
    for (size_t d = 0; d < days; d++)
        for (size_t a = 0; a < t->n_agg; a++) {
            double sum = 0.0, want = agg[d * e->n + a];
            for (size_t b = 0; b < t->m; b++)
                if (t->member[a * t->m + b])
                    sum += line_forecast_day(qf[b], t->line[b], d);
            if (want > 0.0)
                worst = MAX(worst, fabs(sum - want) / want);
        }
    return worst;
}

gboolean
rp_forecast_reconcile(RpForecast *f, const RpReconcileParams *p,
                      RpReconcileMethod method, double *incoherence_before,
                      double *incoherence_after, GError **error)
{
    g_return_val_if_fail(f != NULL && p != NULL, FALSE);
    Engine e;
    if (!engine_init(&e, f->history, p, error)) {
        engine_clear(&e);
        return FALSE;
    }
    const Tree *t = &e.t;
    size_t days = t->n_days - t->n_hist, H = p->horizon_days;
    g_autofree RpQueueForecast **qf = g_new0(RpQueueForecast *, t->m);
    for (size_t b = 0; b < t->m; b++)
        qf[b] = forecast_of(f, t->line[b]->queue);
    /* the weights: the last n_calibration weeks before the forecast */
    Errors err;
    Weights w;
    errors_init(&err);
    weights_init(&w, e.n);
    g_autofree double *F = g_new(double, MAX(H, days) * e.n);
    gboolean ok = TRUE;
    for (size_t j = p->n_calibration; j-- > 0 && ok;) {
        size_t back = H + 7 * j;
        gboolean usable;
        if (back >= t->n_hist)
            continue;
        ok = base_forecasts(&e, t->n_hist - back, H, F, &usable, error);
        if (ok && usable)
            record_errors(&e, t->n_hist - back, H, F, p->n_calibration - j,
                          &err);
    }
    estimate_weights(&e, &err, 0, G_MAXSIZE, &w);
    /* the base forecasts of the forecast days: the aggregates' own, the
     * lines' as forecast */
    for (size_t a = 0; ok && a < t->n_agg; a++) {
        gboolean enough;
        ok = node_forecast(&e, a, t->n_hist, days, F, &enough, error);
        if (ok && !enough) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                        "%s: too little history to forecast the channel "
                        "and centre totals (%zu days needed)",
                        f->history->path, p->type->min_days);
            ok = FALSE;
        }
    }
    for (size_t b = 0; ok && b < t->m; b++)
        for (size_t d = 0; d < days; d++)
            F[d * e.n + t->n_agg + b] =
                qf[b] ? line_forecast_day(qf[b], t->line[b], d) : 0.0;
    if (ok && incoherence_before)
        *incoherence_before = incoherence(&e, qf, F, days);
    g_autofree double *lines = g_new(double, RP_RECONCILE_N * t->m);
    g_autofree double *agg = g_new0(double, days *e.n);
    for (size_t d = 0; ok && d < days; d++) {
        size_t g = t->n_hist + d;
        reconcile_day(&e, g, F + d * e.n, &w, lines);
        for (size_t a = 0; a < t->n_agg; a++)
            agg[d * e.n + a] = node_value(&e, method, a, F + d * e.n,
                                          lines + (size_t)method * t->m);
        for (size_t b = 0; b < t->m; b++) {
            const RpQueueSeries *s = t->line[b];
            double base = F[d * e.n + t->n_agg + b];
            double want = node_value(&e, method, t->n_agg + b, F + d * e.n,
                                     lines + (size_t)method * t->m);
            if (qf[b] == NULL || !(base > 0.0))
                continue;
            for (size_t k = 0; k < s->n_slots; k++) {
                size_t i = d * s->n_slots + k;
                if (isnan(qf[b]->mean[i]))
                    continue;
                qf[b]->mean[i] *= want / base;
            }
            rp_fc_quantiles_day(qf[b], s->n_slots, d);
        }
    }
    if (ok && incoherence_after)
        *incoherence_after = incoherence(&e, qf, agg, days);
    errors_clear(&err);
    weights_clear(&w);
    engine_clear(&e);
    return ok;
}
