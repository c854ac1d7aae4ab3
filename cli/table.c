/* cli/table.c - result tables rendered as aligned text, CSV or JSON.
 *
 * Cells keep both a number and text so that csv and json carry full
 * precision while the table shown to a person is rounded and readable. */
#include <math.h>
#include <string.h>

#include "cli/cli.h"
#include "common/csvio.h"

typedef struct {
    char *text;   /* text cell, or NULL for a number */
    double value; /* number cell */
} Cell;

struct CliTable {
    CliColumn *columns;
    size_t n_columns;
    GArray *cells; /* Cell, row-major */
};

CliTable *
cli_table_new(const CliColumn *columns, size_t n_columns)
{
    CliTable *t = g_new0(CliTable, 1);
    t->columns = g_memdup2(columns, n_columns * sizeof *columns);
    t->n_columns = n_columns;
    t->cells = g_array_new(FALSE, TRUE, sizeof(Cell));
    return t;
}

void
cli_table_free(CliTable *table)
{
    if (table == NULL)
        return;
    for (guint i = 0; i < table->cells->len; i++)
        g_free(g_array_index(table->cells, Cell, i).text);
    g_array_unref(table->cells);
    g_free(table->columns);
    g_free(table);
}

static size_t
n_rows(const CliTable *t)
{
    return t->cells->len / t->n_columns;
}

static Cell *
cell(const CliTable *t, size_t row, size_t col)
{
    return &g_array_index(t->cells, Cell, row * t->n_columns + col);
}

void
cli_table_row(CliTable *table)
{
    for (size_t c = 0; c < table->n_columns; c++) {
        Cell empty = {NULL, NAN};
        g_array_append_val(table->cells, empty);
    }
}

void
cli_table_text(CliTable *table, size_t column, const char *text)
{
    g_return_if_fail(column < table->n_columns && n_rows(table) > 0);
    Cell *c = cell(table, n_rows(table) - 1, column);
    g_free(c->text);
    c->text = g_strdup(text);
}

void
cli_table_number(CliTable *table, size_t column, double value)
{
    g_return_if_fail(column < table->n_columns && n_rows(table) > 0);
    Cell *c = cell(table, n_rows(table) - 1, column);
    g_clear_pointer(&c->text, g_free);
    c->value = value;
}

/* The text a person sees for a cell. */
static char *
display(const Cell *c, CliColumnKind kind)
{
    if (c->text)
        return g_strdup(c->text);
    if (isnan(c->value))
        return g_strdup("");
    if (isinf(c->value))
        return g_strdup(c->value > 0 ? "inf" : "-inf");
    switch (kind) {
    case CLI_COL_PERCENT:
        return g_strdup_printf("%.1f%%", 100.0 * c->value);
    case CLI_COL_SECONDS:
        return g_strdup_printf("%.1f", c->value);
    case CLI_COL_COUNT: {
        char *s = g_strdup_printf("%.2f", c->value);
        char *end = s + strlen(s) - 1;
        while (*end == '0')
            *end-- = '\0';
        if (*end == '.')
            *end = '\0';
        return s;
    }
    case CLI_COL_NUMBER:
    case CLI_COL_MONEY:
    case CLI_COL_TEXT:
    default:
        return g_strdup_printf("%.2f", c->value);
    }
}

static void
render_table(const CliTable *t, GString *out)
{
    size_t rows = n_rows(t);
    g_autofree size_t *width = g_new0(size_t, t->n_columns);
    g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func(g_free);
    for (size_t c = 0; c < t->n_columns; c++) {
        const char *title =
            t->columns[c].title ? t->columns[c].title : t->columns[c].name;
        width[c] = (size_t)g_utf8_strlen(title, -1);
    }
    for (size_t r = 0; r < rows; r++) {
        for (size_t c = 0; c < t->n_columns; c++) {
            char *s = display(cell(t, r, c), t->columns[c].kind);
            width[c] = MAX(width[c], (size_t)g_utf8_strlen(s, -1));
            g_ptr_array_add(texts, s);
        }
    }
    for (size_t r = 0; r <= rows; r++) {
        for (size_t c = 0; c < t->n_columns; c++) {
            const char *s =
                r == 0 ? (t->columns[c].title ? t->columns[c].title
                                              : t->columns[c].name)
                       : g_ptr_array_index(texts, (r - 1) * t->n_columns + c);
            size_t pad = width[c] - (size_t)g_utf8_strlen(s, -1);
            gboolean left = t->columns[c].kind == CLI_COL_TEXT;
            if (c > 0)
                g_string_append(out, "  ");
            if (!left)
                g_string_append_printf(out, "%*s", (int)pad, "");
            g_string_append(out, s);
            if (left && c + 1 < t->n_columns)
                g_string_append_printf(out, "%*s", (int)pad, "");
        }
        g_string_append_c(out, '\n');
    }
}

static void
render_csv(const CliTable *t, GString *out)
{
    for (size_t c = 0; c < t->n_columns; c++)
        rp_csv_append_field(out, t->columns[c].name, c == 0);
    g_string_append_c(out, '\n');
    for (size_t r = 0; r < n_rows(t); r++) {
        for (size_t c = 0; c < t->n_columns; c++) {
            const Cell *x = cell(t, r, c);
            if (x->text)
                rp_csv_append_field(out, x->text, c == 0);
            else
                rp_csv_append_number(out, x->value, c == 0);
        }
        g_string_append_c(out, '\n');
    }
}

static void
json_string(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            g_string_append_printf(out, "\\%c", *p);
        else if (*p < 0x20)
            g_string_append_printf(out, "\\u%04x", *p);
        else
            g_string_append_c(out, (char)*p);
    }
    g_string_append_c(out, '"');
}

/* Row `r` as one JSON object, "{...}". */
static void
json_row(const CliTable *t, size_t r, GString *out)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_c(out, '{');
    for (size_t c = 0; c < t->n_columns; c++) {
        const Cell *x = cell(t, r, c);
        if (c)
            g_string_append(out, ", ");
        json_string(out, t->columns[c].name);
        g_string_append(out, ": ");
        if (x->text)
            json_string(out, x->text);
        else if (!isfinite(x->value))
            g_string_append(out, "null");
        else
            g_string_append(
                out, g_ascii_formatd(buf, sizeof buf, "%.15g", x->value));
    }
    g_string_append_c(out, '}');
}

static void
render_json(const CliTable *t, GString *out)
{
    g_string_append(out, "[");
    for (size_t r = 0; r < n_rows(t); r++) {
        g_string_append(out, r ? ",\n " : "\n ");
        json_row(t, r, out);
    }
    g_string_append(out, "\n]\n");
}

void
cli_table_render_object(const CliTable *table, GString *out)
{
    g_return_if_fail(n_rows(table) == 1);
    json_row(table, 0, out);
    g_string_append_c(out, '\n');
}

static void
render_html(const CliTable *t, GString *out)
{
    g_string_append(out, "<table>\n<thead><tr>");
    for (size_t c = 0; c < t->n_columns; c++) {
        const char *title =
            t->columns[c].title ? t->columns[c].title : t->columns[c].name;
        g_autofree char *e = g_markup_escape_text(title, -1);
        g_string_append_printf(
            out, "<th%s>%s</th>",
            t->columns[c].kind == CLI_COL_TEXT ? "" : " class=\"num\"", e);
    }
    g_string_append(out, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < n_rows(t); r++) {
        g_string_append(out, "<tr>");
        for (size_t c = 0; c < t->n_columns; c++) {
            g_autofree char *s = display(cell(t, r, c), t->columns[c].kind);
            g_autofree char *e = g_markup_escape_text(s, -1);
            g_string_append_printf(
                out, "<td%s>%s</td>",
                t->columns[c].kind == CLI_COL_TEXT ? "" : " class=\"num\"", e);
        }
        g_string_append(out, "</tr>\n");
    }
    g_string_append(out, "</tbody>\n</table>\n");
}

void
cli_table_render_fields(const CliTable *table, GString *out)
{
    g_return_if_fail(n_rows(table) == 1);
    g_string_append(out, "<table class=\"fields\">\n<tbody>\n");
    for (size_t c = 0; c < table->n_columns; c++) {
        const CliColumn *col = &table->columns[c];
        g_autofree char *t =
            g_markup_escape_text(col->title ? col->title : col->name, -1);
        g_autofree char *v = display(cell(table, 0, c), col->kind);
        g_autofree char *e = g_markup_escape_text(v, -1);
        g_string_append_printf(
            out, "<tr><th>%s</th><td%s>%s</td></tr>\n", t,
            col->kind == CLI_COL_TEXT ? "" : " class=\"num\"", e);
    }
    g_string_append(out, "</tbody>\n</table>\n");
}

void
cli_table_render(const CliTable *table, CliFormat format, GString *out)
{
    switch (format) {
    case CLI_FORMAT_HTML:
        render_html(table, out);
        break;
    case CLI_FORMAT_TABLE:
        render_table(table, out);
        break;
    case CLI_FORMAT_CSV:
        render_csv(table, out);
        break;
    case CLI_FORMAT_JSON:
        render_json(table, out);
        break;
    }
}
