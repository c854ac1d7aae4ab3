/* tests/fuzz/fuzz_config.c - the centre configuration, with an include.
 *
 * The input is main.ini, optionally followed by a line "%%" and the text
 * of centre.ini beside it, which main.ini may include (the sample
 * council's extended-hours file does: include = centre.ini). */
#define _GNU_SOURCE /* memmem */
#include "common/centre.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* memmem, not memcmp at every byte: the sanitizers hook each call */
    const uint8_t *cut = memmem(data, size, "\n%%\n", 4);
    size_t main_len = cut ? (size_t)(cut - data) : size;
    g_autofree char *path = fuzz_write("main.ini", data, main_len);
    g_free(cut ? fuzz_write("centre.ini", cut + 4, size - main_len - 4)
               : fuzz_write("centre.ini", NULL, 0));
    GError *error = NULL;
    RpCentre *c = rp_centre_load(path, &error);
    fuzz_check(c != NULL, error, fuzz_dir());
    rp_centre_free(c);
    return 0;
}
