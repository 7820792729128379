# exomock: `make run` serves the demo scenario, `make test` runs every test.
# Both install what is missing on a fresh Debian 12 first (apt-get, as root or with sudo).
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SCENARIO ?= scenarios/default.toml
# Unity builds (CMake batches of 8 sources per translation unit) parse the Boost/Beast headers
# once per batch instead of once per file: full builds (CI's clean clone, `make sanitize`) and
# `make tidy` are 3-4x faster, which kept CI inside its time limit. An incremental build then
# recompiles the whole batch of a changed file: UNITY=OFF (set when $(BUILD) is first configured,
# or with a fresh BUILD=...) builds file by file.
UNITY ?= ON

BUILD_DEBS := cmake ninja-build g++ pkg-config libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libgmime-3.0-dev libxml2-dev libssl-dev \
  libhowardhinnant-date-dev tzdata \
  libtomlplusplus-dev libspdlog-dev libsqlite3-dev libcli11-dev libgtest-dev libgmock-dev \
  libbenchmark-dev openssl ca-certificates libclang-rt-14-dev
TEST_DEBS := swaks libio-socket-ssl-perl libnet-ssleay-perl msmtp curl python3 sqlite3 prometheus python3-msal python3-pytest chromium
NODE_DEBS := $(if $(shell command -v npm 2>/dev/null),,nodejs npm)
LINT_DEBS := clang-format clang-tidy
# `make fuzz`: clang and libFuzzer (docs/fuzzing.md). The ordinary build needs only
# libclang-rt-14-dev (above), for FuzzedDataProvider.h in the fuzz_replay tests.
FUZZ_DEBS := clang libclang-rt-14-dev libfuzzer-14-dev
FUZZ_BUILD ?= build-fuzz
# How long each target runs, in seconds.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= smtp_core sasl_base64 mime_reader journal_frame search_query graph_filter \
  http_router scenario_validator
# What `make tidy` reads: every server/ source, or fewer: make tidy TIDY_FILES='server/smtp/*.cpp'.
# With UNITY=ON and no TIDY_FILES it reads the unity batches of server/'s targets, each of which
# includes its .cpp files (HeaderFilterRegex reports what it finds in them), at about a quarter
# of the time. Two checks are lost there: bugprone-suspicious-include (off, since a batch is
# nothing but #includes of .cpp files) and misc-unused-using-decls (clang-tidy 14 reports it
# only in the main file, which a batch never is). TIDY_FILES are read one by one, with every
# check, from the compile database of $(TIDY_BUILD), configured without unity batches.
TIDY_FILES ?=
TIDY_BUILD ?= $(BUILD)-tidy

.PHONY: all deps deps-test deps-lint build run test test-unit test-e2e sanitize fuzz bench load sustained durability-soak message-rss http-bench \
  format format-check tidy clean runtime-debs container-test

all: build

# Installs the missing packages among $(1) with apt-get, as root or through sudo.
define install_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "exomock: installing missing Debian packages:$$missing" >&2; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	  else echo "exomock: run as root, or install:$$missing" >&2; exit 1; fi; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call install_debs,$(BUILD_DEBS))

deps-test: deps
	$(call install_debs,$(TEST_DEBS) $(NODE_DEBS))

deps-lint:
	$(call install_debs,$(LINT_DEBS))

# Configures build directory $(1) optimised, with compiler flags $(2) and CMake options $(3).
# -g1 (function names and line tables: enough for backtraces and sanitizer
# reports) instead of -g, which makes the heavy Beast/JSON sources compile 60 % slower.
configure_optimised = cmake -S . -B $(1) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  '-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$(strip -O2 -g1 $(2))' $(3)

$(BUILD)/build.ninja:
	$(call configure_optimised,$(BUILD),-DNDEBUG,-DCMAKE_UNITY_BUILD=$(UNITY))

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/exomock serve --scenario $(SCENARIO)

test: deps-test build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The unit and transcript tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	cmake -S . -B $(SANITIZE_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
	  -DEXOMOCK_SANITIZE=ON -DEXOMOCK_BENCH=OFF -DCMAKE_UNITY_BUILD=$(UNITY)
	cmake --build $(SANITIZE_BUILD) -j $(JOBS) --target unit_tests
	cd $(SANITIZE_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

# Each libFuzzer target (fuzz/) for FUZZ_SECONDS, $(JOBS) at a time, under ASan and UBSan
# with clang; prints each one's executions and fails on any finding. Asserts stay on
# (no -DNDEBUG): a broken invariant is a finding too.
fuzz: deps
	$(call install_debs,$(FUZZ_DEBS))
	CC=clang CXX=clang++ $(call configure_optimised,$(FUZZ_BUILD),,-DEXOMOCK_FUZZ=ON \
	  -DEXOMOCK_BENCH=OFF -DCMAKE_UNITY_BUILD=$(UNITY))
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_targets
	fuzz/run_targets.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(JOBS) $(FUZZ_TARGETS)

bench: build
	$(BUILD)/bench/core_bench
	$(BUILD)/bench/journal_bench

load: build
	./bench/load.sh

# At least 60 s and 2 GiB of 2 KiB messages per target, timed until all are queryable.
sustained: build
	./bench/sustained.sh

# Issue 13's kill-anywhere test at length: 500 SIGKILLs per --durability level
# (CI runs it with 25 each, as the e2e_durability_under_fire test).
durability-soak: build
	cd tests/e2e && EXOMOCK_BIN=$(CURDIR)/$(BUILD)/exomock EXOMOCK_KILLS=500 python3 -m unittest -v test_durability_under_fire

# Peak memory around one large message (refused past MaxSendSize, or stored).
message-rss: build
	python3 bench/message_rss.py --binary $(BUILD)/exomock

http-bench: build
	./bench/http_bench.py

format: deps-lint
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

# Fails, naming each file and line, when any tracked C++ file is not as clang-format writes it.
format-check: deps-lint
	git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

# Fails when clang-tidy (.clang-tidy at the root) warns about any of TIDY_FILES or the server/
# headers they include. Needs only the compile commands, not a build.
ifneq ($(strip $(TIDY_FILES)),)
tidy_db := $(TIDY_BUILD)
tidy_sources := git ls-files $(foreach f,$(TIDY_FILES),'$(f)')
else ifeq ($(UNITY),ON)
tidy_db := $(BUILD)
tidy_checks := --checks=-bugprone-suspicious-include
tidy_sources := sed -n 's|^ *"file": "\($(abspath $(BUILD))/server/.*/Unity/unity_[0-9]*_cxx\.cxx\)",*$$|\1|p' \
  $(BUILD)/compile_commands.json | sort -u
else
tidy_db := $(BUILD)
tidy_sources := git ls-files 'server/*.cpp'
endif

# No file to read fails (a $(BUILD) configured file by file has no batches: UNITY=OFF reads it).
tidy: deps deps-lint $(tidy_db)/build.ninja
	@files="$$($(tidy_sources))"; if [ -z "$$files" ]; then \
	  echo "exomock: make tidy found nothing to read in $(tidy_db)" >&2; exit 1; fi; \
	echo "$$files" | xargs -n 1 -P $(JOBS) clang-tidy -p $(tidy_db) $(tidy_checks) --quiet \
	  --warnings-as-errors='*'

# The compile database of a per-file `make tidy TIDY_FILES=...`: configured, never built.
$(TIDY_BUILD)/build.ninja:
	$(call configure_optimised,$(TIDY_BUILD),-DNDEBUG,-DCMAKE_UNITY_BUILD=OFF)

# The Debian packages whose libraries $(BUILD)/exomock links, read off the binary (ldd, then dpkg -S,
# trying the path ldd prints and its real one: bookworm's usrmerge has both), plus the data it
# reads: the container's runtime list, derived so the build list stays the only one kept by hand.
runtime-debs:
	@{ for lib in $$(ldd $(BUILD)/exomock | awk '/=> \// { print $$3 }'); do \
	    dpkg -S "$$lib" 2>/dev/null || dpkg -S "$$(readlink -f "$$lib")"; \
	  done | cut -d: -f1; echo tzdata; echo ca-certificates; } | sort -u | tr '\n' ' '; echo

# Builds docker/Dockerfile with Debian's podman (runc, no registry: the base image comes from
# debootstrap) and checks the image serves: tests/container/test_container.sh.
container-test:
	@if [ "$$(id -u)" -eq 0 ]; then tests/container/test_container.sh; \
	else sudo tests/container/test_container.sh; fi

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(TIDY_BUILD) $(FUZZ_BUILD)
