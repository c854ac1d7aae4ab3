/* tests/fuzz/fuzz_backlog.c - the backlog file `rotaplan plan --backlog`
 * reads (the backlog.csv of last week's plan), for the sample council and
 * the week from Monday 2026-11-30. */
#include "common/centre.h"
#include "common/units.h"
#include "models/evaluate.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static RpCentre *c;
    static gint64 monday;
    if (c == NULL) {
        g_autofree char *ini = fuzz_fixture("data/centre.ini");
        c = rp_centre_load(ini, NULL);
        if (c == NULL || !rp_parse_date("2026-11-30", &monday, NULL))
            abort();
    }
    g_autofree char *path = fuzz_write("backlog.csv", data, size);
    GError *error = NULL;
    GArray *items = rp_backlog_read(path, c, monday, &error);
    fuzz_check(items != NULL, error, path);
    if (items)
        g_array_unref(items);
    return 0;
}
