/* cli/util.c - errors, exit status, output files and progress lines. */
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE (glibc 2.28), kill */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "common/error.h"
#include "common/file.h"
#include "common/units.h"

/* The process's file-creation mask (umask() can only be read by setting
 * it). */
static mode_t
current_umask(void)
{
    mode_t mask = umask(022);
    umask(mask);
    return mask;
}

GQuark
cli_usage_error_quark(void)
{
    return g_quark_from_static_string("rotaplan-usage-error-quark");
}

int
cli_fail(GError *error)
{
    int status = CLI_EXIT_FAIL;
    cli_progress_end();
    /* an input file that is missing or unreadable is bad input too */
    if (error->domain == RP_DATA_ERROR ||
        g_error_matches(error, RP_IO_ERROR, RP_IO_ERROR_READ))
        status = CLI_EXIT_DATA;
    else if (error->domain == CLI_USAGE_ERROR ||
             error->domain == G_OPTION_ERROR)
        status = CLI_EXIT_USAGE;
    fprintf(stderr, "rotaplan: %s\n", error->message);
    if (status == CLI_EXIT_USAGE)
        fprintf(stderr, "(see rotaplan help)\n");
    g_error_free(error);
    return status;
}

void
cli_usage(GError **error, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    g_autofree char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    g_set_error_literal(error, CLI_USAGE_ERROR, 0, msg);
}

gboolean
cli_parse(GOptionContext *context, int *argc, char ***argv, GError **error)
{
    if (!g_option_context_parse(context, argc, argv, error))
        return FALSE;
    if (*argc > 1) {
        cli_usage(error, "unexpected argument '%s'", (*argv)[1]);
        return FALSE;
    }
    return TRUE;
}

static const char *const model_names[] = {
    [CLI_MODEL_PER_LINE] = "per-line",
    [CLI_MODEL_POOLED] = "pooled",
    [CLI_MODEL_SETS] = "skill-sets",
};

const char *
cli_model_name(CliModel model)
{
    return model_names[model];
}

gboolean
cli_model_parse(const char *text, const RpCentre *centre, CliModel *model,
                GError **error)
{
    if (text == NULL) {
        *model = centre->routing == RP_ROUTING_SKILLS ? CLI_MODEL_POOLED
                                                      : CLI_MODEL_PER_LINE;
        return TRUE;
    }
    for (size_t k = 0; k < G_N_ELEMENTS(model_names); k++)
        if (strcmp(text, model_names[k]) == 0) {
            *model = (CliModel)k;
            return TRUE;
        }
    cli_usage(error, "--model: '%s' is not per-line, pooled or skill-sets",
              text);
    return FALSE;
}

gboolean
cli_is_stdout(const char *path)
{
    return path == NULL || g_strcmp0(path, "-") == 0;
}

gboolean
cli_format_parse(const char *text, const char *path, CliFormat *format,
                 GError **error)
{
    if (text == NULL) {
        *format = cli_is_stdout(path) && isatty(STDOUT_FILENO)
                      ? CLI_FORMAT_TABLE
                      : CLI_FORMAT_CSV;
        return TRUE;
    }
    if (g_strcmp0(text, "table") == 0)
        *format = CLI_FORMAT_TABLE;
    else if (g_strcmp0(text, "csv") == 0)
        *format = CLI_FORMAT_CSV;
    else if (g_strcmp0(text, "json") == 0)
        *format = CLI_FORMAT_JSON;
    else {
        cli_usage(error, "--format: '%s' is not table, csv or json", text);
        return FALSE;
    }
    return TRUE;
}

/* ---- the output set ---------------------------------------------------- */

/* One output of the run. */
typedef enum { OUT_FILE, OUT_STDOUT, OUT_DIR } OutKind;

struct CliOut {
    OutKind kind;
    char *path;     /* final name (NULL for standard output) */
    char *tmp_path; /* where it is written until the commit, or NULL once
                       moved (or, for standard output, unlinked) */
    FILE *file;     /* open stream of cli_out_open(), or NULL */
    GString *text;  /* not yet written to `file` */
};

struct CliOutputs {
    GPtrArray *outs;     /* CliOut *, in the order they were opened */
    GPtrArray *journals; /* char *: the journal of the renames in each
                            directory they touch, while they run */
    gboolean committed;
};

static gboolean
io_error(GError **error, const char *what, const char *path)
{
    g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE, "cannot %s %s: %s", what,
                path, g_strerror(errno));
    return FALSE;
}

/* Removes an output's temporary (file or directory tree). */
static void
out_free(gpointer p)
{
    CliOut *out = p;
    if (out->file)
        fclose(out->file);
    if (out->tmp_path && out->kind == OUT_DIR)
        cli_remove_tree(out->tmp_path);
    else if (out->tmp_path && out->kind == OUT_FILE)
        g_unlink(out->tmp_path);
    if (out->text)
        g_string_free(out->text, TRUE);
    g_free(out->tmp_path);
    g_free(out->path);
    g_free(out);
}

CliOutputs *
cli_outputs_new(void)
{
    CliOutputs *set = g_new0(CliOutputs, 1);
    set->outs = g_ptr_array_new_with_free_func(out_free);
    set->journals = g_ptr_array_new_with_free_func(g_free);
    return set;
}

void
cli_outputs_free(CliOutputs *set)
{
    if (set == NULL)
        return;
    g_ptr_array_unref(set->outs); /* uncommitted temporaries go with it */
    g_ptr_array_unref(set->journals);
    g_free(set);
}

/* TRUE while process `pid` exists (EPERM: it does, as another user's). */
static gboolean
pid_alive(long pid)
{
    return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* Temporaries are named PREFIX-PID-XXXXXX beside their output: removes
 * those of `prefix` in `dir` left by runs that were killed. */
static void
remove_stale(const char *dir, const char *prefix)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d == NULL)
        return;
    size_t n = strlen(prefix);
    const char *name;
    while ((name = g_dir_read_name(d)) != NULL) {
        if (strncmp(name, prefix, n) != 0 || name[n] != '-')
            continue;
        char *end = NULL;
        long pid = strtol(name + n + 1, &end, 10);
        if (end == name + n + 1 || *end != '-' || pid_alive(pid))
            continue;
        g_autofree char *stale = g_build_filename(dir, name, NULL);
        cli_remove_tree(stale);
    }
    g_dir_close(d);
}

/* ---- the journal of a commit's renames ---------------------------------
 *
 * Single files move into place one rename at a time, so a run killed
 * between two renames would leave new files beside old ones.  Before the
 * first rename the commit writes a journal, ".rotaplan-journal-PID", into
 * every directory the renames touch, each listing all of them (temporary
 * and final name, absolute, NUL-separated), fsync'd; it removes them after
 * the last.  Every temporary is complete on disk by then, so a journal
 * left by a killed run can always be rolled forward: the next run that
 * writes into one of those directories first renames whatever temporary
 * is still there into place, then removes the journals. */
#define JOURNAL ".rotaplan-journal"

/* DIR/.rotaplan-journal-PID (transfer full). */
static char *
journal_name(const char *dir, long pid)
{
    g_autofree char *name = g_strdup_printf(JOURNAL "-%ld", pid);
    return g_build_filename(dir, name, NULL);
}

/* TRUE when `tmp` is a temporary of cli_outputs for `path`, beside it
 * (PATH.tmp-PID-XXXXXX): a journal only ever moves those. */
static gboolean
is_temporary_of(const char *tmp, const char *path)
{
    size_t n = strlen(path);
    return g_path_is_absolute(path) && strncmp(tmp, path, n) == 0 &&
           g_str_has_prefix(tmp + n, ".tmp-") &&
           strchr(tmp + n, G_DIR_SEPARATOR) == NULL;
}

/* Rolls the journal `path` of the dead run `pid` forward and removes it
 * and its copies in the other directories it names.  A journal that
 * cannot be read whole is left for the next run. */
static void
roll_forward(const char *path, long pid)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, NULL))
        return;
    g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func(g_free);
    gboolean ok = TRUE;
    for (gsize i = 0; i < len;) {
        const char *tmp = text + i;
        const char *end = memchr(tmp, '\0', len - i);
        const char *dest = end ? end + 1 : NULL;
        const char *dest_end =
            dest && dest < text + len
                ? memchr(dest, '\0', (size_t)(text + len - dest))
                : NULL;
        if (dest_end == NULL || !is_temporary_of(tmp, dest))
            return; /* not a journal this program wrote */
        if (g_file_test(tmp, G_FILE_TEST_EXISTS) && g_rename(tmp, dest) != 0)
            ok = FALSE;
        g_ptr_array_add(dirs, g_path_get_dirname(dest));
        i = (gsize)(dest_end + 1 - text);
    }
    if (!ok)
        return; /* tried again by the next run */
    for (guint i = 0; i < dirs->len; i++) {
        g_autofree char *copy = journal_name(dirs->pdata[i], pid);
        g_unlink(copy);
    }
    g_unlink(path);
}

/* Rolls forward the journals that runs killed during their commit left in
 * `dir`, and removes their half-written ones. */
static void
recover_journals(const char *dir)
{
    remove_stale(dir, JOURNAL ".tmp");
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d == NULL)
        return;
    g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(long));
    const char *name;
    while ((name = g_dir_read_name(d)) != NULL) {
        if (!g_str_has_prefix(name, JOURNAL "-"))
            continue;
        const char *digits = name + strlen(JOURNAL "-");
        char *end = NULL;
        long pid = strtol(digits, &end, 10);
        if (end == digits || *end != '\0' || pid == (long)getpid() ||
            pid_alive(pid))
            continue;
        g_ptr_array_add(found, g_build_filename(dir, name, NULL));
        g_array_append_val(pids, pid);
    }
    g_dir_close(d);
    for (guint i = 0; i < found->len; i++)
        roll_forward(found->pdata[i], g_array_index(pids, long, i));
}

/* The template of a temporary beside `path`: "DIR/PREFIX-PID-XXXXXX",
 * PREFIX being the name with `before` in front and `after` behind.  What
 * killed runs left in DIR is dealt with first: their journals rolled
 * forward, their temporaries for this output removed. */
static char *
temp_template(const char *path, const char *before, const char *after,
              char **prefix)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    *prefix = g_strconcat(before, base, after, NULL);
    recover_journals(dir);
    remove_stale(dir, *prefix);
    g_autofree char *name =
        g_strdup_printf("%s-%ld-XXXXXX", *prefix, (long)getpid());
    return g_build_filename(dir, name, NULL);
}

/* Refuses a second output to the same name in one run. */
static gboolean
check_unique(const CliOutputs *set, const char *path, GError **error)
{
    for (guint i = 0; path && i < set->outs->len; i++) {
        const CliOut *o = g_ptr_array_index(set->outs, i);
        if (g_strcmp0(o->path, path) == 0) {
            cli_usage(error, "%s is named for two outputs", path);
            return FALSE;
        }
    }
    return TRUE;
}

gboolean
cli_outputs_distinct(const char *const *paths, size_t n, GError **error)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (paths[i] && paths[j] && !cli_is_stdout(paths[i]) &&
                strcmp(paths[i], paths[j]) == 0) {
                cli_usage(error, "%s is named for two outputs", paths[i]);
                return FALSE;
            }
    return TRUE;
}

/* A new file output: a temporary beside `path` (standard output: one in
 * the temporary directory, unlinked at once), created empty. */
static CliOut *
add_file(CliOutputs *set, const char *path, GError **error)
{
    g_return_val_if_fail(!set->committed, NULL);
    gboolean to_stdout = cli_is_stdout(path);
    if (!to_stdout && !check_unique(set, path, error))
        return NULL;
    CliOut *out = g_new0(CliOut, 1);
    out->kind = to_stdout ? OUT_STDOUT : OUT_FILE;
    out->path = to_stdout ? NULL : g_strdup(path);
    int fd;
    if (to_stdout) {
        fd = g_file_open_tmp("rotaplan-XXXXXX", &out->tmp_path, NULL);
    } else {
        g_autofree char *prefix = NULL;
        out->tmp_path = temp_template(path, "", ".tmp", &prefix);
        fd = g_mkstemp(out->tmp_path);
    }
    if (fd < 0) {
        io_error(error, "create a file next to", to_stdout ? "output" : path);
        g_clear_pointer(&out->tmp_path, g_free);
        out_free(out);
        return NULL;
    }
    if (to_stdout) { /* read back at the commit through `file` */
        g_unlink(out->tmp_path);
        g_clear_pointer(&out->tmp_path, g_free);
    }
    out->file = fdopen(fd, to_stdout ? "w+" : "w");
    if (out->file == NULL) {
        close(fd);
        io_error(error, "write", to_stdout ? "output" : path);
        out_free(out);
        return NULL;
    }
    g_ptr_array_add(set->outs, out);
    return out;
}

CliOut *
cli_out_open(CliOutputs *set, const char *path, GError **error)
{
    CliOut *out = add_file(set, path, error);
    if (out != NULL)
        out->text = g_string_sized_new(1 << 20);
    return out;
}

GString *
cli_out_text(CliOut *out)
{
    return out->text;
}

gboolean
cli_out_flush(CliOut *out, GError **error)
{
    if (out->text->len > 0 &&
        fwrite(out->text->str, 1, out->text->len, out->file) != out->text->len)
        return io_error(error, "write", out->path ? out->path : "output");
    g_string_truncate(out->text, 0);
    return TRUE;
}

const char *
cli_outputs_file(CliOutputs *set, const char *path, GError **error)
{
    g_return_val_if_fail(!cli_is_stdout(path), NULL);
    CliOut *out = add_file(set, path, error);
    if (out == NULL)
        return NULL;
    fclose(g_steal_pointer(&out->file)); /* the writer opens it by name */
    return out->tmp_path;
}

gboolean
cli_write(CliOutputs *set, const char *path, const GString *text,
          GError **error)
{
    CliOut *out = cli_out_open(set, path, error);
    if (out == NULL)
        return FALSE;
    g_string_append_len(out->text, text->str, (gssize)text->len);
    return cli_out_flush(out, error);
}

const char *
cli_outputs_dir(CliOutputs *set, const char *path, GError **error)
{
    g_return_val_if_fail(!set->committed && path != NULL, NULL);
    if (g_file_test(path, G_FILE_TEST_EXISTS) &&
        !g_file_test(path, G_FILE_TEST_IS_DIR)) {
        cli_usage(error, "%s exists and is not a directory", path);
        return NULL;
    }
    if (!check_unique(set, path, error))
        return NULL;
    g_autofree char *parent = g_path_get_dirname(path);
    if (g_mkdir_with_parents(parent, 0777) != 0) {
        io_error(error, "create the directory", parent);
        return NULL;
    }
    g_autofree char *prefix = NULL;
    char *tmpl = temp_template(path, ".", ".new", &prefix);
    if (g_mkdtemp_full(tmpl, 0777 & ~current_umask()) == NULL) {
        g_free(tmpl);
        io_error(error, "create a directory beside", path);
        return NULL;
    }
    CliOut *out = g_new0(CliOut, 1);
    out->kind = OUT_DIR;
    out->path = g_strdup(path);
    out->tmp_path = tmpl;
    g_ptr_array_add(set->outs, out);
    return out->tmp_path;
}

/* Writes and closes a file output's stream. */
static gboolean
finish_file(CliOut *out, GError **error)
{
    const char *name = out->path ? out->path : "output";
    if (out->file == NULL)
        return TRUE;
    if (out->text && !cli_out_flush(out, error))
        return FALSE;
    if (fflush(out->file) != 0 ||
        (out->kind == OUT_FILE && fsync(fileno(out->file)) != 0))
        return io_error(error, "write", name);
    if (out->kind == OUT_STDOUT)
        return TRUE; /* kept open: copied to standard output at the end */
    int failed = fclose(g_steal_pointer(&out->file));
    return failed == 0 || io_error(error, "write", name);
}

/* Puts the directory `tmp` at `path`: exchanged with the old one in a
 * single step where the system can (Linux renameat2), so a kill at any
 * moment leaves the old or the new directory there; elsewhere the old one
 * moves aside first.  The old directory ends at `tmp`, to be removed. */
static gboolean
swap_dir(const char *tmp, const char *path, GError **error)
{
    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return g_rename(tmp, path) == 0 || io_error(error, "create", path);
#ifdef RENAME_EXCHANGE
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) == 0)
        return TRUE;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return io_error(error, "replace", path);
#endif
    g_autofree char *aside = g_strconcat(tmp, "-old", NULL);
    if (g_rename(path, aside) != 0)
        return io_error(error, "move aside", path);
    if (g_rename(tmp, path) != 0) {
        int e = errno;
        g_rename(aside, path);
        errno = e;
        return io_error(error, "replace", path);
    }
    return g_rename(aside, tmp) == 0 || io_error(error, "replace", path);
}

/* Copies what was kept for standard output to it. */
static gboolean
copy_to_stdout(CliOut *out, GError **error)
{
    char buf[65536];
    size_t n;
    rewind(out->file);
    while ((n = fread(buf, 1, sizeof buf, out->file)) > 0)
        if (fwrite(buf, 1, n, stdout) != n)
            return io_error(error, "write", "standard output");
    if (ferror(out->file))
        return io_error(error, "write", "standard output");
    fclose(g_steal_pointer(&out->file));
    return fflush(stdout) == 0 || io_error(error, "write", "standard output");
}

/* TRUE when file output `o` lies inside a directory output of `set`: it
 * moves with that directory, in one step. */
static gboolean
in_new_dir(const CliOutputs *set, const CliOut *o)
{
    for (guint i = 0; i < set->outs->len; i++) {
        const CliOut *d = g_ptr_array_index(set->outs, i);
        size_t n = d->kind == OUT_DIR ? strlen(d->tmp_path) : 0;
        if (n > 0 && strncmp(o->path, d->tmp_path, n) == 0 &&
            o->path[n] == G_DIR_SEPARATOR)
            return TRUE;
    }
    return FALSE;
}

/* Makes what was written in directory `dir` durable. */
static gboolean
sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return FALSE;
    gboolean ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

/* Writes `text` as the journal `path`: to a temporary, fsync'd, renamed
 * into place and the directory fsync'd, so a journal is whole or absent. */
static gboolean
write_journal(const char *path, const GString *text, GError **error)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *tmp =
        g_strdup_printf("%s/" JOURNAL ".tmp-%ld-XXXXXX", dir, (long)getpid());
    int fd = g_mkstemp(tmp);
    if (fd < 0)
        return io_error(error, "write a journal in", dir);
    gboolean ok =
        write(fd, text->str, text->len) == (ssize_t)text->len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || g_rename(tmp, path) != 0 || !sync_dir(dir)) {
        int e = errno;
        g_unlink(tmp);
        errno = e;
        return io_error(error, "write a journal in", dir);
    }
    return TRUE;
}

static void
remove_journals(CliOutputs *set)
{
    for (guint i = 0; i < set->journals->len; i++)
        g_unlink(set->journals->pdata[i]);
    g_ptr_array_set_size(set->journals, 0);
}

/* Before the renames of two single files or more: their journal in every
 * directory they touch (see recover_journals()). */
static gboolean
journal_renames(CliOutputs *set, GError **error)
{
    g_autoptr(GString) text = g_string_new(NULL);
    g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func(g_free);
    guint n = 0;
    for (guint i = 0; i < set->outs->len; i++) {
        const CliOut *o = g_ptr_array_index(set->outs, i);
        if (o->kind != OUT_FILE || in_new_dir(set, o))
            continue;
        g_autofree char *tmp = g_canonicalize_filename(o->tmp_path, NULL);
        g_autofree char *dest = g_canonicalize_filename(o->path, NULL);
        g_string_append_len(text, tmp, (gssize)strlen(tmp) + 1);
        g_string_append_len(text, dest, (gssize)strlen(dest) + 1);
        char *dir = g_path_get_dirname(dest);
        if (g_ptr_array_find_with_equal_func(dirs, dir, g_str_equal, NULL))
            g_free(dir);
        else
            g_ptr_array_add(dirs, dir);
        n++;
    }
    if (n < 2)
        return TRUE; /* one rename is one step */
    for (guint i = 0; i < dirs->len; i++) {
        char *path = journal_name(dirs->pdata[i], (long)getpid());
        g_ptr_array_add(set->journals, path);
        if (!write_journal(path, text, error)) {
            remove_journals(set); /* nothing has moved */
            return FALSE;
        }
    }
    return TRUE;
}

/* Fault injection for the tests: with ROTAPLAN_KILL_BEFORE=PATH (or
 * ROTAPLAN_KILL_AFTER=PATH) in the environment the process kills itself
 * with SIGKILL, as kill -9 or a power cut would, just before (after) the
 * output PATH moves into place.  tests/cli/plan-killed-* check what such
 * a kill leaves. */
static void
maybe_killed(const char *variable, const char *path)
{
    if (g_strcmp0(g_getenv(variable), path) == 0)
        raise(SIGKILL);
}

gboolean
cli_outputs_commit(CliOutputs *set, GError **error)
{
    g_return_val_if_fail(!set->committed, FALSE);
    GPtrArray *outs = set->outs;
    mode_t mode = 0666 & ~current_umask();
    /* 1. every file complete on disk: nothing is renamed before all are */
    for (guint i = 0; i < outs->len; i++) {
        CliOut *o = g_ptr_array_index(outs, i);
        if (o->kind != OUT_DIR && !finish_file(o, error))
            return FALSE;
        if (o->kind == OUT_FILE && g_chmod(o->tmp_path, mode) != 0)
            return io_error(error, "write", o->path);
    }
    set->committed = TRUE;
    /* 2. files into place (those inside a new directory too), then the
     * directories, innermost (opened last) first; the renames of single
     * files journalled first, so a kill between two can be rolled forward */
    if (!journal_renames(set, error))
        return FALSE;
    for (guint i = 0; i < outs->len; i++) {
        CliOut *o = g_ptr_array_index(outs, i);
        if (o->kind != OUT_FILE)
            continue;
        maybe_killed("ROTAPLAN_KILL_BEFORE", o->path);
        if (g_rename(o->tmp_path, o->path) != 0)
            return io_error(error, "write", o->path);
        g_clear_pointer(&o->tmp_path, g_free);
        maybe_killed("ROTAPLAN_KILL_AFTER", o->path);
    }
    remove_journals(set);
    for (guint i = outs->len; i-- > 0;) {
        CliOut *o = g_ptr_array_index(outs, i);
        if (o->kind != OUT_DIR)
            continue;
        maybe_killed("ROTAPLAN_KILL_BEFORE", o->path);
        if (!swap_dir(o->tmp_path, o->path, error))
            return FALSE;
        maybe_killed("ROTAPLAN_KILL_AFTER", o->path);
    }
    /* 3. the old directories, now at the temporary names, go; then what
     * goes to standard output */
    for (guint i = 0; i < outs->len; i++) {
        CliOut *o = g_ptr_array_index(outs, i);
        if (o->kind == OUT_DIR)
            cli_remove_tree(o->tmp_path);
        if (o->kind == OUT_DIR)
            g_clear_pointer(&o->tmp_path, g_free);
    }
    for (guint i = 0; i < outs->len; i++) {
        CliOut *o = g_ptr_array_index(outs, i);
        if (o->kind == OUT_STDOUT && !copy_to_stdout(o, error))
            return FALSE;
    }
    return TRUE;
}

static gboolean progress_shown;

void
cli_progress(const char *format, ...)
{
    if (!isatty(STDERR_FILENO))
        return;
    va_list ap;
    va_start(ap, format);
    g_autofree char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    fprintf(stderr, "\r\033[K%s", msg);
    fflush(stderr);
    progress_shown = TRUE;
}

void
cli_progress_end(void)
{
    if (progress_shown) {
        fprintf(stderr, "\r\033[K");
        fflush(stderr);
        progress_shown = FALSE;
    }
}

void
cli_warn(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    g_autofree char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    cli_progress_end();
    fprintf(stderr, "rotaplan: warning: %s\n", msg);
}

gboolean
cli_opt_duration(const char *name, const char *value, double *out,
                 GError **error)
{
    GError *local = NULL;
    if (!rp_parse_duration(value, out, &local)) {
        cli_usage(error, "%s: %s", name, local->message);
        g_error_free(local);
        return FALSE;
    }
    return TRUE;
}

gboolean
cli_opt_proportion(const char *name, const char *value, double *out,
                   GError **error)
{
    GError *local = NULL;
    if (!rp_parse_proportion(value, out, &local)) {
        cli_usage(error, "%s: %s", name, local->message);
        g_error_free(local);
        return FALSE;
    }
    return TRUE;
}

void
cli_remove_tree(const char *path)
{
    GDir *dir = g_dir_open(path, 0, NULL);
    if (dir != NULL) {
        const char *name;
        while ((name = g_dir_read_name(dir)) != NULL) {
            g_autofree char *child = g_build_filename(path, name, NULL);
            if (g_file_test(child, G_FILE_TEST_IS_DIR) &&
                !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
                cli_remove_tree(child);
            else
                g_unlink(child);
        }
        g_dir_close(dir);
    }
    g_rmdir(path);
}

/* The sign of a currency goes before the figure ("£"); without one, its
 * code after it (" XYZ"). */
static void
currency_parts(const char *currency, const char **before, char **after)
{
    *before = g_strcmp0(currency, "GBP") == 0   ? "£"
              : g_strcmp0(currency, "EUR") == 0 ? "€"
                                                : "";
    *after = **before || currency == NULL ? g_strdup("")
                                          : g_strdup_printf(" %s", currency);
}

/* Whole units with thousands separators. */
static void
append_thousands(GString *out, double a)
{
    g_autofree char *digits = g_strdup_printf("%.0f", a);
    size_t n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            g_string_append_c(out, ',');
        g_string_append_c(out, digits[i]);
    }
}

static char *
money_text(double value, const char *currency, gboolean sign, gboolean round_)
{
    if (!isfinite(value))
        return g_strdup("");
    const char *before;
    g_autofree char *after = NULL;
    currency_parts(currency, &before, &after);
    double a = fabs(value);
    GString *out = g_string_new(value < 0 && a >= 0.5           ? "-"
                                : sign && value > 0 && a >= 0.5 ? "+"
                                                                : "");
    g_string_append(out, before);
    if (round_ && a >= 999500.0)
        g_string_append_printf(out, "%.2fm", a / 1e6);
    else if (round_ && a >= 9999.5)
        g_string_append_printf(out, "%.0fk", a / 1e3);
    else
        append_thousands(out, a);
    g_string_append(out, after);
    return g_string_free(out, FALSE);
}

char *
cli_money(double value, const char *currency)
{
    return money_text(value, currency, FALSE, FALSE);
}

char *
cli_money_short(double value, const char *currency, gboolean sign)
{
    return money_text(value, currency, sign, TRUE);
}

gboolean
cli_copy_file(CliOutputs *set, const char *from, const char *to, GError **error)
{
    g_autofree char *body = NULL;
    size_t len;
    if (!rp_file_read(from, RP_FILE_MAX_CSV, &body, &len, error))
        return FALSE;
    g_autoptr(GString) text = g_string_new_len(body, (gssize)len);
    return cli_write(set, to, text, error);
}
