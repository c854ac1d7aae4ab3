/* tests/fuzz/fuzz_roster.c - the roster's input files, one harness per
 * reader: the Makefile builds this file with FUZZ_READER set to one of
 * the names below.  The readers must run officers first, then
 * requirements, then the others, so the fixtures of tests/data/roster/
 * stand in for the files before the one fuzzed. */
#include "common/centre.h"
#include "roster/roster.h"
#include "tests/fuzz/fuzz.h"

#define OFFICERS     1
#define REQUIREMENTS 2
#define AVAILABILITY 3
#define PREFERENCES  4
#define PREVIOUS     5

#ifndef FUZZ_READER
#error "build with -DFUZZ_READER=OFFICERS (or another reader)"
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static RpCentre *c;
    static char *officers, *requirements;
    if (c == NULL) {
        g_autofree char *ini = fuzz_fixture("tests/data/roster/centre.ini");
        c = rp_centre_load(ini, NULL);
        officers = fuzz_fixture("tests/data/roster/officers.csv");
        requirements = fuzz_fixture("tests/data/roster/req-day.csv");
        if (c == NULL)
            abort();
    }
    g_autofree char *path = fuzz_write("input.csv", data, size);
    g_autoptr(RpRosterInput) in = rp_roster_input_new(c);
    GError *error = NULL;
    if (FUZZ_READER != OFFICERS &&
        !rp_roster_input_read_officers(in, officers, NULL))
        abort();
    if (FUZZ_READER > REQUIREMENTS &&
        !rp_roster_input_read_requirements(in, requirements, NULL))
        abort();
    gboolean ok;
    switch (FUZZ_READER) {
    case OFFICERS:
        ok = rp_roster_input_read_officers(in, path, &error);
        break;
    case REQUIREMENTS:
        ok = rp_roster_input_read_requirements(in, path, &error);
        break;
    case AVAILABILITY:
        ok = rp_roster_input_read_availability(in, path, &error);
        break;
    case PREFERENCES:
        ok = rp_roster_input_read_preferences(in, path, &error);
        break;
    default:
        ok = rp_roster_input_read_previous(in, path, &error);
        break;
    }
    fuzz_check(ok, error, path);
    return 0;
}
