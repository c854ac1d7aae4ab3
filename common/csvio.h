/* common/csvio.h - reading and writing CSV files.
 *
 * Reading streams the file row by row through a callback, so a year of
 * 15-minute intervals for many queues never sits in memory as strings.
 * Every row carries the line number where it starts, and every error
 * names the file and the line.  This is the only module that includes
 * libcsv's <csv.h>. */
#ifndef RP_COMMON_CSVIO_H
#define RP_COMMON_CSVIO_H

#include <glib.h>

/* Called once per record (the header included) with its fields, their
 * count and the 1-based line where the record starts.  Returns FALSE and
 * sets `error` to stop; the message should name the field, csvio prefixes
 * "FILE:LINE: ". */
typedef gboolean (*RpCsvRowFunc)(const char *const *fields, size_t n_fields,
                                 size_t line, gpointer user_data,
                                 GError **error);

/* Parses the CSV text `text` of `len` bytes, reported as `name`.  Quoted
 * fields may hold commas, quotes ("") and newlines.  Blank lines are
 * skipped.  Fails with RP_DATA_ERROR_SYNTAX on malformed CSV (a stray
 * quote, an unterminated quoted field), or with the callback's error. */
gboolean rp_csv_parse_text(const char *name, const char *text, size_t len,
                           RpCsvRowFunc fn, gpointer user_data, GError **error);

/* Reads and parses the file at `path`; RP_IO_ERROR_READ if unreadable. */
gboolean rp_csv_parse_file(const char *path, RpCsvRowFunc fn,
                           gpointer user_data, GError **error);

/* One expected column of a header row. */
typedef struct {
    const char *name;  /* column name, matched exactly */
    gboolean required; /* absent required column is an error */
    int index;         /* set by rp_csv_map_header(): position or -1 */
} RpCsvColumn;

/* Finds each of `cols` in the header `fields`.  Columns not listed are
 * ignored.  Fails with RP_DATA_ERROR_MISSING for an absent required column
 * and RP_DATA_ERROR_DUPLICATE for a name given twice. */
gboolean rp_csv_map_header(const char *const *fields, size_t n_fields,
                           RpCsvColumn *cols, size_t n_cols, GError **error);

/* The field of column `col` in a record, or NULL when the record is too
 * short or the column is absent. */
const char *rp_csv_field(const char *const *fields, size_t n_fields,
                         const RpCsvColumn *col);

/* Sets an RP_DATA_ERROR_VALUE "FIELD: message" (the parser adds file
 * and line) and returns FALSE, for row callbacks to return. */
gboolean rp_csv_field_error(GError **error, const char *field,
                            const char *format, ...) G_GNUC_PRINTF(3, 4);

/* Appends `field` to `out`, quoted when it holds a comma, quote or line
 * break; a comma goes before it unless it is the first of its row. */
void rp_csv_append_field(GString *out, const char *field, gboolean first);

/* Appends a whole record and its line break. */
void rp_csv_append_row(GString *out, const char *const *fields, size_t n);

/* Appends a number with 15 significant digits ("%.15g", locale-free);
 * NAN and infinities are written as an empty field (docs/files.md). */
void rp_csv_append_number(GString *out, double value, gboolean first);

#endif
