/* cli/cli.h - what every subcommand shares: option parsing, output
 * formats, writing files atomically, reporting errors with the right exit
 * status, and progress lines on a terminal.
 *
 * Exit status: 0 success, 2 usage error (including a figure given as an
 * option that the models cannot compute), 65 bad input (RP_DATA_ERROR, or
 * an input file that cannot be read: RP_IO_ERROR_READ), 1 anything else
 * (an output that cannot be written, gnuplot missing, an internal
 * error).  One message on stderr, prefixed
 * "rotaplan: ". */
#ifndef RP_CLI_CLI_H
#define RP_CLI_CLI_H

#include <glib.h>

#include "common/centre.h"
#include "common/fcr.h"
#include "forecast/forecast.h"

enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAIL = 1,
    CLI_EXIT_USAGE = 2,
    CLI_EXIT_DATA = 65,
};

/* The most threads --threads may ask for. */
#define CLI_MAX_THREADS 256

#define CLI_USAGE_ERROR (cli_usage_error_quark())
GQuark cli_usage_error_quark(void);

/* One subcommand. */
typedef struct {
    const char *name;    /* e.g. "staff" */
    const char *summary; /* one line for `rotaplan help` */
    int (*run)(int argc, char **argv);
} CliCommand;

int cmd_erlang(int argc, char **argv);
int cmd_staff(int argc, char **argv);
int cmd_scenario(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_forecast(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
int cmd_roster(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_intraday(int argc, char **argv);
int cmd_leave_check(int argc, char **argv);

/* Prints `error` as "rotaplan: message", frees it and returns the exit
 * status for its domain. */
int cli_fail(GError *error);

/* Sets a usage error (exit 2). */
void cli_usage(GError **error, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* Parses the options of `context` for command `name`; --help prints the
 * help and exits 0 (GOption's behaviour). */
gboolean cli_parse(GOptionContext *context, int *argc, char ***argv,
                   GError **error);

/* Output formats of results (html: a <table> for reports). */
typedef enum {
    CLI_FORMAT_TABLE,
    CLI_FORMAT_CSV,
    CLI_FORMAT_JSON,
    CLI_FORMAT_HTML
} CliFormat;

/* Parses --format; NULL picks table when `path` is standard output on a
 * terminal and csv otherwise. */
gboolean cli_format_parse(const char *text, const char *path, CliFormat *format,
                          GError **error);

/* How the phone lines are sized (docs/models.md). */
typedef enum {
    CLI_MODEL_PER_LINE, /* each line on its own */
    CLI_MODEL_POOLED,   /* one pool per interval */
    CLI_MODEL_SETS,     /* the pool, checked for every set of lines */
} CliModel;

/* Parses --model: "per-line", "pooled" or "skill-sets"; a usage error
 * otherwise.  NULL is the default: pooled where `centre` routes calls by
 * skill (the lines share their officers), else per-line. */
gboolean cli_model_parse(const char *text, const RpCentre *centre,
                         CliModel *model, GError **error);

/* The --model name of `model`: "per-line", "pooled" or "skill-sets". */
const char *cli_model_name(CliModel model);

/* TRUE when `path` (NULL or "-") means standard output. */
gboolean cli_is_stdout(const char *path);

/* ---- outputs: all or nothing ----------------------------------------- */

/* The outputs of one run.  Each is written to a temporary name beside its
 * place (PLACE.tmp-PID-XXXXXX for a file, .PLACE.new-PID-XXXXXX for a
 * directory); cli_outputs_commit() completes them all on disk and only
 * then moves them all into place, files first and directories last, so
 * a run that fails leaves every earlier output as it was.  A directory
 * replaces the old one in one step on Linux (renameat2 RENAME_EXCHANGE):
 * a kill at any moment leaves the old or the new one.  Standard output
 * is held back until the commit too.  The renames of two single files or
 * more are journalled first (.rotaplan-journal-PID in each directory they
 * touch): the next run that opens an output in one of those directories
 * rolls a killed run's renames forward, so no set is left half old, half
 * new.  Freeing an uncommitted set removes its temporaries; temporaries
 * of killed runs are removed when the next run writes the same output. */
typedef struct CliOutputs CliOutputs;
CliOutputs *cli_outputs_new(void);
void cli_outputs_free(CliOutputs *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CliOutputs, cli_outputs_free)

/* Refuses (usage) two of `paths` (n, NULL for an output not asked for)
 * naming the same file, so a command says so before its work, not after;
 * standard output ("-") may be named more than once. */
gboolean cli_outputs_distinct(const char *const *paths, size_t n,
                              GError **error);

/* Writes `text` as the output `path` (standard output for NULL or "-"). */
gboolean cli_write(CliOutputs *set, const char *path, const GString *text,
                   GError **error);

/* Copies the file `from` as the output `to`. */
gboolean cli_copy_file(CliOutputs *set, const char *from, const char *to,
                       GError **error);

/* A large output written as it is made: text appended to cli_out_text()
 * goes out in chunks (cli_out_flush()).  The stream belongs to `set`. */
typedef struct CliOut CliOut;
CliOut *cli_out_open(CliOutputs *set, const char *path, GError **error);
GString *cli_out_text(CliOut *out);
gboolean cli_out_flush(CliOut *out, GError **error);

/* The temporary name (transfer none) a program or library writes the
 * output `path` to, by name (gnuplot, the MPS export). */
const char *cli_outputs_file(CliOutputs *set, const char *path, GError **error);

/* A new, empty directory (transfer none) that replaces the directory
 * `path` as a whole at the commit; outputs inside it are opened with
 * names inside it.  A usage error when `path` exists as something else
 * than a directory. */
const char *cli_outputs_dir(CliOutputs *set, const char *path, GError **error);

/* Moves every output into place (see above).  Fails with RP_IO_ERROR_WRITE
 * when an output cannot be completed (nothing has moved then) or moved. */
gboolean cli_outputs_commit(CliOutputs *set, GError **error);

/* Progress on stderr when it is a terminal: the line is rewritten in
 * place; cli_progress_end() finishes it.  Silent otherwise. */
void cli_progress(const char *format, ...) G_GNUC_PRINTF(1, 2);
void cli_progress_end(void);

/* Removes `path` and everything under it (best effort). */
void cli_remove_tree(const char *path);

/* Warnings go to stderr as "rotaplan: warning: ...". */
void cli_warn(const char *format, ...) G_GNUC_PRINTF(1, 2);

/* Money for a person: whole units with thousands separators and the
 * currency's sign ("£23,581"; "23,581 XYZ" for a currency without one);
 * "" for a non-finite value.  (transfer full) */
char *cli_money(double value, const char *currency);

/* Money rounded for reading at a glance: "£3.26m", "£209k", "£1,103";
 * with `sign`, "+" before a positive amount (a change).  Negative
 * amounts start with "-".  (transfer full) */
char *cli_money_short(double value, const char *currency, gboolean sign);

/* Option callbacks shared by commands: a duration ("20s", "30m", "1h") or
 * a proportion ("0.8", "80%") into a double (the option's arg_data). */
gboolean cli_opt_duration(const char *name, const char *value, double *out,
                          GError **error);
gboolean cli_opt_proportion(const char *name, const char *value, double *out,
                            GError **error);

typedef struct RpPlot RpPlot;

/* Runs gnuplot (found at run time) on the script text `script`; its
 * standard output in `*out` when `out` is not NULL.  Fails with
 * RP_IO_ERROR_SPAWN when gnuplot is not installed or reports an error. */
gboolean cli_gnuplot_run(const char *script, char **out, GError **error);

/* Makes the script for drawing into the file `output`. (transfer full) */
typedef char *(*CliScriptFunc)(const char *output, gpointer data);

/* Draws the output `path` of `set`: gnuplot writes its temporary name (the
 * script from `script_for`). */
gboolean cli_gnuplot_draw(CliOutputs *set, const char *path,
                          CliScriptFunc script_for, gpointer data,
                          GError **error);

/* The comparison of scenario results (scenarios: RpScenario *, results:
 * RpScenarioResult[], the first the base) in `format`.  Table and html
 * are for reading: per scenario its description, the cost of meeting its
 * standards rounded, the change on the base, over or under budget by how
 * much, the FTE needed and what the budget buys when short.  Csv and
 * json carry every figure at full precision (docs/scenarios.md).  With a
 * finite `fte_in_post` (the officers' contracts in full-time
 * equivalents) it adds the FTE in post and the shortfall. */
void cli_scenario_table(GPtrArray *scenarios, const void *results,
                        const RpCentre *base, double fte_in_post,
                        CliFormat format, GString *out);

/* The frontier points as CSV in `path`. */
gboolean cli_scenario_frontier(CliOutputs *set, const char *path,
                               GPtrArray *scenarios, const void *results,
                               GError **error);

/* The cost-versus-service chart of scenario results (scenarios:
 * RpScenario *, results: RpScenarioResult[]), budgets labelled in
 * `currency`.  (transfer full) */
RpPlot *cli_frontier_plot(GPtrArray *scenarios, const void *results,
                          const char *currency);

/* Draws `plot` as the output `path` of `set`, .svg or .png by its name.  A
 * usage error for another name. */
gboolean cli_plot_file(CliOutputs *set, const RpPlot *plot, const char *path,
                       GError **error);

/* ---- result tables ---------------------------------------------------- */

/* How a column is shown in table format (csv and json show raw values). */
typedef enum {
    CLI_COL_TEXT,    /* text */
    CLI_COL_COUNT,   /* a count: up to 2 decimals, trailing zeros cut */
    CLI_COL_NUMBER,  /* a real number, 2 decimals */
    CLI_COL_PERCENT, /* a proportion, shown as a percentage */
    CLI_COL_SECONDS, /* seconds, 1 decimal */
    CLI_COL_MONEY,   /* money, 2 decimals */
} CliColumnKind;

typedef struct {
    const char *name;  /* header in csv/json */
    const char *title; /* header in table format (NULL: name) */
    CliColumnKind kind;
} CliColumn;

typedef struct CliTable CliTable;

CliTable *cli_table_new(const CliColumn *columns, size_t n_columns);
void cli_table_free(CliTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CliTable, cli_table_free)

/* Starts a new row; cells are then set by column index. */
void cli_table_row(CliTable *table);
void cli_table_text(CliTable *table, size_t column, const char *text);
void cli_table_number(CliTable *table, size_t column, double value);

/* Appends the table in `format` to `out`.  CSV: a header and one line per
 * row, numbers with 15 significant digits, NAN empty.  JSON: an array of
 * objects, non-finite numbers as null.  Table: aligned columns. */
void cli_table_render(const CliTable *table, CliFormat format, GString *out);

/* Appends the one row of `table` as a single JSON object and a line
 * break (a summary for scripts). */
void cli_table_render_object(const CliTable *table, GString *out);

/* Appends the one row of `table` as an HTML table of two columns, a
 * line per field (title, value as shown to a person): a wide row that
 * fits a page. */
void cli_table_render_fields(const CliTable *table, GString *out);

/* ---- histories (forecast, backtest) ----------------------------------- */

/* A centre, its history file read with gaps and daily totals allowed, the
 * events and the history laid out for forecasting. */
typedef struct {
    RpCentre *centre;
    RpVolumes *volumes;
    RpEvents *events; /* NULL without --events */
    RpHistory *history;
} CliHistory;

/* Loads all four; `events` and `start` (a date; default the day after the
 * history) may be NULL; `n_days` are to be forecast. */
gboolean cli_history_load(CliHistory *h, const char *config,
                          const char *history, const char *events,
                          const char *start, size_t n_days, GError **error);
void cli_history_clear(CliHistory *h);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CliHistory, cli_history_clear)

/* Forecasts the days `h` was loaded for, with the method chosen per queue
 * by backtest and the lines reconciled with their channels and the
 * centre as a backtest chooses (forecast --reconcile auto), and returns
 * the forecast as volumes, contacts read from `column` (NULL: the
 * expected contacts, else a quantile such as p80); the forecast file's
 * text goes to `*csv` when `csv` is not NULL, and a note on how it was
 * made (newly opened hours, reconciliation) to `*note` when `note` is
 * not NULL.
 * (transfer full) */
RpVolumes *cli_forecast_volumes(const CliHistory *h, const char *column,
                                GString **csv, char **note, GError **error);

/* A sentence on the newly opened hours of `f` and how they were
 * forecast, or NULL when there are none.  (transfer full) */
char *cli_forecast_new_hours_note(const RpForecast *f);

/* The same, and in `*rate_cv` (per centre queue, g_free()) the forecast's
 * own uncertainty: the coefficient of variation c of the rate in (1) of
 * forecast/forecast.h for the first week ahead, 0 for queues not
 * forecast. */
RpVolumes *cli_forecast_volumes_cv(const CliHistory *h, const char *column,
                                   double **rate_cv, GString **csv, char **note,
                                   GError **error);

/* Warns about gaps, out-of-hours contacts and outliers in the history,
 * pointing at `details` (the --anomalies file) when given. */
void cli_history_warn(const CliHistory *h, const char *details);

/* Warns about each queue of the centre the history cannot forecast (no
 * row before the forecast starts). */
void cli_history_warn_unforecast(const CliHistory *h);

/* Writes the history's anomalies as CSV. */
gboolean cli_write_anomalies(CliOutputs *set, const CliHistory *h,
                             const char *path, GError **error);

/* ---- the HTML report -------------------------------------------------- */

/* A self-contained HTML page: text, tables and charts (inline SVG drawn
 * by gnuplot), no scripts or styles from the network.  A small inline
 * script marks the page once every chart has drawn, for the browser check
 * (scripts/check-report.sh). */
typedef struct CliReport CliReport;

CliReport *cli_report_new(const char *title, const char *subtitle);
void cli_report_free(CliReport *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CliReport, cli_report_free)

/* A new section with a heading and, optionally, a paragraph. */
void cli_report_section(CliReport *r, const char *heading, const char *text);

/* A paragraph (plain text, escaped). */
void cli_report_paragraph(CliReport *r, const char *text);

/* Raw HTML (from cli_table_render(..., CLI_FORMAT_HTML, ...)). */
void cli_report_html(CliReport *r, const char *html);

/* Style rules (CSS) added to the page's style sheet, for classes a
 * section's HTML uses many times. */
void cli_report_style(CliReport *r, const char *css);

/* A table with a caption. */
void cli_report_table(CliReport *r, const CliTable *table, const char *caption);

/* A chart drawn by gnuplot with a caption. */
gboolean cli_report_chart(CliReport *r, const RpPlot *plot, const char *caption,
                          GError **error);

/* A small chart (320 x 170 px) for a grid of small multiples, which the
 * caller opens and closes with <div class="multiples">. */
gboolean cli_report_small_chart(CliReport *r, const RpPlot *plot,
                                const char *caption, GError **error);

/* The page, as the output `path` of `set`. */
gboolean cli_report_write(CliOutputs *set, const CliReport *r, const char *path,
                          GError **error);

/* Appends "WHAT: of N contacts, an estimated M (x%) are repeats of
 * contacts not resolved the first time..." for the splits of
 * rp_fcr_split() (one per queue of `c`). */
void cli_append_avoidable(GString *out, const char *what, const RpCentre *c,
                          const RpFcrSplit *split);

#endif
