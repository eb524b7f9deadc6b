#!/usr/bin/env bash
# tools/classroom-workflow.sh — writes .github/workflows/classroom.yml, GitHub Classroom's
# autograding (one test per chapter, `./grade NN`, with its points), from course.json.
# Run it after adding a chapter or changing points in course.json: ./test
# (Classroom.WorkflowIsWrittenFromCourseJson) fails until the committed file is what it writes.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh grade
tools/configure.sh grade
if ! out=$(cmake --build build --target scratchnet-classroom 2>&1); then
  echo "$out" >&2
  echo "Building scratchnet-classroom failed." >&2
  exit 1
fi
mkdir -p .github/workflows
build/scratchnet-classroom .github/workflows/classroom.yml
echo "Wrote .github/workflows/classroom.yml from course.json."
