/* cli/report.c - the HTML report: one self-contained page.
 *
 * Charts are gnuplot's SVG output with its XML prolog removed, inlined in
 * <figure> elements; the style sheet is inline; nothing is fetched.  The
 * only script counts the charts that have drawn (an SVG with a non-empty
 * box) and records "N/M" in the page's data-charts attribute, and the
 * pixels the page overflows its window sideways in data-overflow, which
 * the headless-browser check reads. */
#include <math.h>
#include <string.h>

#include "cli/cli.h"
#include "common/plot.h"

struct CliReport {
    char *title;
    GString *style; /* rules added to the style sheet */
    GString *body;
    int charts;
};

/* Screen: a page up to 1200 px wide that never scrolls sideways (wide
 * tables scroll inside their box).  Print: the rota alone, one site per
 * A4 landscape page. */
static const char style[] =
    /* the page */
    "body{font-family:system-ui,sans-serif;margin:1em auto;padding:0 1em;"
    "max-width:1200px;color:#1d2733;line-height:1.4}"
    "h1{margin:.2em 0 .1em}"
    "h2{margin-top:1.6em;border-bottom:2px solid #d0d7de;padding-bottom:.2em}"
    ".subtitle{color:#57606a;margin-top:0}"
    "table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.88em}"
    "th,td{padding:.2em .5em;border-bottom:1px solid #d0d7de;text-align:left}"
    "th{background:#f3f5f7}"
    ".num{text-align:right;font-variant-numeric:tabular-nums}"
    ".wide{overflow-x:auto;max-width:100%}"
    "figure{margin:.5em 0 1.5em}figure svg{width:100%;height:auto}"
    "figcaption,caption{color:#57606a;font-size:.85em;text-align:left}"
    "figure svg image{image-rendering:pixelated}"
    /* the week at a glance */
    ".glance{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start}"
    ".verdict td{text-align:center;min-width:3.2em;"
    "font-variant-numeric:tabular-nums}"
    ".verdict td,.verdict th{padding:.12em .45em}"
    ".verdict tr.group th,.facts tr.group th{background:#fff;"
    "border-bottom:2px solid #d0d7de;padding-top:.8em;font-weight:600}"
    ".met{background:#c9ecd2}.near{background:#ffe9a8}"
    ".miss{background:#f6c1c1}"
    ".closed{color:#8b949e;background:#f6f8fa;font-size:.85em}"
    ".facts{min-width:19em}.facts td.num{font-weight:600}"
    ".facts tr.note td{color:#57606a;font-size:.85em;border-bottom:none;"
    "padding-top:0}"
    /* the detail */
    ".multiples{display:grid;grid-template-columns:repeat(auto-fill,"
    "minmax(270px,1fr));gap:.3em 1em}.multiples figure{margin:0}"
    ".multiples figcaption{font-size:.75em}"
    ".scenarios td{vertical-align:top}.scenarios small{color:#57606a}"
    /* gnuplot's repeated attributes (compact_svg) */
    ".gk{fill:none;color:#000;stroke:currentColor;stroke-width:1}"
    ".gg{fill:none;color:gray;stroke:currentColor;stroke-width:.5}"
    ".gl{stroke:gray;stroke-dasharray:2,4}"
    ".tstart,.tmiddle,.tend{stroke:none;fill:#000;font-family:sans,"
    "sans-serif}.tstart{text-anchor:start}.tmiddle{text-anchor:middle}"
    ".tend{text-anchor:end}"
    /* the rota: a site's officers may come in several tables (the
     * compact print layout), one below the other on screen */
    ".rota{table-layout:fixed;width:100%;font-size:.8em}"
    ".rota th:first-child{width:9em}"
    ".rota td{vertical-align:top;padding:.15em .3em}"
    ".rota .times{display:block;font-variant-numeric:tabular-nums}"
    ".rota td.elsewhere{color:#57606a;font-size:.85em}"
    ".bar{display:flex;height:.7em;border:1px solid #8b949e}"
    ".bar i{display:block}"
    ".legend i{display:inline-block;width:1.2em;height:.8em;"
    "border:1px solid #8b949e;vertical-align:middle}"
    "i.p{background:#1f77b4}i.d{background:#ff7f0e}i.w{background:#2ca02c}"
    "i.b{background:#e1e4e8}i.o{background:#9467bd}i.f{background:#fff}"
    ".site .legend{display:none}"
    ".site h3 small{font-weight:400;color:#57606a}"
    ".sheet{margin:.6em 0 1.2em}.sheet>.rota{margin:0}"
    ".sheet>.rota+.rota thead{display:none}"
    ".site h3.more{display:none}"
    ".cover td{padding:.15em .35em;font-size:.9em}"
    /* print: the rota alone, each site on its A4 landscape page */
    "@page{size:A4 landscape;margin:10mm}"
    "@media print{"
    "body{margin:0;max-width:none;font-size:9pt}"
    "body>:not(.rotas){display:none!important}"
    ".rotas>.legend,.cover{display:none}"
    ".site .legend{display:block;margin:0 0 1mm;font-size:7pt}"
    ".site{break-after:page;break-inside:avoid}"
    ".site:last-child{break-after:auto}"
    ".site h3{margin:0 0 1mm}"
    ".rota{font-size:6.5pt;margin:0;line-height:1.05}"
    ".rota td,.rota th{padding:.2mm 1mm}"
    ".bar{height:1.8mm}"
    ".sheet{margin:0;break-inside:avoid}"
    ".site h3.more{display:block;break-before:page}"
    ".sheet>.rota+.rota thead{display:table-header-group}"
    /* large sites: the tables side by side, smaller */
    ".compact .sheet{display:flex;gap:3mm;align-items:flex-start}"
    ".compact .sheet>.rota{flex:1 1 0;width:0;font-size:6pt;"
    "font-family:'Arial Narrow','Liberation Sans Narrow',"
    "'DejaVu Sans Condensed',system-ui,sans-serif;font-stretch:condensed}"
    ".compact .rota th:first-child{width:20mm}"
    ".compact .rota td{border-left:1px solid #d0d7de}"
    ".compact .rota tbody th{font-weight:400}"
    ".compact .rota td.elsewhere{white-space:normal;font-size:5pt;"
    "line-height:1}"
    ".compact .rota th,.compact .rota td{white-space:nowrap;overflow:hidden;"
    "text-overflow:ellipsis;padding:.15mm .6mm}"
    ".compact .bar{height:1.5mm}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/* Counts the charts that have drawn, and measures how far the page
 * overflows the window sideways (0 when it fits) and how tall it is
 * (bench/report.sh prints it). */
static const char script[] =
    "<script>\n"
    "window.addEventListener('load', function () {\n"
    "  var svgs = document.querySelectorAll('figure svg');\n"
    "  var drawn = 0;\n"
    "  svgs.forEach(function (s) {\n"
    "    var b = s.getBoundingClientRect();\n"
    "    if (b.width > 0 && b.height > 0 && s.querySelector('path')) drawn++;\n"
    "  });\n"
    "  var d = document.documentElement;\n"
    "  d.setAttribute('data-charts', drawn + '/' + svgs.length);\n"
    "  d.setAttribute('data-overflow',\n"
    "      Math.max(0, d.scrollWidth - d.clientWidth));\n"
    "  d.setAttribute('data-height', d.scrollHeight);\n"
    "});\n"
    "</script>\n";

CliReport *
cli_report_new(const char *title, const char *subtitle)
{
    CliReport *r = g_new0(CliReport, 1);
    r->title = g_strdup(title);
    r->style = g_string_new(NULL);
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
    g_string_free(r->style, TRUE);
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
cli_report_style(CliReport *r, const char *css)
{
    g_string_append(r->style, css);
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

/* A number in an SVG tag to a whole pixel, or to a tenth below 10
 * (line widths, opacities, scales). */
static gboolean
round_number(const GMatchInfo *match, GString *out, gpointer data)
{
    (void)data;
    g_autofree char *text = g_match_info_fetch(match, 0);
    double v = g_ascii_strtod(text, NULL);
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(out, g_ascii_formatd(buf, sizeof buf,
                                         fabs(v) >= 10.0 ? "%.0f" : "%.1f", v));
    return FALSE;
}

/* Every number with a fraction in an SVG tag (not in its text). */
static gboolean
round_tag(const GMatchInfo *match, GString *out, gpointer number)
{
    g_autofree char *text = g_match_info_fetch(match, 0);
    g_autofree char *rounded =
        g_regex_replace_eval(number, text, -1, 0, 0, round_number, NULL, NULL);
    g_string_append(out, rounded);
    return FALSE;
}

/* gnuplot's SVG made smaller for inlining: no title, description or
 * empty groups, no SVG defaults spelled out, no point and filter
 * definitions when nothing uses them (their ids would also repeat across
 * the page), gnuplot's most repeated attributes as classes of the
 * page's style sheet, no indentation, and coordinates to
 * whole pixels.  (transfer full) */
static char *
compact_svg(const char *svg)
{
    const char *start = strstr(svg, "<svg");
    g_autofree char *text = g_strdup(start ? start : svg);
    const char *defs = strstr(text, "<defs>");
    const char *defs_end = defs ? strstr(defs, "</defs>") : NULL;
    if (defs_end && !strstr(defs_end, "href='#") &&
        !strstr(defs_end, "url(#")) {
        size_t a = (size_t)(defs - text), b = (size_t)(defs_end - text) + 7;
        memmove(text + a, text + b, strlen(text + b) + 1);
    }
    static const char *const rules[][2] = {
        {"<title>[^<]*</title>\\s*|<desc>[^<]*</desc>\\s*", ""},
        {" stroke-linecap=\"butt\"| stroke-linejoin=\"miter\"", ""},
        {"<g [^>]*>\\s*</g>\\s*", ""},
        {"<g fill=\"none\" color=\"black\" stroke=\"currentColor\" "
         "stroke-width=\"1.00\">",
         "<g class=gk>"},
        {"<g fill=\"none\" color=\"gray\" stroke=\"currentColor\" "
         "stroke-width=\"0.50\">",
         "<g class=gg>"},
        {" stroke='gray' stroke-dasharray='2,4' class=\"gridline\"\\s*",
         " class=gl "},
        {" stroke=\"none\" fill=\"black\" font-family=\"sans\" "
         "font-size=\"([0-9.]+)\"\\s*text-anchor=\"(start|middle|end)\"",
         " class=t\\2 font-size=\"\\1\""},
        {"[ \\t]+(['\"\\n])", "\\1"},
        {"\\n\\s*", "\\n"},
    };
    char *out = g_steal_pointer(&text);
    for (size_t i = 0; i < G_N_ELEMENTS(rules); i++) {
        /* no G_REGEX_OPTIMIZE: PCRE2's JIT code reads past the end of the
         * subject in 16-byte steps, which valgrind reports as errors (make
         * valgrind); each pattern runs once per chart */
        g_autoptr(GRegex) re = g_regex_new(rules[i][0], 0, 0, NULL);
        g_assert(re != NULL);
        char *next = g_regex_replace(re, out, -1, 0, rules[i][1], 0, NULL);
        g_free(out);
        out = next;
    }
    g_autoptr(GRegex) tag = g_regex_new("<[a-z][^>]*>", 0, 0, NULL);
    g_autoptr(GRegex) number = g_regex_new("-?[0-9]+\\.[0-9]+", 0, 0, NULL);
    g_assert(tag != NULL && number != NULL);
    char *next =
        g_regex_replace_eval(tag, out, -1, 0, 0, round_tag, number, NULL);
    g_free(out);
    return next;
}

/* Draws `plot` on the SVG `terminal` into the page as a figure. */
static gboolean
embed(CliReport *r, const RpPlot *plot, const char *terminal,
      const char *caption, GError **error)
{
    g_autofree char *svg = NULL;
    g_autofree char *script_text = rp_plot_script(plot, terminal, NULL);
    if (!cli_gnuplot_run(script_text, &svg, error))
        return FALSE;
    g_autofree char *small = compact_svg(svg);
    g_autofree char *c = g_markup_escape_text(caption, -1);
    g_string_append_printf(r->body,
                           "<figure>\n%s\n<figcaption>%s"
                           "</figcaption>\n</figure>\n",
                           small, c);
    r->charts++;
    return TRUE;
}

gboolean
cli_report_chart(CliReport *r, const RpPlot *plot, const char *caption,
                 GError **error)
{
    return embed(r, plot, rp_plot_terminal_for("x.svg"), caption, error);
}

gboolean
cli_report_small_chart(CliReport *r, const RpPlot *plot, const char *caption,
                       GError **error)
{
    return embed(r, plot,
                 "svg size 320,170 dynamic font 'sans,9' background '#ffffff'",
                 caption, error);
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
                           "<style>%s%s</style>\n%s</head>\n<body>\n",
                           t, style, r->style->str, script);
    g_string_append(page, r->body->str);
    g_string_append(page, "</body>\n</html>\n");
    return cli_write(set, path, page, error);
}
