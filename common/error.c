/* common/error.c - quark functions for the error domains of error.h. */
#include "common/error.h"

GQuark
rp_data_error_quark(void)
{
    return g_quark_from_static_string("rotaplan-data-error-quark");
}

GQuark
rp_io_error_quark(void)
{
    return g_quark_from_static_string("rotaplan-io-error-quark");
}

GQuark
rp_model_error_quark(void)
{
    return g_quark_from_static_string("rotaplan-model-error-quark");
}

GQuark
rp_roster_error_quark(void)
{
    return g_quark_from_static_string("rotaplan-roster-error-quark");
}
