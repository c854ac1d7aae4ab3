/* common/profiles.c - [profile:NAME] groups of the configuration. */
#include "common/profiles.h"

#include <string.h>

#include "common/config.h"
#include "common/error.h"

static gboolean
read_profile(RpCentre *c, const char *group, GError **error)
{
    static const char *const known[] = {"name", "lines", NULL};
    RpConfig *cfg = c->config;
    if (!rp_config_check_keys(cfg, group, known, error))
        return FALSE;
    RpProfile *f = g_new0(RpProfile, 1);
    f->id = g_strdup(group + strlen("profile:"));
    g_ptr_array_add(c->profiles, f);
    const char *name = rp_config_get(cfg, group, "name");
    f->name = g_strdup(name && *name ? name : f->id);
    const char *v = rp_config_get(cfg, group, "lines");
    g_auto(GStrv) items = g_strsplit(v ? v : "", ",", -1);
    f->lines = g_new(int, g_strv_length(items) + 1);
    for (size_t k = 0; items[k]; k++) {
        const char *id = g_strstrip(items[k]);
        if (*id == '\0')
            continue;
        int q = rp_centre_queue_index(c, id);
        if (q < 0) {
            rp_config_error(cfg, error, group, "lines", RP_DATA_ERROR,
                            RP_DATA_ERROR_UNKNOWN,
                            "'%s' is not a queue of the centre", id);
            return FALSE;
        }
        if (rp_centre_queue(c, (size_t)q)->channel != RP_CHANNEL_PHONE) {
            rp_config_error(cfg, error, group, "lines", RP_DATA_ERROR,
                            RP_DATA_ERROR_VALUE,
                            "'%s' is not a phone line: a profile groups "
                            "phone lines",
                            id);
            return FALSE;
        }
        for (size_t j = 0; j < f->n_lines; j++) {
            if (f->lines[j] == q) {
                rp_config_error(cfg, error, group, "lines", RP_DATA_ERROR,
                                RP_DATA_ERROR_VALUE, "'%s' is named twice", id);
                return FALSE;
            }
        }
        f->lines[f->n_lines++] = q;
    }
    if (f->n_lines == 0) {
        rp_config_error(cfg, error, group, v ? "lines" : NULL, RP_DATA_ERROR,
                        RP_DATA_ERROR_MISSING,
                        "a profile names at least one phone line in 'lines'");
        return FALSE;
    }
    if (c->queues->len > 64) {
        rp_config_error(cfg, error, group, NULL, RP_DATA_ERROR,
                        RP_DATA_ERROR_VALUE,
                        "profiles take centres of at most 64 queues; this "
                        "one has %u",
                        c->queues->len);
        return FALSE;
    }
    return TRUE;
}

/* [site:ID] blended: `phones` or a profile. */
static gboolean
read_blended(RpCentre *c, RpSite *site, GError **error)
{
    g_autofree char *group = g_strconcat("site:", site->id, NULL);
    const char *v = rp_config_get(c->config, group, "blended");
    if (v == NULL)
        return TRUE;
    if (strcmp(v, "phones") == 0) {
        site->blended = RP_BLENDED_PHONES;
        return TRUE;
    }
    site->blended = rp_centre_profile_index(c, v);
    if (site->blended < 0) {
        rp_config_error(c->config, error, group, "blended", RP_DATA_ERROR,
                        RP_DATA_ERROR_UNKNOWN,
                        "'%s' is not 'phones' or a skill profile "
                        "([profile:NAME])",
                        v);
        return FALSE;
    }
    return TRUE;
}

gboolean
rp_profiles_read(RpCentre *c, GError **error)
{
    g_auto(GStrv) groups = rp_config_groups(c->config);
    for (size_t i = 0; groups[i]; i++)
        if (g_str_has_prefix(groups[i], "profile:") &&
            groups[i][strlen("profile:")] != '\0' &&
            !read_profile(c, groups[i], error))
            return FALSE;
    for (guint s = 0; s < c->sites->len; s++)
        if (!read_blended(c, g_ptr_array_index(c->sites, s), error))
            return FALSE;
    return TRUE;
}

int
rp_centre_profile_index(const RpCentre *c, const char *id)
{
    for (guint k = 0; k < c->profiles->len; k++)
        if (strcmp(rp_centre_profile(c, k)->id, id) == 0)
            return (int)k;
    return -1;
}

guint64
rp_profile_lines_held(const RpCentre *c, size_t k, const double *skill)
{
    const RpProfile *f = rp_centre_profile(c, k);
    guint64 mask = 0;
    for (size_t j = 0; j < f->n_lines; j++)
        if (skill[f->lines[j]] > 0)
            mask |= G_GUINT64_CONSTANT(1) << f->lines[j];
    return mask;
}
