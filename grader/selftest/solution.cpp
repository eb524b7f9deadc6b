// `./grade solution NN` and `./grade hint NN` after a pass (grader/driver/solution_command.cpp):
// the reference is a spoiler before a pass (asked for, refused with no terminal and no --yes),
// shown beside the learner's file after one; `./grade NN` offers it only when the chapter
// passes; `hint` shows every hint after a pass. Each test works on a throwaway copy of the
// course files it needs and grades the build's binaries as they are (--no-build): the reference
// binary passes, a mutant's does not.
#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common.hpp"
#include "solution_command.hpp"

namespace fs = std::filesystem;
using namespace grader;
using selftest::fingerprint;
using selftest::manifest;
using selftest::paths;
using selftest::read_file;
using selftest::run_command;

namespace {

const Chapter& first_chapter() { return manifest().chapters.front(); }

// A mutant of the first chapter: its grading binary fails some checks.
std::string first_mutant()
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(fs::path(paths.source_dir) / "grader" /
                                                    first_chapter().folder / "mutants"))
        if (entry.path().extension() == ".cpp")
            names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    return names.empty() ? "" : names.front();
}

// The course files `solution` and `hint` read, in a throwaway folder: course.json, the
// chapter's reference, and `mine` as the learner's file.
struct Copy {
    fs::path root;
    fs::path exercise;
    explicit Copy(const std::string& what, const std::string& mine)
    {
        const Chapter& ch = first_chapter();
        root = fs::temp_directory_path() /
               ("scratchnet-solution-" + what + "-" + std::to_string(getpid()));
        fs::remove_all(root);
        fs::create_directories(root / "exercises" / ch.folder);
        fs::create_directories(root / "solutions" / ch.folder);
        fs::copy_file(fs::path(paths.source_dir) / "course.json", root / "course.json");
        fs::copy_file(fs::path(paths.source_dir) / "solutions" / ch.folder / ch.exercise,
                      root / "solutions" / ch.folder / ch.exercise);
        exercise = root / "exercises" / ch.folder / ch.exercise;
        std::ofstream(exercise, std::ios::binary) << mine;
    }
    ~Copy() { fs::remove_all(root); }
};

std::pair<int, std::string> grade_in(const Copy& copy, const std::string& args)
{
    return run_command(paths.binary_dir + "/scratchnet-grade --no-build --source-dir '" +
                       copy.root.string() + "' " + args + " 2>&1");
}

std::string reference_text()
{
    const Chapter& ch = first_chapter();
    return read_file(fs::path(paths.source_dir) / "solutions" / ch.folder / ch.exercise);
}

// A line of the reference that `mine` does not have, short enough for two columns of 200.
std::string reference_only_line(const std::string& mine)
{
    std::istringstream in(reference_text());
    for (std::string line; std::getline(in, line);) {
        const auto start = line.find_first_not_of(' ');
        if (start == std::string::npos)
            continue;
        const std::string text = line.substr(start);
        if (text.size() >= 20 && text.size() <= 70 && text.rfind("//", 0) != 0 &&
            mine.find(text) == std::string::npos)
            return line;
    }
    return "";
}

bool has(const std::string& text, const std::string& what)
{
    return text.find(what) != std::string::npos;
}

}  // namespace

TEST(GradeCommand, SolutionAsksFirstBeforeAPass)
{
    const Chapter& ch = first_chapter();
    const std::string mutant = first_mutant();
    ASSERT_FALSE(mutant.empty()) << "chapter " << ch.id << " has no mutant";
    // The learner's file: the shipped stub (every body throws), which lacks the reference's code.
    auto [git_status, stub] = run_command("git -C '" + paths.source_dir + "' show HEAD:exercises/" +
                                          ch.folder + "/" + ch.exercise + " 2>/dev/null");
    if (git_status != 0)
        stub = "// my work\n";
    Copy copy("before", stub);
    const std::string line = reference_only_line(stub);
    ASSERT_FALSE(line.empty()) << "no line of the reference to look for";
    const std::string not_yet = " --variant mutant-" + mutant;

    // No terminal, no --yes: nothing of the reference is shown, and the message names --yes.
    auto [no_status, no_out] = grade_in(copy, "solution " + ch.id + not_yet + " </dev/null");
    EXPECT_EQ(no_status, 1) << no_out;
    EXPECT_TRUE(has(no_out, "does not pass yet")) << no_out;
    EXPECT_TRUE(has(no_out, "./grade solution " + ch.id + " --yes")) << no_out;
    EXPECT_FALSE(has(no_out, line)) << "the reference was shown without confirmation\n" << no_out;

    // --yes: a unified diff, the reference's line added.
    auto [yes_status, yes_out] =
        grade_in(copy, "solution " + ch.slug() + " --yes" + not_yet + " </dev/null");
    EXPECT_EQ(yes_status, 0) << yes_out;
    EXPECT_TRUE(has(yes_out, "\n+" + line + "\n")) << "expected +" << line << "\n" << yes_out;
    EXPECT_TRUE(has(yes_out, "solution.md") || has(yes_out, "solution" + ch.id + ".html"))
        << "no solution page named\n"
        << yes_out;

    // --side-by-side: the reference's line in the right-hand column.
    auto [sbs_status, sbs_out] = grade_in(
        copy, "solution " + ch.id + " --yes --side-by-side --width 200" + not_yet + " </dev/null");
    EXPECT_EQ(sbs_status, 0) << sbs_out;
    bool right = false;
    std::istringstream rows(sbs_out);
    for (std::string row; std::getline(rows, row);)
        right = right || (row.find(line) != std::string::npos && row.find(line) > 100);
    EXPECT_TRUE(right) << "expected " << line << " in the right column\n" << sbs_out;

    // ./grade NN offers the comparison only when the chapter passes.
    auto [grade_status, grade_out] = grade_in(copy, ch.id + not_yet);
    EXPECT_EQ(grade_status, 1) << grade_out;
    EXPECT_FALSE(has(grade_out, "./grade solution")) << grade_out;
    EXPECT_EQ(read_file(copy.exercise), stub) << "the learner's file changed";
}

TEST(GradeCommand, AfterAPassSolutionAndEveryHintAreOffered)
{
    const Chapter& ch = first_chapter();
    // The learner's file is the reference with a comment of their own: it passes.
    const std::string mine = reference_text() + "// my own note\n";
    Copy copy("after", mine);
    const std::string passes = " --variant reference";

    auto [grade_status, grade_out] = grade_in(copy, ch.id + passes);
    EXPECT_EQ(grade_status, 0) << grade_out;
    EXPECT_TRUE(has(grade_out, "./grade solution " + ch.id)) << grade_out;
    // The machine-readable report is unchanged: nothing but JSON on stdout.
    auto [json_status, json_out] =
        run_command(paths.binary_dir + "/scratchnet-grade --no-build --source-dir '" +
                    copy.root.string() + "' " + ch.id + passes + " --json 2>/dev/null");
    EXPECT_EQ(json_status, 0);
    EXPECT_FALSE(nlohmann::json::parse(json_out, nullptr, false).is_discarded()) << json_out;

    // No question after a pass, even with no terminal: the diff shows the learner's note.
    auto [status, out] = grade_in(copy, "solution " + ch.id + passes + " </dev/null");
    EXPECT_EQ(status, 0) << out;
    EXPECT_FALSE(has(out, "does not pass yet")) << out;
    EXPECT_TRUE(has(out, "\n-// my own note\n")) << out;

    // hint: every progressive hint and every check's hint at once.
    auto [hint_status, hint_out] = grade_in(copy, "hint " + ch.id + passes);
    EXPECT_EQ(hint_status, 0) << hint_out;
    for (const auto& h : ch.hints)
        EXPECT_TRUE(has(hint_out, h)) << "missing hint: " << h << "\n" << hint_out;
    for (const auto& c : ch.checks)
        EXPECT_TRUE(has(hint_out, c.name + ": " + c.hint)) << c.name << "\n" << hint_out;
    EXPECT_EQ(read_file(copy.exercise), mine) << "the learner's file changed";
}

TEST(GradeCommand, SolutionNeverWritesIntoExercises)
{
    const fs::path exercises = fs::path(paths.source_dir) / "exercises";
    const std::string before = fingerprint(exercises);
    for (const std::string& args : {"solution 01 </dev/null", "solution 01 --yes",
                                    "solution 01 --yes --side-by-side", "solution 99 --yes"})
        run_command(paths.binary_dir + "/scratchnet-grade --no-build " + args + " 2>&1");
    EXPECT_EQ(fingerprint(exercises), before) << "solution changed files under exercises/";
}

TEST(SolutionCommand, SideBySideKeepsTheColumnsAligned)
{
    const std::string diff = "--- a (yours)\n"
                             "+++ b (reference)\n"
                             "@@ -1,4 +1,4 @@\n"
                             " same line\n"
                             "-mine\n"
                             "+theirs, a line far too long to fit in a column of this width\n"
                             " tab\there — and a dash\n"
                             "-only mine\n"
                             "@@ -20,2 +20,3 @@\n"
                             " twenty\n"
                             "+added\n"
                             " twenty-one\n";
    const std::string out = solution::side_by_side(diff, "yours", "reference", 60, false);
    std::istringstream in(out);
    std::vector<std::string> rows;
    for (std::string row; std::getline(in, row);)
        rows.push_back(row);
    auto chars = [](const std::string& s) {
        std::size_t n = 0;
        for (unsigned char c : s)
            n += (c & 0xC0) != 0x80;
        return n;
    };
    ASSERT_GE(rows.size(), 10u) << out;
    // Columns of 28 and 29 around a 3-character gutter; the right one is not padded.
    std::set<std::string> gutters;
    for (const auto& row : rows) {
        EXPECT_LE(chars(row), 60u) << "row wider than 60 columns: [" << row << "]\n" << out;
        EXPECT_EQ(row.find_last_not_of(' ') + 1, row.size()) << "trailing spaces: [" << row << "]";
        std::size_t n = 0, at = 0;  // the byte where code point 28 starts
        for (; at < row.size() && n < 28; ++at)
            n += (static_cast<unsigned char>(row[at + 1]) & 0xC0) != 0x80;
        if (row.rfind("─", 0) != 0 && row.size() > at)
            gutters.insert(row.substr(at, 3));  // " <" when nothing follows on the right
    }
    EXPECT_EQ(gutters, (std::set<std::string>{"   ", " | ", " <", " > "})) << out;
    EXPECT_TRUE(has(out, "   2 mine") && has(out, " | ")) << out;
    EXPECT_TRUE(has(out, "…")) << "a long line is cut with …\n" << out;
    EXPECT_TRUE(has(out, "   4 only mine               <\n")) << "a removed line is marked <\n"
                                                              << out;
    EXPECT_TRUE(has(out, " >   21 added")) << "an added line is marked > with its number\n" << out;
    EXPECT_TRUE(has(out, "⋯")) << "the gap between two hunks is marked\n" << out;
    EXPECT_FALSE(has(out, "\t")) << out;
}
