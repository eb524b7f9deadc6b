#!/usr/bin/env bash
# tools/deps.sh grade|test — make sure the Debian packages a command needs are installed.
# As root it installs what is missing (non-interactive, idempotent); otherwise it prints the exact
# apt-get line to run and fails. Fast when nothing is missing (one dpkg-query).
set -euo pipefail

grade_packages=(clang g++ cmake ninja-build lld binutils git
  libxtensor-dev libxtensor-blas-dev xtl-dev libxsimd-dev libopenblas-dev liblapack-dev
  libgtest-dev libcli11-dev nlohmann-json3-dev)
test_packages=("${grade_packages[@]}" doxygen doxygen-awesome-css libjs-mathjax gnuplot-nox chromium fonts-dejavu-core
  libtinyxml2-dev)

case "${1:-}" in
  grade) wanted=("${grade_packages[@]}") ;;
  test) wanted=("${test_packages[@]}") ;;
  *) echo "usage: tools/deps.sh grade|test" >&2; exit 2 ;;
esac

missing=()
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${wanted[@]}" 2>/dev/null || true)
for p in "${wanted[@]}"; do
  grep -q "^$p install ok installed$" <<<"$installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

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
