#!/usr/bin/env bash
# Gradescope runs this once, as root, when the autograder image is built (the bundle is unpacked
# into /autograder/source). It installs the Debian/Ubuntu packages and builds the course, so
# that grading a submission only compiles the student's files.
set -euo pipefail
cd "${AUTOGRADER_SOURCE:-/autograder/source}"
tools/deps.sh grade
tools/configure.sh
# One assignment per chapter: autograder/chapter holds its id (e.g. 03), or AUTOGRADER_CHAPTER
# does; only that chapter is built (and graded by run_autograder). Without either: every chapter.
chapter=${AUTOGRADER_CHAPTER:-$(cat autograder/chapter 2>/dev/null || true)}
if [ -n "$chapter" ]; then
  targets="grade-$chapter"
else
  targets=$(sed -n 's/.*"id": *"\([0-9][0-9]\)".*/grade-\1/p' course.json | tr '\n' ' ')
fi
cmake --build build --target scratchnet-grade $targets
