#!/usr/bin/env bash
# bench/edit_to_verdict.sh [RUNS] [CHAPTER] — how long a learner waits between saving a file and
# reading the verdict: touch a finished exercise, time `./grade CHAPTER`, repeat.
#
# Works on a throwaway copy of the course in build/edit-to-verdict/ (your exercises/ are never
# touched): the tracked files as they are in the work tree, with the chapter's reference
# solution in place of its exercise ("a finished exercise"). The copy's build is made once and
# reused by later runs. Prints every run (total, and the grader's own split: build = compile +
# link, run = the checks), then min / median / max. Defaults: 7 runs, chapter 01.
# Target (issue 10): median ≤ 1.5 s on the 2-core course machines, idle.
set -euo pipefail
runs=${1:-7}
chapter=${2:-01}
src=$(cd "$(dirname "$0")/.." && pwd)
copy="$src/build/edit-to-verdict"

folder=$(sed -n "s/.*\"folder\": *\"\(${chapter}-[a-z0-9-]*\)\".*/\1/p" "$src/course.json" | head -n1)
[ -n "$folder" ] || { echo "no chapter $chapter in course.json" >&2; exit 2; }
exercise=$(grep -A3 "\"folder\": *\"$folder\"" "$src/course.json" | sed -n 's/.*"exercise": *"\([^"]*\)".*/\1/p' | head -n1)

mkdir -p "$copy"
rev=$(git -C "$src" stash create 2>/dev/null || true)
git -C "$src" archive "${rev:-HEAD}" | tar -x -C "$copy"
cp "$src/solutions/$folder/$exercise" "$copy/exercises/$folder/$exercise"
cd "$copy"
echo "Preparing the copy in $copy (the first time builds everything the grader needs)…" >&2
./grade "$chapter" >/dev/null 2>&1 || true

ms() { date +%s%N | cut -c1-13; }
echo "edit → verdict, chapter $chapter ($folder/$exercise, the reference solution as a finished exercise)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(clang++ --version | head -n1)"
totals=()
for i in $(seq 1 "$runs"); do
  touch "exercises/$folder/$exercise"
  t0=$(ms)
  out=$(./grade "$chapter" --json 2>/dev/null || true)
  t1=$(ms)
  total=$((t1 - t0))
  build=$(echo "$out" | sed -n 's/.*"build_seconds": *\([0-9.]*\).*/\1/p' | head -n1)
  run=$(echo "$out" | sed -n 's/.*"run_seconds": *\([0-9.]*\).*/\1/p' | head -n1)
  status=$(echo "$out" | sed -n 's/.*"summary": *"\([^"]*\)".*/\1/p' | head -n1)
  printf 'run %2d: %5d ms  (build %.2f s, checks %.2f s, %s)\n' "$i" "$total" "${build:-0}" "${run:-0}" "${status:-?}"
  totals+=("$total")
done
sorted=$(printf '%s\n' "${totals[@]}" | sort -n)
n=${#totals[@]}
min=$(echo "$sorted" | head -n1)
max=$(echo "$sorted" | tail -n1)
median=$(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p")
echo "min $min ms, median $median ms, max $max ms over $n runs"
