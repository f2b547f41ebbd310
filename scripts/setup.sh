#!/usr/bin/env bash
# Installs the Debian packages accordiff needs to build and test, and only those that
# are missing. Idempotent and quiet when everything is present.
#   scripts/setup.sh            build + test dependencies
#   scripts/setup.sh --bench    also the tools the benchmarks measure with and compare
#                               against: GNU time (peak RSS), valgrind (callgrind Ir),
#                               wdiff, dwdiff, GNU diff, git, diff-match-patch (the
#                               python3 port: Debian packages no Node.js one)
#   scripts/setup.sh --browser  also Chromium, for the browser tests of the HTML report
set -euo pipefail

packages=(
  cmake make g++ pkg-config git
  libdtl-dev libxxhash-dev libboost-program-options-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libicu-dev libstemmer-dev libgumbo-dev libsqlite3-dev zlib1g-dev
  libpoppler-cpp-dev
  libbenchmark-dev libexpected-dev
  python3 clang clang-format libclang-rt-14-dev
  python3-jsonschema cmark-gfm
)
for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(time wdiff dwdiff diffutils valgrind git python3-diff-match-patch) ;;
    --browser) packages+=(chromium fonts-dejavu-core) ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
