/* common/volumes.h - contacts per queue per interval, read from CSV.
 *
 * The same file shape serves a forecast (what `staff` plans for) and a
 * history (what `forecast` learns from): columns interval_start (local ISO
 * time), queue, contacts, and optionally aht_s; other columns are ignored
 * unless named as the contacts column (a forecast's p80, say).
 *
 * Rows of one queue must be in time order, on the centre's interval grid,
 * once each.  An interval inside a queue's opening hours with no row is a
 * gap: an error for a plan, a reported gap for a history.  Rows outside
 * opening hours are kept: the caller reports those contacts.
 *
 * A history may give a deferred queue (email, web, post, voicemail) as
 * daily totals instead: interval_start is then a date, "YYYY-MM-DD", and
 * every row of that queue must be one (RpVolumesParams.allow_daily). */
#ifndef RP_COMMON_VOLUMES_H
#define RP_COMMON_VOLUMES_H

#include <glib.h>

#include "common/centre.h"

typedef struct {
    gint64 start;    /* interval start, UTC seconds (daily rows: the first
                        instant of the local day) */
    double contacts; /* contacts offered in the interval (>= 0) */
    double aht_s;    /* mean handling time (s); NAN: the queue's default */
    size_t line;     /* line of the file */
} RpVolumeRow;

typedef struct {
    size_t queue; /* queue index in the centre */
    gint64 start; /* the missing interval, UTC seconds */
} RpVolumeGap;

typedef struct {
    char *path;
    size_t n_queues;    /* the centre's queues */
    GArray **rows;      /* per queue: RpVolumeRow in time order */
    gboolean *daily;    /* per queue: rows are daily totals */
    GArray *gaps;       /* RpVolumeGap, when gaps are allowed */
    gint64 first, last; /* earliest and latest interval start (UTC) */
} RpVolumes;

typedef struct {
    const char *contacts_column; /* column holding contacts ("contacts") */
    gboolean allow_gaps;  /* open intervals with no row: listed, not errors */
    gboolean allow_daily; /* deferred queues may be given as daily totals */
} RpVolumesParams;

/* The longest a volumes file may cover, from its first interval to its
 * last: a mistyped year (1024 for 2024) would otherwise be a million
 * intervals of gaps. */
#define RP_VOLUMES_MAX_YEARS  10
#define RP_VOLUMES_MAX_SPAN_S ((gint64)RP_VOLUMES_MAX_YEARS * 366 * 86400)

/* Defaults: contacts column "contacts", gaps are errors, no daily rows. */
void rp_volumes_params_init(RpVolumesParams *p);

/* Reads `path` for `centre`.  Fails (RP_DATA_ERROR, naming file, line and
 * field) on malformed CSV, a missing column, a bad time or a local time
 * that does not exist or repeats without an offset, a time off the
 * interval grid, an unknown queue, a negative or non-numeric count, a
 * non-positive handling time, a duplicate or out-of-order interval, rows
 * of one queue and day further apart than the interval (a file of
 * another interval length), a missing open interval (unless allowed), a
 * daily row where not allowed or for a real-time queue, a queue mixing
 * daily and interval rows, rows more than RP_VOLUMES_MAX_YEARS apart,
 * and a file with no rows.  A gap of a daily
 * queue is an open day without a row (listed at that day's first
 * instant). */
RpVolumes *rp_volumes_read(const char *path, const RpCentre *centre,
                           const RpVolumesParams *params, GError **error);

/* The same from `len` bytes of CSV `text` held in memory (a forecast just
 * made), reported as `name`; a NULL `text` reads the file `name`. */
RpVolumes *rp_volumes_parse(const char *name, const char *text, size_t len,
                            const RpCentre *centre,
                            const RpVolumesParams *params, GError **error);

void rp_volumes_free(RpVolumes *volumes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpVolumes, rp_volumes_free)

/* Local day number of a UTC instant in the centre's zone. */
gint64 rp_centre_local_day(const RpCentre *centre, gint64 utc);

#endif
