/* cli/main.c - the rotaplan command: dispatches to subcommands.
 *
 *   rotaplan COMMAND [OPTIONS]     run a command
 *   rotaplan help [COMMAND]        list commands, or one command's help
 *   rotaplan --version             print the version */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"

static const CliCommand commands[] = {
    {"erlang", "officers needed for one queue (the Erlang calculator)",
     cmd_erlang},
    {"forecast", "contacts and handling times to come, from history",
     cmd_forecast},
    {"backtest", "how well each forecast method would have done", cmd_backtest},
    {"staff", "officers needed per queue and interval from volumes", cmd_staff},
    {"scenario", "cost and service of budget scenarios, compared",
     cmd_scenario},
    {"roster", "the weekly rota: shifts, breaks and activities per officer",
     cmd_roster},
    {"simulate", "check a rota by simulating the centre, contact by contact",
     cmd_simulate},
    {"plan", "the weekly plan: forecast, staff, roster, evaluate, report",
     cmd_plan},
    {"intraday", "the rest of today: re-forecast, absences, re-plan, options",
     cmd_intraday},
    {"leave-check", "whether a plan's standards hold if leave is granted",
     cmd_leave_check},
};

static void
list_commands(FILE *out)
{
    fprintf(out, "Usage: rotaplan COMMAND [OPTIONS]\n\n"
                 "Workforce planning for public-sector contact centres.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "  %-11s %s\n", "help", "this list, or help on a command");
    fprintf(out, "\nrotaplan COMMAND --help shows a command's options; the "
                 "manual is docs/README.md.\n");
}

static const CliCommand *
find(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* Runs `cmd`, named "rotaplan CMD" in its help and messages. */
static int
run(const CliCommand *cmd, int argc, char **argv)
{
    g_autofree char *prgname = g_strdup_printf("rotaplan %s", cmd->name);
    g_set_prgname(prgname);
    return cmd->run(argc, argv);
}

int
main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    gsl_set_error_handler_off();
    g_set_prgname("rotaplan");

    if (argc < 2) {
        list_commands(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("rotaplan %s\n", RP_VERSION);
        return CLI_EXIT_OK;
    }
    if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 ||
        strcmp(name, "-h") == 0) {
        if (argc > 2 && find(argv[2]) != NULL) {
            static char help_flag[] = "--help";
            char *help_argv[] = {argv[2], help_flag, NULL};
            return run(find(argv[2]), 2, help_argv);
        }
        if (argc > 2) {
            fprintf(stderr, "rotaplan: no command '%s'\n", argv[2]);
            list_commands(stderr);
            return CLI_EXIT_USAGE;
        }
        list_commands(stdout);
        return CLI_EXIT_OK;
    }
    const CliCommand *cmd = find(name);
    if (cmd == NULL) {
        fprintf(stderr, "rotaplan: no command '%s'\n", name);
        list_commands(stderr);
        return CLI_EXIT_USAGE;
    }
    return run(cmd, argc - 1, argv + 1);
}
