# The two set-up commands of README.md: `make demo` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
RASD := $(BUILD)/rasd
CMAKE_FLAGS ?=
# CI builds with warnings as errors.
ifeq ($(CI),true)
CMAKE_FLAGS += -DRASD_WERROR=ON
endif

.PHONY: all deps configure build test demo bench clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null

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
