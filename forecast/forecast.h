/* forecast/forecast.h - forecasts of contacts and handling times per queue
 * and interval, and the rolling-origin backtests that choose and prove
 * them.
 *
 * Key decision: every queue's history is laid out as a calendar of local
 * days by slots of the day (RpQueueSeries), not as one long vector.  The
 * methods contact centres use all speak in days and intervals of the day
 * (same interval last week, daily totals times an intraday profile), bank
 * holidays and events are days, and a backtest origin is a day; clock
 * changes then only matter when a queue is open in the small hours.
 *
 * Forecast methods follow GSL's type-object pattern: an RpForecasterType
 * table per method (rp_forecaster_snaive, ..._mean, ..._hw,
 * ..._topdown), worked through rp_forecaster_new() -> _fit() ->
 * _predict() -> _free().
 *
 * Uncertainty: a forecast is the mean of a negative binomial count (a
 * Poisson count whose rate is itself uncertain, gamma distributed with
 * coefficient of variation c around the forecast), so
 *
 *     Var(Y) = mu + c^2 mu^2                                          (1)
 *
 * with c^2 estimated from the method's own out-of-sample errors in the
 * last weeks of history (method of moments on (1)), per week ahead.
 * Quantiles are those of this count. */
#ifndef RP_FORECAST_FORECAST_H
#define RP_FORECAST_FORECAST_H

#include <glib.h>

#include "common/centre.h"
#include "common/volumes.h"

/* ---- events ------------------------------------------------------------ */

/* What an event row is (its `kind` column). */
typedef enum {
    RP_EVENT_EFFECT, /* a driver on some days (the default) */
    RP_EVENT_JOINS,  /* a service joins a line: its factor from start on */
    RP_EVENT_LAUNCH, /* a line starts on start: nothing before is its
                        history; start to end (if given) is its ramp-up */
    RP_EVENT_MOVES,  /* from start on, `share` of queue `from`'s contacts
                        come to `queue` instead */
} RpEventKind;

/* A known driver of demand on some days: council tax bills, an election, a
 * service joining.  Days under the same label share one effect. */
typedef struct {
    gint64 first_day, last_day; /* local day numbers, inclusive */
    int queue;                  /* queue index, or -1 for every queue */
    int label;                  /* index in RpEvents.labels */
    double factor;              /* known multiplier, or NAN: estimate it */
    size_t line;                /* line of the events file */
    RpEventKind kind;
    int from;     /* moves: the queue the contacts leave */
    double share; /* moves: the share of its contacts that move */
} RpEvent;

#define RP_EVENTS_MAX_LABELS 32

typedef struct {
    char *path;
    GArray *events;    /* RpEvent */
    GPtrArray *labels; /* char *: distinct labels, first use first */
} RpEvents;

/* Reads an events file: a CSV with columns start, end (dates YYYY-MM-DD,
 * inclusive), queue (a queue id or "all"), label, and optionally factor
 * (a known multiplier such as 1.3; empty: estimated from history), kind
 * (effect, joins, launch or moves; empty: effect), from and share (for
 * moves: the queue the contacts leave and the share that moves).  `end`
 * may be empty for joins, launch and moves (from start on).  Fails with
 * RP_IO_ERROR_READ, or RP_DATA_ERROR naming file, line and field: bad
 * dates, end before start, unknown queue, a factor not above 0, more than
 * RP_EVENTS_MAX_LABELS labels, one label given a factor in one row and not
 * in another, an unknown kind, joins without a factor, moves without a
 * queue to move from (another one) or a share in (0, 1), launch or moves
 * for `all`.  Returns: (transfer full) free with rp_events_free(). */
RpEvents *rp_events_read(const char *path, const RpCentre *centre,
                         GError **error);
void rp_events_free(RpEvents *events);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpEvents, rp_events_free)

/* ---- one queue's history as days x slots -------------------------------- */

typedef struct {
    gint64 day;             /* local day number */
    int weekday;            /* 0 = Monday ... 6 = Sunday */
    gboolean open;          /* the queue opens that day (configuration) */
    gboolean after_closure; /* open, and the weekday before it was shut */
    gboolean outlier;       /* flagged: its contacts are not used for fitting */
    guint32 events;         /* bit i: event label i covers the day */
    double factor;          /* product of known event factors (1: none) */
    size_t n_missing;       /* open slots of a history day without contacts */
} RpDayInfo;

/* Contacts of one queue: day d, slot k is y[d * n_slots + k].  Days
 * [0, n_hist) are history, the rest are to be forecast.  y is NAN where
 * nothing may be learnt: closed slots, gaps, outliers, every day from
 * n_hist on.  A queue given as daily totals has one slot a day. */
typedef struct {
    size_t queue;             /* index in the centre */
    const char *id;           /* the queue's id (owned by the centre) */
    int interval_min;         /* minutes per slot (the day's for daily) */
    size_t n_slots;           /* slots per local day */
    size_t n_days;            /* calendar days covered */
    size_t n_hist;            /* days of history */
    size_t n_known;           /* of which the history file covers the first
                                 n_known (to its last day); the rest, up
                                 to a later start, are unknown */
    gint64 first_day;         /* local day number of day 0 */
    double *y;                /* n_days * n_slots contacts, known factors
                                 divided out; NAN: not usable */
    double *aht_s;            /* n_days * n_slots handling times (s); NAN */
    guint8 *open;             /* n_days * n_slots: the queue is open */
    RpDayInfo *days;          /* n_days */
    double aht_default_s;     /* the configured handling time (s) */
    gboolean daily;           /* history of daily totals */
    size_t last_line;         /* line of its last history row in the file */
    guint32 estimated_events; /* labels whose effect is estimated */
} RpQueueSeries;

/* Something in a history a planner should know about. */
typedef enum {
    RP_ANOMALY_GAP,          /* open, but no row: not treated as zero */
    RP_ANOMALY_OUT_OF_HOURS, /* contacts while the queue was shut */
    RP_ANOMALY_OUTLIER_DAY,  /* a day unlike its neighbours: not used */
    RP_ANOMALY_OUTLIER,      /* one interval far off its day's shape */
} RpAnomalyKind;

typedef struct {
    RpAnomalyKind kind;
    size_t queue;    /* queue index */
    gint64 start;    /* interval start (UTC s), or the day's first instant */
    size_t n;        /* intervals covered (gaps, out of hours: per day) */
    double contacts; /* contacts involved (NAN for gaps) */
    double expected; /* what the day or interval would normally hold */
} RpAnomaly;

/* "gap", "out-of-hours", "outlier-day", "outlier". */
const char *rp_anomaly_kind_name(RpAnomalyKind kind);

/* Tuning of outlier detection.  A day is an outlier when its total is more
 * than `day_factor` times, or less than 1/day_factor of, the median of the
 * same weekday in the `window_weeks` weeks either side, ignoring days
 * under events or after closures.  An interval is one when it lies more
 * than `interval_z` standard deviations from its day's expected shape
 * under (1) with c = 0.25, and by at least `interval_min_excess`
 * contacts. */
typedef struct {
    double day_factor;          /* default 2.5 */
    size_t window_weeks;        /* default 4 */
    double interval_z;          /* default 8 */
    double interval_min_excess; /* contacts, default 10 */
} RpCleanParams;

void rp_clean_params_init(RpCleanParams *p);

/* All queues' histories, ready for the forecasters. */
typedef struct {
    char *path;             /* the history file */
    const RpCentre *centre; /* not owned */
    const RpEvents *events; /* not owned; NULL: none */
    size_t n_queues;
    RpQueueSeries **series; /* per queue; NULL when it has no history */
    GArray *anomalies;      /* RpAnomaly, by queue then time */
} RpHistory;

/* Builds every queue's series from a history read with gaps and daily
 * totals allowed: days from the queue's first row to the day before
 * `start_day`, then `n_days` more to forecast (rows from start_day on are
 * ignored: forecasting as of a past date).  Flags gaps, contacts out of
 * hours and outliers (as listed in `anomalies`), and divides known event
 * factors out.  Moves and launches before start_day are applied first:
 * the history before a move is made as it would have been after it (the
 * share moved from one queue to the other, rp_volumes_move()), and a
 * line's rows before its launch are dropped; `events` must then outlive
 * the history (moves after start_day are applied to the forecast).  `events`
 * and `clean` may be NULL (no events, defaults). Fails with
 * RP_DATA_ERROR_MISSING, naming the history file, when no queue has a day of
 * history before `start_day`.  Returns: (transfer full). */
RpHistory *rp_history_new(const RpVolumes *volumes, const RpCentre *centre,
                          const RpEvents *events, const RpCleanParams *clean,
                          gint64 start_day, size_t n_days, GError **error);
void rp_history_free(RpHistory *history);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpHistory, rp_history_free)

/* Builds one queue's series directly (tests, benchmarks): `n_hist` days of
 * `n_slots` slots from `first_day`, then `n_future` more; `y` holds the
 * history (n_hist * n_slots values, NAN for none) and `open_weekday[w]`
 * lists per weekday which slots are open (n_slots flags each; NULL: all
 * open every day).  Days with no open slot are closed.  No outlier
 * flags.  Returns: (transfer full) free with rp_queue_series_free(). */
RpQueueSeries *rp_queue_series_new_from_values(gint64 first_day, size_t n_slots,
                                               int interval_min, size_t n_hist,
                                               size_t n_future, const double *y,
                                               const guint8 *open_weekday);
void rp_queue_series_free(RpQueueSeries *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpQueueSeries, rp_queue_series_free)

/* Marks day `d` of a series closed (no slot open, nothing observed), as a
 * bank holiday would be, and recomputes the after-closure flags. */
void rp_queue_series_close_day(RpQueueSeries *s, size_t d);

/* Calendar days of usable history a series has before day `n_train`:
 * from its first open observed day to n_train or the end of the history
 * file, whichever comes first, so that forecasting a week long after the
 * history does not count the days in between as history. */
size_t rp_queue_series_history_days(const RpQueueSeries *s, size_t n_train);

/* ---- forecasters ----------------------------------------------------------
 */

typedef struct {
    size_t profile_weeks; /* weeks behind the intraday profiles of
                             "topdown" and the handling times (default 8) */
} RpForecastParams;

void rp_forecast_params_init(RpForecastParams *p);

/* One method.  `fit` learns from days [0, n_train) of a series; when
 * `tune` is FALSE it keeps the hyperparameters (smoothing constants...) of
 * the last tuned fit on the same series and only re-estimates its states,
 * which is how backtests stay fast.  `predict` writes n_days * n_slots
 * contacts for days [n_train, n_train + n_days): NAN where the queue is
 * shut.  Neither looks at contacts from day n_train on. */
typedef struct {
    const char *name;        /* as typed after --model */
    const char *description; /* one line for --help and the docs */
    size_t min_days;         /* calendar days of history it needs */
    size_t size;             /* bytes of state */
    void (*init)(void *state, const RpForecastParams *params);
    gboolean (*fit)(void *state, const RpQueueSeries *s, size_t n_train,
                    gboolean tune, GError **error);
    void (*predict)(void *state, const RpQueueSeries *s, size_t n_train,
                    size_t n_days, double *out);
    void (*clear)(void *state);
} RpForecasterType;

/* Seasonal naive: the same slot on the last normal day of the same
 * weekday, normally one week earlier. */
extern const RpForecasterType *const rp_forecaster_snaive;
/* The mean of the same slot over the last k normal same weekdays. */
extern const RpForecasterType *const rp_forecaster_mean;
/* Double-seasonal Holt-Winters (Taylor 2003): daily and weekly cycles. */
extern const RpForecasterType *const rp_forecaster_hw;
/* Daily totals by regression with a local level, times a profile. */
extern const RpForecasterType *const rp_forecaster_topdown;

/* Every method, NULL-terminated, in the order reports list them. */
extern const RpForecasterType *const rp_forecaster_types[];

/* The method called `name`, or NULL. */
const RpForecasterType *rp_forecaster_type_find(const char *name);

typedef struct RpForecaster RpForecaster;

/* Returns: (transfer full) a method's state for one series; free with
 * rp_forecaster_free().  `params` may be NULL (defaults). */
RpForecaster *rp_forecaster_new(const RpForecasterType *type,
                                const RpForecastParams *params);
void rp_forecaster_free(RpForecaster *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpForecaster, rp_forecaster_free)

/* Fits days [0, n_train) of `s`.  Fails with RP_DATA_ERROR_MISSING when
 * the series has fewer than the method's min_days of history before
 * n_train (the message names the queue, the method and both lengths), or
 * RP_MODEL_ERROR for a numerical failure. */
gboolean rp_forecaster_fit(RpForecaster *f, const RpQueueSeries *s,
                           size_t n_train, gboolean tune, GError **error);

/* Expected contacts per slot for days [n_train, n_train + n_days) into
 * `out` (n_days * n_slots values, NAN where shut), with known event
 * factors applied.  Precondition: fitted on the same series and n_train. */
void rp_forecaster_predict(RpForecaster *f, const RpQueueSeries *s,
                           size_t n_train, size_t n_days, double *out);

/* Handling time per slot for days [n_train, n_train + n_days): the
 * contact-weighted mean of the same weekday and slot over the last
 * `weeks` weeks, shrunk towards the queue's mean where few contacts back
 * it; the configured handling time where the history has none. */
void rp_aht_forecast(const RpQueueSeries *s, size_t n_train, size_t n_days,
                     size_t weeks, double *out);

/* ---- uncertainty ----------------------------------------------------------
 */

/* The q-quantile (0 < q < 1) of a negative binomial count with mean `mu`
 * and rate variation `c2` = c^2 of (1) (0: Poisson). */
double rp_count_quantile(double mu, double c2, double q);

/* Expected |Y - lambda| for Y ~ Poisson(lambda): the exact mean absolute
 * deviation 2 e^-lambda lambda^(floor(lambda)+1) / floor(lambda)!. */
double rp_poisson_mad(double lambda);

/* ---- accuracy and backtests ------------------------------------------------
 */

/* Sums over the evaluated slots (open, observed) of a backtest. */
typedef struct {
    size_t n;              /* intervals evaluated */
    double sum_y;          /* contacts */
    double sum_abs;        /* sum |y - f| */
    double sum_err;        /* sum (f - y) */
    double sum_floor;      /* sum of rp_poisson_mad(y): the noise floor */
    double sum_scaled;     /* sum |y - f| / (the queue's in-sample MAE of
                              the weekly seasonal naive), where it is > 0 */
    size_t n_scaled;       /* intervals in sum_scaled */
    size_t n_in80, n_in90; /* actuals at or below the P80 / P90 */
    size_t n_cover;        /* intervals with quantiles (coverage base) */
} RpAccuracy;

/* WAPE = sum|y - f| / sum y; bias = sum(f - y) / sum y; MASE = the mean
 * scaled error sum_scaled / n_scaled; floor_wape = sum rp_poisson_mad(y) / sum
 * y; NAN when undefined (no contacts, no scale). */
double rp_accuracy_wape(const RpAccuracy *a);
double rp_accuracy_bias(const RpAccuracy *a);
double rp_accuracy_mase(const RpAccuracy *a);
double rp_accuracy_floor_wape(const RpAccuracy *a);
double rp_accuracy_cover80(const RpAccuracy *a);
double rp_accuracy_cover90(const RpAccuracy *a);

/* Called after each origin of each queue with the work done so far. */
typedef void (*RpProgressFunc)(size_t done, size_t total, gpointer data);

typedef struct {
    size_t horizon_days;  /* days forecast from each origin (7) */
    size_t n_origins;     /* origins evaluated, a week apart (4) */
    size_t n_calibration; /* earlier origins used only to estimate c^2 (4) */
    const RpForecasterType *const *types; /* methods to compare (all) */
    RpForecastParams forecast;
    RpProgressFunc progress;
    gpointer progress_data;
} RpBacktestParams;

void rp_backtest_params_init(RpBacktestParams *p);

/* The result for one queue and method. */
typedef struct {
    size_t queue;
    const RpForecasterType *type;
    RpAccuracy acc;
    gboolean skipped; /* too little history for this method */
} RpBacktestRow;

typedef struct {
    GArray *rows;        /* RpBacktestRow, queue-major, methods in order */
    gint64 first_origin; /* local day of the earliest evaluated origin */
    gint64 last_origin;  /* and of the latest */
    RpAccuracy *total;   /* per method (as params->types): all queues */
    size_t n_types;
} RpBacktest;

/* Rolling-origin backtest of every method on every queue with history:
 * origins a week apart, the last `horizon_days` before the end of the
 * history; each method is tuned once at the earliest origin and refitted
 * (states only) at each later one, on data before that origin only; the
 * same open, observed intervals are scored for every method.  A method
 * that lacks history at the earliest origin is marked skipped.  Fails
 * with RP_DATA_ERROR_MISSING when no queue has enough history for even
 * one origin.  Returns: (transfer full) free with rp_backtest_free(). */
RpBacktest *rp_backtest_run(const RpHistory *history,
                            const RpBacktestParams *params, GError **error);
void rp_backtest_free(RpBacktest *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpBacktest, rp_backtest_free)

/* ---- the forecast ----------------------------------------------------------
 */

/* The furthest ahead (weeks) the backtests behind a forecast look: its
 * method is chosen, and its ranges calibrated, at most this far ahead. */
#define RP_FORECAST_MAX_WEEKS 6

#define RP_N_QUANTILES 4
/* The quantiles written with every forecast: P10, P50, P80, P90. */
extern const double rp_forecast_quantiles[RP_N_QUANTILES];

typedef struct {
    const RpForecasterType *type; /* a method, or NULL: choose per queue */
    size_t n_auto_origins;        /* origins of the choosing backtest (4) */
    size_t n_calibration;         /* origins estimating c^2 (4) */
    RpForecastParams forecast;
} RpForecastRunParams;

void rp_forecast_run_params_init(RpForecastRunParams *p);

/* One queue's forecast. */
typedef struct {
    size_t queue;
    const RpForecasterType *type; /* method used */
    double *mean;  /* n_days * n_slots expected contacts; NAN shut */
    double *aht_s; /* handling times (s) */
    double *q;     /* RP_N_QUANTILES per slot */
    double *c2;    /* per week ahead: rate variation of (1) */
    size_t n_weeks;
    double backtest_wape;  /* WAPE of the calibration origins, or NAN */
    guint8 *is_new;        /* n_days * n_slots: a newly opened interval,
                              forecast by the centre's RpNewHours rule */
    double new_contacts;   /* contacts forecast in newly opened intervals */
    double moved_contacts; /* of which taken from the known hours */
} RpQueueForecast;

typedef struct {
    const RpHistory *history; /* not owned */
    GPtrArray *queues;        /* RpQueueForecast *, queues with history */
} RpForecast;

/* Forecasts the days after the history of `history` with one method or,
 * when params->type is NULL, with the method of lowest WAPE in a
 * backtest over the last n_auto_origins weeks at the forecast's horizon
 * (up to 6 weeks).  Intervals the queue opens but its last
 * params->forecast.profile_weeks weeks of history never saw open are
 * forecast by the centre's new_hours rule instead (RpNewHours).  Fails with
 * RP_DATA_ERROR_MISSING when a queue has too little history for the chosen
 * method, or for any method.  Returns: (transfer full) free with
 * rp_forecast_free(). */
RpForecast *rp_forecast_run(const RpHistory *history,
                            const RpForecastRunParams *params, GError **error);
void rp_forecast_free(RpForecast *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpForecast, rp_forecast_free)

/* The forecast as a volumes file that rp_volumes_read() reads back:
 * columns interval_start, queue, contacts, aht_s, p10, p50, p80, p90,
 * model; one row per open interval, queues in centre order.  Daily-only
 * queues are spread evenly over their open intervals.  Returns:
 * (transfer full) the CSV text. */
GString *rp_forecast_to_csv(const RpForecast *f);

/* A gnuplot script drawing one panel per queue: the last `history_days`
 * of history, the forecast and its P10-P90 band, written by gnuplot to
 * `output` as SVG when `svg`, else PNG.  The data are inline, so the
 * script is all gnuplot needs (on its standard input).  Returns:
 * (transfer full) the script. */
GString *rp_forecast_plot_script(const RpForecast *f, const char *output,
                                 gboolean svg, size_t history_days);

/* ---- the golden-number hierarchy: lines, channels, the centre -------------
 *
 * A queue's forecast (a "line": a golden number, a desk, a deferred
 * queue) should add up to its channel's and the centre's.  Forecast
 * separately they do not; reconciliation makes them coherent, day by
 * day: each level is forecast from its own daily totals (the lines from
 * their own series), and the days' totals are combined (forecast/
 * reconcile.c).  A channel with one line is that line. */

typedef enum {
    RP_RECONCILE_NONE,       /* each level as forecast (not coherent) */
    RP_RECONCILE_BOTTOM_UP,  /* the lines kept; channels, centre their sums */
    RP_RECONCILE_TOP_DOWN,   /* the centre kept, split down by the lower
                                levels' forecast proportions */
    RP_RECONCILE_WLS,        /* least squares, weighted by each level's
                                error variance */
    RP_RECONCILE_MINT,       /* MinT (Wickramasuriya, Athanasopoulos and
                                Hyndman 2019) with the error covariance
                                shrunk towards its diagonal */
    RP_RECONCILE_MINT_LEVEL, /* MinT with one relative error variance per
                                level (the centre, the channels, the
                                lines) */
} RpReconcileMethod;

#define RP_RECONCILE_N 6
#define RP_LEVELS      3 /* lines, channels, the centre */
/* How clearly (paired t, over the weeks) another method must beat
 * mint-level at every level for auto to take it instead. */
#define RP_RECONCILE_CLEAR 2.0

/* "none", "bottom-up", "top-down", "wls", "mint", "mint-level". */
const char *rp_reconcile_name(RpReconcileMethod method);

/* The method called `name`; FALSE when there is none. */
gboolean rp_reconcile_find(const char *name, RpReconcileMethod *method);

/* One day's reconciliation, the arithmetic alone.  There are `n_agg`
 * aggregates (0: the centre, the sum of all `m` lines; then channels)
 * and m lines; member[a * m + b] is 1 when line b belongs to aggregate a,
 * parent[b] the channel aggregate of line b (0 when its channel has no
 * aggregate of its own).  `yhat` holds the n = n_agg + m base forecasts
 * (aggregates first), `cov` (n x n, row-major) their error covariance
 * for WLS (its diagonal) and MinT; NULL for the others.  Writes the
 * reconciled lines to `out` (m); aggregates are their sums.  For WLS and
 * MinT, out = (S' W^-1 S)^-1 S' W^-1 yhat with S the summing matrix.
 * Returns FALSE (out untouched) when `cov` is not positive definite. */
gboolean rp_reconcile_combine(RpReconcileMethod method, size_t n_agg, size_t m,
                              const guint8 *member, const int *parent,
                              const double *yhat, const double *cov,
                              double *out);

/* auto's rule, from the scores of n_weeks weeks (each week's daily
 * accuracy per method and level): mint-level, unless another coherent method
 * beat it at every level by more than the noise: at each level the mean of the
 * weeks' WAPE differences below zero by more than RP_RECONCILE_CLEAR
 * standard errors (paired t); of several, the one whose least clear level
 * is clearest.  Never none.  Pure arithmetic. */
typedef struct {
    RpAccuracy acc[RP_RECONCILE_N][RP_LEVELS];
} RpReconcileWeek;

RpReconcileMethod rp_reconcile_choose(const RpReconcileWeek *weeks,
                                      size_t n_weeks);

typedef struct {
    size_t n_origins;             /* origins scored, a week apart (8) */
    size_t n_calibration;         /* origins before each whose errors give the
                                     weights of WLS and MinT (8) */
    size_t horizon_days;          /* days forecast from each origin (7) */
    size_t n_choose;              /* origins before each whose scores
                                     choose auto's method there (8); as
                                     many warm-up origins come before the
                                     first scored, so that every scored
                                     origin chooses from n_choose weeks as
                                     forecast does */
    const RpForecasterType *type; /* every level's method (topdown) */
    RpForecastParams forecast;
} RpReconcileParams;

void rp_reconcile_params_init(RpReconcileParams *p);

typedef struct {
    RpAccuracy acc[RP_RECONCILE_N][RP_LEVELS]; /* daily totals: lines, the
                                                  channels, the centre */
    RpReconcileMethod best; /* in hindsight: the coherent method of lowest
                               mean WAPE over the levels among those no
                               worse than none at any level; none when no
                               method is */
    RpReconcileMethod next; /* auto's choice after the backtest, as forecast
                               uses it: mint-level, unless another coherent
                               method beat it at every level by more than
                               RP_RECONCILE_CLEAR standard errors in a
                               paired comparison over the last n_choose
                               origins' weekly WAPEs */
    RpAccuracy acc_auto[RP_LEVELS];  /* auto as forecast uses it: at each
                                        origin the method chosen (as `next`)
                                        from the n_choose origins before */
    size_t n_chosen[RP_RECONCILE_N]; /* origins auto chose each method at */
    double lambda;                   /* MinT's shrinkage at the last origin */
    size_t n_lines, n_channels, n_origins;
} RpReconcileBacktest;

/* Rolling-origin backtest of every reconciliation method on the daily
 * totals of every level, the same days scored for all.  Fails with
 * RP_DATA_ERROR_MISSING when fewer than two queues have history, or too
 * little for the origins. */
gboolean rp_reconcile_backtest(const RpHistory *history,
                               const RpReconcileParams *params,
                               RpReconcileBacktest *out, GError **error);

/* Reconciles forecast `f` (made by rp_forecast_run() from its history)
 * with `method` (a backtest's `best` to choose by backtest): each line's
 * day is scaled to its reconciled total (its quantiles follow), the
 * channels and centre forecast from their own daily totals by
 * params->type.  *incoherence_before and *incoherence_after are the
 * largest gap, as a share, between a channel's or the centre's forecast
 * day and the sum of its lines' forecast intervals (NULL: not wanted).
 * Fails like rp_reconcile_backtest(). */
gboolean rp_forecast_reconcile(RpForecast *f, const RpReconcileParams *params,
                               RpReconcileMethod method,
                               double *incoherence_before,
                               double *incoherence_after, GError **error);

#endif
