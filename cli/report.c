/* cli/report.c - the HTML report: one self-contained page.
 *
 * Charts are gnuplot's SVG output with its XML prolog removed, inlined in
 * <figure> elements; the style sheet is inline; nothing is fetched.  The
 * only script counts the charts that have drawn (an SVG with a non-empty
 * box) and records "N/M" in the page's data-charts attribute, which the
 * headless-browser check reads. */
#include <string.h>

#include "cli/cli.h"
#include "common/plot.h"

struct CliReport {
    char *title;
    GString *body;
    int charts;
};

static const char style[] =
    "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:"
    "960px;color:#1d2733;line-height:1.45}"
    "h1{margin-bottom:.1em}h2{margin-top:2em;border-bottom:2px solid "
    "#d0d7de;padding-bottom:.2em}.subtitle{color:#57606a;margin-top:0}"
    "table{border-collapse:collapse;margin:.6em 0 1.4em;font-size:.9em}"
    "th,td{padding:.25em .7em;border-bottom:1px solid #d0d7de;text-align:"
    "left}th{background:#f3f5f7}.num{text-align:right;font-variant-numeric:"
    "tabular-nums}figure{margin:1em 0 2em}figure svg{width:100%;height:"
    "auto}figcaption,caption{color:#57606a;font-size:.9em}"
    ".miss{color:#b00000}@media print{h2{break-before:auto}figure,table{"
    "break-inside:avoid}}";

static const char script[] =
    "<script>\n"
    "window.addEventListener('load', function () {\n"
    "  var svgs = document.querySelectorAll('figure svg');\n"
    "  var drawn = 0;\n"
    "  svgs.forEach(function (s) {\n"
    "    var b = s.getBoundingClientRect();\n"
    "    if (b.width > 0 && b.height > 0 && s.querySelector('path')) drawn++;\n"
    "  });\n"
    "  document.documentElement.setAttribute('data-charts',\n"
    "      drawn + '/' + svgs.length);\n"
    "});\n"
    "</script>\n";

CliReport *
cli_report_new(const char *title, const char *subtitle)
{
    CliReport *r = g_new0(CliReport, 1);
    r->title = g_strdup(title);
    r->body = g_string_new(NULL);
    g_autofree char *t = g_markup_escape_text(title, -1);
    g_string_append_printf(r->body, "<h1>%s</h1>\n", t);
    if (subtitle) {
        g_autofree char *s = g_markup_escape_text(subtitle, -1);
        g_string_append_printf(r->body, "<p class=\"subtitle\">%s</p>\n", s);
    }
    return r;
}

void
cli_report_free(CliReport *r)
{
    if (r == NULL)
        return;
    g_free(r->title);
    g_string_free(r->body, TRUE);
    g_free(r);
}

void
cli_report_section(CliReport *r, const char *heading, const char *text)
{
    g_autofree char *h = g_markup_escape_text(heading, -1);
    g_string_append_printf(r->body, "<h2>%s</h2>\n", h);
    if (text)
        cli_report_paragraph(r, text);
}

void
cli_report_paragraph(CliReport *r, const char *text)
{
    g_autofree char *t = g_markup_escape_text(text, -1);
    g_string_append_printf(r->body, "<p>%s</p>\n", t);
}

void
cli_report_html(CliReport *r, const char *html)
{
    g_string_append(r->body, html);
}

void
cli_report_table(CliReport *r, const CliTable *table, const char *caption)
{
    if (caption) {
        g_autofree char *c = g_markup_escape_text(caption, -1);
        g_string_append_printf(r->body, "<p><strong>%s</strong></p>\n", c);
    }
    cli_table_render(table, CLI_FORMAT_HTML, r->body);
}

gboolean
cli_report_chart(CliReport *r, const RpPlot *plot, const char *caption,
                 GError **error)
{
    g_autofree char *svg = NULL;
    if (!cli_plot_svg(plot, &svg, error))
        return FALSE;
    const char *start = strstr(svg, "<svg");
    if (start == NULL)
        start = svg;
    g_autofree char *c = g_markup_escape_text(caption, -1);
    g_string_append_printf(r->body,
                           "<figure>\n%s\n<figcaption>%s"
                           "</figcaption>\n</figure>\n",
                           start, c);
    r->charts++;
    return TRUE;
}

gboolean
cli_report_write(CliOutputs *set, const CliReport *r, const char *path,
                 GError **error)
{
    g_autoptr(GString) page = g_string_new(NULL);
    g_autofree char *t = g_markup_escape_text(r->title, -1);
    g_string_append_printf(page,
                           "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
                           "<meta charset=\"utf-8\">\n<title>%s</title>\n"
                           "<style>%s</style>\n%s</head>\n<body>\n",
                           t, style, script);
    g_string_append(page, r->body->str);
    g_string_append(page, "</body>\n</html>\n");
    return cli_write(set, path, page, error);
}
