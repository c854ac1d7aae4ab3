/* tests/fuzz/fuzz_scenarios.c - a scenarios file for the sample council.
 *
 * The sample council's centre.ini and centre-extended.ini are copied
 * beside the scenarios file once, so `base = centre-extended.ini` and
 * the other bases a mutation names resolve as they do for a user. */
#include "common/scenario.h"
#include "tests/fuzz/fuzz.h"

static char *
copy_fixture(const char *from, const char *name)
{
    g_autofree char *src = fuzz_fixture(from);
    g_autofree char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(src, &text, &len, NULL))
        abort();
    return fuzz_write(name, (const uint8_t *)text, len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char *config;
    if (config == NULL) {
        config = copy_fixture("data/centre.ini", "centre.ini");
        g_free(copy_fixture("data/centre-extended.ini", "centre-extended.ini"));
    }
    g_autofree char *path = fuzz_write("scenarios.ini", data, size);
    GError *error = NULL;
    GPtrArray *list = rp_scenarios_load(path, config, &error);
    fuzz_check(list != NULL, error, fuzz_dir());
    if (list)
        g_ptr_array_unref(list);
    return 0;
}
