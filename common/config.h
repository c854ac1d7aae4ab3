/* common/config.h - INI configuration files with their line numbers.
 *
 * GKeyFile parses the text but does not say where a key was written, and
 * every error about a value must name the file, line and key.  RpConfig
 * keeps GKeyFile's groups and keys together with an index from each group
 * and key to the file and line it came from.
 *
 * A file may start from another: `include = base.ini` in its [centre]
 * group (a path relative to the including file) loads base.ini first and
 * lets this file add or replace keys.  Scenarios replace keys the same way
 * through rp_config_set(). */
#ifndef RP_COMMON_CONFIG_H
#define RP_COMMON_CONFIG_H

#include <glib.h>

typedef struct RpConfig RpConfig;

/* Loads `path` and whatever it includes.  Fails with RP_IO_ERROR_READ when
 * a file cannot be read and RP_DATA_ERROR_SYNTAX for text that is not an
 * INI file or an include cycle. */
RpConfig *rp_config_load(const char *path, GError **error);
/* A copy of `config` to change on its own: the same groups, keys, values
 * and locations, without reading the files again. */
RpConfig *rp_config_copy(const RpConfig *config);
void rp_config_free(RpConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpConfig, rp_config_free)

/* Path of the file loaded first (the one named by the user). */
const char *rp_config_path(const RpConfig *config);

/* Group names in file order; free with g_strfreev(). */
char **rp_config_groups(const RpConfig *config);

/* Key names of `group` in file order; free with g_strfreev(). */
char **rp_config_keys(const RpConfig *config, const char *group);

/* The value of `key` in `group`, unescaped, with any trailing " # remark"
 * removed and surrounding space trimmed; NULL when absent.  (transfer none:
 * valid until the key is changed or the config freed.) */
const char *rp_config_get(RpConfig *config, const char *group, const char *key);

/* Adds or replaces a key, remembering `file` and `line` as its origin;
 * creates the group when needed. */
void rp_config_set(RpConfig *config, const char *group, const char *key,
                   const char *value, const char *file, size_t line);

/* Where `key` of `group` (or the group header when `key` is NULL) was
 * written; FALSE when it was not read from a file. */
gboolean rp_config_location(const RpConfig *config, const char *group,
                            const char *key, const char **file, size_t *line);

/* Sets `error` to "FILE:LINE: [GROUP] KEY: message" in `domain`/`code`,
 * pointing at where `key` (or the group header when `key` is NULL) was
 * written. */
void rp_config_error(const RpConfig *config, GError **error, const char *group,
                     const char *key, GQuark domain, int code,
                     const char *format, ...) G_GNUC_PRINTF(7, 8);

/* Adds the location of `group`/`key` in front of an existing error's
 * message (for errors raised by a value parser). */
void rp_config_prefix_error(const RpConfig *config, GError **error,
                            const char *group, const char *key);

/* Checks that every key of `group` is one of `known` (NULL-terminated);
 * otherwise fails with RP_DATA_ERROR_UNKNOWN at the first other key,
 * listing the known ones. */
gboolean rp_config_check_keys(RpConfig *config, const char *group,
                              const char *const *known, GError **error);

/* The configuration as one file that rp_config_load() reads back to the
 * same groups, keys and values: includes resolved, remarks dropped.
 * Returns: (transfer full) the text. */
GString *rp_config_to_text(RpConfig *config);

#endif
