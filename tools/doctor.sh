#!/usr/bin/env bash
# tools/doctor.sh [--learner] — `./grade doctor`: checks that this machine has everything the
# course needs and prints, for each problem, the command that fixes it. It needs only bash,
# coreutils and dpkg: ./grade runs it before it installs anything. It changes nothing (its test
# programs and write probes live in a temporary folder, or are removed at once).
#
# Groups, each named after the command it serves:
#   ./grade               the grade packages (tools/deps.sh list grade); clang++ compiles, links
#                         (lld) and runs a program on xtensor + xtensor-blas + OpenBLAS, which
#                         also tells which OpenBLAS kernel this CPU gets; CMake is recent enough
#                         for the presets; build/ is a writable folder; free disk
#   ./grade --sanitize    its packages; a program built with the sanitize preset's flags runs and
#                         AddressSanitizer reports a deliberate bad read with its file:line
#   ./grade milestone     its packages; the Fashion-MNIST files are there, whole and readable
#   ./grade drill         the history folder (where ./grade drill and milestone keep your
#                         results) and practice/ can be written
#   your editor           clangd is installed; .clangd names a compile_commands.json that exists
#   ./test, the site                  their packages (left out with --learner)
#   bench/compare                     its packages, with --bench only
# Exit status: 0 when every check passed, 1 when any failed, 2 for a usage error.
#
# For its own test (tools/doctor-test.sh) and unusual set-ups:
#   SCRATCHNET_DOCTOR_MIN_FREE_MB  the free-disk threshold of both ./grade and ./test (default
#                                  below, at grade_free_mb and test_free_mb)
#   SCRATCHNET_DOCTOR_DATA_DIR     the Fashion-MNIST folder (default: kFashionMnistDir of
#                                  chapters/core/idx.hpp, where the course reads it)
#   SCRATCHNET_DOCTOR_SKIP_BUILDS  1: skip the compiler and sanitizer checks; blas: the compiler
#                                  check only (said in the output)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
usage() {
    echo "usage: ./grade doctor [--learner] [--bench]"
    echo "  Checks this machine for everything the course needs; prints the fix of each problem."
    echo "  --learner  only what a learner's commands need (./grade, --sanitize, milestones,"
    echo "             drills, the editor), not ./test or the course site"
    echo "  --bench    also what bench/compare needs (NumPy; PyTorch when installed)"
}
learner=false
bench=false
for arg in "$@"; do
    case "$arg" in
    --learner) learner=true ;;
    --bench) bench=true ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; echo "doctor: unknown argument \"$arg\"" >&2; exit 2 ;;
    esac
done

# Free disk, measured on the course as of chapter 09. A learner's builds: build/ after ./grade
# 0.26 GB, build-sanitize/ 0.29 GB, build-milestone/ about 0.15 GB (the milestone programs and
# the course's libraries): 0.7 GB, so ./grade wants 1 GB free. ./test's build/ holds 4.3 to
# 5.6 GB (every chapter's mutants and fixtures, the drills, the site): ./test wants 6 GB, less
# what build/ already holds.
grade_free_mb=${SCRATCHNET_DOCTOR_MIN_FREE_MB:-1024}
test_free_mb=${SCRATCHNET_DOCTOR_MIN_FREE_MB:-6144}

# ---- output ---------------------------------------------------------------------------------

if [ -t 1 ] && [ -z "${NO_COLOR+x}" ]; then
    red=$'\e[31m' green=$'\e[32m' dim=$'\e[2m' bold=$'\e[1m' off=$'\e[0m'
else
    red="" green="" dim="" bold="" off=""
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo "
checks=0
problems=0
failed_groups=()
group=""
group_failed=false
all_missing=()

begin_group() {  # begin_group NAME NEEDED_BY
    group=$1
    group_failed=false
    printf '\n%s%s%s  %s\n' "$bold" "$1" "$off" "$2"
}
ok() {
    checks=$((checks + 1))
    printf '  %sok%s    %s\n' "$green" "$off" "$1"
}
info() { printf '  %sinfo%s  %s\n' "$dim" "$off" "$1"; }
fail() {  # fail PROBLEM FIX
    checks=$((checks + 1))
    problems=$((problems + 1))
    printf '  %sFAIL%s  %s\n' "$red" "$off" "$1"
    printf '        fix: %s\n' "$2"
    if ! $group_failed; then
        group_failed=true
        failed_groups+=("$group")
    fi
}
gb() { awk -v mb="$1" 'BEGIN { printf "%.1f GB", mb / 1024 }'; }
apt_install() { echo "${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends $*"; }
apt_reinstall() {
    echo "${sudo}apt-get update && ${sudo}apt-get install -y --reinstall --no-install-recommends $*"
}
# rel PATH: PATH relative to the course's folder when inside it (fix commands run from there).
rel() {
    case "$1" in
    "$root"/*) echo "${1#"$root"/}" ;;
    *) echo "$1" ;;
    esac
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/scratchnet-doctor.XXXXXX" 2>/dev/null) || tmp=""
cleanup() {
    [ -n "$tmp" ] && rm -rf "$tmp"
    return 0
}
trap cleanup EXIT

# ---- Debian packages: one dpkg-query for every tier ----------------------------------------

tiers=(grade sanitize milestone)
$learner || tiers+=(test docs)
! $bench || tiers+=(bench)
declare -A tier_list
for t in "${tiers[@]}"; do
    tier_list[$t]=$(bash "$root/tools/deps.sh" list "$t" | tr '\n' ' ')
done
# The editor's packages: clangd and clang-format (the test checks they are in the test tier).
editor_packages="clangd clang-format"
have_dpkg=true
command -v dpkg-query >/dev/null 2>&1 || have_dpkg=false
declare -A installed
if $have_dpkg; then
    read -r -a all_packages <<<"$(printf '%s ' "${tier_list[@]}" $editor_packages | tr ' ' '\n' | sort -u | tr '\n' ' ')"
    while read -r name status; do
        [ "$status" = "install ok installed" ] && installed[$name]=1
    done < <(dpkg-query -W -f='${Package} ${Status}\n' "${all_packages[@]}" 2>/dev/null)
fi
is_installed() { [ -n "${installed[$1]:-}" ]; }

check_packages() {  # check_packages TIER
    local missing=() p n=0
    if ! $have_dpkg; then
        fail "cannot check Debian packages: dpkg-query is not on the PATH (the course needs Debian 12)" \
            "run the course on Debian 12 (bookworm), where tools/deps.sh $1 installs what it needs"
        return
    fi
    for p in ${tier_list[$1]}; do
        n=$((n + 1))
        is_installed "$p" || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        ok "$n Debian packages installed (tools/deps.sh list $1)"
    else
        fail "${#missing[@]} of $n Debian packages missing: ${missing[*]}" "$(apt_install "${missing[@]}")"
        all_missing+=("${missing[@]}")
    fi
}

# ---- the slow checks start now, in the background, and are collected when printed ----------

# The course's compiler and flags, from the CMake presets (no drift).
presets="$root/CMakePresets.json"
cxx=$(sed -n 's/.*"CMAKE_CXX_COMPILER": *"\([^"]*\)".*/\1/p' "$presets" 2>/dev/null | head -n 1)
cxx=${cxx:-clang++}
san_cxxflags=$(sed -n 's/.*"CMAKE_CXX_FLAGS": *"\([^"]*-fsanitize[^"]*\)".*/\1/p' "$presets" 2>/dev/null | head -n 1)
san_ldflags=$(sed -n 's/.*"CMAKE_EXE_LINKER_FLAGS": *"\([^"]*-fsanitize[^"]*\)".*/\1/p' "$presets" 2>/dev/null | head -n 1)
san_cxxflags=${san_cxxflags:--g -fsanitize=address,undefined -fno-omit-frame-pointer}
san_ldflags=${san_ldflags:--fsanitize=address,undefined}
cxx_path=$(command -v "$cxx" 2>/dev/null || true)

# blas_job DIR: compile, link and run a program on xtensor + xtensor-blas + OpenBLAS, as the
# course build does (C++17, -O0, lld, OpenBLAS for BLAS and LAPACK). Writes DIR/step: the step
# that failed (compile, lld, link, run) or ok; the logs are DIR/*.log.
blas_job() {
    cd "$1" || return
    cat >doctor_blas.cpp <<'EOF'
// ./grade doctor's toolchain check: xtensor + xtensor-blas + OpenBLAS, compiled as the course is.
#include <cstdio>
#include <fstream>
#include <string>
#include <xtensor-blas/xblas.hpp>
#include <xtensor/xtensor.hpp>
extern "C" char* openblas_get_corename(void);
extern "C" char* openblas_get_config(void);
extern "C" int openblas_get_num_threads(void);
int main()
{
    xt::xtensor<double, 2> a = {{1, 2}, {3, 4}}, b = {{5, 6}, {7, 8}};
    xt::xtensor<double, 2> c = xt::zeros<double>({2, 2});
    xt::blas::gemm(a, b, c);
    if (c(0, 0) != 19 || c(0, 1) != 22 || c(1, 0) != 43 || c(1, 1) != 50) {
        std::printf("wrong product: [[1 2] [3 4]] x [[5 6] [7 8]] gave [[%g %g] [%g %g]]\n",
                    c(0, 0), c(0, 1), c(1, 0), c(1, 1));
        return 1;
    }
    std::string lib, line;
    for (std::ifstream maps("/proc/self/maps"); std::getline(maps, line);)
        if (line.find("openblas") != std::string::npos && line.find('/') != std::string::npos)
            lib = line.substr(line.find('/'));
    std::printf("core %s\nconfig %s\nthreads %d\nlib %s\n", openblas_get_corename(),
                openblas_get_config(), openblas_get_num_threads(), lib.c_str());
}
EOF
    if ! "$cxx" -std=c++17 -O0 -c doctor_blas.cpp -o doctor_blas.o >compile.log 2>&1; then
        echo compile >step
    elif ! "$cxx" -fuse-ld=lld doctor_blas.o -o doctor_blas -lopenblas >link.log 2>&1; then
        # Is it lld, or the libraries? The same link with the default linker tells.
        if "$cxx" doctor_blas.o -o doctor_blas -lopenblas >/dev/null 2>&1; then
            echo lld >step
        else
            echo link >step
        fi
    elif ! timeout 30 ./doctor_blas >run.log 2>&1; then
        echo run >step
    else
        echo ok >step
    fi
}

# asan_job DIR: a deliberate out-of-bounds read, built with the sanitize preset's flags and run
# with the grader's ASAN_OPTIONS (grader/driver/runner.cpp). Writes DIR/step: compile, link,
# run (no report), symbolize (a report without file:line) or ok.
asan_job() {
    cd "$1" || return
    cat >doctor_asan.cpp <<'EOF'
// ./grade doctor's sanitizer check: AddressSanitizer must report this read past the end.
int doctor_read(const int* p, int i) { return p[i]; }
int main(int argc, char**)
{
    int* p = new int[4]();
    int r = doctor_read(p, argc + 3);
    delete[] p;
    return r;
}
EOF
    # shellcheck disable=SC2086  # the flags are words
    if ! "$cxx" -std=c++17 $san_cxxflags -c doctor_asan.cpp -o doctor_asan.o >compile.log 2>&1; then
        echo compile >step
    elif ! "$cxx" -fuse-ld=lld $san_ldflags doctor_asan.o -o doctor_asan >link.log 2>&1; then
        echo link >step
    else
        ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:abort_on_error=0 \
            timeout 30 ./doctor_asan >run.log 2>&1
        if ! grep -q 'AddressSanitizer: heap-buffer-overflow' run.log; then
            echo run >step
        elif ! grep -q 'doctor_read.*doctor_asan\.cpp:2' run.log; then
            echo symbolize >step
        else
            echo ok >step
        fi
    fi
}

data_dir=${SCRATCHNET_DOCTOR_DATA_DIR:-}
if [ -z "$data_dir" ]; then
    data_dir=$(sed -n 's/.*kFashionMnistDir *= *"\([^"]*\)".*/\1/p' "$root/chapters/core/idx.hpp" 2>/dev/null)
    data_dir=${data_dir:-/usr/share/datasets/fashion-mnist}
fi
data_files=(train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz
    t10k-labels-idx1-ubyte.gz)
# data_job DIR: gzip -t on each file that is there (a truncated download or a damaged disk).
data_job() {
    local f
    for f in "${data_files[@]}"; do
        [ -f "$data_dir/$f" ] && [ -r "$data_dir/$f" ] || continue
        gzip -t "$data_dir/$f" >/dev/null 2>&1 || echo "$f" >>"$1/damaged"
    done
    touch "$1/done"
}

# The two test programs take most of doctor's few seconds; its own test skips them where they
# are not what it tests.
skip_blas=false skip_asan=false
case "${SCRATCHNET_DOCTOR_SKIP_BUILDS:-}" in
1) skip_blas=true skip_asan=true ;;
blas) skip_blas=true ;;
esac
jobs_started=false
if [ -n "$tmp" ]; then
    mkdir -p "$tmp/blas" "$tmp/asan" "$tmp/data"
    if [ -n "$cxx_path" ]; then
        if ! $skip_blas; then
            # (bash's own "Aborted" or "Segmentation fault" line goes to job.log)
            (blas_job "$tmp/blas") 2>"$tmp/blas/job.log" &
            blas_pid=$!
        fi
        if ! $skip_asan; then
            (asan_job "$tmp/asan") 2>"$tmp/asan/job.log" &
            asan_pid=$!
        fi
    fi
    (data_job "$tmp/data") &
    data_pid=$!
    if ! $learner; then
        (du -sk "$root/build" 2>/dev/null | cut -f 1 >"$tmp/build.kb") &
        du_pid=$!
    fi
    jobs_started=true
fi

# ---- checks shared by several groups --------------------------------------------------------

# check_writable PATH WHAT: PATH is a folder this user can write into, or can be created. Root
# writes through any permission, so the probe writes a file rather than trusting test -w.
check_writable() {
    local path=$1 what=$2 probe parent
    if [ -e "$path" ] && [ ! -d "$path" ]; then
        fail "$(rel "$path") is a file, not a folder ($what)" "mv $(rel "$path") $(rel "$path").not-a-folder"
        return
    fi
    parent=$path
    while [ ! -e "$parent" ]; do parent=$(dirname "$parent"); done
    if [ ! -d "$parent" ]; then
        fail "$(rel "$path")/ cannot be created: $(rel "$parent") is a file, not a folder ($what)" \
            "mv $(rel "$parent") $(rel "$parent").not-a-folder"
        return
    fi
    if probe=$(mktemp "$parent/.scratchnet-doctor.XXXXXX" 2>/dev/null); then
        rm -f "$probe"
        if [ "$parent" = "$path" ]; then
            ok "$(rel "$path")/ is writable ($what)"
        else
            ok "$(rel "$path")/ can be created ($what)"
        fi
    else
        fail "cannot write into $(rel "$parent")/, which belongs to $(stat -c %U "$parent" 2>/dev/null) ($what)" \
            "${sudo}chown -R $(id -un): $(rel "$parent")"
    fi
}

# first_error LOG: the first line that says what went wrong, without the temporary folder.
first_error() {
    { grep -m 1 -iE 'error|undefined reference|cannot|failed|not found' "$1" || head -n 1 "$1"; } |
        sed "s|$tmp/[a-z]*/||g; s|^[[:space:]]*||" | cut -c 1-200
}

# compiler_fix PACKAGES…: how to put the compiler right: Debian's own first on the PATH when
# another one answers to the name, else reinstall the packages.
compiler_fix() {
    local real
    real=$(readlink -f "$cxx_path" 2>/dev/null)
    case "$real" in
    /usr/bin/* | /usr/lib/llvm-*) apt_reinstall "$@" ;;
    *) echo "export PATH=/usr/bin:\$PATH   ($cxx_path is not Debian's $cxx)" ;;
    esac
}

# ---- ./grade --------------------------------------------------------------------------------

os=$(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release 2>/dev/null)
printf 'scratchnet doctor: %s, on %s, %s, %s cores\n' "$root" "${os:-an unknown system}" "$(uname -m)" "$(nproc 2>/dev/null)"
grep -q '^VERSION_ID="12"' /etc/os-release 2>/dev/null || info "the course is made and tested for Debian 12 (bookworm)"

begin_group "./grade" "needed by ./grade, ./grade 01, hint, reset, --watch: grading your exercises"
check_packages grade

if $skip_blas; then
    info "the compiler check is skipped (SCRATCHNET_DOCTOR_SKIP_BUILDS=$SCRATCHNET_DOCTOR_SKIP_BUILDS)"
elif [ -z "$cxx_path" ]; then
    if is_installed clang; then
        fail "$cxx is not on the PATH, though Debian's clang is installed" "export PATH=/usr/bin:\$PATH"
    else
        fail "$cxx is not installed (the presets' compiler)" "$(apt_install clang)"
    fi
elif ! $jobs_started; then
    fail "cannot create a temporary folder in ${TMPDIR:-/tmp} to try the compiler" \
        "export TMPDIR=${HOME:-/var/tmp}   (or free or fix ${TMPDIR:-/tmp})"
else
    wait "$blas_pid"
    cxx_version=$("$cxx" --version 2>/dev/null | sed -n '1s/.*version \([0-9.]*\).*/\1/p')
    case "$(cat "$tmp/blas/step" 2>/dev/null)" in
    ok)
        ok "$cxx ${cxx_version:-?} compiles, links (lld) and runs a program on xtensor + xtensor-blas + OpenBLAS"
        core=$(sed -n 's/^core //p' "$tmp/blas/run.log")
        config=$(sed -n 's/^config //p' "$tmp/blas/run.log")
        threads=$(sed -n 's/^threads //p' "$tmp/blas/run.log")
        lib=$(sed -n 's/^lib //p' "$tmp/blas/run.log")
        variant=$(basename "$(dirname "$lib")")
        info "OpenBLAS picked the $core kernel ($config)"
        coretype="OPENBLAS_CORETYPE is not set"
        [ -z "${OPENBLAS_CORETYPE:-}" ] || coretype="OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE is set"
        info "OpenBLAS library ${lib:-?} ($variant), $threads threads; $coretype"
        # An unknown name makes OpenBLAS fall back to another kernel without a word.
        if [ -n "${OPENBLAS_CORETYPE:-}" ] && [ "${OPENBLAS_CORETYPE,,}" != "${core,,}" ]; then
            fail "OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE is not a kernel this OpenBLAS knows: it fell back to $core" \
                "unset OPENBLAS_CORETYPE   (OpenBLAS then picks the kernel for this CPU)"
        fi
        ;;
    compile)
        fail "$cxx cannot compile a program on xtensor + xtensor-blas: $(first_error "$tmp/blas/compile.log")" \
            "$(compiler_fix clang g++ libxtensor-dev libxtensor-blas-dev xtl-dev libxsimd-dev libopenblas-dev)"
        ;;
    lld)
        fail "the linker lld fails where the default linker works: $(first_error "$tmp/blas/link.log")" \
            "$(apt_reinstall lld)"
        ;;
    link)
        fail "$cxx cannot link against OpenBLAS: $(first_error "$tmp/blas/link.log")" \
            "$(compiler_fix libopenblas-dev liblapack-dev lld binutils)"
        ;;
    run)
        log_line=$(first_error "$tmp/blas/run.log")
        if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
            fail "the program built on OpenBLAS failed with OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE: ${log_line:-no output}" \
                "unset OPENBLAS_CORETYPE"
        else
            blas_lib=$(readlink -f "/usr/lib/$(uname -m)-linux-gnu/libopenblas.so.0" 2>/dev/null)
            blas_pkg=$(dpkg-query -S "$blas_lib" 2>/dev/null | head -n 1 | cut -d: -f1)
            fail "the program built on OpenBLAS failed when run: ${log_line:-no output}" \
                "$(apt_reinstall ${blas_pkg:-libopenblas0} libopenblas-dev)"
        fi
        ;;
    *)
        fail "the compiler check did not finish: $(first_error "$tmp/blas/job.log")" "$(apt_reinstall clang lld)"
        ;;
    esac
fi

# CMake: the presets need the version they name.
need_cmake=$(sed -n '/cmakeMinimumRequired/,/}/p' "$presets" 2>/dev/null | tr -d ' \n' |
    sed -n 's/.*"major":\([0-9]*\),"minor":\([0-9]*\).*/\1.\2/p')
need_cmake=${need_cmake:-3.25}
if command -v cmake >/dev/null 2>&1; then
    have_cmake=$(cmake --version 2>/dev/null | sed -n '1s/.*version \([0-9.]*\).*/\1/p')
    if [ -n "$have_cmake" ] && [ "$(printf '%s\n%s\n' "$need_cmake" "$have_cmake" | sort -V | head -n 1)" = "$need_cmake" ]; then
        ok "cmake $have_cmake (the presets need $need_cmake or later)"
    else
        fail "cmake ${have_cmake:-(no version)} is older than the $need_cmake the presets need" \
            "$(apt_install cmake)   (Debian 12 has 3.25)"
    fi
else
    fail "cmake is not on the PATH" "$(apt_install cmake)"
fi

check_writable "$root/build" "./grade builds there and keeps its logs"

# disk_fix MB: how to free MB megabytes: the optional builds (rebuilt when needed) if that is
# enough, else where to look.
disk_fix() {
    local folders=() f kb=0
    for f in "$root"/build-*; do [ -d "$f" ] && folders+=("$(rel "$f")"); done
    [ ${#folders[@]} -eq 0 ] || kb=$(cd "$root" && du -sck "${folders[@]}" 2>/dev/null | tail -n 1 | cut -f 1)
    [[ "$kb" =~ ^[0-9]+$ ]] || kb=0
    if [ ${#folders[@]} -gt 0 ] && [ $((kb / 1024)) -ge "$1" ]; then
        echo "rm -rf ${folders[*]}   (optional builds; ./grade rebuilds them when needed)"
    else
        echo "du -sh $root/build* ~/.cache/* 2>/dev/null | sort -h   (it shows what is large: free $1 MB more)"
    fi
}
free_mb=$(df -Pk "$root" 2>/dev/null | awk 'NR == 2 { print int($4 / 1024) }')
if [ -z "$free_mb" ]; then
    fail "cannot tell the free disk space (df failed on $root)" "df -h $root"
elif [ "$free_mb" -ge "$grade_free_mb" ]; then
    ok "$(gb "$free_mb") free on the disk of the course (a learner's builds take about 0.7 GB)"
else
    fail "only $free_mb MB free on the disk of the course; a learner's builds want $grade_free_mb MB" \
        "$(disk_fix $((grade_free_mb - free_mb)))"
fi

# ---- ./grade --sanitize ---------------------------------------------------------------------

begin_group "./grade --sanitize" "needed by ./grade --sanitize: AddressSanitizer + UBSan builds"
check_packages sanitize
if $skip_asan; then
    info "the sanitizer check is skipped (SCRATCHNET_DOCTOR_SKIP_BUILDS=$SCRATCHNET_DOCTOR_SKIP_BUILDS)"
elif [ -n "$cxx_path" ] && $jobs_started; then
    wait "$asan_pid"
    rt_packages="libclang-rt-dev llvm"
    case "$(cat "$tmp/asan/step" 2>/dev/null)" in
    ok)
        ok "a program built with the sanitize preset's flags runs, and AddressSanitizer reports a bad read at its file:line"
        ;;
    compile)
        fail "$cxx cannot compile with $san_cxxflags: $(first_error "$tmp/asan/compile.log")" \
            "$(compiler_fix clang)"
        ;;
    link)
        fail "the sanitizer runtime is missing: $(first_error "$tmp/asan/link.log")" \
            "$(if is_installed libclang-rt-dev; then apt_reinstall libclang-rt-dev; else apt_install libclang-rt-dev; fi)"
        ;;
    run)
        log_line=$(grep -m 1 -E '^==[0-9]+==|ERROR|rror' "$tmp/asan/run.log" | sed 's/^==[0-9]*==//' | cut -c 1-200)
        if grep -qi 'symbolizer' "$tmp/asan/run.log" && [ -n "${ASAN_SYMBOLIZER_PATH:-}" ]; then
            fix="unset ASAN_SYMBOLIZER_PATH"
        elif grep -qiE 'shadow|mmap|allocate' "$tmp/asan/run.log" && [ "$(ulimit -v)" != unlimited ]; then
            fix="ulimit -v unlimited   (AddressSanitizer reserves terabytes of address space; the limit is $(ulimit -v) kB)"
        else
            fix=$(apt_reinstall $rt_packages)
        fi
        fail "AddressSanitizer did not report a deliberate bad read: ${log_line:-no output}" "$fix"
        ;;
    symbolize)
        fail "AddressSanitizer cannot name the file and line of a bad access (llvm-symbolizer)" \
            "$(if is_installed llvm; then apt_reinstall llvm; else apt_install llvm; fi)"
        ;;
    *)
        fail "the sanitizer check did not finish: $(first_error "$tmp/asan/job.log")" "$(apt_reinstall $rt_packages)"
        ;;
    esac
fi
check_writable "$root/build-sanitize" "the sanitized build goes there"

# ---- milestones -----------------------------------------------------------------------------

begin_group "./grade milestone" "needed by ./grade milestone run fashion-mnist and modern-mlp"
check_packages milestone
data_problem=""
for f in "${data_files[@]}"; do
    if [ ! -e "$data_dir/$f" ]; then
        data_problem="$data_dir/$f is missing"
    elif ! head -c 1 "$data_dir/$f" >/dev/null 2>&1 || [ ! -r "$data_dir/$f" ]; then
        data_problem="$data_dir/$f cannot be read"
    fi
    [ -n "$data_problem" ] && break
done
if [ -z "$data_problem" ] && $jobs_started; then
    wait "$data_pid"
    [ -s "$tmp/data/damaged" ] && data_problem="$data_dir/$(head -n 1 "$tmp/data/damaged") is damaged (gzip -t fails)"
fi
if [ -n "$data_problem" ]; then
    if is_installed dataset-fashion-mnist; then
        data_fix=$(apt_reinstall dataset-fashion-mnist)
    else
        data_fix=$(apt_install dataset-fashion-mnist)
    fi
    fail "the Fashion-MNIST data set: $data_problem" "$data_fix"
else
    ok "the Fashion-MNIST data set: the 4 files in $data_dir are whole and readable"
fi
check_writable "$root/build-milestone" "the milestones' optimized build goes there"

# ---- drills ---------------------------------------------------------------------------------

begin_group "./grade drill" "needed by ./grade drill, and by ./grade milestone to keep your results"
# Where grader/driver/ask.cpp's state_file() puts drills.json and milestones.json.
xdg=${XDG_STATE_HOME:-}
if [ "${xdg:0:1}" = / ]; then  # as state_file(): a relative XDG_STATE_HOME is ignored
    state_dir=$xdg/scratchnet
elif [ -n "${HOME:-}" ]; then
    state_dir=$HOME/.local/state/scratchnet
else
    state_dir=""
fi
if [ -z "$state_dir" ]; then
    fail "neither XDG_STATE_HOME nor HOME is set: your drill history has nowhere to go" \
        "export HOME=$(getent passwd "$(id -un)" 2>/dev/null | cut -d: -f6)"
else
    before=$problems
    check_writable "$state_dir" "your drill history and milestone results"
    if [ "$problems" -gt "$before" ] && [ "${xdg:0:1}" = / ]; then
        info "(or keep them elsewhere: XDG_STATE_HOME=$xdg decides where they go)"
    fi
fi
check_writable "$root/practice" "./grade drill start writes your drill files there"

# ---- the editor -----------------------------------------------------------------------------

begin_group "your editor" "needed by clangd in your editor: completion and errors as you type"
clangd_path=$(command -v clangd 2>/dev/null || command -v clangd-14 2>/dev/null || true)
if [ -n "$clangd_path" ]; then
    ok "clangd $("$clangd_path" --version 2>/dev/null | sed -n 's/.*version \([0-9.]*\).*/\1/p' | head -n 1) is installed ($clangd_path)"
elif is_installed clangd; then
    fail "clangd is installed but not on the PATH" "export PATH=/usr/bin:\$PATH"
else
    fail "clangd is not installed" "$(apt_install clangd)"
fi
if command -v clang-format >/dev/null 2>&1 || command -v clang-format-14 >/dev/null 2>&1; then
    ok "clang-format is installed (the course's style, .clang-format)"
elif is_installed clang-format; then
    fail "clang-format is installed but not on the PATH" "export PATH=/usr/bin:\$PATH"
else
    fail "clang-format is not installed" "$(apt_install clang-format)"
fi
if [ ! -f "$root/.clangd" ]; then
    fail ".clangd is missing: clangd would not find the course's compile commands" "git checkout -- .clangd"
else
    db=$(sed -n 's/^[[:space:]]*CompilationDatabase:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$root/.clangd" | head -n 1)
    if [ -z "$db" ]; then
        fail ".clangd names no CompilationDatabase" "git checkout -- .clangd"
    else
        case "$db" in /*) db_dir=$db ;; *) db_dir=$root/$db ;; esac
        if [ -f "$db_dir/compile_commands.json" ]; then
            ok ".clangd points at $(rel "$db_dir")/compile_commands.json, which exists"
        elif [ "$(cd "$db_dir" 2>/dev/null && pwd)" != "$root/build" ] && [ "$db_dir" != "$root/build" ]; then
            fail ".clangd points at $(rel "$db_dir")/compile_commands.json, which does not exist (the course writes build/)" \
                "git checkout -- .clangd"
        elif [ -f "$root/build/build.ninja" ]; then
            fail "build/compile_commands.json is missing: clangd would guess the flags and show false errors" \
                "cmake --preset default >/dev/null"
        elif [ ! -e "$root/build" ]; then  # a fresh clone: nothing is wrong yet
            info "build/compile_commands.json, which clangd reads, is written by your first ./grade"
        else
            fail "build/compile_commands.json does not exist yet: clangd would guess the flags and show false errors" \
                "./grade   (the first run configures build/ and writes it)"
        fi
    fi
fi

# ---- course developers ----------------------------------------------------------------------

if ! $learner; then
    begin_group "./test" "needed by ./test: the course's own tests (course developers)"
    check_packages test
    if [ -n "$free_mb" ] && $jobs_started; then
        wait "$du_pid"
        build_kb=$(cat "$tmp/build.kb" 2>/dev/null)
        [[ "$build_kb" =~ ^[0-9]+$ ]] || build_kb=0  # no build/ yet
        build_mb=$((build_kb / 1024))
        need_mb=$((test_free_mb - build_mb))
        [ "$need_mb" -ge 0 ] || need_mb=0
        if [ "$free_mb" -ge "$need_mb" ]; then
            ok "$(gb "$free_mb") free: enough for ./test's build/ (up to $(gb "$test_free_mb"); it holds $(gb "$build_mb") now)"
        else
            fail "only $free_mb MB free; ./test's build/ wants $need_mb MB more (up to $test_free_mb MB; it holds $build_mb MB now)" \
                "$(disk_fix $((need_mb - free_mb)))"
        fi
    fi
    begin_group "the course site" "needed by cmake --build build --target docs (./test builds it)"
    check_packages docs
fi
if $bench; then  # a course developer's comparison, which ./test does not install: only when asked
    begin_group "bench/compare" "needed by bench/compare: benchmarks beside NumPy"
    check_packages bench
fi

# ---- summary --------------------------------------------------------------------------------

echo
if [ "$problems" -eq 0 ]; then
    printf '%sAll is well:%s %d checks passed%s.\n' "$green" "$off" "$checks" \
        "$($learner && echo " (a learner's commands only; ./grade doctor checks ./test's needs too)")"
    exit 0
fi
groups=$(printf '%s, ' "${failed_groups[@]}")
printf '%s%d problem%s%s (%d checks), for: %s. Under each FAIL, the command that fixes it.\n' \
    "$red" "$problems" "$([ "$problems" -eq 1 ] || echo s)" "$off" "$checks" "${groups%, }"
if [ ${#all_missing[@]} -gt 0 ]; then
    read -r -a all_missing <<<"$(printf '%s\n' "${all_missing[@]}" | sort -u | tr '\n' ' ')"
    echo "Every missing package at once: $(apt_install "${all_missing[@]}")"
fi
exit 1
