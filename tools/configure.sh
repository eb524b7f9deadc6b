#!/usr/bin/env bash
# tools/configure.sh — configure the CMake preset once; later builds re-run it by themselves
# when a CMakeLists.txt or course.json changes. Quiet unless it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/build.ninja ] && exit 0
echo "Configuring the build (once)…" >&2
mkdir -p build
if ! cmake --preset default >build/configure.log 2>&1; then
  cat build/configure.log >&2
  exit 1
fi
