/* tests/fuzz/fuzz_roster.c - the roster's input files, one harness per
 * reader: the Makefile builds this file with FUZZ_READER set to one of
 * the names below.  The readers must run officers first, then
 * requirements, then the others, so the fixtures of tests/data/roster/
 * stand in for the files before the one fuzzed. */
#include "common/centre.h"
#include "roster/roster.h"
#include "roster/roster_int.h"
#include "tests/fuzz/fuzz.h"

#define OFFICERS     1
#define REQUIREMENTS 2
#define AVAILABILITY 3
#define PREFERENCES  4
#define PREVIOUS     5

#ifndef FUZZ_READER
#error "build with -DFUZZ_READER=OFFICERS (or another reader)"
#endif

/* The input the fuzzed reader reads into: the fixtures before it are
 * read once, at the first call, and after each call only what the fuzzed
 * reader filled is dropped, so no execution reads a fixture again. */
static RpRosterInput *
base_input(void)
{
    static RpCentre *c;
    static RpRosterInput *in;
    if (c == NULL) {
        g_autofree char *ini = fuzz_fixture("tests/data/roster/centre.ini");
        g_autofree char *officers =
            fuzz_fixture("tests/data/roster/officers.csv");
        g_autofree char *requirements =
            fuzz_fixture("tests/data/roster/req-day.csv");
        c = rp_centre_load(ini, NULL);
        if (c == NULL)
            abort();
        in = rp_roster_input_new(c);
        if ((FUZZ_READER != OFFICERS &&
             !rp_roster_input_read_officers(in, officers, NULL)) ||
            (FUZZ_READER > REQUIREMENTS &&
             !rp_roster_input_read_requirements(in, requirements, NULL)))
            abort();
    }
    return in;
}

/* Drops what the fuzzed reader put into `in`. */
static void
reset(RpRosterInput *in)
{
    switch (FUZZ_READER) {
    case OFFICERS:
        g_ptr_array_set_size(in->officers, 0);
        g_clear_pointer(&in->officers_path, g_free);
        break;
    case REQUIREMENTS:
        g_clear_pointer(&in->req, rp_roster_requirements_free);
        break;
    case AVAILABILITY:
        g_ptr_array_set_size(in->away, 0);
        g_clear_pointer(&in->away_path, g_free);
        break;
    case PREFERENCES:
        g_ptr_array_set_size(in->preferences, 0);
        break;
    default:
        g_clear_pointer(&in->prev_end_utc, g_free);
        g_clear_pointer(&in->prev_run, g_free);
        g_clear_pointer(&in->prev_line, g_free);
        g_clear_pointer(&in->previous_path, g_free);
        break;
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    RpRosterInput *in = base_input();
    g_autofree char *path = fuzz_write("input.csv", data, size);
    GError *error = NULL;
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
    reset(in);
    return 0;
}
