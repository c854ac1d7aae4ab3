/* tests/fuzz/fuzz_day.c - the rota and activities files of a plan, as
 * `rotaplan intraday` reads one day of them back (rp_day_read), for the
 * plan of tests/data/intraday/ (Monday 2027-01-11, officers a1 to a6).
 *
 * The input is rota.csv, optionally followed by a line "%%" and the text
 * of activities.csv (empty when there is no "%%"). */
#define _GNU_SOURCE /* memmem */
#include "common/centre.h"
#include "common/units.h"
#include "intraday/intraday.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const ids[] = {"a1", "a2", "a3", "a4", "a5", "a6"};
    static RpCentre *c;
    static gint64 day;
    if (c == NULL) {
        g_autofree char *ini = fuzz_fixture("tests/data/intraday/centre.ini");
        c = rp_centre_load(ini, NULL);
        if (c == NULL || !rp_parse_date("2027-01-11", &day, NULL))
            abort();
    }
    const uint8_t *cut = memmem(data, size, "\n%%\n", 4);
    size_t rota_len = cut ? (size_t)(cut - data) : size;
    g_autofree char *rota = fuzz_write("rota.csv", data, rota_len);
    g_autofree char *activities =
        cut ? fuzz_write("activities.csv", cut + 4, size - rota_len - 4)
            : fuzz_write("activities.csv", NULL, 0);
    GError *error = NULL;
    RpDay *d =
        rp_day_read(c, day, ids, G_N_ELEMENTS(ids), rota, activities, &error);
    fuzz_check(d != NULL, error, fuzz_dir());
    rp_day_free(d);
    return 0;
}
