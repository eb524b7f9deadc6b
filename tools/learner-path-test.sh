#!/usr/bin/env bash
# tools/learner-path-test.sh — proves the learner's path: `./grade` with only the grade packages.
#
# Copies the course (the work tree's files that git tracks or would track; exercises/ as shipped)
# into a throwaway folder, configures it through the preset with every test-only package hidden
# from CMake (CMAKE_DISABLE_FIND_PACKAGE_<Name> for each scratchnet_find_dev() in the CMake files,
# so a new test-only package is hidden without editing this script), runs ./grade there as a
# learner would, and requires: configure succeeds, every chapter of course.json is graded as
# "not started", and `cmake --build build --target docs` names the packages to install instead
# of failing with a CMake error; GitHub Classroom's workflow commands give points only to a
# passing chapter; Gradescope's bundle grades a submission; a drill runs from start to pass. ./test runs it (CTest: setup.LearnerPathWithoutTestPackages).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/scratchnet-learner-path.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "learner path: FAIL: $*" >&2; exit 1; }

# The work tree as it is: tracked files with their uncommitted edits, and new files git does not
# ignore (a chapter being written); then exercises/ as shipped in HEAD.
(cd "$src" && git ls-files -z --cached --others --exclude-standard |
  tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -x -C "$work"
rm -rf "$work/exercises"
git -C "$src" archive HEAD exercises | tar -x -C "$work"

hidden=$(grep -rhoE 'scratchnet_find_dev\([A-Za-z0-9_]+' "$work" --include=CMakeLists.txt --include='*.cmake' |
         sed 's/.*(//' | sort -u)
[ -n "$hidden" ] || fail "found no scratchnet_find_dev() calls to hide"
flags=()
for name in $hidden; do flags+=("-DCMAKE_DISABLE_FIND_PACKAGE_$name=ON"); done
# zlib (the data loader's) is looked for by every build, for the milestones; a learner who only
# ran ./grade does not have it either.
hidden="$hidden ZLIB"
flags+=("-DCMAKE_DISABLE_FIND_PACKAGE_ZLIB=ON")
echo "hidden from CMake: $hidden"

cd "$work"
mkdir -p build
if ! cmake --preset default -DSCRATCHNET_DEV_PARTS=AUTO "${flags[@]}" >build/configure.log 2>&1; then
  cat build/configure.log
  fail "configure failed with the test-only packages hidden"
fi
grep -q "Not configured (test-only packages missing" build/configure.log ||
  fail "configure did not say which test-only parts it left out"
grep -q "^build grader/selftest/selftest:" build/build.ninja && fail "the self-test was configured without its packages"
[ -s build/build.ninja ] && grep -q "^build scratchnet-grade:" build/build.ninja ||
  fail "no scratchnet-grade in build.ninja: the check above would prove nothing"

set +e
out=$(CI=true ./grade </dev/null 2>&1)
status=$?
set -e
echo "$out" | tail -n 20
[ "$status" -eq 1 ] || fail "./grade on the shipped stubs exited $status (expected 1: nothing passed yet)"
chapters=$(grep -cE '"id": *"[0-9]+"' course.json)
not_started=$(echo "$out" | grep -cE '^ *[0-9]{2} .*not started' || true)
[ "$not_started" -eq "$chapters" ] ||
  fail "$not_started of $chapters chapters graded as \"not started\""

set +e
docs=$(cmake --build build --target docs 2>&1)
docs_status=$?
set -e
[ "$docs_status" -ne 0 ] || fail "the docs target succeeded without Doxygen"
echo "$docs" | grep -q "needs these Debian packages: .*doxygen" ||
  { echo "$docs"; fail "the docs target does not name the package to install"; }
echo "$docs" | grep -q "CMake Error" && fail "the docs target gave a CMake error"

# GitHub Classroom's autograding (.github/workflows/classroom.yml, written from course.json) on
# the same set-up: its plain steps, then every chapter's command as the command grader runs it
# (only PATH, HOME and FORCE_COLOR; its timeout). On the shipped stubs each must exit 1 (no
# points); chapter 01's must exit 0 with its reference in place. The copy is built already, so a
# command costs a grading run, not a build (a clone of its own took 2 minutes of CPU).
workflow=.github/workflows/classroom.yml
mapfile -t steps < <(sed -n 's/^ *run: \(.*\)$/\1/p' "$workflow")
mapfile -t commands < <(sed -n 's/^ *command: \(.*\)$/\1/p' "$workflow")
mapfile -t minutes < <(sed -n 's/^ *timeout: \([0-9]*\)$/\1/p' "$workflow")
[ "${#steps[@]}" -ge 1 ] || fail "$workflow has no set-up step"
[ "${#commands[@]}" -eq "$chapters" ] && [ "${#minutes[@]}" -eq "$chapters" ] ||
  fail "$workflow has ${#commands[@]} commands and ${#minutes[@]} timeouts for $chapters chapters"
classroom() {  # classroom COMMAND MINUTES: its exit status, its output in $work/classroom.log
  env -i PATH="$PATH" HOME="$HOME" FORCE_COLOR=true timeout "$(($2 * 60))" sh -c "$1" \
    </dev/null >"$work/classroom.log" 2>&1
}
for step in "${steps[@]}"; do
  sh -ec "$step" </dev/null >"$work/classroom.log" 2>&1 ||
    { cat "$work/classroom.log"; fail "classroom: the step \`$step\` failed"; }
done
for i in "${!commands[@]}"; do
  set +e; classroom "${commands[$i]}" "${minutes[$i]}"; s=$?; set -e
  [ "$s" -eq 1 ] || { tail -n 20 "$work/classroom.log"; fail "classroom: \`${commands[$i]}\` on the shipped stub exited $s (expected 1: no points)"; }
done
[ "${commands[0]}" = "./grade 01" ] || fail "classroom: the first command is \`${commands[0]}\`, not ./grade 01"
stub=$(mktemp)
cp exercises/01-forward-propagation/forward_propagation.cpp "$stub"
cp solutions/01-forward-propagation/forward_propagation.cpp exercises/01-forward-propagation/
set +e; classroom "${commands[0]}" "${minutes[0]}"; s=$?; set -e
cp "$stub" exercises/01-forward-propagation/forward_propagation.cpp && rm -f "$stub"
[ "$s" -eq 0 ] || { tail -n 20 "$work/classroom.log"; fail "classroom: \`${commands[0]}\` with the reference exited $s (expected 0: its points)"; }
echo "GitHub Classroom: ${#commands[@]} commands exit 1 on the stubs, ./grade 01 exits 0 on its reference"

# Gradescope's bundle (autograder/setup.sh, then run_autograder on a submission) on the same
# built copy: the self-test's Gradescope.RunAutograderGradesASubmission, which ctest leaves to
# this script. It replaces chapter 01's exercise with the submission: the stub is put back.
selftest="$src/build/grader/selftest/selftest"
[ -x "$selftest" ] || fail "no $selftest: build the self-test first (./test does)"
cp exercises/01-forward-propagation/forward_propagation.cpp "$work/stub.cpp"
SCRATCHNET_AUTOGRADER_SOURCE="$work" "$selftest" --gtest_filter=Gradescope.RunAutograderGradesASubmission \
  >"$work/gradescope.log" 2>&1 || { cat "$work/gradescope.log"; fail "Gradescope's bundle on the copy"; }
grep -q "\[  PASSED  \] 1 test" "$work/gradescope.log" || { cat "$work/gradescope.log"; fail "Gradescope's test did not run"; }
cp "$work/stub.cpp" exercises/01-forward-propagation/forward_propagation.cpp
echo "Gradescope: autograder/setup.sh and run_autograder graded a submission of chapter 01"

# A candidate's drill on the same set-up: start, a failing check, the reference typed in, a pass;
# the history goes where documented, and exercises/ is untouched.
export XDG_STATE_HOME="$work/state"
drill=$(./grade drill next </dev/null | sed -n 's/^Next: \([^ ]*\) .*/\1/p')  # never tried: the first
[ -n "$drill" ] || fail "./grade drill next named no drill"
before=$(find exercises -type f -exec sha256sum {} + | sort)
./grade drill start "$drill" </dev/null >/dev/null || fail "./grade drill start $drill failed"
[ -f "practice/$drill.cpp" ] || fail "drill start wrote no practice/$drill.cpp"
set +e
./grade drill check </dev/null >"$work/drill1.log" 2>&1; s1=$?
cp "drills/$drill/solution.cpp" "practice/$drill.cpp"
./grade drill check </dev/null >"$work/drill2.log" 2>&1; s2=$?
set -e
[ "$s1" -eq 1 ] && grep -q "not started" "$work/drill1.log" ||
  { cat "$work/drill1.log"; fail "the blank drill file was not graded as not started (exit $s1)"; }
[ "$s2" -eq 0 ] && grep -q "Passed in" "$work/drill2.log" ||
  { cat "$work/drill2.log"; fail "the drill's reference typed in did not pass (exit $s2)"; }
grep -q '"status": "passed"' "$XDG_STATE_HOME/scratchnet/drills.json" ||
  fail "no passed attempt in $XDG_STATE_HOME/scratchnet/drills.json"
[ "$(find exercises -type f -exec sha256sum {} + | sort)" = "$before" ] || fail "a drill command changed exercises/"
tail -n 4 "$work/drill2.log"

echo "learner path: ok ($chapters chapters not started, docs names its packages, Classroom's commands score as they should, Gradescope's bundle grades, drill $drill passed)"
