/* cli/gnuplot.c - running gnuplot, found at run time.
 *
 * The script goes through a temporary file rather than a pipe to
 * gnuplot's standard input, so one g_spawn_sync() call does the work and
 * a large script cannot dead-lock against gnuplot's output.  Files are
 * drawn to a temporary name beside the target and renamed. */
#include <unistd.h>

#include <glib/gstdio.h>

#include "cli/cli.h"
#include "common/error.h"
#include "common/plot.h"

gboolean
cli_gnuplot_run(const char *script, char **out, GError **error)
{
    g_autofree char *program = g_find_program_in_path("gnuplot");
    if (program == NULL) {
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_SPAWN,
                    "charts need gnuplot, which is not installed (Debian "
                    "package gnuplot-nox)");
        return FALSE;
    }
    g_autofree char *tmp = NULL;
    g_autofree char *err_text = NULL;
    GError *local = NULL;
    int fd = g_file_open_tmp("rotaplan-XXXXXX.gp", &tmp, &local);
    gboolean ok = fd >= 0;
    if (ok) {
        close(fd);
        ok = g_file_set_contents(tmp, script, -1, &local);
    }
    int status = 0;
    char *argv[] = {program, tmp, NULL};
    if (ok)
        ok = g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out,
                          &err_text, &status, &local) &&
             g_spawn_check_wait_status(status, &local);
    if (tmp)
        g_unlink(tmp);
    if (!ok) {
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_SPAWN, "gnuplot: %s%s%s",
                    local->message, err_text && *err_text ? ": " : "",
                    err_text ? g_strstrip(err_text) : "");
        g_error_free(local);
        if (out)
            g_clear_pointer(out, g_free);
        return FALSE;
    }
    return TRUE;
}

gboolean
cli_gnuplot_draw(const char *path, CliScriptFunc script_for, gpointer data,
                 GError **error)
{
    g_autofree char *tmp = g_strdup_printf("%s.tmp-%d", path, (int)getpid());
    g_autofree char *script = script_for(tmp, data);
    if (!cli_gnuplot_run(script, NULL, error)) {
        g_unlink(tmp);
        return FALSE;
    }
    if (g_rename(tmp, path) != 0) {
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE, "cannot write %s",
                    path);
        g_unlink(tmp);
        return FALSE;
    }
    return TRUE;
}

typedef struct {
    const RpPlot *plot;
    const char *terminal;
} PlotFile;

static char *
plot_script(const char *output, gpointer data)
{
    const PlotFile *pf = data;
    return rp_plot_script(pf->plot, pf->terminal, output);
}

gboolean
cli_plot_file(const RpPlot *plot, const char *path, GError **error)
{
    PlotFile pf = {plot, rp_plot_terminal_for(path)};
    if (pf.terminal == NULL) {
        cli_usage(error, "%s: a chart is drawn as .svg or .png", path);
        return FALSE;
    }
    return cli_gnuplot_draw(path, plot_script, &pf, error);
}
