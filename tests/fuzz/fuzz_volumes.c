/* tests/fuzz/fuzz_volumes.c - volumes and history files.
 *
 * The first byte chooses the reading: bit 0 allows gaps and bit 1 daily
 * totals (both: a history, laid out for forecasting a week after it),
 * bit 2 the centre (tests/data/small.ini, 15-minute intervals, or the
 * sample council, data/centre.ini).  The rest is the file. */
#include "common/centre.h"
#include "common/volumes.h"
#include "forecast/forecast.h"
#include "tests/fuzz/fuzz.h"

static RpCentre *
centre(int which)
{
    static RpCentre *c[2];
    if (c[which] == NULL) {
        g_autofree char *path =
            fuzz_fixture(which ? "data/centre.ini" : "tests/data/small.ini");
        c[which] = rp_centre_load(path, NULL);
        if (c[which] == NULL)
            abort();
    }
    return c[which];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned mode = data[0];
    const RpCentre *c = centre((mode >> 2) & 1);
    g_autofree char *path = fuzz_write("volumes.csv", data + 1, size - 1);
    RpVolumesParams params;
    rp_volumes_params_init(&params);
    params.allow_gaps = (mode & 1) != 0;
    params.allow_daily = (mode & 2) != 0;
    GError *error = NULL;
    RpVolumes *v = rp_volumes_read(path, c, &params, &error);
    fuzz_check(v != NULL, error, path);
    if (v != NULL && params.allow_gaps && params.allow_daily) {
        gint64 next = rp_centre_local_day(c, v->last) + 1;
        RpHistory *h = rp_history_new(v, c, NULL, NULL, next, 7, &error);
        fuzz_check(h != NULL, error, path);
        rp_history_free(h);
    }
    rp_volumes_free(v);
    return 0;
}
