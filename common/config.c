/* common/config.c - GKeyFile plus an index of where each key was written.
 *
 * The index maps "group" and "group\x1fkey" to a Location.  Values are
 * unescaped as GKeyFile writes them (\s \n \t \r \\), by unescape() here:
 * a file's escapes are checked when it is read, so a bad one is reported
 * at its line (GLib's own reader of escapes warns on some bad ones and
 * reports none by line); trailing remarks are cut at " #" because
 * GKeyFile only knows whole-line comments and people write
 * "service_level = 80%   # national minimum". */
#include "common/config.h"

#include <stdarg.h>
#include <string.h>

#include "common/error.h"
#include "common/file.h"

#define MAX_INCLUDE_DEPTH 8

typedef struct {
    const char *file; /* interned */
    size_t line;
} Location;

struct RpConfig {
    char *path;
    GKeyFile *kf;
    GHashTable *where;  /* char * -> Location * */
    GHashTable *values; /* char * -> char *, cleaned values handed out */
};

static char *
index_key(const char *group, const char *key)
{
    return key ? g_strconcat(group, "\x1f", key, NULL) : g_strdup(group);
}

static void
remember(RpConfig *c, const char *group, const char *key, const char *file,
         size_t line)
{
    Location *loc = g_new(Location, 1);
    loc->file = g_intern_string(file);
    loc->line = line;
    g_hash_table_replace(c->where, index_key(group, key), loc);
}

static RpConfig *
config_new(const char *path)
{
    RpConfig *c = g_new0(RpConfig, 1);
    c->path = g_strdup(path);
    c->kf = g_key_file_new();
    c->where = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    c->values = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return c;
}

void
rp_config_free(RpConfig *config)
{
    if (config == NULL)
        return;
    g_free(config->path);
    g_key_file_unref(config->kf);
    g_hash_table_unref(config->where);
    g_hash_table_unref(config->values);
    g_free(config);
}

/* One physical line of an INI file, classified. */
typedef enum { LINE_BLANK, LINE_GROUP, LINE_KEY, LINE_BAD } LineKind;

static LineKind
classify(const char *line, char **name, char **value)
{
    g_autofree char *s = g_strstrip(g_strdup(line));
    if (*s == '\0' || *s == '#')
        return LINE_BLANK;
    if (*s == '[') {
        char *end = strchr(s, ']');
        if (end == NULL || end[1] != '\0' || end == s + 1)
            return LINE_BAD;
        *name = g_strndup(s + 1, (size_t)(end - s - 1));
        return LINE_GROUP;
    }
    char *eq = strchr(s, '=');
    if (eq == NULL || eq == s)
        return LINE_BAD;
    *eq = '\0';
    *name = g_strdup(g_strstrip(s));
    *value = g_strdup(g_strstrip(eq + 1));
    return LINE_KEY;
}

static gboolean load_into(RpConfig *c, const char *path, int depth,
                          const char *from, size_t from_line, GError **error);

/* Loads the file named by `include` (relative to `path`) into `c`. */
static gboolean
load_include(RpConfig *c, const char *path, const char *include, size_t line,
             int depth, GError **error)
{
    if (depth >= MAX_INCLUDE_DEPTH) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX,
                    "%s:%zu: include: files include each other more than "
                    "%d deep (a cycle?)",
                    path, line, MAX_INCLUDE_DEPTH);
        return FALSE;
    }
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *full = g_path_is_absolute(include)
                                ? g_strdup(include)
                                : g_build_filename(dir, include, NULL);
    return load_into(c, full, depth + 1, path, line, error);
}

/* A group header (key NULL) or key line of a file, where it is. */
typedef struct {
    char *group;
    char *key;
    size_t line;
} Entry;

static void
entry_free(gpointer p)
{
    Entry *e = p;
    g_free(e->group);
    g_free(e->key);
    g_free(e);
}

/* `raw` with its escapes replaced, as g_key_file_set_string() writes them;
 * NULL for a value with a bad escape, which *bad then holds (the character
 * after the backslash, '\0' for a backslash at the end). */
static char *
unescape(const char *raw, char *bad)
{
    char *out = g_malloc(strlen(raw) + 1), *q = out;
    for (const char *p = raw; *p; p++) {
        if (*p != '\\') {
            *q++ = *p;
            continue;
        }
        p++;
        static const char from[] = "sntr\\", to[] = " \n\t\r\\";
        const char *hit = *p ? strchr(from, *p) : NULL;
        if (hit == NULL) {
            *bad = *p;
            g_free(out);
            return NULL;
        }
        *q++ = to[hit - from];
    }
    *q = '\0';
    return out;
}

/* Checks one physical line: text, not a binary file. */
static gboolean
check_line(const char *path, size_t line, const char *start, size_t len,
           GError **error)
{
    const char *nul = memchr(start, '\0', len);
    if (nul != NULL) {
        g_autofree char *before = g_strndup(start, (size_t)(nul - start));
        char *eq = strchr(before, '=');
        if (eq)
            *eq = '\0';
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX,
                    "%s:%zu: %s%sholds a NUL byte (a binary file, or text "
                    "saved as UTF-16?)",
                    path, line, eq ? g_strstrip(before) : "", eq ? ": " : "");
        return FALSE;
    }
    const char *bad = NULL;
    if (!g_utf8_validate(start, (gssize)len, &bad)) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX,
                    "%s:%zu: byte %zu is not UTF-8 text (save the file as "
                    "UTF-8; a pound sign from another encoding does this)",
                    path, line, (size_t)(bad - start) + 1);
        return FALSE;
    }
    return TRUE;
}

/* Classifies every line of `text` (`len` bytes), collecting groups and
 * keys in order; fails on a NUL byte, text that is not UTF-8, a line that
 * is not INI, a key before any group and a key given twice in a group. */
static GPtrArray *
scan(const char *path, const char *text, size_t len, GError **error)
{
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func(entry_free);
    g_autoptr(GHashTable) seen =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    const char *group = NULL;
    const char *pos = text, *end = text + len;
    for (size_t i = 0; pos < end; i++) {
        const char *nl = memchr(pos, '\n', (size_t)(end - pos));
        size_t n = (size_t)((nl ? nl : end) - pos);
        if (!check_line(path, i + 1, pos, n, error))
            return NULL;
        g_autofree char *text_line = g_strndup(pos, n);
        pos = nl ? nl + 1 : end;
        g_autofree char *name = NULL, *value = NULL;
        LineKind kind = classify(text_line, &name, &value);
        if (kind == LINE_BAD) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX,
                        "%s:%zu: '%s' is neither [group], key = value nor "
                        "a # comment",
                        path, i + 1, g_strstrip(text_line));
            return NULL;
        }
        if (kind == LINE_KEY && group == NULL) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX,
                        "%s:%zu: '%s' comes before any [group]", path, i + 1,
                        name);
            return NULL;
        }
        if (kind == LINE_BLANK)
            continue;
        char bad = 0;
        g_autofree char *plain =
            kind == LINE_KEY ? unescape(value, &bad) : NULL;
        if (kind == LINE_KEY && plain == NULL) {
            g_autofree char *what =
                bad == 0 ? g_strdup("the value ends in a backslash")
                : g_ascii_isprint(bad)
                    ? g_strdup_printf("'\\%c' is not an escape", bad)
                    : g_strdup_printf("a backslash before byte 0x%02X is "
                                      "not an escape",
                                      (unsigned)(unsigned char)bad);
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX,
                        "%s:%zu: [%s] %s: %s (write \\\\ for a backslash)",
                        path, i + 1, group, name, what);
            return NULL;
        }
        Entry *e = g_new0(Entry, 1);
        e->line = i + 1;
        if (kind == LINE_GROUP) {
            e->group = g_steal_pointer(&name);
            group = e->group;
        } else {
            e->group = g_strdup(group);
            e->key = g_steal_pointer(&name);
        }
        g_ptr_array_add(entries, e);
        if (e->key == NULL)
            continue;
        /* GKeyFile would keep the last of two values silently */
        char *ik = index_key(e->group, e->key);
        gpointer first = g_hash_table_lookup(seen, ik);
        if (first != NULL) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_DUPLICATE,
                        "%s:%zu: [%s] %s: given twice (first on line %zu)",
                        path, e->line, e->group, e->key,
                        GPOINTER_TO_SIZE(first));
            g_free(ik);
            return NULL;
        }
        g_hash_table_insert(seen, ik, GSIZE_TO_POINTER(e->line));
    }
    return g_steal_pointer(&entries);
}

static gboolean
is_include(const Entry *e)
{
    return e->key && strcmp(e->group, "centre") == 0 &&
           strcmp(e->key, "include") == 0;
}

/* Reads `path` with GKeyFile, records where each group and key is, and
 * copies them over what `c` already holds, after loading what the file
 * includes (so this file's keys replace the included ones).  `from` and
 * `from_line` are the include line that names `path` (NULL for the file
 * named by the user): a file that cannot be read is reported there. */
static gboolean
load_into(RpConfig *c, const char *path, int depth, const char *from,
          size_t from_line, GError **error)
{
    g_autofree char *text = NULL;
    size_t len = 0;
    GError *local = NULL;
    if (!rp_file_read(path, RP_FILE_MAX_INI, &text, &len, &local)) {
        if (from != NULL)
            g_prefix_error(&local, "%s:%zu: include: ", from, from_line);
        g_propagate_error(error, local);
        return FALSE;
    }
    /* a byte-order mark (Windows editors write one) is not text */
    const char *body = text + rp_file_bom(text, len);
    len -= (size_t)(body - text);
    g_autoptr(GPtrArray) entries = scan(path, body, len, error);
    if (entries == NULL)
        return FALSE;
    g_autoptr(GKeyFile) kf = g_key_file_new();
    if (!g_key_file_load_from_data(kf, body, len, G_KEY_FILE_NONE, &local)) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX, "%s: %s", path,
                    local->message);
        g_error_free(local);
        return FALSE;
    }
    for (guint i = 0; i < entries->len; i++) {
        const Entry *e = g_ptr_array_index(entries, i);
        if (!is_include(e))
            continue;
        g_autofree char *raw = g_key_file_get_value(kf, e->group, e->key, NULL);
        char bad = 0;
        g_autofree char *inc = unescape(raw, &bad); /* checked by scan */
        if (!load_include(c, path, g_strstrip(inc), e->line, depth, error))
            return FALSE;
    }
    for (guint i = 0; i < entries->len; i++) {
        const Entry *e = g_ptr_array_index(entries, i);
        if (e->key == NULL) {
            /* GKeyFile keeps a group whose last key is removed: so an
             * empty group still exists */
            if (!g_key_file_has_group(c->kf, e->group)) {
                g_key_file_set_value(c->kf, e->group, "-", "");
                g_key_file_remove_key(c->kf, e->group, "-", NULL);
            }
            remember(c, e->group, NULL, path, e->line);
            continue;
        }
        if (is_include(e))
            continue;
        g_autofree char *raw = g_key_file_get_value(kf, e->group, e->key, NULL);
        if (raw == NULL)
            continue; /* a localised key such as name[cy]: kept out */
        g_key_file_set_value(c->kf, e->group, e->key, raw);
        remember(c, e->group, e->key, path, e->line);
    }
    return TRUE;
}

RpConfig *
rp_config_load(const char *path, GError **error)
{
    g_return_val_if_fail(path != NULL, NULL);
    g_autoptr(RpConfig) c = config_new(path);
    if (!load_into(c, path, 0, NULL, 0, error))
        return NULL;
    return g_steal_pointer(&c);
}

RpConfig *
rp_config_copy(const RpConfig *config)
{
    g_return_val_if_fail(config != NULL, NULL);
    RpConfig *c = config_new(config->path);
    g_auto(GStrv) groups = g_key_file_get_groups(config->kf, NULL);
    for (size_t i = 0; groups[i]; i++) {
        g_auto(GStrv) keys =
            g_key_file_get_keys(config->kf, groups[i], NULL, NULL);
        if (keys == NULL || keys[0] == NULL) {
            /* an empty group, kept as load_into keeps one */
            g_key_file_set_value(c->kf, groups[i], "-", "");
            g_key_file_remove_key(c->kf, groups[i], "-", NULL);
        }
        for (size_t k = 0; keys && keys[k]; k++) {
            g_autofree char *raw =
                g_key_file_get_value(config->kf, groups[i], keys[k], NULL);
            g_key_file_set_value(c->kf, groups[i], keys[k], raw);
        }
    }
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, config->where);
    while (g_hash_table_iter_next(&it, &key, &value))
        g_hash_table_insert(c->where, g_strdup(key),
                            g_memdup2(value, sizeof(Location)));
    return c;
}

const char *
rp_config_path(const RpConfig *config)
{
    return config->path;
}

char **
rp_config_groups(const RpConfig *config)
{
    return g_key_file_get_groups(config->kf, NULL);
}

char **
rp_config_keys(const RpConfig *config, const char *group)
{
    char **keys = g_key_file_get_keys(config->kf, group, NULL, NULL);
    return keys ? keys : g_new0(char *, 1);
}

const char *
rp_config_get(RpConfig *config, const char *group, const char *key)
{
    g_autofree char *raw = g_key_file_get_value(config->kf, group, key, NULL);
    char bad = 0;
    g_autofree char *v = raw ? unescape(raw, &bad) : NULL;
    if (v == NULL)
        return NULL; /* not there (every escape was checked on reading) */
    char *remark = strstr(v, " #");
    if (remark == NULL)
        remark = strstr(v, "\t#");
    if (remark != NULL)
        *remark = '\0';
    g_strstrip(v);
    char *ik = index_key(group, key);
    const char *kept = g_hash_table_lookup(config->values, ik);
    if (kept != NULL && strcmp(kept, v) == 0) {
        g_free(ik);
        return kept; /* earlier pointers to it stay valid */
    }
    g_hash_table_replace(config->values, ik, g_strdup(v));
    return g_hash_table_lookup(config->values, ik);
}

void
rp_config_set(RpConfig *config, const char *group, const char *key,
              const char *value, const char *file, size_t line)
{
    if (!g_key_file_has_group(config->kf, group))
        remember(config, group, NULL, file, line);
    g_key_file_set_string(config->kf, group, key, value);
    remember(config, group, key, file, line);
}

gboolean
rp_config_location(const RpConfig *config, const char *group, const char *key,
                   const char **file, size_t *line)
{
    g_autofree char *ik = index_key(group, key);
    const Location *loc = g_hash_table_lookup(config->where, ik);
    if (loc == NULL)
        return FALSE;
    *file = loc->file;
    *line = loc->line;
    return TRUE;
}

static char *
location(const RpConfig *config, const char *group, const char *key)
{
    g_autofree char *ik = index_key(group, key);
    const Location *loc = g_hash_table_lookup(config->where, ik);
    if (loc == NULL && key != NULL) {
        g_autofree char *gk = index_key(group, NULL);
        loc = g_hash_table_lookup(config->where, gk);
    }
    const char *file = loc ? loc->file : config->path;
    g_autofree char *at =
        loc ? g_strdup_printf("%s:%zu", file, loc->line) : g_strdup(file);
    return key ? g_strdup_printf("%s: [%s] %s", at, group, key)
               : g_strdup_printf("%s: [%s]", at, group);
}

void
rp_config_error(const RpConfig *config, GError **error, const char *group,
                const char *key, GQuark domain, int code, const char *format,
                ...)
{
    va_list ap;
    va_start(ap, format);
    g_autofree char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    g_autofree char *at = location(config, group, key);
    g_set_error(error, domain, code, "%s: %s", at, msg);
}

void
rp_config_prefix_error(const RpConfig *config, GError **error,
                       const char *group, const char *key)
{
    g_autofree char *at = location(config, group, key);
    g_prefix_error(error, "%s: ", at);
}

gboolean
rp_config_check_keys(RpConfig *config, const char *group,
                     const char *const *known, GError **error)
{
    g_auto(GStrv) keys = rp_config_keys(config, group);
    for (size_t i = 0; keys[i]; i++) {
        gboolean ok = FALSE;
        for (size_t k = 0; known[k] && !ok; k++)
            ok = strcmp(keys[i], known[k]) == 0;
        if (!ok) {
            g_autoptr(GString) list = g_string_new(NULL);
            for (size_t k = 0; known[k]; k++)
                g_string_append_printf(list, "%s%s", k ? ", " : "", known[k]);
            rp_config_error(config, error, group, keys[i], RP_DATA_ERROR,
                            RP_DATA_ERROR_UNKNOWN,
                            "unknown key (known keys: %s)", list->str);
            return FALSE;
        }
    }
    return TRUE;
}

GString *
rp_config_to_text(RpConfig *config)
{
    g_return_val_if_fail(config != NULL, NULL);
    GString *out = g_string_new(NULL);
    g_string_append_printf(out, "# %s as rotaplan read it, includes resolved\n",
                           rp_config_path(config));
    g_auto(GStrv) groups = rp_config_groups(config);
    for (size_t g = 0; groups[g]; g++) {
        g_string_append_printf(out, "\n[%s]\n", groups[g]);
        g_auto(GStrv) keys = rp_config_keys(config, groups[g]);
        for (size_t k = 0; keys[k]; k++)
            g_string_append_printf(out, "%s = %s\n", keys[k],
                                   rp_config_get(config, groups[g], keys[k]));
    }
    return out;
}
