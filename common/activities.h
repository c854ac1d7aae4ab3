/* common/activities.h - what each officer does in each interval, as the
 * activities file of `rotaplan roster` and `rotaplan plan` says, read
 * back as the queues each officer is logged into.
 *
 * An activity names a queue (the officer takes that queue alone), or a
 * position:
 *   phones      every phone line the officer is trained for;
 *   phones:NAME the lines of skill profile NAME ([profile:NAME] of the
 *               configuration, common/profiles.h) the officer is trained
 *               for;
 *   blended     the reception desk of the row's site first, and between
 *               visitors every phone line the officer is trained for (the
 *               virtual contact centre of the rural offices);
 *   blended:NAME the same with the lines of profile NAME only;
 *   break, lunch, commitment, idle   at work, logged into nothing.
 * The simulation (rotaplan simulate) and the plan's evaluation read them
 * this way; docs/roster.md describes the file. */
#ifndef RP_COMMON_ACTIVITIES_H
#define RP_COMMON_ACTIVITIES_H

#include <glib.h>

#include "common/centre.h"

/* A position that logs an officer into phone lines. */
typedef enum {
    RP_POSITION_NONE,    /* a queue, or at work on none (break, idle...) */
    RP_POSITION_PHONES,  /* phones, phones:NAME */
    RP_POSITION_BLENDED, /* blended, blended:NAME */
} RpPositionKind;

typedef struct {
    RpPositionKind kind;
    int profile; /* index in centre->profiles, -1: every line held */
} RpPosition;

/* Reads activity `name` into *pos: the position phones, phones:NAME,
 * blended or blended:NAME, or RP_POSITION_NONE for anything else (left
 * to the caller: a queue, break...).  FALSE with an RP_DATA_ERROR_VALUE
 * on the field "activity" when NAME is no skill profile of `centre`. */
gboolean rp_position_parse(const RpCentre *centre, const char *name,
                           RpPosition *pos, GError **error);

/* The phone lines position `pos` (not RP_POSITION_NONE) logs an officer
 * with proficiencies `skill` into, as bits of queues: every line they
 * hold, or those of its profile they hold. */
guint64 rp_position_lines(const RpCentre *centre, const RpPosition *pos,
                          const double *skill);

/* The activity name of position `pos` (not RP_POSITION_NONE), as
 * rp_position_parse() reads it, in `buf` when it names a profile. */
const char *rp_position_name(const RpCentre *centre, const RpPosition *pos,
                             GString *buf);

/* The reception desks of site `site` (-1: none) an officer with
 * proficiencies `skill` holds, as bits of queues: the desks a `blended`
 * officer takes first. */
guint64 rp_site_desks(const RpCentre *centre, int site, const double *skill);

/* The queues position `name` logs an officer with proficiencies `skill`
 * (per centre queue) into at site `site` (-1: none), as bits of
 * `*login`, and those taken first in `*first`.  Returns FALSE with an
 * RP_DATA_ERROR_VALUE naming the activity when `name` is no queue or
 * position, the officer lacks the queue's skill, holds no phone line for
 * `phones` (none of the profile's for `phones:NAME`, or NAME is no
 * profile), or no desk of `site` for `blended`; the outputs are then
 * untouched.  The centre has at most 64 queues. */
gboolean rp_position_login(const RpCentre *centre, const char *name, int site,
                           const double *skill, guint64 *login, guint64 *first,
                           GError **error);

/* Log-ins per officer and interval on a grid of `n_intervals` from
 * `start_utc`. */
typedef struct {
    size_t n_officers;
    size_t n_intervals;
    gint64 start_utc; /* (s) */
    guint64 *login;   /* [i * n_intervals + t] bit q: logged into queue q */
    guint64 *first;   /* [i * n_intervals + t] bit q: q taken first */
    size_t n_rows;    /* rows read */
} RpActivities;

/* Reads the activities CSV (officer, interval_start, site, activity) at
 * `path` for officers `ids[0..n_officers)` with proficiencies
 * `skill[i * n_queues + q]`.  Fails with RP_IO_ERROR_READ or an
 * RP_DATA_ERROR naming file, line and field: an unknown officer, site,
 * queue or position, a queue the officer has no skill for, a time off the
 * grid or outside [start_utc, start_utc + n_intervals x interval), an
 * officer given twice for one interval, or a centre of more than 64
 * queues.  (transfer full) */
RpActivities *rp_activities_read(const char *path, const RpCentre *centre,
                                 const char *const *ids, const double *skill,
                                 size_t n_officers, gint64 start_utc,
                                 size_t n_intervals, GError **error);

void rp_activities_free(RpActivities *activities);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpActivities, rp_activities_free)

#endif
