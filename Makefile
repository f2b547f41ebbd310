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

bench: setup
	@bash scripts/setup.sh --bench
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)
	@bash benchmarks/run_e2e.sh --accordiff build/release/accordiff

clean:
	rm -rf build
