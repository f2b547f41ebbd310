# The two commands of the README: `make demo` and `make test`.
JOBS ?= $(shell nproc)
MAKEFLAGS += --no-print-directory

.PHONY: all setup configure build release demo test asan fuzz format format-check bench clean

all: build

setup:
	@bash scripts/setup.sh

build: setup
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev -j $(JOBS)

release: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

configure: setup
	@cmake --preset dev >/dev/null

demo: configure
	@cmake --build --preset dev -j $(JOBS) --target accordiff | grep -v '^\[' || true
	@bash scripts/demo.sh build/dev/accordiff

test: build
	@ctest --preset dev -j $(JOBS)

asan: setup
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	@ctest --preset asan -j $(JOBS)

# libFuzzer targets (clang, ASan + UBSan), each run for FUZZ_SECONDS on its corpus
FUZZ_SECONDS ?= 12
fuzz: setup
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@bash fuzz/run.sh build/fuzz $(FUZZ_SECONDS)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

# The benchmark of issue 7 (benchmarks/run_e2e.sh --help): the bench preset (Release + LTO),
# the stage benchmarks, then accordiff against the other tools, the targets PASS/FAIL and
# build/bench-e2e/results.json. BENCH_ARGS=--quick for a smoke run of a minute or two.
BENCH_ARGS ?=
bench: setup
	@bash scripts/setup.sh --bench
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench -j $(JOBS) --target accordiff accordiff_stages_bench
	@bash benchmarks/run_e2e.sh --accordiff build/bench/accordiff \
	  --stages build/bench/accordiff_stages_bench $(BENCH_ARGS)

clean:
	rm -rf build
