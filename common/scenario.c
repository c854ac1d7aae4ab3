/* common/scenario.c - reading scenarios and making their volumes.
 *
 * Each scenario takes its own copy of its base configuration (each base
 * file is read once) and writes its changes into it with rp_config_set(),
 * recording the scenarios file and line as their origin: the centre is then
 * read by the one reader every command uses, and a change that does not fit (an
 * opening time off the grid, a 100% service level) is reported at the
 * scenario's own line. */
#include "common/scenario.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "common/error.h"
#include "common/fcr.h"
#include "common/transfer.h"
#include "common/units.h"

#define DEFAULT_NEW_HOURS 0.5

static void
change_clear(gpointer p)
{
    RpScenarioChange *c = p;
    g_free(c->target);
    g_free(c->source);
}

static GArray *
changes_new(void)
{
    GArray *a = g_array_new(FALSE, TRUE, sizeof(RpScenarioChange));
    g_array_set_clear_func(a, change_clear);
    return a;
}

static void
shift_clear(gpointer p)
{
    RpScenarioShift *x = p;
    g_free(x->source);
    g_free(x->target);
}

void
rp_scenario_free(RpScenario *s)
{
    if (s == NULL)
        return;
    g_free(s->name);
    g_free(s->title);
    g_free(s->description);
    rp_centre_free(s->centre);
    g_array_unref(s->volume);
    g_array_unref(s->aht);
    g_array_unref(s->new_hours);
    g_array_unref(s->shift);
    g_free(s);
}

static gboolean
is_channel(const char *name)
{
    static const char *const channels[] = {"phone", "reception", "email",
                                           "web",   "post",      "voicemail"};
    for (size_t i = 0; i < G_N_ELEMENTS(channels); i++)
        if (strcmp(name, channels[i]) == 0)
            return TRUE;
    return FALSE;
}

/* "+5%", "-10%", "x1.2", or "25% of general" (with `source` then set),
 * each optionally followed by "from YYYY-MM-DD" (into *from_day). */
static gboolean
parse_change(const char *text, gboolean allow_source, double *factor,
             char **source, gint64 *from_day, GError **error)
{
    g_autofree char *t = g_strstrip(g_strdup(text));
    char *from = strstr(t, " from ");
    *from_day = G_MININT64;
    if (from != NULL) {
        *from = '\0';
        if (!rp_parse_date(g_strstrip(from + 6), from_day, error))
            return FALSE;
        g_strstrip(t);
    }
    char *of = strstr(t, " of ");
    double v;
    *source = NULL;
    if (of != NULL && allow_source) {
        *of = '\0';
        if (!rp_parse_proportion(g_strstrip(t), &v, error))
            return FALSE;
        *factor = v;
        *source = g_strdup(g_strstrip(of + 4));
        return TRUE;
    }
    if (t[0] == 'x') {
        if (!rp_parse_number(t + 1, "a factor (x1.2)", &v, error))
            return FALSE;
    } else if (t[0] == '+' || t[0] == '-') {
        size_t len = strlen(t);
        if (len < 3 || t[len - 1] != '%') {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                        "'%s' is not a change such as +5%%, -10%% or x1.2",
                        text);
            return FALSE;
        }
        t[len - 1] = '\0';
        if (!rp_parse_number(t, "a percentage change", &v, error))
            return FALSE;
        v = 1.0 + v / 100.0;
    } else {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "'%s' is not a change such as +5%%, -10%%, x1.2%s", text,
                    allow_source ? " or 25% of QUEUE" : "");
        return FALSE;
    }
    if (!(v >= 0.0)) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "'%s' would make volumes negative", text);
        return FALSE;
    }
    *factor = v;
    return TRUE;
}

typedef struct {
    RpConfig *file;   /* the scenarios file */
    const char *path; /* its path */
    const char *group;
    GHashTable *bases; /* base configurations read so far, by path */
} Source;

static gboolean bad_key(const Source *src, const char *key, GError **error,
                        int code, const char *fmt, ...) G_GNUC_PRINTF(5, 6);

static gboolean
bad_key(const Source *src, const char *key, GError **error, int code,
        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    rp_config_error(src->file, error, src->group, key, RP_DATA_ERROR, code,
                    "%s", msg);
    return FALSE;
}

/* Writes KEY = value into every queue group of `channel` in `cfg`. */
static gboolean
set_channel_key(const Source *src, RpConfig *cfg, const char *channel,
                const char *key, const char *value, size_t line, GError **error)
{
    g_auto(GStrv) groups = rp_config_groups(cfg);
    gboolean any = FALSE;
    for (size_t i = 0; groups[i]; i++) {
        if (!g_str_has_prefix(groups[i], "queue:"))
            continue;
        const char *ch = rp_config_get(cfg, groups[i], "channel");
        if (ch && strcmp(ch, channel) == 0) {
            rp_config_set(cfg, groups[i], key, value, src->path, line);
            any = TRUE;
        }
    }
    if (!any) {
        g_autofree char *k = g_strdup_printf("%s.%s", channel, key);
        return bad_key(src, k, error, RP_DATA_ERROR_UNKNOWN,
                       "the centre has no %s queue", channel);
    }
    return TRUE;
}

static gboolean
add_change(const Source *src, GArray *list, const char *key, const char *target,
           const char *value, gboolean allow_source, GError **error)
{
    RpScenarioChange c = {g_strdup(target), 1.0, NULL, G_MININT64};
    GError *local = NULL;
    if (!parse_change(value, allow_source, &c.factor, &c.source, &c.from_day,
                      &local)) {
        rp_config_error(src->file, error, src->group, key, RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE, "%s", local->message);
        g_error_free(local);
        g_free(c.target);
        return FALSE;
    }
    g_array_append_val(list, c);
    return TRUE;
}

/* TRUE when `name` is made of letters, digits, '_' and the characters of
 * `also`: what configuration keys and group names are (GKeyFile would
 * refuse " of s" as a key with a critical warning). */
static gboolean
plain_name(const char *name, const char *also)
{
    if (*name == '\0')
        return FALSE;
    for (const char *c = name; *c; c++)
        if (!g_ascii_isalnum(*c) && *c != '_' && strchr(also, *c) == NULL)
            return FALSE;
    return TRUE;
}

/* "5% to web", "30% to parking_permits at 4m from 2027-04-01". */
static gboolean
parse_shift(const char *text, RpScenarioShift *x, GError **error)
{
    g_auto(GStrv) w = g_strsplit_set(text, " \t", -1);
    GPtrArray *words = g_ptr_array_new();
    for (size_t i = 0; w[i]; i++)
        if (*w[i])
            g_ptr_array_add(words, w[i]);
    size_t n = words->len;
    g_ptr_array_add(words, NULL);
    g_autofree char **word = (char **)g_ptr_array_free(words, FALSE);
    gboolean ok = n >= 3 && n % 2 == 1 && strcmp(word[1], "to") == 0;
    if (ok && !rp_parse_proportion(word[0], &x->share, error))
        return FALSE;
    if (ok)
        x->target = g_strdup(word[2]);
    for (size_t i = 3; ok && i + 1 < n; i += 2) {
        if (strcmp(word[i], "at") == 0) {
            if (!rp_parse_duration(word[i + 1], &x->aht_s, error))
                return FALSE;
            ok = x->aht_s > 0.0;
        } else if (strcmp(word[i], "from") == 0) {
            if (!rp_parse_date(word[i + 1], &x->from_day, error))
                return FALSE;
        } else {
            ok = FALSE;
        }
    }
    if (!ok)
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE,
                    "'%s' is not a shift such as '5%% to web', optionally "
                    "with 'at 4m' (their handling time) and 'from "
                    "2027-04-01'",
                    text);
    return ok;
}

static gboolean
add_shift(const Source *src, RpScenario *s, const char *key, const char *source,
          const char *value, GError **error)
{
    RpScenarioShift x = {g_strdup(source), NULL, 0.0, NAN, G_MININT64};
    GError *local = NULL;
    if (!parse_shift(value, &x, &local)) {
        rp_config_error(src->file, error, src->group, key, RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE, "%s", local->message);
        g_error_free(local);
        shift_clear(&x);
        return FALSE;
    }
    g_array_append_val(s->shift, x);
    return TRUE;
}

/* One key of a scenario group. */
static gboolean
apply_key(const Source *src, RpScenario *s, RpConfig *cfg, const char *key,
          GError **error)
{
    const char *value = rp_config_get(src->file, src->group, key);
    const char *file;
    size_t line = 0;
    rp_config_location(src->file, src->group, key, &file, &line);
    if (strcmp(key, "description") == 0) {
        g_free(s->description);
        s->description = g_strdup(value);
        return TRUE;
    }
    if (strcmp(key, "title") == 0) {
        g_autofree char *text = g_strstrip(g_strdup(value));
        if (*text == '\0')
            return bad_key(src, key, error, RP_DATA_ERROR_VALUE,
                           "a title cannot be empty");
        g_free(s->title);
        s->title = g_strdup(value);
        return TRUE;
    }
    if (strcmp(key, "base") == 0)
        return TRUE; /* read before the others */
    const char *dot = strchr(key, '.');
    if (dot == NULL || dot == key || dot[1] == '\0')
        return bad_key(src, key, error, RP_DATA_ERROR_UNKNOWN,
                       "unknown key (see docs/scenarios.md)");
    g_autofree char *head = g_strndup(key, (size_t)(dot - key));
    const char *tail = dot + 1;
    if (!plain_name(head, ":-") || !plain_name(tail, ""))
        return bad_key(src, key, error, RP_DATA_ERROR_UNKNOWN,
                       "unknown key (names are letters, digits and _; see "
                       "docs/scenarios.md)");
    if (strcmp(head, "volume") == 0)
        return add_change(src, s->volume, key, tail, value, TRUE, error);
    if (strcmp(head, "aht") == 0)
        return add_change(src, s->aht, key, tail, value, FALSE, error);
    if (strcmp(head, "shift") == 0)
        return add_shift(src, s, key, tail, value, error);
    if (strcmp(head, "new_hours") == 0) {
        RpScenarioChange c = {g_strdup(tail), DEFAULT_NEW_HOURS, NULL,
                              G_MININT64};
        GError *local = NULL;
        if (!rp_parse_proportion(value, &c.factor, &local)) {
            g_free(c.target);
            rp_config_error(src->file, error, src->group, key, RP_DATA_ERROR,
                            RP_DATA_ERROR_VALUE, "%s", local->message);
            g_error_free(local);
            return FALSE;
        }
        g_array_append_val(s->new_hours, c);
        return TRUE;
    }
    if (is_channel(head))
        return set_channel_key(src, cfg, head, tail, value, line, error);
    if (strchr(head, ':') || strcmp(head, "centre") == 0 ||
        strcmp(head, "shrinkage") == 0 || strcmp(head, "costs") == 0 ||
        strcmp(head, "first_contact") == 0) {
        rp_config_set(cfg, head, tail, value, src->path, line);
        return TRUE;
    }
    return bad_key(src, key, error, RP_DATA_ERROR_UNKNOWN,
                   "'%s' is not a channel, configuration group, volume, "
                   "aht, new_hours or shift",
                   head);
}

/* A change's target must be a queue, a channel or "all"; a new queue's
 * source must be a queue. */
static gboolean
check_targets(const Source *src, const RpScenario *s, const GArray *list,
              const char *what, GError **error)
{
    for (guint i = 0; i < list->len; i++) {
        const RpScenarioChange *c = &g_array_index(list, RpScenarioChange, i);
        g_autofree char *key = g_strdup_printf("%s.%s", what, c->target);
        if (strcmp(c->target, "all") != 0 && !is_channel(c->target) &&
            rp_centre_queue_index(s->centre, c->target) < 0)
            return bad_key(src, key, error, RP_DATA_ERROR_UNKNOWN,
                           "'%s' is not a queue, a channel or all", c->target);
        if (c->source && rp_centre_queue_index(s->centre, c->source) < 0)
            return bad_key(src, key, error, RP_DATA_ERROR_UNKNOWN,
                           "'%s' is not a queue of the centre", c->source);
    }
    return TRUE;
}

/* The queue a shift moves contacts to: a queue, or a channel with one
 * queue; -1 when neither. */
static int
shift_target(const RpCentre *c, const char *target)
{
    int q = rp_centre_queue_index(c, target), found = -1, n = 0;
    if (q >= 0 || !is_channel(target))
        return q;
    for (guint i = 0; i < c->queues->len; i++)
        if (strcmp(rp_channel_name(rp_centre_queue(c, i)->channel), target) ==
            0) {
            found = (int)i;
            n++;
        }
    return n == 1 ? found : -1;
}

static gboolean
check_shifts(const Source *src, const RpScenario *s, GError **error)
{
    for (guint i = 0; i < s->shift->len; i++) {
        const RpScenarioShift *x = &g_array_index(s->shift, RpScenarioShift, i);
        g_autofree char *key = g_strdup_printf("shift.%s", x->source);
        if (!is_channel(x->source) &&
            rp_centre_queue_index(s->centre, x->source) < 0)
            return bad_key(src, key, error, RP_DATA_ERROR_UNKNOWN,
                           "'%s' is not a queue or a channel", x->source);
        int t = shift_target(s->centre, x->target);
        if (t < 0)
            return bad_key(src, key, error, RP_DATA_ERROR_UNKNOWN,
                           "'%s' is not a queue, nor a channel of one queue",
                           x->target);
        if (strcmp(x->source, x->target) == 0 ||
            strcmp(x->source, rp_centre_queue(s->centre, (size_t)t)->id) == 0)
            return bad_key(src, key, error, RP_DATA_ERROR_VALUE,
                           "a shift moves contacts to another queue");
    }
    return TRUE;
}

/* A copy of the base configuration at `path`, read from disk only the
 * first time a scenarios file names it (`bases`: path -> RpConfig). */
static RpConfig *
base_copy(GHashTable *bases, const char *path, GError **error)
{
    RpConfig *base = g_hash_table_lookup(bases, path);
    if (base == NULL) {
        base = rp_config_load(path, error);
        if (base == NULL)
            return NULL;
        g_hash_table_insert(bases, g_strdup(path), base);
    }
    return rp_config_copy(base);
}

static RpScenario *
load_one(const Source *src, const char *config_path, GError **error)
{
    g_autoptr(RpScenario) s = g_new0(RpScenario, 1);
    s->name = g_strdup(src->group + strlen("scenario:"));
    s->title = g_strdelimit(g_strdup(s->name), "_", ' ');
    s->description = g_strdup("");
    s->volume = changes_new();
    s->aht = changes_new();
    s->new_hours = changes_new();
    s->shift = g_array_new(FALSE, TRUE, sizeof(RpScenarioShift));
    g_array_set_clear_func(s->shift, shift_clear);

    const char *base = rp_config_get(src->file, src->group, "base");
    g_autofree char *dir = g_path_get_dirname(src->path);
    g_autofree char *base_path = base == NULL ? g_strdup(config_path)
                                 : g_path_is_absolute(base)
                                     ? g_strdup(base)
                                     : g_build_filename(dir, base, NULL);
    GError *local = NULL;
    RpConfig *cfg = base_copy(src->bases, base_path, &local);
    if (cfg == NULL) {
        if (base)
            rp_config_prefix_error(src->file, &local, src->group, "base");
        g_propagate_error(error, local);
        return NULL;
    }
    g_auto(GStrv) keys = rp_config_keys(src->file, src->group);
    for (size_t i = 0; keys[i]; i++) {
        if (!apply_key(src, s, cfg, keys[i], error)) {
            rp_config_free(cfg);
            return NULL;
        }
    }
    s->centre = rp_centre_from_config(cfg, error);
    if (s->centre == NULL)
        return NULL; /* the error names the scenario's line */
    if (!check_targets(src, s, s->volume, "volume", error) ||
        !check_targets(src, s, s->aht, "aht", error) ||
        !check_targets(src, s, s->new_hours, "new_hours", error) ||
        !check_shifts(src, s, error))
        return NULL;
    return g_steal_pointer(&s);
}

GPtrArray *
rp_scenarios_load(const char *path, const char *config_path, GError **error)
{
    g_return_val_if_fail(path != NULL && config_path != NULL, NULL);
    g_autoptr(RpConfig) file = rp_config_load(path, error);
    if (file == NULL)
        return NULL;
    g_autoptr(GPtrArray) out =
        g_ptr_array_new_with_free_func((GDestroyNotify)rp_scenario_free);
    g_autoptr(GHashTable) bases = g_hash_table_new_full(
        g_str_hash, g_str_equal, g_free, (GDestroyNotify)rp_config_free);
    g_auto(GStrv) groups = rp_config_groups(file);
    for (size_t i = 0; groups[i]; i++) {
        Source src = {file, path, groups[i], bases};
        if (!g_str_has_prefix(groups[i], "scenario:") ||
            groups[i][strlen("scenario:")] == '\0') {
            rp_config_error(file, error, groups[i], NULL, RP_DATA_ERROR,
                            RP_DATA_ERROR_UNKNOWN,
                            "unknown group (scenarios are [scenario:NAME])");
            return NULL;
        }
        RpScenario *s = load_one(&src, config_path, error);
        if (s == NULL)
            return NULL;
        g_ptr_array_add(out, s);
    }
    if (out->len == 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                    "%s: no [scenario:NAME] group", path);
        return NULL;
    }
    return g_steal_pointer(&out);
}

/* ---- volumes ------------------------------------------------------------ */

static gboolean
applies(const RpScenarioChange *c, const RpQueue *q)
{
    return strcmp(c->target, "all") == 0 || strcmp(c->target, q->id) == 0 ||
           strcmp(c->target, rp_channel_name(q->channel)) == 0;
}

/* Product of the factors of `list` that apply to `q` on local day `day`
 * (new-queue shares excluded). */
static double
factor_for(const GArray *list, const RpQueue *q, gint64 day)
{
    double f = 1.0;
    for (guint i = 0; i < list->len; i++) {
        const RpScenarioChange *c = &g_array_index(list, RpScenarioChange, i);
        if (c->source == NULL && applies(c, q) && day >= c->from_day)
            f *= c->factor;
    }
    return f;
}

static double
new_hours_share(const RpScenario *s, const RpQueue *q)
{
    double share = DEFAULT_NEW_HOURS;
    for (guint i = 0; i < s->new_hours->len; i++) {
        const RpScenarioChange *c =
            &g_array_index(s->new_hours, RpScenarioChange, i);
        if (applies(c, q))
            share = c->factor;
    }
    return share;
}

/* The base rows a scenario queue starts from, the share it takes and
 * the day it starts (a new queue launching on a date). */
static const GArray *
source_rows(const RpScenario *s, const RpCentre *centre, const RpVolumes *base,
            const RpQueue *q, double *share, gint64 *from_day)
{
    *share = 1.0;
    *from_day = G_MININT64;
    for (guint i = 0; i < s->volume->len; i++) {
        const RpScenarioChange *c =
            &g_array_index(s->volume, RpScenarioChange, i);
        if (c->source && strcmp(c->target, q->id) == 0) {
            int src = rp_centre_queue_index(centre, c->source);
            *share = c->factor;
            *from_day = c->from_day;
            return src >= 0 ? base->rows[src] : NULL;
        }
    }
    int bq = rp_centre_queue_index(centre, q->id);
    return bq >= 0 ? base->rows[bq] : NULL;
}

static gint
by_start(gconstpointer a, gconstpointer b)
{
    const RpVolumeRow *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* Adds rows for the open intervals of scenario queue q that have none,
 * on the days from `first` to `last` (UTC instants). */
static void
fill_new_hours(const RpScenario *s, size_t q, GArray *rows, gint64 first,
               gint64 last)
{
    const RpCentre *c = s->centre;
    if (rows->len == 0)
        return;
    double open_sum = 0.0;
    size_t open_n = 0;
    g_autoptr(GHashTable) have = g_hash_table_new(g_int64_hash, g_int64_equal);
    for (guint i = 0; i < rows->len; i++) {
        RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, i);
        g_hash_table_add(have, &r->start);
        if (rp_centre_queue_open_at(c, q, r->start)) {
            open_sum += r->contacts;
            open_n++;
        }
    }
    double fill = open_n ? new_hours_share(s, rp_centre_queue(c, q)) *
                               open_sum / (double)open_n
                         : 0.0;
    gint64 step = rp_centre_interval_s(c);
    gint64 day0 = rp_centre_local_day(c, first);
    gint64 day1 = rp_centre_local_day(c, last);
    gint64 t = day0 * 86400 - 14 * 3600;
    t -= ((t % step) + step) % step;
    size_t before = rows->len;
    for (; t < (day1 + 1) * 86400 + 14 * 3600; t += step) {
        gint64 day = rp_centre_local_day(c, t);
        if (day < day0 || day > day1 || g_hash_table_contains(have, &t) ||
            !rp_centre_queue_open_at(c, q, t))
            continue;
        RpVolumeRow r = {t, fill, NAN, 0};
        g_array_append_val(rows, r);
    }
    if (rows->len > before)
        g_array_sort(rows, by_start);
}

static gboolean
shift_applies(const RpScenarioShift *x, const RpQueue *q)
{
    return strcmp(x->source, q->id) == 0 ||
           strcmp(x->source, rp_channel_name(q->channel)) == 0;
}

/* Moves the share of shift x from each of its sources to its target. */
static void
apply_shift(const RpScenarioShift *x, const RpCentre *c, RpVolumes *v)
{
    size_t t = (size_t)shift_target(c, x->target);
    for (size_t q = 0; q < v->n_queues; q++)
        if (q != t && shift_applies(x, rp_centre_queue(c, q)))
            rp_volumes_move(c, v, q, t, x->share, x->aht_s, x->from_day,
                            G_MAXINT64);
}

RpVolumes *
rp_scenario_volumes(const RpScenario *s, const RpCentre *centre,
                    const RpVolumes *base)
{
    const RpCentre *sc = s->centre;
    RpVolumes *v = g_new0(RpVolumes, 1);
    v->path = g_strdup(base->path);
    v->n_queues = sc->queues->len;
    v->rows = g_new0(GArray *, v->n_queues);
    v->gaps = g_array_new(FALSE, FALSE, sizeof(RpVolumeGap));
    v->first = G_MAXINT64;
    v->last = G_MININT64;
    for (size_t q = 0; q < v->n_queues; q++) {
        const RpQueue *queue = rp_centre_queue(sc, q);
        double share;
        gint64 launch;
        const GArray *src =
            source_rows(s, centre, base, queue, &share, &launch);
        GArray *rows = g_array_new(FALSE, FALSE, sizeof(RpVolumeRow));
        for (guint i = 0; src && i < src->len; i++) {
            RpVolumeRow r = g_array_index(src, RpVolumeRow, i);
            gint64 day = rp_centre_local_day(sc, r.start);
            if (day < launch)
                continue; /* a new queue before it starts */
            r.contacts *= share * factor_for(s->volume, queue, day);
            g_array_append_val(rows, r);
        }
        /* new hours from the day it starts (any instant of that day) */
        gint64 first = base->first;
        if (launch > rp_centre_local_day(sc, first))
            first = launch * 86400 + 12 * 3600;
        fill_new_hours(s, q, rows, first, base->last);
        for (guint i = 0; i < rows->len; i++) {
            RpVolumeRow *r = &g_array_index(rows, RpVolumeRow, i);
            double fa =
                factor_for(s->aht, queue, rp_centre_local_day(sc, r->start));
            if (fa < 1.0 || fa > 1.0)
                r->aht_s = (isnan(r->aht_s) ? queue->aht_s : r->aht_s) * fa;
            v->first = MIN(v->first, r->start);
            v->last = MAX(v->last, r->start);
        }
        v->rows[q] = rows;
    }
    rp_fcr_rescale(centre, sc, v);
    for (guint i = 0; i < s->shift->len; i++)
        apply_shift(&g_array_index(s->shift, RpScenarioShift, i), sc, v);
    for (size_t q = 0; q < v->n_queues; q++)
        for (guint i = 0; i < v->rows[q]->len; i++) {
            const RpVolumeRow *r = &g_array_index(v->rows[q], RpVolumeRow, i);
            v->first = MIN(v->first, r->start);
            v->last = MAX(v->last, r->start);
        }
    return v;
}
