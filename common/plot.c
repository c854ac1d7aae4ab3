/* common/plot.c - building gnuplot scripts.
 *
 * Data go in named data blocks ($d0, $d1...) ahead of the plot command,
 * written with %.10g: charts need no more digits than that. */
#include "common/plot.h"

#include <math.h>
#include <string.h>

struct RpPlot {
    GString *head;    /* set commands */
    GString *data;    /* data blocks */
    GPtrArray *plot;  /* char *: plot clauses, drawn in order */
    GPtrArray *first; /* char *: clauses drawn before the others (bands) */
    int blocks;       /* data blocks so far */
    gboolean matrix;  /* a heat map: plotted alone */
};

static void
quoted(GString *s, const char *text)
{
    g_string_append_c(s, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_c(s, '\\');
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '"');
}

RpPlot *
rp_plot_new(const char *title, const char *xlabel, const char *ylabel)
{
    RpPlot *p = g_new0(RpPlot, 1);
    p->head = g_string_new("set encoding utf8\nset termoption noenhanced\n"
                           "set grid\n"
                           "set border 3\nset tics nomirror\n");
    p->data = g_string_new(NULL);
    p->plot = g_ptr_array_new_with_free_func(g_free);
    p->first = g_ptr_array_new_with_free_func(g_free);
    const char *what[] = {"title", "xlabel", "ylabel"};
    const char *text[] = {title, xlabel, ylabel};
    for (int i = 0; i < 3; i++) {
        if (text[i] == NULL)
            continue;
        g_string_append_printf(p->head, "set %s ", what[i]);
        quoted(p->head, text[i]);
        g_string_append_c(p->head, '\n');
    }
    return p;
}

void
rp_plot_free(RpPlot *plot)
{
    if (plot == NULL)
        return;
    g_string_free(plot->head, TRUE);
    g_string_free(plot->data, TRUE);
    g_ptr_array_unref(plot->plot);
    g_ptr_array_unref(plot->first);
    g_free(plot);
}

void
rp_plot_set(RpPlot *plot, const char *command)
{
    g_string_append_printf(plot->head, "%s\n", command);
}

static void
number(GString *s, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (isfinite(v))
        g_string_append(s, g_ascii_formatd(buf, sizeof buf, "%.10g", v));
    else
        g_string_append(s, "NaN");
}

/* Starts data block $dN; returns N. */
static int
block(RpPlot *plot)
{
    int n = plot->blocks++;
    g_string_append_printf(plot->data, "$d%d << EOD\n", n);
    return n;
}

void
rp_plot_series(RpPlot *plot, const char *style, const char *label,
               const double *x, const double *y, size_t n)
{
    int b = block(plot);
    for (size_t i = 0; i < n; i++) {
        number(plot->data, x ? x[i] : (double)i);
        g_string_append_c(plot->data, ' ');
        number(plot->data, y[i]);
        g_string_append_c(plot->data, '\n');
    }
    g_string_append(plot->data, "EOD\n");
    g_autoptr(GString) clause = g_string_new(NULL);
    g_string_append_printf(clause, "$d%d using 1:2 with %s title ", b, style);
    quoted(clause, label ? label : "");
    g_ptr_array_add(plot->plot, g_string_free(g_steal_pointer(&clause), FALSE));
}

void
rp_plot_band(RpPlot *plot, const char *label, const double *x, const double *lo,
             const double *hi, size_t n)
{
    int b = block(plot);
    for (size_t i = 0; i < n; i++) {
        number(plot->data, x ? x[i] : (double)i);
        g_string_append_c(plot->data, ' ');
        number(plot->data, lo[i]);
        g_string_append_c(plot->data, ' ');
        number(plot->data, hi[i]);
        g_string_append_c(plot->data, '\n');
    }
    g_string_append(plot->data, "EOD\n");
    g_autoptr(GString) clause = g_string_new(NULL);
    g_string_append_printf(clause,
                           "$d%d using 1:2:3 with filledcurves "
                           "fillcolor rgb '#c6dbef' fillstyle solid 0.6 "
                           "noborder title ",
                           b);
    quoted(clause, label ? label : "");
    g_ptr_array_add(plot->first,
                    g_string_free(g_steal_pointer(&clause), FALSE));
}

void
rp_plot_matrix(RpPlot *plot, const double *values, size_t rows, size_t cols)
{
    int b = block(plot);
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < cols; c++) {
            if (c)
                g_string_append_c(plot->data, ' ');
            number(plot->data, values[r * cols + c]);
        }
        g_string_append_c(plot->data, '\n');
    }
    g_string_append(plot->data, "EOD\n");
    g_ptr_array_add(plot->plot,
                    g_strdup_printf("$d%d matrix with image notitle", b));
    plot->matrix = TRUE;
}

char *
rp_plot_script(const RpPlot *plot, const char *terminal, const char *output)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "set terminal %s\nset output", terminal);
    if (output) {
        g_string_append_c(s, ' ');
        quoted(s, output);
    }
    g_string_append_c(s, '\n');
    g_string_append(s, plot->head->str);
    g_string_append(s, plot->data->str);
    g_string_append(s, "plot ");
    guint n = 0;
    GPtrArray *lists[] = {plot->first, plot->plot};
    for (int l = 0; l < 2; l++)
        for (guint i = 0; i < lists[l]->len; i++)
            g_string_append_printf(s, "%s%s", n++ ? ", \\\n     " : "",
                                   (char *)g_ptr_array_index(lists[l], i));
    if (n == 0)
        g_string_append(s, "NaN notitle");
    g_string_append_c(s, '\n');
    return g_string_free(s, FALSE);
}

const char *
rp_plot_terminal_for(const char *path)
{
    if (g_str_has_suffix(path, ".svg"))
        return "svg size 900,400 dynamic font 'sans,11' background '#ffffff'";
    if (g_str_has_suffix(path, ".png"))
        return "pngcairo size 900,400 font 'sans,10'";
    return NULL;
}
