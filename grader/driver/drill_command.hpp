// `./grade drill …`: the catalogue, start, check (and --watch), hint, history, next.
#pragma once

#include <string>

#include "manifest.hpp"
#include "runner.hpp"

namespace grader::drill {

struct Options {
    std::string action = "list";  ///< list, start, check, hint, history, next
    std::string name;             ///< the drill, where the action takes one
    bool yes = false;             ///< start: replace unfinished work without asking
    bool json = false;            ///< list, history: for scripts
    bool watch = false;           ///< check: again on every save
    int watch_max_runs = 0;       ///< check --watch: stop after this many (tests)
    bool no_build = false;        ///< check: grade the binary as it is (course developers)
    std::string variant;          ///< check: reference, blank or mutant-X instead of practice/
    Limits limits;
};

/// Runs one drill command; returns the process exit status (0 ok, 1 checks failed or nothing
/// done, 2 a usage or set-up error).
int run(const Manifest& manifest, const Paths& paths, const Options& options);

}  // namespace grader::drill
