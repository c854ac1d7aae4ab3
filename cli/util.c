/* cli/util.c - errors, exit status, output files and progress lines. */
#define _POSIX_C_SOURCE 200809L /* fdopen, fileno, fsync */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "common/error.h"
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
    if (error->domain == RP_DATA_ERROR)
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

gboolean
cli_model_parse(const char *text, CliModel *model, GError **error)
{
    static const char *const names[] = {"per-line", "pooled", "skill-sets"};
    if (text == NULL) {
        *model = CLI_MODEL_PER_LINE;
        return TRUE;
    }
    for (size_t k = 0; k < G_N_ELEMENTS(names); k++)
        if (strcmp(text, names[k]) == 0) {
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

struct CliOut {
    char *path;     /* final name, or NULL for standard output */
    char *tmp_path; /* temporary file beside it */
    FILE *file;
    GString *text; /* not yet written */
};

static gboolean
io_error(GError **error, const char *what, const char *path)
{
    g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE, "cannot %s %s: %s", what,
                path, g_strerror(errno));
    return FALSE;
}

CliOut *
cli_out_open(const char *path, GError **error)
{
    g_autoptr(CliOut) out = g_new0(CliOut, 1);
    out->text = g_string_sized_new(1 << 20);
    if (cli_is_stdout(path)) {
        out->file = stdout;
        return g_steal_pointer(&out);
    }
    out->path = g_strdup(path);
    out->tmp_path = g_strdup_printf("%s.tmp-XXXXXX", path);
    int fd = g_mkstemp(out->tmp_path);
    if (fd < 0) {
        g_clear_pointer(&out->tmp_path, g_free);
        io_error(error, "create a file next to", path);
        return NULL;
    }
    out->file = fdopen(fd, "w");
    if (out->file == NULL) {
        close(fd);
        io_error(error, "write", path);
        return NULL;
    }
    return g_steal_pointer(&out);
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

gboolean
cli_out_commit(CliOut *out, GError **error)
{
    if (!cli_out_flush(out, error))
        return FALSE;
    if (out->path == NULL)
        return fflush(stdout) == 0 || io_error(error, "write", "output");
    FILE *f = g_steal_pointer(&out->file);
    if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
        fclose(f);
        return io_error(error, "write", out->path);
    }
    if (fclose(f) != 0)
        return io_error(error, "write", out->path);
    if (g_chmod(out->tmp_path, 0666 & ~current_umask()) != 0 ||
        g_rename(out->tmp_path, out->path) != 0)
        return io_error(error, "write", out->path);
    g_clear_pointer(&out->tmp_path, g_free);
    return TRUE;
}

void
cli_out_free(CliOut *out)
{
    if (out == NULL)
        return;
    if (out->file && out->file != stdout)
        fclose(out->file);
    if (out->tmp_path)
        g_unlink(out->tmp_path);
    g_free(out->tmp_path);
    g_free(out->path);
    g_string_free(out->text, TRUE);
    g_free(out);
}

gboolean
cli_write(const char *path, const GString *text, GError **error)
{
    g_autoptr(CliOut) out = cli_out_open(path, error);
    if (out == NULL)
        return FALSE;
    g_string_append_len(out->text, text->str, (gssize)text->len);
    return cli_out_commit(out, error);
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

/* The old directory, if any, moves aside and is removed only once the new
 * one is in place. */
gboolean
cli_dir_swap(const char *tmp, const char *out, GError **error)
{
    g_autofree char *old = NULL;
    if (g_file_test(out, G_FILE_TEST_EXISTS)) {
        old = g_strdup_printf("%s.old-%d", out, (int)getpid());
        if (g_rename(out, old) != 0) {
            g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE,
                        "cannot move the previous %s aside: %s", out,
                        g_strerror(errno));
            return FALSE;
        }
    }
    if (g_rename(tmp, out) != 0) {
        int e = errno;
        if (old)
            g_rename(old, out);
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE,
                    "cannot put the new files in %s: %s", out, g_strerror(e));
        return FALSE;
    }
    if (old)
        cli_remove_tree(old);
    return TRUE;
}

char *
cli_dir_beside(const char *out, GError **error)
{
    g_autofree char *parent = g_path_get_dirname(out);
    g_autofree char *base = g_path_get_basename(out);
    g_autofree char *tmpl = g_strdup_printf("%s/.%s.new-XXXXXX", parent, base);
    char *dir = g_mkdtemp_full(g_steal_pointer(&tmpl), 0755);
    if (dir == NULL)
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE,
                    "cannot create a directory beside %s: %s", out,
                    g_strerror(errno));
    return dir;
}

gboolean
cli_copy_file(const char *from, const char *to, GError **error)
{
    g_autofree char *body = NULL;
    gsize len;
    GError *local = NULL;
    if (!g_file_get_contents(from, &body, &len, &local)) {
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_READ, "%s", local->message);
        g_error_free(local);
        return FALSE;
    }
    g_autoptr(GString) text = g_string_new_len(body, (gssize)len);
    return cli_write(to, text, error);
}
