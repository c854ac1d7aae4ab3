/* common/centre.h - a contact centre as its configuration file describes
 * it: interval length, time zone, holidays, sites with opening hours, the
 * queues (golden-number phone lines, reception desks, email, post...)
 * with their channels, standards, handling times and patience, shrinkage
 * and costs.  The file format is documented in docs/configuration.md.
 *
 * Everything here is plain data read once; the queueing models, forecasts
 * and roster take what they need from it. */
#ifndef RP_COMMON_CENTRE_H
#define RP_COMMON_CENTRE_H

#include <glib.h>

#include "common/calendar.h"
#include "common/clock.h"
#include "common/config.h"
#include "common/standard.h"

typedef enum {
    RP_CHANNEL_PHONE,     /* real time: a golden-number line */
    RP_CHANNEL_RECEPTION, /* real time: visitors at a desk */
    RP_CHANNEL_EMAIL,     /* deferred */
    RP_CHANNEL_WEB,       /* deferred: web forms */
    RP_CHANNEL_POST,      /* deferred: letters */
    RP_CHANNEL_VOICEMAIL, /* deferred: call-backs */
} RpChannel;

/* "phone", "reception", "email", "web", "post", "voicemail". */
const char *rp_channel_name(RpChannel channel);

/* TRUE for channels worked from a backlog against a deadline. */
gboolean rp_channel_is_deferred(RpChannel channel);

#define RP_MAX_SPANS 4
/* Opening hours of one weekday: up to RP_MAX_SPANS [open, close) spans. */
typedef struct {
    int n_spans;
    int open_min[RP_MAX_SPANS];  /* minutes after local midnight */
    int close_min[RP_MAX_SPANS]; /* minutes after local midnight, <= 1440 */
} RpDayHours;

/* Opening hours of a week, Monday (0) to Sunday (6). */
typedef struct {
    RpDayHours day[7];
} RpWeekHours;

/* Parses "mon-fri 09:00-17:00; thu 09:00-19:00; sat 09:00-12:00" (later
 * entries replace earlier ones for their days; "sun closed"; several spans
 * as "09:00-13:00,14:00-17:00").  Every time must lie on the
 * `interval_min` grid.  Fails with RP_DATA_ERROR_VALUE. */
gboolean rp_week_hours_parse(const char *text, int interval_min,
                             RpWeekHours *hours, GError **error);

/* Minutes open on a weekday. */
int rp_day_hours_minutes(const RpDayHours *day);

typedef struct {
    char *id;          /* short name used in files, e.g. "mere" */
    char *name;        /* display name */
    RpWeekHours hours; /* opening hours */
    GArray *closed;    /* gint64 day numbers the site is shut */
    int blended;       /* [site:ID] blended: what its desk officers take
                          between visitors, RP_BLENDED_NONE (nothing),
                          RP_BLENDED_PHONES (every line they hold) or a
                          profile index (common/profiles.h) */
} RpSite;

#define RP_BLENDED_NONE   (-2)
#define RP_BLENDED_PHONES (-1)

/* First-contact resolution of a queue (common/fcr.h): the share of its
 * contacts resolved the first time, and where the rest come back. */
typedef struct {
    double resolution; /* share resolved at the first contact; NAN: not
                          modelled (no repeats) */
    double returns;    /* share of the unresolved that come back */
    int return_after;  /* working days later */
    int return_to;     /* index of the queue they come back on */
} RpFirstContact;

/* How handling times vary around their mean (rotaplan simulate): the
 * exponential of the Erlang models, or a lognormal with a coefficient of
 * variation, closer to real call-centre data. */
typedef enum {
    RP_AHT_EXPONENTIAL,
    RP_AHT_LOGNORMAL,
} RpAhtDistribution;

typedef struct {
    char *id;   /* e.g. "council_tax" */
    char *name; /* display name */
    RpChannel channel;
    int site;                /* index in centre->sites, or -1 (phone lines) */
    RpWeekHours hours;       /* when the queue is open */
    double aht_s;            /* mean handling time (s) */
    double patience_s;       /* mean patience (s); INFINITY: callers wait */
    RpStandard standard;     /* real-time standard (NAN targets when unset) */
    double deadline_days;    /* deferred: working days to clear an item */
    double min_officers;     /* real-time: officers whenever open, however
                                few the contacts (0: none) */
    double shortfall_weight; /* roster: how much its share of the
                                requirement missed counts when officers
                                are short (default 1; 2 leaves it about
                                half as short as the others) */
    RpFirstContact fcr;      /* first-contact resolution and repeats */
    RpAhtDistribution aht_distribution; /* handling times, in simulation */
    double aht_cv; /* their coefficient of variation (lognormal) */
    int priority;  /* simulation routing: an officer free takes the
                      highest priority waiting first (default 0) */
} RpQueue;

/* A named skill profile: [profile:ID] (common/profiles.h). */
typedef struct {
    char *id;       /* e.g. "revenues" */
    char *name;     /* display name */
    int *lines;     /* centre queue indices of its phone lines */
    size_t n_lines; /* at least 1 */
} RpProfile;

/* Extra shrinkage at set times: a [shrinkage:NAME] group
 * (common/shrinkage.h). */
typedef struct {
    char *name;       /* NAME of [shrinkage:NAME] */
    guint months;     /* bit m - 1 set: applies in month m (1 = January) */
    RpWeekHours when; /* days and times it applies */
    int site;         /* index in centre->sites, or -1: every queue */
    double add;       /* the share of paid time it adds */
} RpShrinkagePeriod;

/* How the call distributor hands calls to officers on the phones. */
typedef enum {
    RP_ROUTING_LINE,   /* each officer takes the one line the rota names */
    RP_ROUTING_SKILLS, /* each takes every line they hold: the lines are
                          staffed as one pool (models/pooled.c) */
} RpRouting;

/* Shrinkage: the share of paid time not spent on contacts. */
typedef struct {
    gboolean sequential; /* combine as 1 - prod(1 - s_i), else sum */
    GPtrArray *names;    /* char *: component names in file order */
    GArray *fractions;   /* double: each component's fraction */
    double total;        /* the combined year-round fraction, < 1 */
    GArray *periods;     /* RpShrinkagePeriod: extra at set times */
} RpShrinkage;

typedef struct {
    char *currency;          /* e.g. "GBP" */
    double hourly_rate;      /* default pay per officer hour */
    double oncost;           /* employer's on-costs as a fraction of pay */
    int evening_after_min;   /* evening premium starts (minutes) */
    double evening_premium;  /* fraction added to pay in the evening */
    double saturday_premium; /* fraction added to pay on Saturdays */
    double sunday_premium;   /* fraction added to pay on Sundays */
    double overtime_premium; /* fraction added to pay for hours beyond the
                                rota (intraday overtime), instead of the
                                time's own premium when larger */
    double annual_budget;    /* NAN when not set */
} RpCosts;

/* How hours a queue has never been open in (so the history has nothing
 * on them) are forecast: `share` of what the same hours get on the
 * queue's ordinary weekdays (or, for hours no weekday opens, of the
 * neighbouring hour of the same day), with `transfer` of that volume
 * taken from the queue's other hours the same week: callers who would
 * have rung in core hours, not new demand. */
typedef struct {
    double share;    /* [forecast] new_hours_share, default 30% */
    double transfer; /* [forecast] new_hours_transfer, default 50% */
} RpNewHours;

/* Shift rules, working-time rules and roster prices: common/rules.h. */
typedef struct RpRules RpRules;

typedef struct {
    RpConfig *config;         /* the file(s) it was read from */
    char *name;               /* the centre's name */
    int interval_min;         /* minutes, dividing an hour (15, 30...) */
    RpClock *clock;           /* the centre's time zone */
    RpHolidayRegion holidays; /* public holidays the centre closes on */
    GArray *closed;           /* gint64 day numbers the centre is shut */
    double fte_hours;         /* paid hours a week of one full-time officer */
    RpRouting routing;        /* phones: one line each, or pooled by skill */
    RpShrinkage shrinkage;
    RpCosts costs;
    RpNewHours new_hours; /* [forecast] */
    GPtrArray *sites;     /* RpSite * */
    GPtrArray *queues;    /* RpQueue * */
    GPtrArray *profiles;  /* RpProfile *: [profile:ID] groups */
    RpRules *rules;       /* [rules], [shifts], [roster] groups */
} RpCentre;

/* Reads a centre from a configuration file.  Fails with RP_IO_ERROR_READ
 * or an RP_DATA_ERROR naming file, line and key: unknown groups and keys,
 * missing keys, values that do not parse, impossible standards
 * (RP_DATA_ERROR_TARGET). */
RpCentre *rp_centre_load(const char *path, GError **error);

/* Builds a centre from an already loaded (perhaps modified) config; takes
 * ownership of `config` even on failure. */
RpCentre *rp_centre_from_config(RpConfig *config, GError **error);

void rp_centre_free(RpCentre *centre);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpCentre, rp_centre_free)

/* Index of the queue called `id`, or -1. */
int rp_centre_queue_index(const RpCentre *centre, const char *id);

/* Index of the site called `id`, or -1. */
int rp_centre_site_index(const RpCentre *centre, const char *id);

static inline const RpQueue *
rp_centre_queue(const RpCentre *centre, size_t i)
{
    return g_ptr_array_index(centre->queues, i);
}

static inline const RpProfile *
rp_centre_profile(const RpCentre *centre, size_t i)
{
    return g_ptr_array_index(centre->profiles, i);
}

static inline const RpSite *
rp_centre_site(const RpCentre *centre, size_t i)
{
    return g_ptr_array_index(centre->sites, i);
}

/* TRUE unless the centre (holidays and closure dates) or site `site` (-1:
 * none) is shut on local day `day`. */
gboolean rp_centre_site_open_day(const RpCentre *centre, int site, gint64 day);

/* TRUE when the centre (holidays and closure dates) and the queue's site
 * are open on local day `day` and the queue has hours that weekday. */
gboolean rp_centre_queue_open_day(const RpCentre *centre, size_t queue,
                                  gint64 day);

/* TRUE when local time `minute` (after midnight) of local day `day` lies
 * inside one of queue `queue`'s spans for that weekday; holidays and
 * closures are not asked (rp_centre_queue_open_day() does that, once a
 * day). */
gboolean rp_centre_queue_hours_cover(const RpCentre *centre, size_t queue,
                                     gint64 day, int minute);

/* TRUE when queue `queue` is open at UTC instant `utc` (its local day is
 * open and the local time lies inside one of that weekday's spans). */
gboolean rp_centre_queue_open_at(const RpCentre *centre, size_t queue,
                                 gint64 utc);

/* Pay multiplier for officer time at UTC instant `utc`: (1 + oncost) x (1
 * + premium), the premium being the Sunday or Saturday premium on those
 * days, else the evening premium from evening_after. */
double rp_centre_pay_factor(const RpCentre *centre, gint64 utc);

/* A display name shortened for a rota cell or a calendar event: the name
 * up to its first "(", "," or " and ", trimmed ("Council tax and other
 * financial enquiries" -> "Council tax", "Pennyfarthing House (main
 * telephone team)" -> "Pennyfarthing House"); the whole name when that
 * leaves nothing.  (transfer full) */
char *rp_centre_short_name(const char *name);

/* Interval length in seconds. */
static inline gint64
rp_centre_interval_s(const RpCentre *centre)
{
    return (gint64)centre->interval_min * 60;
}

#endif
