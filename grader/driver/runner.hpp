// Building a chapter's grading binary and running it in a child process with limits.
//
// The child's verdict counts only when its result file ends with the "end" record carrying the
// token this process gave it: a crash, a time-out, or exit() from learner code leaves the file
// incomplete, and the check that was running is reported with the cause.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "manifest.hpp"

namespace grader {

struct Limits {
    double seconds = 20;              ///< wall-clock time for one chapter's checks
    std::size_t memory_mb = 4096;     ///< address space of the child process
    std::size_t output_mb = 8;        ///< stdout + stderr kept; the rest is dropped
    bool limit_address_space = true;  ///< off under AddressSanitizer, which reserves terabytes
};

enum class CheckStatus { passed, failed, not_implemented, crashed, not_run };
const char* to_string(CheckStatus s);

struct CheckResult {
    std::string name;
    CheckStatus status = CheckStatus::not_run;
    std::vector<std::string> messages;
    std::string missing_function;  ///< for not_implemented
};

enum class ChapterStatus {
    passed,
    failing,
    not_started,
    does_not_compile,
    crashed,
    output_flood,  ///< every check may pass, but the code printed more than the cap
    not_built
};
const char* to_string(ChapterStatus s);

struct ChapterResult {
    const Chapter* chapter = nullptr;
    ChapterStatus status = ChapterStatus::not_built;
    std::vector<CheckResult> checks;  ///< in manifest order, then any unknown ones
    std::string cause;                ///< why the run ended early, or the compiler's first error
    std::string compiler_context;     ///< the lines after the first compiler error
    std::string log_path;             ///< full output of the build or of the run
    bool output_truncated = false;
    double build_seconds = 0, run_seconds = 0;

    int count(CheckStatus s) const;
};

struct Paths {
    std::string source_dir;  ///< repository root
    std::string binary_dir;  ///< CMake build directory
    std::string logs_dir;    ///< where build and run output goes; default binary_dir/grader-logs

    std::string logs() const { return logs_dir.empty() ? binary_dir + "/grader-logs" : logs_dir; }
};

/// Builds `target` with CMake; on failure fills status does_not_compile, cause and context.
bool build_chapter(const Paths& paths, const std::string& target, ChapterResult& result);

/// Runs `binary` (a chapter's grading executable) and fills in the check results; with
/// `only` (check names separated by ':'), just those checks.
void run_chapter(const Paths& paths, const std::string& binary, const Limits& limits,
                 ChapterResult& result, const std::string& only = "");

/// The grading binary of a chapter: variant "exercise", "reference" or "mutant-<name>".
std::string chapter_binary(const Paths& paths, const Chapter& ch, const std::string& variant);

}  // namespace grader
