#!/usr/bin/env bash
# tools/configure.sh [grade|test] — configure the CMake preset; later builds re-run it by
# themselves when a CMakeLists.txt or course.json changes. Quiet unless it fails.
#   grade (default)  once; the course's own tests, docs and editor checks are configured only
#                    if their packages happen to be installed (SCRATCHNET_DEV_PARTS=AUTO)
#   test             requires them (SCRATCHNET_DEV_PARTS=ON); re-configures a build that
#                    ./grade configured first
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-grade}
case "$mode" in
  grade) parts=AUTO ;;
  test) parts=ON ;;
  *) echo "usage: tools/configure.sh [grade|test]" >&2; exit 2 ;;
esac
if [ -f build/build.ninja ]; then
  [ "$mode" = grade ] && exit 0
  grep -q '^SCRATCHNET_DEV_PARTS:STRING=ON$' build/CMakeCache.txt 2>/dev/null && exit 0
fi
echo "Configuring the build…" >&2
mkdir -p build
if ! cmake --preset default -DSCRATCHNET_DEV_PARTS=$parts >build/configure.log 2>&1; then
  cat build/configure.log >&2
  exit 1
fi
