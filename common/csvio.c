/* common/csvio.c - CSV through libcsv, with line numbers.
 *
 * libcsv does not count lines, so the text is fed one physical line at a
 * time and the line where a record's first field began is remembered.  Its
 * callbacks return void, so the first problem is stored in the context and
 * turned into a GError after the chunk. */
#include "common/csvio.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <csv.h>

#include "common/error.h"

typedef struct csv_parser CsvParser;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CsvParser, csv_free)

typedef struct {
    const char *name;
    RpCsvRowFunc fn;
    gpointer user_data;
    GPtrArray *bufs;    /* GString *: field buffers, reused record to record */
    GPtrArray *fields;  /* char *: the record's fields (in bufs) */
    size_t line;        /* physical line being fed */
    size_t open_line;   /* line where an unfinished record began, or 0 */
    size_t record_line; /* line where the current record's first field ended */
    GError *error;      /* first failure, or NULL */
} ParseCtx;

static void
on_field(void *data, size_t len, void *ctx_)
{
    ParseCtx *ctx = ctx_;
    if (ctx->error != NULL)
        return;
    if (ctx->fields->len == 0)
        ctx->record_line = ctx->line;
    if (ctx->bufs->len <= ctx->fields->len)
        g_ptr_array_add(ctx->bufs, g_string_sized_new(32));
    GString *b = g_ptr_array_index(ctx->bufs, ctx->fields->len);
    g_string_truncate(b, 0);
    g_string_append_len(b, data ? data : "", (gssize)len);
    g_ptr_array_add(ctx->fields, b->str);
}

static void
on_record(int terminator, void *ctx_)
{
    ParseCtx *ctx = ctx_;
    (void)terminator;
    if (ctx->error == NULL && ctx->fields->len > 0) {
        GError *local = NULL;
        size_t line = ctx->record_line;
        if (!ctx->fn((const char *const *)ctx->fields->pdata, ctx->fields->len,
                     line, ctx->user_data, &local))
            g_propagate_prefixed_error(&ctx->error, local,
                                       "%s:%zu: ", ctx->name, line);
    }
    g_ptr_array_set_size(ctx->fields, 0);
}

static gboolean
feed(CsvParser *p, ParseCtx *ctx, const char *buf, size_t len, GError **error)
{
    /* libcsv's pstate 0 (ROW_NOT_BEGUN): this line starts a record */
    if (p->pstate == 0 && !p->quoted)
        ctx->open_line = ctx->line;
    if (csv_parse(p, buf, len, on_field, on_record, ctx) != len) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX,
                    "%s:%zu: malformed CSV: %s", ctx->name, ctx->line,
                    csv_strerror(csv_error(p)));
        return FALSE;
    }
    if (ctx->error != NULL) {
        g_propagate_error(error, g_steal_pointer(&ctx->error));
        return FALSE;
    }
    return TRUE;
}

static void
free_buf(gpointer b)
{
    g_string_free(b, TRUE);
}

gboolean
rp_csv_parse_text(const char *name, const char *text, size_t len,
                  RpCsvRowFunc fn, gpointer user_data, GError **error)
{
    g_return_val_if_fail(name != NULL && fn != NULL, FALSE);
    g_return_val_if_fail(text != NULL || len == 0, FALSE);

    g_auto(CsvParser) p;
    if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0)
        g_error("csv_init failed"); /* only on out of memory */
    g_autoptr(GPtrArray) bufs = g_ptr_array_new_with_free_func(free_buf);
    g_autoptr(GPtrArray) fields = g_ptr_array_new();
    ParseCtx ctx = {.name = name,
                    .fn = fn,
                    .user_data = user_data,
                    .bufs = bufs,
                    .fields = fields,
                    .line = 0};

    const char *pos = text, *end = text + len;
    while (pos < end) {
        const char *nl = memchr(pos, '\n', (size_t)(end - pos));
        const char *stop = nl ? nl + 1 : end;
        ctx.line++;
        if (!feed(&p, &ctx, pos, (size_t)(stop - pos), error))
            return FALSE;
        pos = stop;
    }
    if (csv_fini(&p, on_field, on_record, &ctx) != 0) {
        g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_SYNTAX,
                    "%s:%zu: malformed CSV: a quoted field begun on this "
                    "line is never closed",
                    name, ctx.open_line ? ctx.open_line : ctx.line);
        return FALSE;
    }
    if (ctx.error != NULL) {
        g_propagate_error(error, ctx.error);
        return FALSE;
    }
    return TRUE;
}

gboolean
rp_csv_parse_file(const char *path, RpCsvRowFunc fn, gpointer user_data,
                  GError **error)
{
    g_autofree char *text = NULL;
    gsize len = 0;
    GError *local = NULL;

    g_return_val_if_fail(path != NULL, FALSE);
    if (!g_file_get_contents(path, &text, &len, &local)) {
        g_set_error(error, RP_IO_ERROR, RP_IO_ERROR_READ, "%s", local->message);
        g_error_free(local);
        return FALSE;
    }
    return rp_csv_parse_text(path, text, len, fn, user_data, error);
}

gboolean
rp_csv_map_header(const char *const *fields, size_t n_fields, RpCsvColumn *cols,
                  size_t n_cols, GError **error)
{
    for (size_t c = 0; c < n_cols; c++) {
        cols[c].index = -1;
        for (size_t f = 0; f < n_fields; f++) {
            if (strcmp(fields[f], cols[c].name) != 0)
                continue;
            if (cols[c].index >= 0) {
                g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_DUPLICATE,
                            "column '%s' appears twice in the header",
                            cols[c].name);
                return FALSE;
            }
            cols[c].index = (int)f;
        }
        if (cols[c].required && cols[c].index < 0) {
            g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_MISSING,
                        "the header has no column '%s'", cols[c].name);
            return FALSE;
        }
    }
    return TRUE;
}

const char *
rp_csv_field(const char *const *fields, size_t n_fields, const RpCsvColumn *col)
{
    if (col->index < 0 || (size_t)col->index >= n_fields)
        return NULL;
    return fields[col->index];
}

gboolean
rp_csv_field_error(GError **error, const char *field, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    g_autofree char *msg = g_strdup_vprintf(format, ap);
    va_end(ap);
    g_set_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE, "%s: %s", field,
                msg);
    return FALSE;
}

void
rp_csv_append_field(GString *out, const char *field, gboolean first)
{
    if (!first)
        g_string_append_c(out, ',');
    if (field == NULL)
        return;
    if (strpbrk(field, ",\"\r\n") == NULL) {
        g_string_append(out, field);
        return;
    }
    g_string_append_c(out, '"');
    for (const char *c = field; *c; c++) {
        if (*c == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *c);
    }
    g_string_append_c(out, '"');
}

void
rp_csv_append_row(GString *out, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rp_csv_append_field(out, fields[i], i == 0);
    g_string_append_c(out, '\n');
}

/* Appends the decimal digits of m (< 10^18). */
static void
append_digits(GString *out, guint64 m)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    while (n)
        g_string_append_c(out, buf[--n]);
}

/* 15 significant digits of |v| in [1e-5, 1e15) by scaled integer
 * arithmetic: printf's exact conversion dominated the time to write a
 * year of requirements.  The product is exact to well under one unit in
 * the last digit, so the digits are those of %.15g, give or take one in
 * the fifteenth on a tie. */
static void
append_fixed(GString *out, double v)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,
                                   1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13,
                                   1e14, 1e15, 1e16, 1e17, 1e18, 1e19};
    double a = fabs(v);
    int e = (int)floor(log10(a)); /* a in [10^e, 10^(e+1)) */
    double p = e >= 0 ? pow10[e] : 1.0 / pow10[-e];
    if (a < p) /* log10 rounded up just below a power of ten */
        e--;
    int shift = 14 - e; /* digits after the point */
    guint64 m = (guint64)llround(a * pow10[shift]);
    if (m >= 1000000000000000ULL) { /* rounding carried into a new digit */
        shift--;
        m = (guint64)llround(a * pow10[shift]);
    }
    while (shift > 0 && m % 10 == 0) {
        m /= 10;
        shift--;
    }
    if (v < 0)
        g_string_append_c(out, '-');
    if (shift <= 0) {
        append_digits(out, m);
        return;
    }
    guint64 unit = 1;
    for (int i = 0; i < shift; i++)
        unit *= 10;
    append_digits(out, m / unit);
    g_string_append_c(out, '.');
    guint64 frac = m % unit;
    for (guint64 u = unit / 10; u > frac && u > 1; u /= 10)
        g_string_append_c(out, '0');
    append_digits(out, frac);
}

void
rp_csv_append_number(GString *out, double value, gboolean first)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    if (!first)
        g_string_append_c(out, ',');
    /* no figure (NAN) and no finite figure (an unbounded wait, say) are
     * both an empty field: spreadsheets cannot read "inf" */
    if (!isfinite(value))
        return;
    double a = fabs(value);
    if (a < 1e15 && !(a > floor(a))) {
        if (value < 0)
            g_string_append_c(out, '-');
        append_digits(out, (guint64)a);
    } else if (a >= 1e-5 && a < 1e15) {
        append_fixed(out, value);
    } else {
        g_string_append(out, g_ascii_formatd(buf, sizeof buf, "%.15g", value));
    }
}
