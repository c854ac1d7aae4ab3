/* common/error.h - GError domains and codes for every rotaplan module.
 *
 * Errors are grouped by who must act on them, because the command line maps
 * each domain to an exit status: RP_DATA_ERROR is bad input data (exit 65),
 * RP_IO_ERROR is the file system (exit 1), RP_MODEL_ERROR is a numerical or
 * domain failure of a model (exit 1 unless the CLI knows the caller's input
 * was at fault), RP_ROSTER_ERROR is the roster solver (exit 1). */
#ifndef RP_COMMON_ERROR_H
#define RP_COMMON_ERROR_H

#include <glib.h>

#define RP_DATA_ERROR   (rp_data_error_quark())
#define RP_IO_ERROR     (rp_io_error_quark())
#define RP_MODEL_ERROR  (rp_model_error_quark())
#define RP_ROSTER_ERROR (rp_roster_error_quark())

GQuark rp_data_error_quark(void);
GQuark rp_io_error_quark(void);
GQuark rp_model_error_quark(void);
GQuark rp_roster_error_quark(void);

/* Bad input data: a message names the file, line and field. */
typedef enum {
    RP_DATA_ERROR_SYNTAX,  /* malformed CSV or INI text */
    RP_DATA_ERROR_VALUE,   /* a field that does not parse or is out of range */
    RP_DATA_ERROR_MISSING, /* a required column, key, row or interval absent */
    RP_DATA_ERROR_DUPLICATE, /* the same interval, id or key given twice */
    RP_DATA_ERROR_UNKNOWN,   /* unknown queue, site, key or group */
    RP_DATA_ERROR_TIME,      /* a local time that does not exist or repeats */
    RP_DATA_ERROR_TARGET,    /* a standard no number of officers can meet */
} RpDataError;

typedef enum {
    RP_IO_ERROR_READ,  /* a file could not be read */
    RP_IO_ERROR_WRITE, /* a file could not be written */
    RP_IO_ERROR_SPAWN, /* a helper program (gnuplot) could not be run */
} RpIoError;

typedef enum {
    RP_MODEL_ERROR_DOMAIN,      /* argument outside the model's domain */
    RP_MODEL_ERROR_UNREACHABLE, /* target not met within the agent limit */
    RP_MODEL_ERROR_NUMERIC,     /* a GSL routine returned a non-zero status */
    RP_MODEL_ERROR_NO_CONVERGENCE, /* an iterative method ran out of steps */
} RpModelError;

typedef enum {
    RP_ROSTER_ERROR_RULE, /* a rota breaks a hard rule (checker) */
} RpRosterError;

#endif
