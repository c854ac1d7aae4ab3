/* common/file.h - reading a whole input file, within a size limit.
 *
 * Every input rotaplan reads (configurations, scenarios, CSV files) goes
 * through rp_file_read(), so a file that never ends (/dev/zero, a pipe
 * left open) or one far larger than any centre's data is refused with
 * its name instead of being read until memory runs out. */
#ifndef RP_COMMON_FILE_H
#define RP_COMMON_FILE_H

#include <glib.h>

/* The most a configuration or scenarios file may hold, and the most a CSV
 * file may (ten years of 5-minute intervals for 40 queues is about 1 GiB
 * less than the CSV limit; three years of the sample council is 12 MiB). */
#define RP_FILE_MAX_INI ((size_t)4 << 20)   /* 4 MiB */
#define RP_FILE_MAX_CSV ((size_t)512 << 20) /* 512 MiB */

/* Reads the file at `path` into `*text` (NUL-terminated; free with
 * g_free()) and its length into `*len`.  Fails with RP_IO_ERROR_READ when
 * the file cannot be opened or read, and with RP_DATA_ERROR_VALUE when it
 * holds more than `max_bytes` bytes; `*text` and `*len` are untouched on
 * failure. */
gboolean rp_file_read(const char *path, size_t max_bytes, char **text,
                      size_t *len, GError **error);

/* Length of the UTF-8 byte-order mark at the start of `text` (3), or 0:
 * spreadsheets write one at the start of a CSV file saved as UTF-8. */
size_t rp_file_bom(const char *text, size_t len);

#endif
