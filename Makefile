# exomock: `make run` serves the demo scenario, `make test` runs every test.
# Both install what is missing on a fresh Debian 12 first (apt-get, as root or with sudo).
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
SCENARIO ?= scenarios/default.toml

BUILD_DEBS := cmake ninja-build g++ pkg-config libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libgmime-3.0-dev libxml2-dev libssl-dev \
  libhowardhinnant-date-dev tzdata \
  libtomlplusplus-dev libspdlog-dev libsqlite3-dev libcli11-dev libgtest-dev libgmock-dev \
  libbenchmark-dev openssl ca-certificates
TEST_DEBS := swaks libio-socket-ssl-perl libnet-ssleay-perl msmtp curl python3 sqlite3 prometheus python3-msal python3-pytest chromium
NODE_DEBS := $(if $(shell command -v npm 2>/dev/null),,nodejs npm)
LINT_DEBS := clang-format clang-tidy
# What `make tidy` reads: every server/ source, or fewer: make tidy TIDY_FILES='server/smtp/*.cpp'.
TIDY_FILES ?= server/*.cpp

.PHONY: all deps deps-test deps-lint build run test test-unit test-e2e sanitize bench load sustained durability-soak message-rss http-bench \
  format format-check tidy clean

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

# -g1 (function names and line tables: enough for backtraces and sanitizer
# reports) instead of -g, which makes the heavy Beast/JSON sources compile 60 % slower.
$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  '-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG'

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/exomock serve --scenario $(SCENARIO)

test: deps-test build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The unit and transcript tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	cmake -S . -B $(SANITIZE_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
	  -DEXOMOCK_SANITIZE=ON -DEXOMOCK_BENCH=OFF
	cmake --build $(SANITIZE_BUILD) -j $(JOBS) --target unit_tests
	cd $(SANITIZE_BUILD) && ctest --output-on-failure -j $(JOBS) -L unit

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
tidy: deps deps-lint $(BUILD)/build.ninja
	git ls-files $(foreach f,$(TIDY_FILES),'$(f)') | xargs -r -n 1 -P $(JOBS) clang-tidy -p $(BUILD) --quiet \
	  --warnings-as-errors='*'

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD)
