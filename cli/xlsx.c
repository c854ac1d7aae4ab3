/* cli/xlsx.c - the rota as a spreadsheet workbook (.xlsx), for managers
 * who plan in a spreadsheet.
 *
 * Written with libxlsxwriter (Debian's libxlsxwriter-dev), which writes
 * the Office Open XML format every spreadsheet program reads; the only
 * file of rotaplan that includes <xlsxwriter.h>.  The sheets:
 *
 *   one rota sheet per site ("Rota Pennyfarthing House"): an officer per
 *     row, a day per column, each shift's times ("09:00-17:00"), the
 *     header row and officer column frozen, printed on A4 landscape one
 *     page wide;
 *   Activities, Coverage, Hours: the CSV files of the same names, cell
 *     for cell (numbers as numbers), so a sheet and its file agree.
 *
 * The workbook goes to a temporary name beside `path` and is renamed
 * into place when complete, like every other file rotaplan writes; its
 * creation time is the rota's first day, so it is the same for the same
 * rota. */
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <glib/gstdio.h>

#include "cli/plan.h"
#include "common/csvio.h"
#include "common/error.h"
#include "common/units.h"

#define SHEET_NAME_MAX 31 /* Excel's limit */

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ ,
 * cut on a UTF-8 boundary. */
static char *
sheet_name(const char *text)
{
    GString *s = g_string_new(NULL);
    glong n = 0;
    for (const char *p = text; *p && n < SHEET_NAME_MAX;
         p += g_utf8_skip[*(const guchar *)p], n++) {
        gunichar c = g_utf8_get_char(p);
        if (strchr("[]:*?/\\", (int)c) && c < 128)
            c = ' ';
        g_string_append_unichar(s, c);
    }
    return g_string_free(s, FALSE);
}

static void
hhmm(const RpRosterInput *in, gint64 utc, char *buf, size_t size)
{
    const RpCentre *c = in->centre;
    gint64 day = rp_centre_local_day(c, utc);
    int m = (int)((rp_clock_local(c->clock, utc) - day * 86400) / 60);
    g_snprintf(buf, size, "%02d:%02d", m / 60, m % 60);
}

static void
rota_sheet(lxw_workbook *wb, const RpRosterInput *in, const RpRoster *ro,
           size_t s, lxw_format *head, lxw_format *wrap)
{
    const RpCentre *c = in->centre;
    const RpRosterDemand *d = in->req;
    gboolean any = FALSE;
    for (guint k = 0; k < ro->shifts->len && !any; k++)
        any = g_array_index(ro->shifts, RpShift, k).site == (int)s;
    if (!any)
        return;
    g_autofree char *site = rp_centre_short_name(rp_centre_site(c, s)->name);
    g_autofree char *title = g_strdup_printf("Rota %s", site);
    g_autofree char *name = sheet_name(title);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
    worksheet_freeze_panes(ws, 1, 1);
    worksheet_set_column(ws, 0, 0, 22, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)d->n_days, 14, wrap);
    worksheet_write_string(ws, 0, 0, "Officer", head);
    for (size_t k = 0; k < d->n_days; k++) {
        char date[16], label[32];
        gint64 day = d->first_day + (gint64)k;
        rp_format_date(day, date, sizeof date);
        g_snprintf(label, sizeof label, "%s %s",
                   plan_weekday_names[rp_weekday(day)], date);
        worksheet_write_string(ws, 0, (lxw_col_t)(k + 1), label, head);
    }
    lxw_row_t row = 0;
    for (size_t o = 0; o < ro->n_officers; o++) {
        gboolean here = FALSE;
        for (guint k = 0; k < ro->shifts->len && !here; k++) {
            const RpShift *sh = &g_array_index(ro->shifts, RpShift, k);
            here = sh->officer == o && sh->site == (int)s;
        }
        if (!here)
            continue;
        row++;
        const RpOfficer *officer = g_ptr_array_index(in->officers, o);
        worksheet_write_string(ws, row, 0, officer->name, NULL);
        for (guint k = 0; k < ro->shifts->len; k++) {
            const RpShift *sh = &g_array_index(ro->shifts, RpShift, k);
            if (sh->officer != o)
                continue;
            lxw_col_t col = (lxw_col_t)(sh->day + 1);
            if (sh->site != (int)s) {
                g_autofree char *where = rp_centre_short_name(
                    rp_centre_site(c, (size_t)sh->site)->name);
                g_autofree char *text = g_strdup_printf("at %s", where);
                worksheet_write_string(ws, row, col, text, wrap);
                continue;
            }
            char a[8], b[8], text[16];
            hhmm(in, sh->start_utc, a, sizeof a);
            hhmm(in, sh->end_utc, b, sizeof b);
            g_snprintf(text, sizeof text, "%s-%s", a, b);
            worksheet_write_string(ws, row, col, text, NULL);
        }
    }
}

typedef struct {
    lxw_worksheet *ws;
    lxw_format *head;
    lxw_row_t row;
} SheetRows;

/* One CSV record into the next row: numbers as numbers, the header in
 * bold. */
static gboolean
sheet_row(const char *const *fields, size_t n_fields, size_t line,
          gpointer user_data, GError **error)
{
    SheetRows *s = user_data;
    (void)line;
    (void)error;
    for (size_t k = 0; k < n_fields; k++) {
        const char *f = fields[k];
        char *end = NULL;
        double v = g_ascii_strtod(f, &end);
        if (s->row > 0 && *f && end && *end == '\0')
            worksheet_write_number(s->ws, s->row, (lxw_col_t)k, v, NULL);
        else if (*f)
            worksheet_write_string(s->ws, s->row, (lxw_col_t)k, f,
                                   s->row == 0 ? s->head : NULL);
    }
    s->row++;
    return TRUE;
}

/* A sheet holding CSV text cell for cell. */
static gboolean
csv_sheet(lxw_workbook *wb, const char *name, const char *csv, lxw_format *head,
          GError **error)
{
    SheetRows s = {workbook_add_worksheet(wb, name), head, 0};
    worksheet_freeze_panes(s.ws, 1, 0);
    worksheet_set_column(s.ws, 0, 1, 18, NULL);
    return rp_csv_parse_text(name, csv, strlen(csv), sheet_row, &s, error);
}

gboolean
cli_roster_xlsx(const char *path, const RpRosterInput *in, const RpRoster *ro,
                GError **error)
{
    g_autofree char *tmp = g_strdup_printf("%s.tmp-%d", path, (int)getpid());
    /* the library reports a file it cannot create on stderr itself: find
     * out first, and say it once, here */
    GError *local = NULL;
    if (!g_file_set_contents(tmp, "", 0, &local)) {
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE,
                    "cannot write %s: %s", path, local->message);
        g_error_free(local);
        return FALSE;
    }
    lxw_workbook_options options = {
        .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE};
    lxw_workbook *wb = workbook_new_opt(tmp, &options);
    if (wb == NULL) {
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE, "cannot write %s",
                    path);
        return FALSE;
    }
    /* the same rota gives the same file, byte for byte: the workbook's
     * creation time (which the library also stamps on the zip entries) is
     * the start of the rota's week, not the time of the run */
    lxw_doc_properties properties = {.created = (time_t)in->req->start_utc};
    workbook_set_properties(wb, &properties);
    lxw_format *head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bg_color(head, 0xF3F5F7);
    lxw_format *wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    for (size_t s = 0; s < in->centre->sites->len; s++)
        rota_sheet(wb, in, ro, s, head, wrap);
    g_autofree char *activities = rp_roster_activities_csv(in, ro);
    g_autofree char *coverage = rp_roster_coverage_csv(in, ro);
    g_autoptr(CliTable) hours_table = cli_roster_hours_table(in, ro);
    g_autoptr(GString) hours = g_string_new(NULL);
    cli_table_render(hours_table, CLI_FORMAT_CSV, hours);
    gboolean ok = csv_sheet(wb, "Activities", activities, head, error) &&
                  csv_sheet(wb, "Coverage", coverage, head, error) &&
                  csv_sheet(wb, "Hours", hours->str, head, error);
    lxw_error status = workbook_close(wb);
    if (ok && status != LXW_NO_ERROR) {
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE,
                    "cannot write %s: %s", path, lxw_strerror(status));
        ok = FALSE;
    }
    if (ok && g_rename(tmp, path) != 0) {
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_WRITE, "cannot write %s",
                    path);
        ok = FALSE;
    }
    if (!ok)
        g_unlink(tmp);
    return ok;
}
