/* tests/fuzz/fuzz_events.c - the forecast's events file, for the sample
 * council. */
#include "common/centre.h"
#include "forecast/forecast.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static RpCentre *c;
    if (c == NULL) {
        g_autofree char *ini = fuzz_fixture("data/centre.ini");
        c = rp_centre_load(ini, NULL);
        if (c == NULL)
            abort();
    }
    g_autofree char *path = fuzz_write("events.csv", data, size);
    GError *error = NULL;
    RpEvents *e = rp_events_read(path, c, &error);
    fuzz_check(e != NULL, error, path);
    rp_events_free(e);
    return 0;
}
