#!/usr/bin/env bash
# tools/deps.sh grade|sanitize|test|list TIER — make sure the Debian packages a command needs are
# installed. As root it installs what is missing (non-interactive, idempotent); otherwise it
# prints the exact apt-get line to run and fails. Fast when nothing is missing (one dpkg-query).
#
#   grade     what ./grade needs: compiler, build tools, xtensor, GoogleTest, CLI11, JSON
#   sanitize  ./grade --sanitize also needs clang's sanitizer runtime (left out by
#             --no-install-recommends, so it is asked for by name) and llvm-symbolizer, with
#             which AddressSanitizer names the function and file:line of a bad access
#   test      ./test: all of the above, plus the docs packages, the self-test's XML parser, the
#             editor checks (clangd, clang-format), Google Benchmark (the benchmarks are
#             compiled and run once as a smoke test), and the data loader's zlib and
#             Fashion-MNIST (chapter 05's figures train on it)
#   docs      the course site (cmake --build build --target docs) and its browser test: the
#             grade packages, Doxygen, its theme, MathJax, gnuplot, Chromium and fonts, and the
#             data loader's zlib and Fashion-MNIST for the figures
#   milestone ./grade milestone run NAME for a milestone that trains on Fashion-MNIST: the grade
#             packages, the data loader's zlib and Debian's dataset-fashion-mnist (30 MB)
#   bench     bench/compare: the grade packages, Google Benchmark, NumPy and zlib (its epochs read
#             Fashion-MNIST when dataset-fashion-mnist is installed; PyTorch is used
#             when python3-torch is installed, never installed by this script: it is large)
#   list TIER prints a tier's packages, one per line (also test-only: what ./test needs beyond
#             ./grade --sanitize)
set -euo pipefail

grade_packages=(clang g++ cmake ninja-build lld binutils git
  libxtensor-dev libxtensor-blas-dev xtl-dev libxsimd-dev libopenblas-dev liblapack-dev
  libgtest-dev libcli11-dev nlohmann-json3-dev)
sanitize_packages=(libclang-rt-dev llvm)
bench_packages=(libbenchmark-dev python3-numpy zlib1g-dev)
milestone_packages=(zlib1g-dev dataset-fashion-mnist)
docs_packages=(doxygen doxygen-awesome-css libjs-mathjax gnuplot-nox chromium fonts-dejavu-core)
test_only_packages=("${docs_packages[@]}"
  libtinyxml2-dev clangd clang-format libbenchmark-dev zlib1g-dev dataset-fashion-mnist)

tier_packages() {
  case "$1" in
    grade) echo "${grade_packages[@]}" ;;
    sanitize) echo "${grade_packages[@]}" "${sanitize_packages[@]}" ;;
    test) echo "${grade_packages[@]}" "${sanitize_packages[@]}" "${test_only_packages[@]}" ;;
    test-only) echo "${test_only_packages[@]}" ;;
    milestone) echo "${grade_packages[@]}" "${milestone_packages[@]}" ;;
    bench) echo "${grade_packages[@]}" "${bench_packages[@]}" ;;
    docs) echo "${grade_packages[@]}" "${docs_packages[@]}" "${milestone_packages[@]}" ;;
    *) echo "usage: tools/deps.sh grade|sanitize|test|milestone|bench|docs, or tools/deps.sh list grade|sanitize|test|test-only|milestone|bench|docs" >&2; exit 2 ;;
  esac
}

if [ "${1:-}" = list ]; then
  tier_packages "${2:-}" | tr ' ' '\n'
  exit 0
fi
case "${1:-}" in
  grade | sanitize | test | milestone | bench | docs) ;;
  *) tier_packages "${1:-}" ;;  # prints the usage and exits 2
esac
read -r -a wanted <<<"$(tier_packages "$1")"

# A stamp newer than dpkg's database (and than this script) says the check passed since the
# last install or removal: the edit→verdict loop then skips dpkg-query.
root=$(cd "$(dirname "$0")/.." && pwd)
stamp="$root/build/.deps-$1.ok"
if [ -f "$stamp" ] && [ "$stamp" -nt /var/lib/dpkg/status ] && [ "$stamp" -nt "$0" ]; then
  exit 0
fi
mark_ok() { mkdir -p "$root/build" && touch "$stamp" 2>/dev/null || true; }

missing=()
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${wanted[@]}" 2>/dev/null || true)
for p in "${wanted[@]}"; do
  grep -q "^$p install ok installed$" <<<"$installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  mark_ok
  exit 0
fi

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "scratchnet needs these Debian packages: ${missing[*]}" >&2
  echo "Install them as root, then run this command again:" >&2
  echo "  sudo apt-get update && sudo $line" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  echo "Installing packages failed (full log: $log)." >&2
  exit 1
fi
rm -f "$log"
mark_ok
