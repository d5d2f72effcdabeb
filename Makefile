# The two set-up commands of README.md: `make demo` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
RASD := $(BUILD)/rasd
CMAKE_FLAGS ?=
# CI builds with warnings as errors.
ifeq ($(CI),true)
CMAKE_FLAGS += -DRASD_WERROR=ON
endif

# Profile-guided build (GCC): an instrumented rasd is built in $(BUILD)/pgo-train and run over
# the sample corpus, and the real build compiles with what it counted: about a tenth faster end
# to end. The training runs again when a source, data or build file of rasd changes. PGO=0 builds
# without it.
PGO ?= 1
PROFILE_DIR := $(abspath $(BUILD))/pgo-profile
TRAIN := $(BUILD)/pgo-train
ifeq ($(PGO),1)
CMAKE_FLAGS += -DRASD_PROFILE=use -DRASD_PROFILE_DIR=$(PROFILE_DIR)
PROFILE_STAMP := $(PROFILE_DIR)/trained
else
CMAKE_FLAGS += -DRASD_PROFILE=
PROFILE_STAMP :=
endif
# What the trained program is made of and trained on (not bench/ or tests/: they are not in it).
PROFILE_INPUTS := $(shell find src data cmake CMakeLists.txt examples/corpus -type f 2>/dev/null)

.PHONY: all deps configure build test demo bench clean

all: build

deps:
	@scripts/install-deps

configure: deps $(PROFILE_STAMP)
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

# The training: what `rasd ingest` and `rasd bench` run, on the sample corpus.
$(PROFILE_DIR)/trained: $(PROFILE_INPUTS) | deps
	@echo "profile-guided build: training an instrumented rasd on examples/corpus"
	@cmake -S . -B $(TRAIN) -G Ninja -DCMAKE_BUILD_TYPE=Release -DRASD_BUILD_TESTS=OFF \
	  -DRASD_BUILD_BENCH=OFF -DRASD_PROFILE=generate -DRASD_PROFILE_DIR=$(PROFILE_DIR) >/dev/null
	@cmake --build $(TRAIN) --target rasd -j $(JOBS)
	@rm -rf $(PROFILE_DIR) && mkdir -p $(PROFILE_DIR)
	@$(TRAIN)/rasd bench examples/corpus --repeat 20 -j 1 >/dev/null
	@$(TRAIN)/rasd --db $(PROFILE_DIR)/train.db ingest examples/corpus >/dev/null
	@rm -f $(PROFILE_DIR)/train.db*
	@touch $@

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

demo: build
	@rm -f demo.db demo.db-wal demo.db-shm
	@$(RASD) --db demo.db ingest examples/corpus
	@echo
	@$(RASD) --db demo.db events --limit 30
	@echo
	@$(RASD) --db demo.db stats
	@echo
	@echo "Explore:  $(RASD) --db demo.db events --type CONSULT --actor RUS"
	@echo "          $(RASD) --db demo.db show ID       (an article with its entities and events)"
	@echo "          $(RASD) --db demo.db search لافروف"
	@echo "API:      $(RASD) --db demo.db serve --port 8080"
	@echo "          then open http://127.0.0.1:8080/api/events?limit=10"

bench: build
	@for b in $(BUILD)/bench/*_bench; do echo "== $$b"; $$b; done
	@$(RASD) bench examples/corpus --repeat 50

clean:
	rm -rf $(BUILD) demo.db demo.db-wal demo.db-shm
