// What the learner reads: the progress table and a chapter's failures.
#pragma once

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "runner.hpp"

namespace grader {

struct Style {
    bool color = false;
};

/// `text` in an ANSI colour (e.g. "31", red) when the style has colour.
std::string paint(const Style& s, const char* code, const std::string& text);
/// `s` padded with spaces to `width` characters (UTF-8 aware); at least one space follows.
std::string pad(const std::string& s, std::size_t width);

/// One line of status text for a chapter: "passed", "failing 3 of 18 checks", …
std::string status_text(const ChapterResult& r);

void print_table(std::ostream& out, const Manifest& m, const std::vector<ChapterResult>& results,
                 const Style& style);
void print_chapter(std::ostream& out, const ChapterResult& r, const Style& style);
/// The machine-readable report (`grade --json`; schema "scratchnet-grade/1", see README).
nlohmann::json to_json(const std::vector<ChapterResult>& results);

/// Gradescope's results.json: one test per check, with the points and visibility course.json
/// gives it (default 1 point, visible), the table as the output. When a check is not visible,
/// the output counts only the visible checks and run_autograder's stdout is hidden.
nlohmann::json to_gradescope(const std::vector<ChapterResult>& results, const std::string& table,
                             double seconds);

/// A JUnit XML report: one <testsuite> per chapter, one <testcase> per check (classname
/// "01.Suite", name "Check"); a crash or a check that never ran is an <error>, a failed or
/// unwritten check a <failure> carrying its message and hint. Written from the results in
/// memory, like the JSON and Gradescope reports.
std::string to_junit(const std::vector<ChapterResult>& results);

/// The next thing to do, given every chapter's result.
void print_next_step(std::ostream& out, const std::vector<ChapterResult>& results, bool detailed);

}  // namespace grader
