// After a pass: `./grade solution NN` puts the reference beside the learner's file (a unified
// diff, or two columns), and `./grade hint NN` shows every hint at once. Before a pass the
// reference is a spoiler: `solution` asks first (`--yes` skips the question; with no terminal
// and no `--yes` it shows nothing) and `hint` gives one hint at a time as before.
//
// Whether a chapter passes is decided by grading it again (build, then run the checks), never
// by a stored result that an edit could have made stale. Nothing here writes into exercises/.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "manifest.hpp"
#include "runner.hpp"

namespace grader::solution {

/// How a chapter is graded to learn whether it passes (the main command's options).
struct Grading {
    std::string variant = "exercise";
    bool no_build = false;
    Limits limits;
};

struct Options {
    std::string chapter;        ///< as `./grade NN` accepts it: 01, 1, forward-propagation
    bool side_by_side = false;  ///< two columns instead of a unified diff
    bool yes = false;           ///< show it before a pass without asking
    int width = 0;              ///< columns for --side-by-side; 0: the terminal's
    Grading grading;
};

/// `./grade solution NN`. Exit status 0 when the comparison was shown, 1 when the learner did
/// not confirm (or could not: no terminal and no --yes), 2 for an unknown chapter or a missing
/// file.
int run(const Manifest& manifest, const Paths& paths, const Options& options);

/// `./grade hint NN` on a chapter that passes now: prints every progressive hint and every
/// check's hint, and returns true. Returns false, printing nothing, when the chapter is unknown
/// or does not pass (the caller then gives the next hint as before).
bool show_all_hints_if_passed(const Manifest& manifest, const Paths& paths, const std::string& key,
                              const Grading& grading);

/// One or two lines after a report, for the chapters in `results` that passed: the command that
/// compares with the reference and where the solution page is. Prints nothing if none passed.
void print_offer(std::ostream& out, const Paths& paths, const std::vector<ChapterResult>& results);

/// Renders a unified diff (as `diff -u` prints it) in two columns of `width` characters in all,
/// the learner's lines on the left and the reference's on the right, with their line numbers.
/// `left` and `right` head the columns. Colour (red / green) when `color`.
std::string side_by_side(const std::string& unified, const std::string& left,
                         const std::string& right, int width, bool color);

}  // namespace grader::solution
