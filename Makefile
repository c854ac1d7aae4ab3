# Makefile - builds librotaplan.a (the library core), the `rotaplan` command
# and the tests.  GNU make; one Makefile for the whole tree, no recursion
# except to re-read pkg-config after `deps` has installed packages.
#
#   make demo        install missing Debian packages, build, run the demo
#   make check       install missing Debian packages, build, run every test
#   make             build/rotaplan
#   make test        run the tests (no package check)
#   make asan        the tests under AddressSanitizer and UBSan (build-san/)
#   make valgrind    the unit tests and main commands under valgrind
#   make bench       build and run the benchmarks, printing figures
#   make install PREFIX=/usr/local   install the binary and its man page
#   make deps | format | format-check | check-symbols | check-layering | clean
#   V=1              show every command in full

BUILD   ?= build
PREFIX  ?= /usr/local
PKGS    := glib-2.0 gsl
CSV_LIBS ?= -lcsv
# GLPK (the roster's lower bound) ships no pkg-config file either.
GLPK_LIBS ?= -lglpk
# libxlsxwriter (Debian's libxlsxwriter-dev) writes the rota workbook;
# only the command links it (cli/xlsx.c).
XLSX_LIBS ?= $(shell pkg-config --libs xlsxwriter 2>/dev/null || echo -lxlsxwriter)
VERSION := 0.1.0

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wundef -Wwrite-strings \
        -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition \
        -Wconversion -Wcast-qual -Wformat=2 -Wimplicit-fallthrough -Wvla
OPT  ?= -O2 -g

CPPFLAGS += -I. $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -MMD -MP \
            -DG_LOG_DOMAIN='"rotaplan"' -DRP_VERSION='"$(VERSION)"' \
            -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 \
            -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
CFLAGS   += -std=c17 $(WARN) $(OPT)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(CSV_LIBS) \
            $(GLPK_LIBS) -lm

# Quiet build lines ("CC cli/main.c"); V=1 shows each command in full.
ifeq ($(V),1)
  Q   :=
  SAY := @:
else
  Q   := @
  SAY  = @printf '  %-4s %s\n'
endif

ifdef SANITIZE
  BUILD   := build-san
  CFLAGS  += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
  LDFLAGS += -fsanitize=$(SANITIZE)
endif
ifdef WERROR
  CFLAGS += -Werror
endif
# libFuzzer harnesses (tests/fuzz/): the library built by clang with the
# fuzzer's coverage, ASan and UBSan, in build-fuzz/.
ifdef FUZZ
  BUILD   := build-fuzz
  CC      := clang
  CFLAGS  += -fsanitize=fuzzer-no-link,address,undefined \
             -fno-omit-frame-pointer -fno-sanitize-recover=all
  LDFLAGS += -fsanitize=fuzzer,address,undefined
endif

# Library core, one list per module: adding a file is a reviewed change.
COMMON_SRC   := common/error.c common/file.c common/csvio.c common/units.c common/clock.c \
                common/standard.c common/config.c common/calendar.c common/centre.c \
                common/volumes.c common/scenario.c common/plot.c common/rules.c \
                common/shrinkage.c common/fcr.c common/transfer.c \
                common/activities.c common/profiles.c
MODELS_SRC   := models/erlang.c models/staffing.c models/requirements.c \
                models/evaluate.c models/scenario.c models/pooled.c \
                models/backlog.c
FORECAST_SRC := forecast/forecast.c forecast/events.c forecast/series.c \
                forecast/naive.c forecast/holt_winters.c forecast/topdown.c \
                forecast/aht.c forecast/backtest.c forecast/output.c \
                forecast/reconcile.c forecast/new_hours.c
ROSTER_SRC   := roster/inputs.c roster/demand.c roster/problem.c \
                roster/week.c roster/state.c roster/objective.c \
                roster/search.c roster/bound.c roster/solve.c \
                roster/check.c roster/output.c roster/mps.c \
                roster/smooth.c roster/exact.c roster/blocks.c \
                roster/logins.c roster/whole.c
SIM_SRC      := sim/sim.c sim/engine.c sim/summary.c
INTRADAY_SRC := intraday/reforecast.c intraday/day.c intraday/replan.c
LIB_SRC  := $(COMMON_SRC) $(MODELS_SRC) $(FORECAST_SRC) $(ROSTER_SRC) \
            $(SIM_SRC) $(INTRADAY_SRC)
CLI_SRC  := cli/main.c cli/util.c cli/table.c cli/gnuplot.c cli/report.c \
            cli/plan_report.c cli/plan_views.c cli/xlsx.c cli/cmd_erlang.c \
            cli/cmd_staff.c cli/cmd_scenario.c cli/cmd_forecast.c \
            cli/cmd_backtest.c cli/cmd_roster.c cli/cmd_plan.c \
            cli/simulation.c cli/plan_sim.c cli/cmd_simulate.c \
            cli/dayplan.c cli/cmd_intraday.c cli/cmd_leave_check.c
TEST_SRC := tests/test_common.c tests/test_centre.c tests/test_erlang.c \
            tests/test_staffing.c tests/test_requirements.c \
            tests/test_scenario.c tests/test_forecast.c tests/test_rules.c \
            tests/test_roster.c tests/test_sim.c tests/test_intraday.c
BENCH_SRC := bench/bench_erlang.c bench/bench_staff.c bench/bench_scenario.c \
             bench/bench_forecast.c bench/bench_roster.c bench/bench_demand.c \
             bench/bench_sim.c bench/bench_intraday.c bench/bench_weeks.c
TOOLS_SRC := tools/gen_history.c
# One harness per reader; the roster's five are tests/fuzz/fuzz_roster.c
# built with FUZZ_READER set.
FUZZ_ROSTER := officers requirements availability preferences previous
FUZZ_NAMES  := config volumes events scenarios $(FUZZ_ROSTER) activities \
               backlog day units
FUZZ_SECONDS ?= 60
# FUZZ_RUNS=N fuzzes each harness for N executions instead (work, not
# seconds: the same whatever the load).
FUZZ_RUNS ?=
# FUZZ_JOBS=N runs N processes of each harness on one corpus (they read
# each other's finds), each doing FUZZ_RUNS/N executions: the same work
# on N cores.
FUZZ_JOBS ?= 1
# The longest input libFuzzer makes, per harness (bytes): a little more
# than the longest seed a mutation needs whole (the sample council's
# centre.ini for config, its scenarios.ini for scenarios; a few dozen
# rows for the CSV files).  Longer inputs only make each execution
# slower.  ASan keeps 16 MB of freed memory in quarantine rather than
# 256: still many executions' worth, without faulting in fresh pages at
# every one.
FUZZ_MAX_LEN_config      := 12000
FUZZ_MAX_LEN_units       := 256
FUZZ_MAX_LEN_day         := 8192
FUZZ_MAX_LEN_scenarios   := 2400
FUZZ_MAX_LEN_DEFAULT     := 4096
fuzz_max_len = $(or $(FUZZ_MAX_LEN_$(1)),$(FUZZ_MAX_LEN_DEFAULT))

LIB      := $(BUILD)/librotaplan.a
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:%.c=$(BUILD)/%)
BENCH_BIN := $(BENCH_SRC:%.c=$(BUILD)/%)
TOOLS_BIN := $(TOOLS_SRC:%.c=$(BUILD)/%)
ROTAPLAN := $(BUILD)/rotaplan

all: $(ROTAPLAN)

# Library code may not compare doubles with ==; tests may.
$(LIB_OBJ): CFLAGS += -Wfloat-equal

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(SAY) CC $<
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	$(SAY) AR $@
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^

$(ROTAPLAN): $(CLI_OBJ) $(LIB)
	$(SAY) LINK $@
	$(Q)$(CC) $(LDFLAGS) $^ $(LDLIBS) $(XLSX_LIBS) -o $@

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(LIB)
	$(SAY) LINK $@
	$(Q)$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/bench/%: $(BUILD)/bench/%.o $(BUILD)/bench/year.o $(LIB)
	$(SAY) LINK $@
	$(Q)$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tools/%: $(BUILD)/tools/%.o $(LIB)
	$(SAY) LINK $@
	$(Q)$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

FUZZ_DEFS = -DRP_SOURCE_DIR='"$(CURDIR)"'
$(BUILD)/tests/fuzz/fuzz_%.o: tests/fuzz/fuzz_%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(FUZZ_DEFS) $(CFLAGS) -c $< -o $@
$(FUZZ_ROSTER:%=$(BUILD)/tests/fuzz/fuzz_%.o): tests/fuzz/fuzz_roster.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(FUZZ_DEFS) \
	    -DFUZZ_READER=$$(echo $(basename $(@F)) | sed 's/fuzz_//' | tr a-z A-Z) \
	    $(CFLAGS) -c $< -o $@
$(BUILD)/tests/fuzz/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(LIB)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@
fuzz-build: $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/fuzz_%)

# --- histories for forecasting (generated, not committed) --------------------
# The sample council's three years (tools/gen_history.c, seeded) and the
# real series of data/real/ as rotaplan history files.
HISTORY      := $(BUILD)/data/history.csv
HISTORY_ARGS := data/centre.ini 2023-11-27 2026-11-20 20261125
REAL_HISTORY := $(BUILD)/data/bank-history.csv \
                $(BUILD)/data/anonymous-bank-history.csv

data: $(HISTORY) $(REAL_HISTORY)

$(HISTORY): $(BUILD)/tools/gen_history data/centre.ini
	@mkdir -p $(@D)
	$(SAY) GEN $@
	$(Q)$(BUILD)/tools/gen_history $(HISTORY_ARGS) >$@.tmp && mv $@.tmp $@

# timestamp,calls -> interval_start,queue,contacts (one queue, "calls")
$(BUILD)/data/%-history.csv: data/real/%-calls-5min.csv
	@mkdir -p $(@D)
	$(SAY) GEN $@
	$(Q)sh scripts/real-history.sh $< >$@.tmp && mv $@.tmp $@
$(BUILD)/data/%-history.csv: data/real/%-calls-6min.csv
	@mkdir -p $(@D)
	$(SAY) GEN $@
	$(Q)sh scripts/real-history.sh $< >$@.tmp && mv $@.tmp $@

# --- the two commands of the README ----------------------------------------
# The demo builds silently (V=1 shows every command), so the plan's
# summary and warnings are what a newcomer sees.
demo: deps
	@echo "building rotaplan and the sample history (make V=1 demo shows each step)"
	@$(MAKE) --no-print-directory $(if $(filter 1,$(V)),,SAY=@:) run-demo

# The fuzz harnesses first, so that the last line is the runner's
# "N passed, N failed".
check: deps
	@$(MAKE) --no-print-directory fuzz-check
	@$(MAKE) --no-print-directory test

deps:
	@sh scripts/deps.sh

# The weekly plan for the sample council: forecast from the generated
# history, staffing, rota, evaluation, scenarios and the report.
DEMO_WEEK ?= 2026-W49
run-demo: $(ROTAPLAN) $(HISTORY)
	$(Q)$(ROTAPLAN) plan --config data/centre.ini --history $(HISTORY) \
	    --events data/events.csv --officers data/officers.csv \
	    --scenarios data/scenarios.ini --week $(DEMO_WEEK) --out $(BUILD)/demo-plan

# Unit tests (GTest, TAP) and end-to-end CLI cases; the runner prints TAP
# and ends with "N passed, N failed".
test: $(TEST_BIN) $(ROTAPLAN) $(HISTORY)
	@G_TEST_SRCDIR=$(CURDIR)/tests G_TEST_BUILDDIR=$(CURDIR)/$(BUILD)/tests \
	    RP_HISTORY=$(HISTORY) sh tests/run.sh $(ROTAPLAN) $(TEST_BIN)

# The sample council's plan opened in headless Chromium: it must load with
# no console message and every chart drawn (also part of make test).
report-check: $(ROTAPLAN) $(HISTORY)
	@sh tests/report-check.sh $(ROTAPLAN) $(HISTORY)

# Fuzzing.  fuzz-check runs every harness once over each input of its
# corpus (seeds from data/ and tests/data/, and tests/fuzz/regress/NAME/,
# the inputs of crashes found and fixed): a few seconds, so CI keeps the
# harnesses building and passing.  `make fuzz` fuzzes each harness for
# FUZZ_SECONDS (default 60), or for FUZZ_RUNS executions when that is
# set, one at a time at the lowest priority, keeping what it learns in
# build-fuzz/corpus/NAME and any crash in build-fuzz/crash/NAME/; it
# prints the executions, seconds and rate of each.  FUZZ_NAMES=NAME
# fuzzes one harness:  make fuzz FUZZ_NAMES=units FUZZ_RUNS=10000000
FUZZ_DIR := build-fuzz
FUZZ_LIMIT = $(if $(FUZZ_RUNS),-runs=$(shell expr $(FUZZ_RUNS) / $(FUZZ_JOBS)),-max_total_time=$(FUZZ_SECONDS))
fuzz-check:
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-build >/dev/null
	@for n in $(FUZZ_NAMES); do \
	    d=$(FUZZ_DIR)/seeds/$$n; rm -rf $$d; sh tests/fuzz/seeds.sh $$n $$d || exit 1; \
	    files=$$(ls $$d/* tests/fuzz/regress/$$n/* 2>/dev/null); \
	    $(FUZZ_DIR)/tests/fuzz/fuzz_$$n $$files </dev/null \
	        >$(FUZZ_DIR)/check-$$n.log 2>&1 || \
	        { tail -30 $(FUZZ_DIR)/check-$$n.log; echo "fuzz $$n: FAILED"; exit 1; }; \
	    echo "fuzz $$n: $$(echo $$files | wc -w) inputs ok"; done

fuzz:
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-build >/dev/null
	@{ $(foreach n,$(FUZZ_NAMES),echo "$(n) $(call fuzz_max_len,$(n))";) } | \
	while read n len; do \
	    c=$(FUZZ_DIR)/corpus/$$n; a=$(FUZZ_DIR)/crash/$$n/; mkdir -p $$c $$a; \
	    sh tests/fuzz/seeds.sh $$n $$c || exit 1; \
	    [ -d tests/fuzz/regress/$$n ] && cp tests/fuzz/regress/$$n/* $$c/; \
	    t0=$$(date +%s.%N); pids=; \
	    for j in $$(seq 1 $(FUZZ_JOBS)); do \
	        ASAN_OPTIONS=quarantine_size_mb=16 \
	        nice -n 19 $(FUZZ_DIR)/tests/fuzz/fuzz_$$n $(FUZZ_LIMIT) -seed=$$j \
	            -max_len=$$len -rss_limit_mb=2048 -print_final_stats=1 \
	            -artifact_prefix=$$a $$c </dev/null \
	            >$(FUZZ_DIR)/fuzz-$$n-$$j.log 2>&1 & pids="$$pids $$!"; \
	    done; st=0; \
	    for p in $$pids; do wait $$p || st=$$?; done; \
	    execs=$$(cat $(FUZZ_DIR)/fuzz-$$n-*.log | \
	        sed -n 's/^stat::number_of_executed_units: *//p' | \
	        awk '{ e += $$1 } END { print e + 0 }'); \
	    awk -v n=$$n -v e=$$execs -v j=$(FUZZ_JOBS) -v t0=$$t0 -v t1=$$(date +%s.%N) -v st=$$st \
	        'BEGIN { t = t1 - t0; printf "fuzz %s: %d executions in %.0f s (%.0f a second, %d process%s), exit %d\n", n, e, t, e / (t > 0 ? t : 1), j, (j > 1 ? "es" : ""), st }'; \
	    [ $$st -eq 0 ] || { tail -40 $(FUZZ_DIR)/fuzz-$$n-*.log; exit 1; }; done

asan:
	@$(MAKE) --no-print-directory SANITIZE=address,undefined test

GLIB_SUPP := $(shell pkg-config --variable=prefix glib-2.0 2>/dev/null)/share/glib-2.0/valgrind/glib.supp
valgrind: $(TEST_BIN) $(ROTAPLAN) $(HISTORY)
	@for t in $(TEST_BIN); do \
	    G_TEST_SRCDIR=$(CURDIR)/tests G_SLICE=always-malloc G_DEBUG=gc-friendly \
	    valgrind -q --error-exitcode=1 --leak-check=full --show-possibly-lost=no \
	        --errors-for-leak-kinds=definite --suppressions=$(GLIB_SUPP) $$t \
	        >/dev/null || exit 1; done
	@ROTAPLAN=$(ROTAPLAN) SUPP=$(GLIB_SUPP) HISTORY=$(HISTORY) \
	    sh tests/valgrind-commands.sh

bench: $(BENCH_BIN) $(ROTAPLAN) data
	@for b in $(filter-out %/bench_forecast,$(BENCH_BIN)); do \
	    $$b $(ROTAPLAN) $(HISTORY) || exit 1; done
	@$(BUILD)/bench/bench_forecast $(BUILD)/data
	@for s in bank-5min:bank anonymous-bank-6min:anonymous-bank; do \
	    $(BUILD)/bench/bench_intraday $(ROTAPLAN) \
	        $(BUILD)/data/$${s#*:}-history.csv 20 data/real/$${s%:*}.ini 8 \
	        || exit 1; done
	@sh bench/report.sh $(ROTAPLAN) $(HISTORY)
	@sh bench/positions.sh $(ROTAPLAN) $(HISTORY)

install: $(ROTAPLAN)
	install -D -m 755 $(ROTAPLAN) $(DESTDIR)$(PREFIX)/bin/rotaplan
	install -D -m 644 docs/rotaplan.1 $(DESTDIR)$(PREFIX)/share/man/man1/rotaplan.1

# Every global symbol of the library carries the rp_ prefix.
check-symbols: $(LIB)
	@bad=$$(nm -g --defined-only $(LIB) | awk 'NF==3 && $$3 !~ /^rp_/ {print $$3}'); \
	if [ -n "$$bad" ]; then echo "unprefixed symbols: $$bad"; exit 1; fi

# common/ depends on nothing of ours; forecast/, models/, roster/, sim/,
# intraday/ only on common/; nothing in the library includes cli/.
check-layering:
	@! grep -rnE '#include "(cli|forecast|models|roster|intraday)/' common
	@! grep -rnE '#include "(cli|forecast|roster|intraday)/' models
	@! grep -rnE '#include "(cli|models|roster|intraday)/' forecast
	@! grep -rnE '#include "(cli|forecast|models|intraday)/' roster
	@! grep -rnE '#include "(cli|forecast|models|roster|intraday)/' sim
	@! grep -rnE '#include "(cli|forecast|models|roster|sim)/' intraday
	@! grep -rnE '#include "sim/' common forecast models roster

SRC_ALL = $(wildcard common/*.[ch] forecast/*.[ch] models/*.[ch] \
                     roster/*.[ch] sim/*.[ch] intraday/*.[ch] cli/*.[ch] \
                     tests/*.[ch] bench/*.[ch] tools/*.[ch] tests/fuzz/*.[ch])
format:
	clang-format -i $(SRC_ALL)
format-check:
	clang-format --dry-run -Werror $(SRC_ALL)

clean:
	rm -rf build build-san build-fuzz

.PHONY: all demo check deps run-demo test report-check asan valgrind bench \
        fuzz fuzz-build fuzz-check \
        data install \
        check-symbols check-layering format format-check clean
.SECONDARY:
-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d) $(BENCH_BIN:=.d) \
         $(TOOLS_BIN:=.d) $(FUZZ_NAMES:%=$(BUILD)/tests/fuzz/fuzz_%.d)
