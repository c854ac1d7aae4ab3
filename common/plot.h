/* common/plot.h - gnuplot scripts for rotaplan's charts, built as text.
 *
 * The library never runs programs: it writes the script, data included
 * inline as gnuplot data blocks, and cli/ runs gnuplot on it (see
 * cli_gnuplot() in cli/cli.h).  Keeping the script pure text makes every
 * chart testable without gnuplot. */
#ifndef RP_COMMON_PLOT_H
#define RP_COMMON_PLOT_H

#include <glib.h>

typedef struct RpPlot RpPlot;

/* A chart with a title and axis labels (any may be NULL). */
RpPlot *rp_plot_new(const char *title, const char *xlabel, const char *ylabel);
void rp_plot_free(RpPlot *plot);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RpPlot, rp_plot_free)

/* Adds a raw gnuplot command, e.g. "set key left top" or
 * "set yrange [0:*]". */
void rp_plot_set(RpPlot *plot, const char *command);

/* Adds a series of n points drawn "with `style`" (e.g. "lines lw 2",
 * "linespoints", "boxes", "steps"), labelled `label` in the key.  `x`
 * may be NULL for 0, 1, 2... */
void rp_plot_series(RpPlot *plot, const char *style, const char *label,
                    const double *x, const double *y, size_t n);

/* Adds a band between lo and hi ("filledcurves", drawn first). */
void rp_plot_band(RpPlot *plot, const char *label, const double *x,
                  const double *lo, const double *hi, size_t n);

/* Adds a heat map of rows x cols values (row 0 at the bottom) drawn
 * "with image"; NAN cells are left blank. */
void rp_plot_matrix(RpPlot *plot, const double *values, size_t rows,
                    size_t cols);

/* The whole script for terminal `terminal` (e.g. "svg size 900,360
 * dynamic font 'sans,11'") writing to the file `output`, or to standard
 * output when it is NULL.  (transfer full) */
char *rp_plot_script(const RpPlot *plot, const char *terminal,
                     const char *output);

/* The terminal for a file name: svg or pngcairo by its extension; NULL
 * for any other. */
const char *rp_plot_terminal_for(const char *path);

#endif
