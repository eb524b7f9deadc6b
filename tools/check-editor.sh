#!/usr/bin/env bash
# tools/check-editor.sh format|clangd BUILD_DIR — the editor checks ./test runs (CTest tests
# editor.ClangFormat and editor.ClangdCheck, cmake/editor_checks.cmake). Works from any folder.
#
#   format            clang-format --dry-run -Werror on every tracked .cpp/.hpp file, with the
#                     repository's .clang-format. Prints one line per file; fails if any is off.
#   clangd BUILD_DIR  clangd --check on the files a learner opens: every chapter's exercise and
#                     contract header (chapters from course.json) and the shared headers of
#                     chapters/core/ and grader/harness/, with BUILD_DIR/compile_commands.json;
#                     with CHECK_EDITOR_ALL=1 also every solution and hidden checks file (they
#                     compile in every build anyway; left out of ./test, each costs a clangd
#                     parse of ~3 s). Fails if clangd reports any error in a file, as an editor
#                     would show it.
#
# Left out: fixtures that must not compile (`// build: fails`), and an exercise file that differs
# from the committed one (a learner's work in progress, like the self-test's stub check).
# Programs: CLANG_FORMAT and CLANGD (default: clang-format and clangd on PATH); CHECK_JOBS, the
# number of clangd processes at once (default: the number of cores).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage() {
    echo "usage: tools/check-editor.sh format [FILE...] | clangd BUILD_DIR [FILE...]" >&2
    exit 2
}
mode=${1:-}
[ $# -gt 0 ] && shift

in_git=false
git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1 && in_git=true

# skip_reason FILE (relative to the root): why FILE is not checked, or nothing.
skip_reason() {
    case "$1" in
    grader/selftest/fixtures/*)
        if grep -q '^// build: fails' "$root/$1"; then
            echo "a fixture that must not compile"
        fi
        ;;
    exercises/*)
        local status=0
        if $in_git; then
            git -C "$root" diff --quiet HEAD -- "$1" 2>/dev/null || status=$?
        fi
        if [ "$status" -eq 1 ]; then  # 0: unchanged; above 1: no git, no HEAD…
            echo "holds your own work (differs from the committed stub)"
        fi
        ;;
    esac
}

# ---- format --------------------------------------------------------------------------------

check_format() {
    local clang_format=${CLANG_FORMAT:-clang-format}
    command -v "$clang_format" >/dev/null ||
        { echo "check-editor: $clang_format not found (Debian package clang-format)" >&2; exit 2; }
    [ -f "$root/.clang-format" ] || { echo "check-editor: no $root/.clang-format" >&2; exit 2; }
    local files=()
    if [ $# -gt 0 ]; then
        local f
        for f in "$@"; do files+=("$(realpath --relative-to="$root" "$f")"); done
    elif $in_git; then
        mapfile -t files < <(git -C "$root" ls-files -- '*.cpp' '*.hpp')
    else
        mapfile -t files < <(cd "$root" && find . \( -name 'build*' -o -name .git -o -name exercise-backups \) \
            -prune -o \( -name '*.cpp' -o -name '*.hpp' \) -print | sed 's|^\./||' | sort)
    fi
    local checked=0 off=0 skipped=0 f why n
    for f in "${files[@]}"; do
        [ -f "$root/$f" ] || continue  # deleted but not yet committed
        why=$(skip_reason "$f")
        if [ -n "$why" ]; then
            printf 'skip  %s: %s\n' "$f" "$why"
            skipped=$((skipped + 1))
            continue
        fi
        checked=$((checked + 1))
        if (cd "$root" && "$clang_format" --dry-run -Werror "$f" >/dev/null 2>&1); then
            printf 'ok    %s\n' "$f"
        else
            n=$(cd "$root" && { "$clang_format" "$f" | diff "$f" - | grep -c '^<' || true; })
            printf 'OFF   %s: %s line(s) would change\n' "$f" "$n"
            off=$((off + 1))
        fi
    done
    echo "clang-format ($("$clang_format" --version | sed 's/.*version //')): $checked file(s)" \
        "checked, $off not formatted, $skipped skipped"
    [ "$off" -eq 0 ] || { echo "To format a file: clang-format -i FILE (uses $root/.clang-format)"; return 1; }
}

# ---- clangd --------------------------------------------------------------------------------

# The files clangd must open without errors, relative to the root.
clangd_files() {
    local script
    script=$(mktemp)
    # course.json through CMake's JSON parser (CMake is needed anyway; jq and python may not be).
    cat >"$script" <<'EOF'
file(READ "${MANIFEST}" manifest)
string(JSON count LENGTH "${manifest}" chapters)
if(count GREATER 0)
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    foreach(field folder contract exercise)
      string(JSON ${field} GET "${manifest}" chapters ${i} ${field})
    endforeach()
    message(NOTICE "exercises/${folder}/${exercise}")
    message(NOTICE "chapters/${folder}/${contract}")
    if(ALL)
      message(NOTICE "solutions/${folder}/${exercise}")
      message(NOTICE "grader/${folder}/checks.cpp")
    endif()
  endforeach()
endif()
EOF
    local out status=0
    out=$(cmake -DMANIFEST="$root/course.json" -DALL="${CHECK_EDITOR_ALL:-0}" -P "$script" 2>&1) ||
        status=$?
    rm -f "$script"
    if [ "$status" -ne 0 ]; then
        echo "check-editor: cannot read $root/course.json:" >&2
        echo "$out" >&2
        return 1
    fi
    echo "$out"
    (cd "$root" && ls chapters/core/*.hpp grader/harness/*.hpp 2>/dev/null)
}

# check_one FILE BUILD_DIR OUT: clangd --check on FILE; writes a one-line verdict, then the
# errors, to OUT.
check_one() {
    local f=$1 build=$2 out=$3 log start end secs errors n
    log=$(mktemp)
    local args=(--check="$root/$f" --check-lines=1)
    # The default build folder is found through .clangd (as in an editor); another one is named.
    [ "$build" = "$root/build" ] || args+=(--compile-commands-dir="$build")
    start=$(date +%s.%N)
    local status=0
    "${CLANGD:-clangd}" "${args[@]}" >"$log" 2>&1 </dev/null || status=$?
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    # Diagnostics are the lines "E[time] [diagnostic_name] Line N: message". Other E[ lines
    # (failed code actions, index notes) are clangd's own and do not show in an editor.
    errors=$(grep -E '^E\[[^]]*\] \[[^]]*\] Line [0-9]+: ' "$log" | sed -E 's/^E\[[^]]*\] //' || true)
    {
        if grep -q 'Generic fallback command\|Failed to find compilation database' "$log"; then
            echo "FAIL  $f: no compile command from $build/compile_commands.json (run ./grade first)"
        elif ! grep -qF "Loaded compilation database from $build/compile_commands.json" "$log"; then
            echo "FAIL  $f: clangd did not use $build/compile_commands.json" \
                "($(grep -o 'Loaded compilation database from [^ ]*' "$log" | head -n 1 || true))"
        elif ! grep -q 'All checks completed' "$log"; then
            echo "FAIL  $f: clangd stopped (exit status $status); its last lines:"
            tail -n 5 "$log" | sed 's/^/        /'
        elif [ -n "$errors" ]; then
            n=$(grep -c . <<<"$errors")
            echo "FAIL  $f: $n error$([ "$n" -eq 1 ] || echo s) (${secs} s)"
            head -n 5 <<<"$errors" | sed 's/^/        /'
            [ "$n" -le 5 ] || echo "        … and $((n - 5)) more"
        else
            echo "ok    $f (${secs} s)"
        fi
    } >"$out"
    rm -f "$log"
}

check_clangd() {
    [ $# -ge 1 ] || usage
    local build
    build=$(cd "$1" 2>/dev/null && pwd) || { echo "check-editor: no folder $1" >&2; exit 2; }
    shift
    command -v "${CLANGD:-clangd}" >/dev/null ||
        { echo "check-editor: ${CLANGD:-clangd} not found (Debian package clangd)" >&2; exit 2; }
    [ -f "$build/compile_commands.json" ] ||
        { echo "check-editor: no $build/compile_commands.json: configure first (./grade)" >&2; exit 2; }

    local files=() f
    if [ $# -gt 0 ]; then
        for f in "$@"; do files+=("$(realpath --relative-to="$root" "$f")"); done
    else
        mapfile -t files < <(clangd_files)
        [ ${#files[@]} -gt 4 ] || { echo "check-editor: no chapters found in course.json" >&2; exit 2; }
    fi

    local jobs=${CHECK_JOBS:-$(nproc)} i=0 skipped=0 started=$SECONDS why
    work=$(mktemp -d)  # global: the EXIT trap runs after this function has returned
    trap 'rm -rf "$work"' EXIT
    for f in "${files[@]}"; do
        i=$((i + 1))
        if [ ! -f "$root/$f" ]; then
            echo "FAIL  $f: missing" >"$work/$i"
            continue
        fi
        why=$(skip_reason "$f")
        if [ -n "$why" ]; then
            echo "skip  $f: $why" >"$work/$i"
            skipped=$((skipped + 1))
            continue
        fi
        while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
        check_one "$f" "$build" "$work/$i" &
    done
    wait
    local failed=0 n
    for n in $(seq 1 "$i"); do
        [ -s "$work/$n" ] || echo "FAIL  ${files[n - 1]}: the check itself failed" >"$work/$n"
        cat "$work/$n"
        if grep -q '^FAIL' "$work/$n"; then failed=$((failed + 1)); fi
    done
    echo "clangd ($("${CLANGD:-clangd}" --version | sed -n 's/.*version //p' | head -n 1)):" \
        "$((i - skipped)) file(s) checked, $failed with errors, $skipped skipped," \
        "$((SECONDS - started)) s with $jobs jobs"
    [ "$failed" -eq 0 ]
}

case "$mode" in
format) check_format "$@" ;;
clangd) check_clangd "$@" ;;
*) usage ;;
esac
