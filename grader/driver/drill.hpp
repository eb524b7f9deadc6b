// Timed drills (`./grade drill …`): the practice file, the clock and the candidate's history.
//
// History is one JSON file outside the repository, so that `git clean`, a reset or a new clone
// never loses it: $XDG_STATE_HOME/scratchnet/drills.json (default ~/.local/state/scratchnet/).
// Format "scratchnet-drill-history/1":
//   {"format": "scratchnet-drill-history/1",
//    "attempts": [{"drill": "softmax-cross-entropy",    the catalogue name
//                  "status": "passed",                 open | passed | abandoned
//                  "started": "2026-11-25T23:40:02Z",  UTC, when `drill start` wrote the file
//                  "passed": "2026-11-25T23:52:33Z",   UTC, the first check run that passed
//                  "seconds": 751,                     started → passed
//                  "checks_runs": 4,                   `drill check` runs, the passing one included
//                  "hints": 1,                         hints taken during the attempt
//                  "hints_for": ["Softmax.FiniteFor…"], the checks whose hints were taken
//                  "failing": [],                      checks that did not pass in the last run
//                  "par_seconds": 900,                 the drill's par when it was tried
//                  "course": "/home/me/scratchnet"}]}  the checkout it was tried in
// A history that cannot be parsed is moved aside (drills.json.corrupt-<time>) and reported,
// never overwritten.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "manifest.hpp"
#include "runner.hpp"

namespace grader::drill {

struct Attempt {
    std::string drill;
    std::string status = "open";  ///< open, passed or abandoned
    std::int64_t started = 0;     ///< Unix time
    std::int64_t passed = 0;      ///< Unix time; 0 unless passed
    int checks_runs = 0;
    int hints = 0;
    std::vector<std::string> hints_for;  ///< checks whose hints were taken, in order
    std::vector<std::string> failing;    ///< checks that did not pass in the last check run
    int par_seconds = 0;
    std::string course;

    std::int64_t seconds() const { return passed - started; }
};

class History {
public:
    /// Reads the history at `path` (none yet is an empty history). A file that is not a
    /// history is moved aside and reported on `warn`; one that cannot be read throws.
    static History load(const std::string& path, std::ostream& warn);
    /// Writes it (through a temporary file and a rename); throws if it cannot.
    void save() const;

    const std::string& path() const { return path_; }
    std::vector<Attempt>& attempts() { return attempts_; }
    const std::vector<Attempt>& attempts() const { return attempts_; }
    Attempt* open_attempt(const std::string& drill);  ///< the drill's attempt in progress
    Attempt* latest_open();                           ///< the most recently started one
    std::optional<std::int64_t> best(const std::string& drill) const;  ///< fastest pass, s
    int tries(const std::string& drill) const;
    std::int64_t last_tried(const std::string& drill) const;  ///< 0 if never

private:
    std::string path_;
    std::vector<Attempt> attempts_;
};

/// $XDG_STATE_HOME/scratchnet/drills.json, or ~/.local/state/scratchnet/drills.json.
std::string history_path();

/// "12:05", "1:02:07"; negative durations get a minus sign.
std::string clock(std::int64_t seconds);

std::string iso_time(std::int64_t unix_time);  ///< "2026-11-25T23:40:02Z"
std::int64_t parse_iso_time(const std::string& text);

/// The drill as a chapter the runner and the report understand (its checks, every chapter's
/// reference record, the practice file as the learner's file).
Chapter as_chapter(const Manifest& m, const Paths& paths, const Drill& d);

/// build/drills/<name>/drill-<name>, or drill-<name>-<variant> (reference, blank, mutant-X).
std::string drill_binary(const Paths& paths, const Drill& d, const std::string& variant = "");

/// What to practise next: never tried (catalogue order), then furthest over par (tried but
/// never passed counts as furthest), then the one tried longest ago. Sets `why`.
const Drill* next_drill(const Manifest& m, const History& h, std::string& why);

}  // namespace grader::drill
