// `./grade milestone …`: historic results re-run by the learner's own code (list, run).
#pragma once

#include <string>

#include "manifest.hpp"
#include "runner.hpp"

namespace grader::milestone {

struct Options {
    std::string action = "list";  ///< list, run
    std::string name;             ///< run: the milestone
    bool reference = false;       ///< run the references instead of the learner's chapters
    bool record = false;          ///< with reference: write milestones/results/NAME.json
    bool json = false;            ///< list: for scripts
    /// Course developers and tests: a shorter run (the target is then not judged) and the
    /// -O0 course build (build/) instead of the optimized one (build-milestone/).
    long epochs = -1, train_limit = -1;
    bool course_build = false;
    bool no_build = false;  ///< use the binaries as they are (the course's tests)
    Limits limits;          ///< for grading the chapters the milestone needs
};

/// Where the learner's milestone results are kept (outside the repository, next to the drill
/// history): $XDG_STATE_HOME/scratchnet/milestones.json or ~/.local/state/scratchnet/….
std::string history_path();

/// Runs one milestone command; returns the exit status: 0 done (run: target reached), 1 not
/// reached / chapters not passing / the run failed, 2 a usage or set-up error.
int run(const Manifest& manifest, const Paths& paths, const Options& options);

}  // namespace grader::milestone
