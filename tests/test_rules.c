/* tests/test_rules.c - shift rules, working-time rules and roster prices
 * read from a centre configuration, and every way they can be wrong. */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gsl/gsl_errno.h>

#include "common/centre.h"
#include "common/error.h"
#include "common/rules.h"

static const char *const base = "[centre]\n"
                                "name = Test\n"
                                "[site:hub]\n"
                                "hours = mon-fri 08:00-20:00; sat 09:00-13:00\n"
                                "[site:mere]\n"
                                "hours = mon-fri 09:00-17:00\n"
                                "[queue:general]\n"
                                "channel = phone\n"
                                "hours = mon-fri 08:00-20:00\n"
                                "aht = 5m\n"
                                "service_level = 80%\n"
                                "answer_within = 20s\n";

/* Loads `base` followed by `extra`, with the [centre] group's keys
 * `centre` (may be ""); the file is deleted afterwards. */
static RpCentre *
load_with(const char *centre, const char *extra, GError **error)
{
    g_autofree char *dir = g_dir_make_tmp("rp-rules-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "centre.ini", NULL);
    g_autofree char *text = g_strconcat(base, extra, NULL);
    g_autofree char *head = g_strdup_printf("[centre]\n%s", centre);
    if (*centre) {
        g_autofree char *rest = g_strdup(text + strlen("[centre]\n"));
        g_free(text);
        text = g_strconcat(head, rest, NULL);
    }
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    RpCentre *c = rp_centre_load(path, error);
    g_remove(path);
    g_rmdir(dir);
    return c;
}

static RpCentre *
load(const char *extra, GError **error)
{
    return load_with("", extra, error);
}

static int
nth(const GArray *a, guint i)
{
    return g_array_index(a, int, i);
}

static void
test_defaults(void)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RpCentre) c = load("", &error);
    g_assert_no_error(error);
    const RpWorkRules *w = &c->rules->work;
    g_assert_cmpint(w->min_rest_min, ==, 660);
    g_assert_cmpint(w->break_after_min, ==, 360);
    g_assert_cmpint(w->min_break_min, ==, 20);
    g_assert_cmpint(w->max_week_min, ==, 48 * 60);
    g_assert_cmpint(w->max_days_running, ==, 6);
    g_assert_cmpfloat(c->rules->prices.understaffed_hour, ==, 60.0);
    g_assert_cmpfloat(c->rules->prices.below_minimum_hour, ==, 500.0);
    g_assert_null(rp_rules_site(c, 0));
    g_assert_null(rp_rules_site(c, 1));
}

static const char *const shifts =
    "[rules]\n"
    "min_rest = 12h\n"
    "max_week = 45h\n"
    "max_days_running = 5\n"
    "[roster]\n"
    "understaffed_hour = 75.5\n"
    "preference = 3\n"
    "below_minimum_hour = 250\n"
    "[shifts]\n"
    "starts = 08:00-10:00/30m, 12:00\n"
    "lengths = 4h-8h/2h, 7h30m\n"
    "breaks = 15m paid 1h30m-2h30m over 4h; 30m unpaid 3h-5h after start "
    "over 6h; 15m paid 1h30m-2h before end over 7h\n"
    "[shifts:mere]\n"
    "starts = 09:00, 13:00\n"
    "hours = mon-fri 09:00-17:00\n";

static void
test_parse(void)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RpCentre) c = load(shifts, &error);
    g_assert_no_error(error);
    g_assert_cmpint(c->rules->work.min_rest_min, ==, 720);
    g_assert_cmpint(c->rules->work.max_week_min, ==, 45 * 60);
    g_assert_cmpint(c->rules->work.max_days_running, ==, 5);
    g_assert_cmpfloat(c->rules->prices.understaffed_hour, ==, 75.5);
    g_assert_cmpfloat(c->rules->prices.preference, ==, 3.0);
    g_assert_cmpfloat(c->rules->prices.missed_contact, ==, 2.0);
    g_assert_cmpfloat(c->rules->prices.below_minimum_hour, ==, 250.0);

    const RpShiftRules *hub = rp_rules_site(c, 0);
    g_assert_nonnull(hub);
    g_assert_cmpuint(hub->starts->len, ==, 6);
    g_assert_cmpint(nth(hub->starts, 0), ==, 480);
    g_assert_cmpint(nth(hub->starts, 4), ==, 600);
    g_assert_cmpint(nth(hub->starts, 5), ==, 720);
    g_assert_cmpuint(hub->lengths->len, ==, 4); /* 4h 6h 7h30m 8h */
    g_assert_cmpint(nth(hub->lengths, 2), ==, 450);
    g_assert_cmpuint(hub->n_breaks, ==, 3);
    g_assert_false(hub->breaks[1].paid);
    g_assert_cmpint(hub->breaks[1].length_min, ==, 30);
    g_assert_cmpint(hub->breaks[1].over_min, ==, 360);
    g_assert_true(hub->breaks[2].from_end);
    g_assert_cmpint(hub->hours.day[5].open_min[0], ==, 540);

    const RpShiftRules *mere = rp_rules_site(c, 1);
    g_assert_cmpuint(mere->starts->len, ==, 2);
    g_assert_cmpint(nth(mere->starts, 1), ==, 780);
    g_assert_cmpuint(mere->lengths->len, ==, 4); /* from [shifts] */
    g_assert_cmpuint(mere->n_breaks, ==, 3);

    /* an 8h shift: tea at 1h30m, lunch at 3h, tea 2h before the end */
    int at[RP_MAX_BREAKS];
    g_assert_cmpint(rp_shift_rules_first_breaks(hub, 480, at), ==, 3);
    g_assert_cmpint(at[0], ==, 90);
    g_assert_cmpint(at[1], ==, 180);
    g_assert_cmpint(at[2], ==, 360);
    /* a 4h shift takes none of them */
    g_assert_cmpint(rp_shift_rules_first_breaks(hub, 240, at), ==, 0);
}

/* Loads `extra` and expects an RP_DATA_ERROR `code` whose message holds
 * every string of `parts`: from loading, or, for a fault in the shift
 * rules, from rp_rules_check_shifts() (where shifts are used). */
static void
expect_error(const char *extra, int code, const char *const *parts)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(RpCentre) c = load(extra, &error);
    if (c != NULL) {
        g_assert_null(error);
        g_assert_false(rp_rules_check_shifts(c, &error));
        /* unusable rules are not kept for any site */
        g_assert_null(rp_rules_site(c, 0));
    }
    g_assert_error(error, RP_DATA_ERROR, code);
    for (size_t i = 0; error && parts[i]; i++)
        if (strstr(error->message, parts[i]) == NULL)
            g_test_fail_printf("'%s' lacks '%s'", error->message, parts[i]);
}

static void
test_unknown_key(void)
{
    expect_error("[rules]\nmax_hours = 40h\n", RP_DATA_ERROR_UNKNOWN,
                 (const char *const[]){"centre.ini:14", "[rules] max_hours",
                                       "max_week", NULL});
    expect_error(
        "[shifts]\nstart = 09:00\n", RP_DATA_ERROR_UNKNOWN,
        (const char *const[]){"centre.ini:14", "[shifts] start", NULL});
}

/* [roster] min_block: on the grid and no longer than the longest shift,
 * named with its file and line; the positions' prices read. */
static void
test_min_block(void)
{
    static const char shifts[] = "[shifts]\nstarts = 09:00\nlengths = 4h, 6h\n";
    g_autofree char *grid =
        g_strconcat(shifts, "[roster]\nmin_block = 20m\n", NULL);
    expect_error(grid, RP_DATA_ERROR_VALUE,
                 (const char *const[]){"centre.ini:17", "[roster] min_block",
                                       "'20m' is not a whole number of "
                                       "15-minute intervals",
                                       NULL});
    g_autofree char *longer =
        g_strconcat(shifts, "[roster]\nmin_block = 6h15m\n", NULL);
    expect_error(longer, RP_DATA_ERROR_VALUE,
                 (const char *const[]){"centre.ini:17", "[roster] min_block",
                                       "longer than any shift", NULL});
    g_autoptr(GError) error = NULL;
    g_autofree char *fine =
        g_strconcat(shifts,
                    "[roster]\nmin_block = 6h\nposition_change = 4.5\n"
                    "start_time_change = 0\n",
                    NULL);
    g_autoptr(RpCentre) c = load(fine, &error);
    g_assert_no_error(error);
    g_assert_cmpint(c->rules->min_block_min, ==, 360);
    g_assert_cmpfloat(c->rules->prices.position_change, ==, 4.5);
    g_assert_cmpfloat(c->rules->prices.start_time_change, ==, 0.0);
    g_autoptr(RpCentre) d = load("", &error);
    g_assert_no_error(error);
    g_assert_cmpint(d->rules->min_block_min, ==, 60);
    g_assert_cmpfloat(d->rules->prices.position_change, ==, 3.0);
    g_assert_cmpfloat(d->rules->prices.start_time_change, ==, 5.0);
}

static void
test_unknown_site(void)
{
    expect_error("[shifts:wyndham]\nstarts = 09:00\nlengths = 4h\n",
                 RP_DATA_ERROR_UNKNOWN,
                 (const char *const[]){"centre.ini:13", "[shifts:wyndham]",
                                       "no [site:wyndham]", NULL});
}

static void
test_unusable_start(void)
{
    /* mere opens at 09:00: a 07:00 start fits no site's hours */
    expect_error("[shifts:mere]\nstarts = 07:00, 09:00\nlengths = 4h\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"centre.ini:14", "[shifts:mere] starts",
                                       "07:00", NULL});
    /* the default is used by hub and mere: 20:00 fits neither */
    expect_error("[shifts]\nstarts = 09:00, 20:00\nlengths = 4h\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[shifts] starts", "20:00", NULL});
    expect_error("[shifts]\nstarts = 09:00\nlengths = 4h, 13h\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[shifts] lengths", "13h", NULL});
}

static void
test_unlawful_shift(void)
{
    expect_error("[shifts]\nstarts = 09:00\nlengths = 7h\n"
                 "breaks = 15m paid 2h-3h\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"centre.ini:16", "[shifts] breaks",
                                       "7h shift", "20m", "over 6h", NULL});
    /* no breaks at all: the lengths are at fault */
    expect_error("[shifts]\nstarts = 09:00\nlengths = 6h30m\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[shifts] lengths", "6h30m", NULL});
}

static void
test_breaks_do_not_fit(void)
{
    /* the lunch window starts after a 4h shift has ended */
    expect_error("[shifts]\nstarts = 09:00\nlengths = 4h\n"
                 "breaks = 30m unpaid 4h-5h\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[shifts] breaks", "4h shift", NULL});
}

/* A 30-minute centre with 15-minute breaks (the sample council's rules
 * on a coarser grid) loads, so it can forecast and staff; the roster,
 * which uses the shifts, gets the error. */
static void
test_rules_only_where_used(void)
{
    g_autoptr(GError) error = NULL;
    const char *text = "[shifts]\nstarts = 09:00\nlengths = 8h\n"
                       "breaks = 15m paid 1h-2h; 30m unpaid 3h-5h\n";
    g_autoptr(RpCentre) ok = load(text, &error);
    g_assert_no_error(error);
    g_assert_true(rp_rules_check_shifts(ok, &error));
    g_assert_nonnull(rp_rules_site(ok, 0));
    g_autoptr(RpCentre) c = load_with("interval = 30m\n", text, &error);
    g_assert_no_error(error);
    g_assert_cmpint(c->interval_min, ==, 30);
    g_assert_false(rp_rules_check_shifts(c, &error));
    g_assert_error(error, RP_DATA_ERROR, RP_DATA_ERROR_VALUE);
    g_assert_nonnull(strstr(error->message, "[shifts] breaks"));
    g_assert_nonnull(strstr(error->message, "'15m' is not a whole number of "
                                            "30-minute intervals"));
    g_assert_null(rp_rules_site(c, 0));
}

static void
test_bad_values(void)
{
    expect_error("[shifts]\nstarts = 09:10\nlengths = 4h\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[shifts] starts", "09:10", NULL});
    expect_error("[shifts]\nstarts = 09:00\nlengths = 4h10m\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[shifts] lengths", "4h10m", NULL});
    expect_error("[shifts]\nstarts = 10:00-09:00/30m\nlengths = 4h\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[shifts] starts", "ascending", NULL});
    expect_error(
        "[shifts]\nstarts = 09:00\nlengths = 4h\n"
        "breaks = 15m sometimes 1h-2h\n",
        RP_DATA_ERROR_VALUE,
        (const char *const[]){"[shifts] breaks", "is not a break", NULL});
    expect_error("[shifts:mere]\nlengths = 4h\n", RP_DATA_ERROR_MISSING,
                 (const char *const[]){"[shifts:mere]", "starts", NULL});
    expect_error("[rules]\nmax_days_running = 2.5\n", RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[rules] max_days_running", NULL});
    expect_error(
        "[roster]\nunfair_hour = -1\n", RP_DATA_ERROR_VALUE,
        (const char *const[]){"[roster] unfair_hour", "negative", NULL});
    expect_error("[rules]\nmin_break = 7h\n", RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[rules] min_break", NULL});
    /* found by fuzz_config: a step with no values read past the split
     * array, and a duration past a long's range was cast to one */
    expect_error("[shifts]\nstarts = 09:00\nlengths = 4h, /30m\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[shifts] lengths", "no values", NULL});
    expect_error("[shifts]\nstarts = 09:00\nlengths = 1e40h\n",
                 RP_DATA_ERROR_VALUE,
                 (const char *const[]){"[shifts] lengths", "1e40h", NULL});
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    gsl_set_error_handler_off();
    g_test_add_func("/rules/read/defaults", test_defaults);
    g_test_add_func("/rules/read/parse", test_parse);
    g_test_add_func("/rules/read/unknown-key", test_unknown_key);
    g_test_add_func("/rules/read/min-block", test_min_block);
    g_test_add_func("/rules/read/unknown-site", test_unknown_site);
    g_test_add_func("/rules/check/unusable-start", test_unusable_start);
    g_test_add_func("/rules/check/only-where-used", test_rules_only_where_used);
    g_test_add_func("/rules/check/unlawful-shift", test_unlawful_shift);
    g_test_add_func("/rules/check/breaks-do-not-fit", test_breaks_do_not_fit);
    g_test_add_func("/rules/read/bad-values", test_bad_values);
    return g_test_run();
}
