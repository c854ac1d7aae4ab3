/* tests/fuzz/fuzz_activities.c - the activities file rotaplan simulate
 * reads back (officer, interval_start, site, activity), for the officers
 * of tests/data/roster/ over the week from Monday 2027-01-11. */
#include "common/activities.h"
#include "common/centre.h"
#include "roster/roster.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static RpCentre *c;
    static RpRosterInput *in;
    static const char **ids;
    static double *skill;
    static gint64 start;
    static size_t n_intervals;
    if (c == NULL) {
        g_autofree char *ini = fuzz_fixture("tests/data/roster/centre.ini");
        g_autofree char *officers =
            fuzz_fixture("tests/data/roster/officers.csv");
        c = rp_centre_load(ini, NULL);
        if (c == NULL)
            abort();
        in = rp_roster_input_new(c);
        if (!rp_roster_input_read_officers(in, officers, NULL) ||
            !rp_clock_parse(c->clock, "2027-01-11T00:00", &start, NULL))
            abort();
        size_t n = in->officers->len, nq = c->queues->len;
        ids = g_new(const char *, n);
        skill = g_new(double, n *nq);
        for (size_t i = 0; i < n; i++) {
            const RpOfficer *o = g_ptr_array_index(in->officers, i);
            ids[i] = o->id;
            for (size_t q = 0; q < nq; q++)
                skill[i * nq + q] = o->skill[q];
        }
        n_intervals = (size_t)(7 * 86400 / rp_centre_interval_s(c));
    }
    g_autofree char *path = fuzz_write("activities.csv", data, size);
    GError *error = NULL;
    RpActivities *a = rp_activities_read(path, c, ids, skill, in->officers->len,
                                         start, n_intervals, &error);
    fuzz_check(a != NULL, error, path);
    rp_activities_free(a);
    return 0;
}
