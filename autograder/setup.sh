#!/usr/bin/env bash
# Gradescope runs this once, as root, when the autograder image is built (the bundle is unpacked
# into /autograder/source). It installs the Debian/Ubuntu packages and builds the course, so
# that grading a submission only compiles the student's files.
set -euo pipefail
cd "${AUTOGRADER_SOURCE:-/autograder/source}"
tools/deps.sh grade
tools/configure.sh
targets=$(sed -n 's/.*"id": *"\([0-9][0-9]\)".*/grade-\1/p' course.json | tr '\n' ' ')
cmake --build build --target scratchnet-grade $targets
