#!/usr/bin/env bash
# tools/doctor-test.sh — proves ./grade doctor (tools/doctor.sh). ./test runs it (CTest:
# setup.Doctor).
#
# Each problem is made to happen in a throwaway copy of the files doctor reads (its own
# script, deps.sh, the presets, .clangd, idx.hpp and a build/compile_commands.json), with a
# fresh HOME; the test requires that doctor names the problem, prints the command that fixes
# it on the next line, counts exactly the problems caused, and exits 1. The copy with nothing
# broken must exit 0, and so must `./grade doctor` in this repository (the test machine has
# every package). Packages are hidden by a fake dpkg-query first on the PATH; programs by a
# PATH of links to every program but the hidden ones; a compiler is broken by a fake clang++.
# The test runs as root, and root writes through any file permission, so an unwritable folder
# cannot be made here: "cannot write" is made instead by a regular file where a folder must be.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/scratchnet-doctor-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "doctor test: FAIL: $*" >&2; exit 1; }

# make_course DIR: the files doctor reads, nothing broken.
make_course() {
    mkdir -p "$1/tools" "$1/chapters/core" "$1/build"
    cp "$src/tools/doctor.sh" "$src/tools/deps.sh" "$1/tools/"
    cp "$src/CMakePresets.json" "$src/.clangd" "$1/"
    cp "$src/chapters/core/idx.hpp" "$1/chapters/core/"
    echo '[]' >"$1/build/compile_commands.json"
}

# A fake dpkg-query: the real one's answer without the packages named in HIDE_PACKAGES.
mkdir -p "$work/fake-dpkg"
cat >"$work/fake-dpkg/dpkg-query" <<'EOF'
#!/bin/bash
/usr/bin/dpkg-query "$@" | awk -v hide=" $HIDE_PACKAGES " 'index(hide, " " $1 " ") == 0'
EOF
# A clang++ that cannot compile anything.
mkdir -p "$work/broken-cxx"
printf '#!/bin/sh\necho "clang++: error: this compiler is broken" >&2\nexit 1\n' >"$work/broken-cxx/clang++"
# Debian's clang++ without its sanitizer runtime, as when libclang-rt-dev is not installed.
mkdir -p "$work/no-rt/empty"
cat >"$work/no-rt/clang++" <<EOF
#!/bin/bash
case " \$* " in *" -fsanitize="*) exec /usr/bin/clang++ -resource-dir=$work/no-rt/empty "\$@" ;; esac
exec /usr/bin/clang++ "\$@"
EOF
chmod +x "$work/fake-dpkg/dpkg-query" "$work/broken-cxx/clang++" "$work/no-rt/clang++"
# A PATH with every program but clangd.
mkdir -p "$work/no-clangd"
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
    [ -d "$dir" ] || continue
    for f in "$dir"/*; do
        [ -e "$f" ] || [ -L "$f" ] || continue  # an empty folder (a fresh machine's /usr/local/sbin)
        name=${f##*/}
        case "$name" in clangd*) continue ;; esac
        [ -e "$work/no-clangd/$name" ] || [ -L "$work/no-clangd/$name" ] || ln -s "$f" "$work/no-clangd/$name"
    done
done

base_path=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin
# doctor NAME [VAR=VALUE…] [-- ARGS…]: runs doctor in the copy $work/NAME/course with a fresh
# HOME and the variables given; its output goes to $work/NAME.out, its status to
# $work/NAME.status.
doctor() {
    local name=$1 vars=() status=0
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do vars+=("$1"); shift; done
    [ $# -eq 0 ] || shift
    mkdir -p "$work/$name/home"
    env -i PATH="$base_path" HOME="$work/$name/home" LANG=C.UTF-8 NO_COLOR=1 SCRATCHNET_DOCTOR_SKIP_BUILDS=1 "${vars[@]}" \
        bash "$work/$name/course/tools/doctor.sh" "$@" >"$work/$name.out" 2>&1 </dev/null || status=$?
    echo "$status" >"$work/$name.status"
}
# The compiler and sanitizer checks take most of a run's time (the compiler check ~2.5 s of CPU,
# the sanitizer one ~0.3 s): only the scenarios about them, and the healthy one, run them (the
# others set SCRATCHNET_DOCTOR_SKIP_BUILDS=1, or =blas to run the sanitizer check only).
builds=SCRATCHNET_DOCTOR_SKIP_BUILDS=0
asan_only=SCRATCHNET_DOCTOR_SKIP_BUILDS=blas
# Each scenario: setup_NAME makes the copy and breaks one thing; run_NAME runs doctor.
scenarios=()
scenario() { scenarios+=("$1"); }

scenario healthy
setup_healthy() { make_course "$work/healthy/course"; find "$work/healthy/course" | sort >"$work/healthy.before"; }
run_healthy() {
    if [ "$(uname -m)" = x86_64 ]; then  # an SSE3 kernel every x86-64 CPU can run
        doctor healthy $builds OPENBLAS_CORETYPE=Prescott
    else
        doctor healthy $builds
    fi
}

scenario packages
setup_packages() { make_course "$work/packages/course"; }
run_packages() { doctor packages PATH="$work/fake-dpkg:$base_path" HIDE_PACKAGES="libclang-rt-dev doxygen"; }

scenario bench
setup_bench() { make_course "$work/bench/course"; }
run_bench() { doctor bench PATH="$work/fake-dpkg:$base_path" HIDE_PACKAGES="python3-numpy" -- --bench; }

scenario learner
setup_learner() { make_course "$work/learner/course"; }
run_learner() { doctor learner PATH="$work/fake-dpkg:$base_path" HIDE_PACKAGES="doxygen" -- --learner; }

scenario no_clangd_file
setup_no_clangd_file() { make_course "$work/no_clangd_file/course"; rm "$work/no_clangd_file/course/.clangd"; }
run_no_clangd_file() { doctor no_clangd_file; }

scenario no_compile_commands
setup_no_compile_commands() {
    make_course "$work/no_compile_commands/course"
    rm "$work/no_compile_commands/course/build/compile_commands.json"
}
run_no_compile_commands() { doctor no_compile_commands; }

scenario fresh_clone
setup_fresh_clone() { make_course "$work/fresh_clone/course"; rm -r "$work/fresh_clone/course/build"; }
run_fresh_clone() { doctor fresh_clone; }

scenario build_is_a_file
setup_build_is_a_file() {
    make_course "$work/build_is_a_file/course"
    rm -r "$work/build_is_a_file/course/build"
    echo "a learner's notes" >"$work/build_is_a_file/course/build"
}
run_build_is_a_file() { doctor build_is_a_file; }

scenario history_under_a_file
setup_history_under_a_file() { make_course "$work/history_under_a_file/course"; echo x >"$work/history_under_a_file/blocker"; }
run_history_under_a_file() { doctor history_under_a_file XDG_STATE_HOME="$work/history_under_a_file/blocker/state"; }

scenario no_home
setup_no_home() { make_course "$work/no_home/course"; }
run_no_home() {  # doctor() sets HOME: this one runs without
    mkdir -p "$work/no_home"
    local status=0
    env -i PATH="$base_path" LANG=C.UTF-8 NO_COLOR=1 SCRATCHNET_DOCTOR_SKIP_BUILDS=1 bash "$work/no_home/course/tools/doctor.sh" \
        >"$work/no_home.out" 2>&1 </dev/null || status=$?
    echo "$status" >"$work/no_home.status"
}

scenario low_disk
setup_low_disk() { make_course "$work/low_disk/course"; }
run_low_disk() { doctor low_disk SCRATCHNET_DOCTOR_MIN_FREE_MB=999999999; }

scenario data_missing
setup_data_missing() { make_course "$work/data_missing/course"; mkdir -p "$work/data_missing/data"; }
run_data_missing() {
    doctor data_missing SCRATCHNET_DOCTOR_DATA_DIR="$work/data_missing/data" \
        PATH="$work/fake-dpkg:$base_path" HIDE_PACKAGES="dataset-fashion-mnist"
}

scenario data_damaged
setup_data_damaged() {
    make_course "$work/data_damaged/course"
    local data=$work/data_damaged/data f
    mkdir -p "$data"
    for f in /usr/share/datasets/fashion-mnist/*.gz; do ln -s "$f" "$data/"; done
    rm "$data/t10k-labels-idx1-ubyte.gz"
    head -c 3000 /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz >"$data/t10k-labels-idx1-ubyte.gz"
}
run_data_damaged() { doctor data_damaged SCRATCHNET_DOCTOR_DATA_DIR="$work/data_damaged/data"; }

scenario no_clangd
setup_no_clangd() { make_course "$work/no_clangd/course"; }
run_no_clangd() { doctor no_clangd PATH="$work/fake-dpkg:$work/no-clangd" HIDE_PACKAGES="clangd"; }

scenario broken_compiler
setup_broken_compiler() { make_course "$work/broken_compiler/course"; }
run_broken_compiler() { doctor broken_compiler $builds PATH="$work/broken-cxx:$base_path"; }

scenario no_sanitizer_runtime
setup_no_sanitizer_runtime() { make_course "$work/no_sanitizer_runtime/course"; }
run_no_sanitizer_runtime() { doctor no_sanitizer_runtime $asan_only PATH="$work/no-rt:$base_path"; }

scenario address_space_limit
setup_address_space_limit() { make_course "$work/address_space_limit/course"; }
run_address_space_limit() { (ulimit -v 3000000 && doctor address_space_limit $asan_only); }

scenario unknown_coretype
setup_unknown_coretype() { make_course "$work/unknown_coretype/course"; }
run_unknown_coretype() { doctor unknown_coretype $builds OPENBLAS_CORETYPE=NoSuchCore; }

# As another user (nobody), in a copy root owns: folders that exist but cannot be written, and
# fixes that start with sudo. Only where the test runs as root and util-linux's setpriv is there.
as_nobody=false
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
    as_nobody=true
    scenario not_owner
fi
setup_not_owner() {
    make_course "$work/not_owner/course"
    mkdir -p "$work/not_owner/home"
    chown nobody "$work/not_owner/home"
    chmod 755 "$work" "$work/not_owner"  # readable, as a clone is; mktemp -d made $work 700
}
run_not_owner() {
    local status=0
    setpriv --reuid=nobody --regid=nogroup --clear-groups \
        env -i PATH="$base_path" HOME="$work/not_owner/home" LANG=C.UTF-8 NO_COLOR=1 SCRATCHNET_DOCTOR_SKIP_BUILDS=1 \
        bash "$work/not_owner/course/tools/doctor.sh" --learner >"$work/not_owner.out" 2>&1 </dev/null || status=$?
    echo "$status" >"$work/not_owner.status"
}

# Every scenario, two at a time (each doctor compiles two small programs).
started=$SECONDS
for s in "${scenarios[@]}"; do
    "setup_$s"
    while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || true; done
    "run_$s" &
done
wait
echo "${#scenarios[@]} doctor runs in $((SECONDS - started)) s"

# ---- what each run must say ------------------------------------------------------------------

show() { echo "---- $1 (exit status $(cat "$work/$1.status")):"; cat "$work/$1.out"; }
# expect NAME STATUS PROBLEMS: the exit status, and the summary's count of problems (0: all is well).
expect() {
    local status
    status=$(cat "$work/$1.status")
    [ "$status" -eq "$2" ] || { show "$1"; fail "$1: exit status $status, expected $2"; }
    ! grep -qE 'doctor\.sh: line [0-9]+' "$work/$1.out" || { show "$1"; fail "$1: a shell error in doctor"; }
    local last='the course site'  # the last group (with --learner: the editor; --bench: bench)
    case "$1" in learner | not_owner) last='your editor' ;; bench) last='bench/compare' ;; esac
    grep -q "^$last  needed by " "$work/$1.out" || { show "$1"; fail "$1: doctor stopped before its last group"; }
    if [ "$3" -eq 0 ]; then
        grep -q '^All is well: ' "$work/$1.out" || { show "$1"; fail "$1: no \"All is well\" line"; }
        ! grep -q 'FAIL' "$work/$1.out" || { show "$1"; fail "$1: a FAIL line in a healthy run"; }
    else
        grep -qE "^$3 problems? \([0-9]+ checks\), for: " "$work/$1.out" ||
            { show "$1"; fail "$1: the summary does not count $3 problem(s)"; }
        [ "$(grep -c '^  FAIL  ' "$work/$1.out")" -eq "$3" ] || { show "$1"; fail "$1: not $3 FAIL lines"; }
    fi
}
# problem NAME PROBLEM_RE FIX_RE: a FAIL line matching PROBLEM_RE, and a fix matching FIX_RE on
# the line after it.
problem() {
    grep -A1 -E "^  FAIL  .*$2" "$work/$1.out" | grep -qE "^        fix: .*$3" ||
        { show "$1"; fail "$1: no FAIL line matching /$2/ followed by a fix matching /$3/"; }
}
# group NAME TEXT: the summary names the group TEXT among those with a problem.
group() {
    grep -E '^[0-9]+ problems? ' "$work/$1.out" | grep -qF "$2" ||
        { show "$1"; fail "$1: the summary does not name \"$2\""; }
}

apt='apt-get update && (sudo )?apt-get install -y --no-install-recommends'
reinstall='apt-get update && (sudo )?apt-get install -y --reinstall --no-install-recommends'

expect healthy 0 0
grep -q '^  ok    clang++ .* compiles, links (lld) and runs a program on xtensor + xtensor-blas + OpenBLAS$' \
    "$work/healthy.out" || { show healthy; fail "healthy: no compiler line"; }
grep -qE '^  info  OpenBLAS picked the [A-Za-z0-9]+ kernel' "$work/healthy.out" ||
    { show healthy; fail "healthy: the OpenBLAS kernel is not named"; }
if [ "$(uname -m)" = x86_64 ]; then
    grep -q 'picked the Prescott kernel' "$work/healthy.out" && grep -q 'OPENBLAS_CORETYPE=Prescott is set' "$work/healthy.out" ||
        { show healthy; fail "healthy: OPENBLAS_CORETYPE=Prescott is not reported"; }
fi
for g in './grade ' './grade --sanitize ' './grade milestone ' './grade drill ' 'your editor ' './test ' 'the course site '; do
    grep -qF "$g needed by " "$work/healthy.out" || { show healthy; fail "healthy: no group \"$g\" saying which command needs it"; }
done
find "$work/healthy/course" | sort | cmp -s - "$work/healthy.before" ||
    fail "healthy: doctor left files behind or removed some in the course's folder"
[ -z "$(ls -A "$work/healthy/home")" ] || fail "healthy: doctor wrote into HOME: $(ls -A "$work/healthy/home")"

expect packages 1 3
problem packages '1 of [0-9]+ Debian packages missing: libclang-rt-dev$' "$apt libclang-rt-dev$"
problem packages '2 of [0-9]+ Debian packages missing: libclang-rt-dev doxygen$' "$apt libclang-rt-dev doxygen$"
problem packages 'Debian packages missing: doxygen$' "$apt doxygen$"
group packages './grade --sanitize, ./test, the course site'
grep -qE "^Every missing package at once: $apt doxygen libclang-rt-dev$" "$work/packages.out" ||
    { show packages; fail "packages: no single line installing every missing package"; }

expect bench 1 1  # python3-numpy hidden: ./test does not install it, --bench asks for it
problem bench 'Debian packages missing: python3-numpy$' "$apt python3-numpy$"
group bench 'bench/compare'
! grep -q '^bench/compare ' "$work/healthy.out" || { show healthy; fail "healthy: bench/compare checked without --bench"; }

expect learner 0 0
grep -q "a learner's commands only" "$work/learner.out" || { show learner; fail "learner: --learner is not said"; }
! grep -q '^\./test ' "$work/learner.out" || { show learner; fail "learner: --learner checked ./test"; }

expect no_clangd_file 1 1
problem no_clangd_file '\.clangd is missing' 'git checkout -- \.clangd$'
group no_clangd_file 'your editor'

expect no_compile_commands 1 1
problem no_compile_commands 'build/compile_commands\.json does not exist yet' '\./grade '

expect fresh_clone 0 0  # a fresh clone is well: its first ./grade writes build/
grep -q "^  info  build/compile_commands\.json, which clangd reads, is written by your first \./grade" \
    "$work/fresh_clone.out" || { show fresh_clone; fail "fresh_clone: no word on compile_commands.json"; }
grep -q "^  ok    build/ can be created" "$work/fresh_clone.out" || { show fresh_clone; fail "fresh_clone: build/ is not ok"; }
grep -q "enough for ./test's build/ .*it holds 0.0 GB now" "$work/fresh_clone.out" ||
    { show fresh_clone; fail "fresh_clone: ./test's disk check does not say build/ holds nothing yet"; }

expect build_is_a_file 1 2
problem build_is_a_file 'build is a file, not a folder \(\./grade builds' 'mv build build\.not-a-folder$'
problem build_is_a_file 'compile_commands\.json' '\./grade '
[ "$(cat "$work/build_is_a_file/course/build")" = "a learner's notes" ] || fail "build_is_a_file: doctor changed the file"

expect history_under_a_file 1 1
problem history_under_a_file "blocker/state/scratchnet/ cannot be created: .*blocker is a file, not a folder \\(your drill history" \
    "mv $work/history_under_a_file/blocker $work/history_under_a_file/blocker.not-a-folder$"
grep -q 'XDG_STATE_HOME=.* decides where they go' "$work/history_under_a_file.out" ||
    { show history_under_a_file; fail "history_under_a_file: XDG_STATE_HOME is not named"; }

expect no_home 1 1
problem no_home 'neither XDG_STATE_HOME nor HOME is set' 'export HOME=/'

expect low_disk 1 2
problem low_disk 'MB free on the disk of the course; a learner.s builds want 999999999 MB' 'du -sh '
problem low_disk "MB free; \\./test's build/ wants [0-9]+ MB more \\(up to 999999999 MB; it holds 0 MB now\\)" 'du -sh '
group low_disk './grade, ./test'

expect data_missing 1 4
problem data_missing "Fashion-MNIST data set: $work/data_missing/data/train-images-idx3-ubyte.gz is missing" \
    "$apt dataset-fashion-mnist$"
group data_missing './grade milestone'

expect data_damaged 1 1
problem data_damaged 't10k-labels-idx1-ubyte\.gz is damaged' "$reinstall dataset-fashion-mnist$"

expect no_clangd 1 2
problem no_clangd 'clangd is not installed' "$apt clangd$"
group no_clangd 'your editor'

expect broken_compiler 1 2
problem broken_compiler 'clang\+\+ cannot compile a program on xtensor \+ xtensor-blas: clang\+\+: error: this compiler is broken' \
    "export PATH=/usr/bin:\\\$PATH   \\($work/broken-cxx/clang\\+\\+ is not Debian's clang\\+\\+\\)"
problem broken_compiler 'clang\+\+ cannot compile with -g -fsanitize' 'export PATH=/usr/bin'
group broken_compiler './grade, ./grade --sanitize'

expect no_sanitizer_runtime 1 1
problem no_sanitizer_runtime 'the sanitizer runtime is missing: .*libclang_rt\.asan' "$reinstall libclang-rt-dev$"

expect address_space_limit 1 1
problem address_space_limit 'AddressSanitizer did not report a deliberate bad read: .*AddressSanitizer' 'ulimit -v unlimited'

expect unknown_coretype 1 1
problem unknown_coretype 'OPENBLAS_CORETYPE=NoSuchCore is not a kernel this OpenBLAS knows' 'unset OPENBLAS_CORETYPE'

if $as_nobody; then
    # build/ exists and is root's; build-sanitize/, build-milestone/ and practice/ would be
    # created in the course's folder, which is root's too.
    expect not_owner 1 4
    problem not_owner 'cannot write into build/, which belongs to root' 'sudo chown -R nobody: build$'
    problem not_owner "cannot write into $work/not_owner/course/, which belongs to root \\(the sanitized" \
        "sudo chown -R nobody: $work/not_owner/course$"
    grep -q 'not_owner/home/.local/state/scratchnet/ can be created' "$work/not_owner.out" ||
        { show not_owner; fail "not_owner: the history folder in nobody's HOME is not ok"; }
fi

# The editor's packages, named in doctor.sh, are among the ones ./test installs.
for p in $(sed -n 's/^editor_packages="\(.*\)"/\1/p' "$src/tools/doctor.sh"); do
    "$src/tools/deps.sh" list test | grep -qx "$p" || fail "doctor's editor package $p is not in tools/deps.sh list test"
done

# Usage errors, and the real thing: ./grade doctor in this repository, on the test machine.
status=0
"$src/grade" doctor --no-such-option >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "./grade doctor --no-such-option exited $status, expected 2"
status=0
NO_COLOR=1 "$src/grade" doctor >"$work/real.out" 2>&1 </dev/null || status=$?
[ "$status" -eq 0 ] || { cat "$work/real.out"; fail "./grade doctor in $src exited $status on the test machine"; }
tail -n 1 "$work/real.out"
echo "doctor test: ok (${#scenarios[@]} throwaway set-ups, each problem named with its fix)"
