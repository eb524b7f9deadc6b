// The project's own tests of the grader and of every chapter in the manifest:
// - the reference solution passes every hidden check;
// - the shipped stub fails every check as "not implemented";
// - every shipped mutant is rejected by the check its file names ("rejected-by:"), and the
//   learner's report names that check next to FAIL;
// - the manifest, the folders and the checks in the binaries agree.
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <tinyxml2.h>

#include "common.hpp"
#include "manifest.hpp"
#include "report.hpp"
#include "runner.hpp"

namespace fs = std::filesystem;
using namespace grader;

namespace {

using selftest::fingerprint;
using selftest::manifest;
using selftest::paths;
using selftest::report;
using selftest::run_command;

grader::ChapterResult grade(const Chapter& ch, const std::string& variant)
{
    return selftest::grade_binary(ch, chapter_binary(paths, ch, variant));
}

struct Mutant {
    std::string chapter;                   // id
    std::string name;                      // file stem
    std::vector<std::string> rejected_by;  // every check it must fail, and no other
    std::string description;
};

void PrintTo(const Mutant& m, std::ostream* os) { *os << m.chapter << "/" << m.name; }

std::vector<Mutant> find_mutants()
{
    std::vector<Mutant> found;
    for (const auto& ch : Manifest::load(paths.source_dir + "/course.json").chapters) {
        fs::path dir = fs::path(paths.source_dir) / "grader" / ch.folder / "mutants";
        if (!fs::exists(dir))
            continue;
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (entry.path().extension() != ".cpp")
                continue;
            const auto file = selftest::read_mutant_file(entry.path());
            found.push_back(
                {ch.id, entry.path().stem().string(), file.rejected_by, file.description});
        }
    }
    std::sort(found.begin(), found.end(),
              [](const Mutant& a, const Mutant& b) { return a.name < b.name; });
    return found;
}

const Chapter& chapter(const std::string& id)
{
    for (const auto& ch : manifest().chapters)
        if (ch.id == id)
            return ch;
    throw std::runtime_error("no chapter " + id);
}

bool exercise_is_shipped_stub(const Chapter& ch)
{
    // A learner who has started working has changed the file; the stub test is about the file
    // as shipped. Outside a git checkout, assume it is the shipped one.
    std::string cmd = "git -C '" + paths.source_dir + "' diff --quiet HEAD -- 'exercises/" +
                      ch.folder + "' 2>/dev/null";
    int status = std::system(cmd.c_str());
    return !(WIFEXITED(status) && WEXITSTATUS(status) == 1);
}

class ChapterTest : public testing::TestWithParam<std::string> {};

std::vector<std::string> chapter_ids()
{
    std::vector<std::string> ids;
    for (const auto& ch : Manifest::load(paths.source_dir + "/course.json").chapters)
        ids.push_back(ch.id);
    return ids;
}

}  // namespace

TEST_P(ChapterTest, FoldersAndFilesExist)
{
    const Chapter& ch = chapter(GetParam());
    for (const std::string& rel :
         {"chapters/" + ch.folder + "/" + ch.contract, "chapters/" + ch.folder + "/README.md",
          "chapters/" + ch.folder + "/solution.md", "exercises/" + ch.folder + "/" + ch.exercise,
          "solutions/" + ch.folder + "/" + ch.exercise, "grader/" + ch.folder + "/checks.cpp"})
        EXPECT_TRUE(fs::exists(fs::path(paths.source_dir) / rel)) << rel << " is missing";
    EXPECT_FALSE(ch.checks.empty());
    EXPECT_FALSE(ch.hints.empty()) << "chapter " << ch.id << " has no progressive hints";
    for (const auto& c : ch.checks)
        EXPECT_FALSE(c.hint.empty()) << c.name << " has no hint in course.json";
}

TEST_P(ChapterTest, ReferencePassesEveryCheck)
{
    const Chapter& ch = chapter(GetParam());
    ChapterResult r = grade(ch, "reference");
    EXPECT_EQ(r.status, ChapterStatus::passed) << r.cause << "\n" << report(r);
    std::set<std::string> listed;
    for (const auto& info : ch.checks)
        listed.insert(info.name);
    for (const auto& c : r.checks) {
        EXPECT_EQ(c.status, CheckStatus::passed) << c.name;
        EXPECT_TRUE(listed.count(c.name)) << c.name << " runs but course.json does not list it";
    }
    EXPECT_EQ(r.checks.size(), ch.checks.size());
}

TEST_P(ChapterTest, ShippedStubIsNotStarted)
{
    const Chapter& ch = chapter(GetParam());
    if (!exercise_is_shipped_stub(ch))
        GTEST_SKIP() << "exercises/" << ch.folder << " holds your work, not the shipped stub";
    ChapterResult r = grade(ch, "exercise");
    EXPECT_EQ(r.status, ChapterStatus::not_started) << report(r);
    for (const auto& c : r.checks) {
        EXPECT_EQ(c.status, CheckStatus::not_implemented) << c.name << "\n" << report(r);
        EXPECT_FALSE(c.missing_function.empty()) << c.name;
    }
    std::string text = report(r);
    EXPECT_NE(text.find("is not implemented yet"), std::string::npos) << text;
    EXPECT_NE(text.find("not started"), std::string::npos) << text;
}

INSTANTIATE_TEST_SUITE_P(Chapters, ChapterTest, testing::ValuesIn(chapter_ids()),
                         [](const auto& info) { return "ch" + info.param; });

// Names across chapters: grading chapter N links the reference of every earlier chapter, so a
// later chapter must never define a function an earlier one defines (not even as an overload
// with other parameters): it takes a new name (README, "Adding a chapter"). Read off the
// reference objects' defined symbols; inline and template functions (weak) are left out.
TEST(Chapters, NoChapterRedefinesAnEarlierFunction)
{
    std::map<std::string, std::string> owner;  // function name → chapter id that defines it
    for (const auto& ch : manifest().chapters) {
        const fs::path object = fs::path(paths.binary_dir) / "CMakeFiles" /
                                ("ch" + ch.id + "_reference.dir") / "solutions" / ch.folder /
                                (ch.exercise + ".o");
        ASSERT_TRUE(fs::exists(object)) << object;
        FILE* p =
            popen(("nm -C --defined-only --extern-only '" + object.string() + "'").c_str(), "r");
        ASSERT_NE(p, nullptr);
        std::set<std::string> names;
        char line[8192];
        while (std::fgets(line, sizeof line, p)) {
            std::string text = line;  // "0000000000000000 T scratchnet::softmax(xt::…)"
            if (text.size() < 20 || text[17] != 'T')
                continue;
            std::string name = text.substr(19);
            name = name.substr(0, name.find('('));
            names.insert(name);
        }
        ASSERT_EQ(pclose(p), 0) << "nm failed on " << object;
        EXPECT_FALSE(names.empty()) << object;
        for (const auto& name : names) {
            auto [at, fresh] = owner.emplace(name, ch.id);
            EXPECT_TRUE(fresh) << "chapter " << ch.id << " defines " << name << ", which chapter "
                               << at->second << " already defines: give chapter " << ch.id
                               << "'s function a name of its own (README, \"Adding a chapter\")";
        }
    }
}

// One format for every chapter entry: course.json is exactly what a JSON library writes with an
// indent of 2 (/usr/bin/python3 -c "import json; d = json.load(open('course.json')); open(
// 'course.json', 'w').write(json.dumps(d, indent=2, ensure_ascii=False) + '\\n')" rewrites it).
TEST(Manifest, OneFormatForEveryEntry)
{
    std::ifstream in(paths.source_dir + "/course.json");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(text);  // keeps key order
    EXPECT_EQ(text, parsed.dump(2) + "\n") << "course.json is not in the canonical format";
    for (const auto& ch : parsed.at("chapters")) {
        std::set<std::string> keys;
        for (const auto& [key, value] : ch.items())
            keys.insert(key);
        keys.erase("grading");  // optional: points and visibility (README, "For a class")
        EXPECT_EQ(keys, (std::set<std::string>{"id", "folder", "title", "contract", "exercise",
                                               "checks", "hints"}))
            << "chapter " << ch.value("id", "?");
        for (const auto& check : ch.at("checks")) {
            std::set<std::string> ck;
            for (const auto& [key, value] : check.items())
                if (key != "points" && key != "visibility")  // optional, as "grading"
                    ck.insert(key);
            EXPECT_EQ(ck, (std::set<std::string>{"name", "function", "hint"})) << check.dump();
        }
    }
    for (const auto& drill : parsed.at("drills")) {
        std::set<std::string> keys;
        for (const auto& [key, value] : drill.items())
            keys.insert(key);
        EXPECT_EQ(keys, (std::set<std::string>{"name", "title", "chapter", "functions", "checks",
                                               "own_checks", "par_seconds", "interview"}))
            << "drill " << drill.value("name", "?");
        for (const auto& check : drill.at("own_checks")) {
            std::set<std::string> ck;
            for (const auto& [key, value] : check.items())
                ck.insert(key);
            EXPECT_EQ(ck, (std::set<std::string>{"name", "function", "hint"})) << check.dump();
        }
    }
}

class MutantTest : public testing::TestWithParam<Mutant> {};

// A mutant fails exactly the checks its "// rejected-by:" lines name: each of them, with its
// own FAIL line, and no other. A check that fails for a bug in another function shows the
// wrong hint, and a mutant that fails a check it does not name is one the hints mislead on.
TEST_P(MutantTest, FailsExactlyTheChecksItNames)
{
    const Mutant& m = GetParam();
    ASSERT_FALSE(m.rejected_by.empty()) << m.name << ".cpp has no '// rejected-by: Check' line";
    ASSERT_FALSE(m.description.empty()) << m.name << ".cpp has no '// mutant: what' line";
    const Chapter& ch = chapter(m.chapter);
    for (const auto& name : m.rejected_by)
        ASSERT_NE(ch.check(name), nullptr) << name << " is not a check of chapter " << ch.id;
    ChapterResult r = grade(ch, "mutant-" + m.name);
    EXPECT_NE(r.status, ChapterStatus::passed) << "mutant " << m.name << " passed every check";
    const std::string text = report(r);
    const std::set<std::string> named(m.rejected_by.begin(), m.rejected_by.end());
    std::set<std::string> failed;
    for (const auto& c : r.checks) {
        if (c.status == CheckStatus::passed)
            continue;
        failed.insert(c.name);
        if (named.count(c.name)) {
            EXPECT_EQ(c.status, CheckStatus::failed)
                << c.name << " is " << to_string(c.status) << "\n"
                << text;
            EXPECT_FALSE(c.messages.empty()) << c.name;
            EXPECT_NE(text.find("FAIL  " + c.name), std::string::npos) << text;
        }
    }
    for (const auto& name : named)
        EXPECT_TRUE(failed.count(name))
            << "mutant " << m.name << " passes " << name << ", which its file names\n"
            << text;
    for (const auto& name : failed)
        EXPECT_TRUE(named.count(name))
            << "mutant " << m.name << " also fails " << name << ": add '// rejected-by: " << name
            << "' if that check is about this function, or make the check call only the "
               "function it grades\n"
            << text;
}

INSTANTIATE_TEST_SUITE_P(Mutants, MutantTest, testing::ValuesIn(find_mutants()),
                         [](const auto& info) {
                             return "ch" + info.param.chapter + "_" + info.param.name;
                         });

// The command itself: exit statuses and the table, as a learner runs it.
namespace {
std::pair<int, std::string> run_grade(const std::string& args)
{
    return run_command(paths.binary_dir + "/scratchnet-grade --no-build " + args + " 2>&1");
}
}  // namespace

TEST(GradeCommand, ExitsZeroOnlyWhenEverythingPasses)
{
    auto [ok_status, ok_out] = run_grade("--variant reference");
    EXPECT_EQ(ok_status, 0) << ok_out;
    EXPECT_NE(ok_out.find("passed"), std::string::npos) << ok_out;
    const Chapter& first = manifest().chapters.front();
    std::string mutant;
    for (const auto& m : find_mutants())
        if (m.chapter == first.id && mutant.empty())
            mutant = m.name;
    ASSERT_FALSE(mutant.empty()) << "chapter " << first.id << " has no mutant";
    auto [bad_status, bad_out] = run_grade(first.id + " --variant mutant-" + mutant);
    EXPECT_EQ(bad_status, 1) << bad_out;
}

TEST(GradeCommand, FindsChaptersByNumberOrName)
{
    const Chapter& first = manifest().chapters.front();
    for (const std::string& key :
         {first.id, std::to_string(std::stoi(first.id)), first.slug(), first.folder}) {
        auto [status, out] = run_grade(key + " --variant reference");
        EXPECT_EQ(status, 0) << key << "\n" << out;
        EXPECT_NE(out.find("Chapter " + first.id), std::string::npos) << key << "\n" << out;
    }
    auto [status, out] = run_grade("no-such-chapter");
    EXPECT_EQ(status, 2) << out;
    EXPECT_NE(out.find("no chapter"), std::string::npos) << out;
}

// ---- the grader survives whatever learner code does ------------------------------------------

namespace {

struct Fixture {
    std::string chapter, name, path;
    std::string what, check, expect, says;
    double timeout = 20;
    std::size_t memory_mb = 4096;
    bool build_fails = false;
    bool sanitize_only = false;  // undefined behaviour that only a sanitized build reliably sees
};

void PrintTo(const Fixture& f, std::ostream* os) { *os << f.chapter << "/" << f.name; }

std::vector<Fixture> find_fixtures()
{
    std::vector<Fixture> found;
    for (const auto& ch : Manifest::load(paths.source_dir + "/course.json").chapters) {
        fs::path dir = fs::path(paths.source_dir) / "grader/selftest/fixtures" / ch.folder;
        if (!fs::exists(dir))
            continue;
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (entry.path().extension() != ".cpp")
                continue;
            Fixture f{ch.id, entry.path().stem().string(), entry.path().string()};
            std::ifstream in(entry.path());
            static const std::regex field(R"(^// (\w+): (.*)$)");
            for (std::string line; std::getline(in, line);) {
                std::smatch m;
                if (!std::regex_match(line, m, field))
                    continue;
                const std::string key = m[1], value = m[2];
                if (key == "fixture")
                    f.what = value;
                else if (key == "check")
                    f.check = value;
                else if (key == "expect")
                    f.expect = value;
                else if (key == "says")
                    f.says = value;
                else if (key == "timeout")
                    f.timeout = std::stod(value);
                else if (key == "memory")
                    f.memory_mb = std::stoul(value);
                else if (key == "build")
                    f.build_fails = value == "fails";
                else if (key == "sanitize")
                    f.sanitize_only = value == "only";
            }
            found.push_back(f);
        }
    }
    std::sort(found.begin(), found.end(),
              [](const Fixture& a, const Fixture& b) { return a.name < b.name; });
    return found;
}

std::string everything_said(const ChapterResult& r)
{
    std::ostringstream out;
    out << report(r) << "\n" << r.cause << "\n";
    return out.str();
}

class FixtureTest : public testing::TestWithParam<Fixture> {};

}  // namespace

TEST_P(FixtureTest, IsReportedAndNeverPasses)
{
    const Fixture& f = GetParam();
    ASSERT_FALSE(f.expect.empty() || f.says.empty() || f.what.empty())
        << f.path << " needs '// fixture:', '// expect:' and '// says:' lines";
    const Chapter& ch = chapter(f.chapter);
    ChapterResult r;
    r.chapter = &ch;
    Paths own = paths;
    own.logs_dir = paths.binary_dir + "/selftest-logs/fixture-" + f.name;

    if (f.build_fails) {
        EXPECT_FALSE(build_chapter(own, "grade-" + ch.id + "-fixture-" + f.name, r));
        EXPECT_EQ(r.status, ChapterStatus::does_not_compile);
        EXPECT_NE(r.cause.find(f.says), std::string::npos)
            << "the first compiler error should name " << f.says << "; it was: " << r.cause;
        EXPECT_NE(report(r).find("does not compile"), std::string::npos) << report(r);
        return;
    }

    Limits limits;
    limits.seconds = f.timeout;
    limits.memory_mb = f.memory_mb;
    run_chapter(own, chapter_binary(own, ch, "fixture-" + f.name), limits, r);
    const std::string said = everything_said(r);
    EXPECT_NE(r.status, ChapterStatus::passed) << said;
    EXPECT_NE(said.find(f.says), std::string::npos)
        << "expected the report to say: " << f.says << "\n"
        << said;
    bool found = false;
    for (const auto& c : r.checks)
        if (c.name == f.check) {
            found = true;
            EXPECT_EQ(to_string(c.status), f.expect) << c.name << "\n" << said;
        }
    EXPECT_TRUE(found) << f.check << " is not a check of chapter " << ch.id;
    // The checks after a crash are still listed (as not run), so the table stays complete.
    EXPECT_EQ(r.checks.size(), ch.checks.size()) << said;
}

std::vector<Fixture> plain_fixtures()  // the sanitize-only ones are SanitizeTest's
{
    std::vector<Fixture> out;
    for (const auto& f : find_fixtures())
        if (!f.sanitize_only)
            out.push_back(f);
    return out;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureTest, testing::ValuesIn(plain_fixtures()),
                         [](const auto& info) {
                             return "ch" + info.param.chapter + "_" + info.param.name;
                         });

TEST(GradeCommand, NeverWritesIntoExercises)
{
    const fs::path exercises = fs::path(paths.source_dir) / "exercises";
    const std::string before = fingerprint(exercises);
    ASSERT_FALSE(before.empty());
    for (const std::string& args : {"", "01", "hint 01", "--variant reference"})
        run_grade(args);
    EXPECT_EQ(fingerprint(exercises), before) << "grading changed files under exercises/";
}

TEST(GradeCommand, JsonReportParses)
{
    auto [ok_status, ok_out] = run_grade("--json --variant reference 2>/dev/null");
    EXPECT_EQ(ok_status, 0);
    nlohmann::json ok = nlohmann::json::parse(ok_out.substr(ok_out.find('{')));
    EXPECT_EQ(ok.at("schema"), "scratchnet-grade/1");
    EXPECT_TRUE(ok.at("passed").get<bool>());
    ASSERT_EQ(ok.at("chapters").size(), manifest().chapters.size());
    for (const auto& ch : ok.at("chapters")) {
        EXPECT_EQ(ch.at("status"), "passed");
        EXPECT_EQ(ch.at("checks_passed"), ch.at("checks_total"));
        for (const auto& c : ch.at("checks"))
            EXPECT_EQ(c.at("status"), "passed") << c.at("name");
    }

    auto [bad_status, bad_out] = run_grade("01 --json --variant fixture-segfault 2>/dev/null");
    EXPECT_EQ(bad_status, 1);
    nlohmann::json bad = nlohmann::json::parse(bad_out.substr(bad_out.find('{')));
    EXPECT_FALSE(bad.at("passed").get<bool>());
    const auto& ch = bad.at("chapters").at(0);
    EXPECT_EQ(ch.at("status"), "crashed");
    EXPECT_NE(ch.at("cause").get<std::string>().find("SIGSEGV"), std::string::npos) << ch;
    int crashed = 0;
    for (const auto& c : ch.at("checks"))
        crashed += c.at("status") == "crashed";
    EXPECT_EQ(crashed, 1) << ch;
}

TEST(GradeCommand, ResetBacksUpBeforeRestoringTheStub)
{
    // Work on a throwaway clone: the real exercises/ is never touched by the tests.
    const fs::path clone =
        fs::temp_directory_path() / ("scratchnet-reset-" + std::to_string(getpid()));
    fs::remove_all(clone);
    ASSERT_EQ(
        std::system(("git clone -q '" + paths.source_dir + "' '" + clone.string() + "'").c_str()),
        0);
    const Chapter& ch = manifest().chapters.front();
    const fs::path file = clone / "exercises" / ch.folder / ch.exercise;
    std::ifstream stub_in(file);
    const std::string stub((std::istreambuf_iterator<char>(stub_in)),
                           std::istreambuf_iterator<char>());
    std::ofstream(file, std::ios::app) << "// the learner's work\n";
    std::ofstream(file.parent_path() / "notes.txt") << "my notes\n";
    auto read = [](const fs::path& p) {
        std::ifstream in(p);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    };
    const std::string work = read(file);

    // No terminal and no --yes: nothing happens, and it says so.
    auto [no_status, no_out] =
        run_grade("reset " + ch.id + " --source-dir '" + clone.string() + "' </dev/null");
    EXPECT_EQ(no_status, 1) << no_out;
    EXPECT_NE(no_out.find("Nothing done"), std::string::npos) << no_out;
    EXPECT_EQ(read(file), work);
    EXPECT_FALSE(fs::exists(clone / "exercise-backups"));

    auto [status, out] =
        run_grade("reset " + ch.id + " --yes --source-dir '" + clone.string() + "'");
    EXPECT_EQ(status, 0) << out;
    EXPECT_EQ(read(file), stub) << "the stub was not restored";
    EXPECT_FALSE(fs::exists(file.parent_path() / "notes.txt"));
    int backups = 0;
    for (const auto& entry : fs::recursive_directory_iterator(clone / "exercise-backups")) {
        if (entry.path().filename() == ch.exercise) {
            EXPECT_EQ(read(entry.path()), work);
            EXPECT_NE(out.find(entry.path().parent_path().string()), std::string::npos)
                << "the backup folder should be named in: " << out;
            ++backups;
        }
        if (entry.path().filename() == "notes.txt")
            EXPECT_EQ(read(entry.path()), "my notes\n");
    }
    EXPECT_EQ(backups, 1);
    fs::remove_all(clone);
}

TEST(GradeCommand, WatchGradesAgainAfterAnEdit)
{
    const fs::path clone =
        fs::temp_directory_path() / ("scratchnet-watch-" + std::to_string(getpid()));
    fs::remove_all(clone);
    ASSERT_EQ(
        std::system(("git clone -q '" + paths.source_dir + "' '" + clone.string() + "'").c_str()),
        0);
    const fs::path log = clone / "watch.log";
    // Two gradings at most: the first at start, the second after the edit below.
    std::string cmd = paths.binary_dir + "/scratchnet-grade --watch --watch-max-runs 2 --no-build" +
                      " --variant reference --source-dir '" + clone.string() + "' > '" +
                      log.string() + "' 2>&1 &";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    auto count = [&](const std::string& what) {
        std::ifstream in(log);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        int n = 0;
        for (std::size_t at = text.find(what); at != std::string::npos;
             at = text.find(what, at + 1))
            ++n;
        return n;
    };
    auto wait_for = [&](const std::string& what, int times) {
        for (int i = 0; i < 200 && count(what) < times; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return count(what);
    };
    EXPECT_EQ(wait_for("[watch] graded in", 1), 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    EXPECT_EQ(count("[watch] graded in"), 1) << "graded again with no change";
    const Chapter& ch = manifest().chapters.front();
    std::ofstream(clone / "exercises" / ch.folder / ch.exercise, std::ios::app) << "// edit\n";
    EXPECT_EQ(wait_for("[watch] graded in", 2), 2) << "no re-grade after an edit";
    EXPECT_EQ(count("change detected"), 1);
    fs::remove_all(clone);
}

// --sanitize: learner code under AddressSanitizer, UBSan and xtensor's bound checks, built in
// build-sanitize/ by the grade command itself (this test configures and builds it the first time).
// Each chapter with a sanitize-only fixture costs a sanitized build of that chapter (a minute
// of CPU): by default only chapter 01's fixtures run; SANITIZE_TEST_ALL=1 runs every chapter's
// (chapter 02's unsigned loop counter, whose UBSan report names the learner's frame).
TEST(SanitizeTest, ReportsMemoryErrorsWithFunctionAndLine)
{
    const bool all = std::getenv("SANITIZE_TEST_ALL") != nullptr;
    int graded = 0;
    for (const Fixture& f : find_fixtures()) {
        if (!f.sanitize_only || (!all && f.chapter != "01"))
            continue;
        ++graded;
        auto [status, out] =
            run_command(paths.binary_dir + "/scratchnet-grade " + f.chapter +
                        " --sanitize --json --variant fixture-" + f.name + " 2>&1");
        EXPECT_EQ(status, 1) << f.name << "\n" << out;
        ASSERT_NE(out.find('{'), std::string::npos) << out;
        nlohmann::json report = nlohmann::json::parse(out.substr(out.find('{')), nullptr, false);
        ASSERT_FALSE(report.is_discarded()) << out;
        const auto& ch = report.at("chapters").at(0);
        EXPECT_NE(ch.at("status"), "passed") << f.name;
        EXPECT_NE(ch.dump().find(f.says), std::string::npos)
            << f.name << ": expected the report to say: " << f.says << "\n"
            << ch.dump(2);
        for (const auto& c : ch.at("checks"))
            if (c.at("name") == f.check)
                EXPECT_EQ(c.at("status"), f.expect) << f.name << "\n" << c.dump(2);
    }
    EXPECT_GT(graded, 0) << "no fixture is marked '// sanitize: only'";
}

TEST(Gradescope, ResultsJsonFollowsTheSpec)
{
    const fs::path out =
        fs::temp_directory_path() / ("scratchnet-gs-" + std::to_string(getpid()) + ".json");
    std::size_t total = 0;
    double points = 0;  // each check's points, from course.json (1 unless it says otherwise)
    std::map<std::string, double> worth;
    for (const auto& ch : manifest().chapters) {
        total += ch.checks.size();
        for (const auto& c : ch.checks) {
            points += c.points;
            worth[ch.id + " " + ch.title + ": " + c.name] = c.points;
        }
    }
    for (const std::string variant : {"reference", "fixture-segfault"}) {
        run_grade("--variant " + variant + " --gradescope '" + out.string() + "'");
        std::ifstream in(out);
        nlohmann::json r = nlohmann::json::parse(in, nullptr, false);
        ASSERT_FALSE(r.is_discarded()) << variant;
        // Gradescope's autograder format: score, max_score, tests[name, score, max_score,
        // status, output]; output and execution_time for the whole run.
        EXPECT_DOUBLE_EQ(r.at("max_score").get<double>(), points);
        ASSERT_EQ(r.at("tests").size(), total);
        double sum = 0;
        for (const auto& t : r.at("tests")) {
            ASSERT_TRUE(t.at("name").is_string());
            ASSERT_TRUE(worth.count(t.at("name"))) << t;
            const double max = worth[t.at("name")];
            EXPECT_EQ(t.at("max_score").get<double>(), max) << t;
            EXPECT_TRUE(t.at("status") == "passed" || t.at("status") == "failed") << t;
            EXPECT_EQ(t.at("score").get<double>(), t.at("status") == "passed" ? max : 0) << t;
            const std::string visibility = t.at("visibility");
            EXPECT_TRUE(visibility == "visible" || visibility == "hidden" ||
                        visibility == "after_due_date" || visibility == "after_published")
                << t;
            sum += t.at("score").get<double>();
        }
        EXPECT_DOUBLE_EQ(r.at("score").get<double>(), sum);
        EXPECT_TRUE(r.at("output").is_string());
        EXPECT_TRUE(r.at("execution_time").is_number());
        if (variant == "reference")
            EXPECT_DOUBLE_EQ(r.at("score").get<double>(), points);
        else {
            EXPECT_LT(r.at("score").get<double>(), points);
            EXPECT_NE(r.dump().find("SIGSEGV"), std::string::npos) << r.dump(2);
        }
    }
    fs::remove(out);
}

TEST(Gradescope, RunAutograderGradesASubmission)
{
    // Gradescope's layout, in a throwaway place: the course bundle in source/, the student's
    // upload in submission/, results in results/. The submission is chapter 01's reference
    // file under its exercise name, in a subfolder (students upload in any layout).
    //
    // The bundle is a copy of the course that is built already: the learner path's
    // (tools/learner-path-test.sh, which runs this test with SCRATCHNET_AUTOGRADER_SOURCE set), so
    // setup.sh finds its build up to date. A clone of its own built the grader and chapter 01
    // again: 80 s of ./test's time.
    const char* bundle = std::getenv("SCRATCHNET_AUTOGRADER_SOURCE");
    if (!bundle)
        GTEST_SKIP() << "runs inside setup.LearnerPathWithoutTestPackages, on its built copy "
                        "(set SCRATCHNET_AUTOGRADER_SOURCE to a built copy of the course)";
    const fs::path root =
        fs::temp_directory_path() / ("scratchnet-autograder-" + std::to_string(getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    fs::create_symlink(bundle, root / "source");
    const Chapter& ch = manifest().chapters.front();
    fs::create_directories(root / "submission" / "my-work");
    fs::copy_file(fs::path(paths.source_dir) / "solutions" / ch.folder / ch.exercise,
                  root / "submission" / "my-work" / ch.exercise);
    // One assignment for chapter 01 (AUTOGRADER_CHAPTER, as autograder/chapter would say): the
    // bundle builds and grades that chapter only. (The whole course's results.json is
    // ResultsJsonFollowsTheSpec's; building every chapter again here would double ./test's
    // longest test.)
    std::string env = "AUTOGRADER_SOURCE='" + (root / "source").string() +
                      "' AUTOGRADER_SUBMISSION='" + (root / "submission").string() +
                      "' AUTOGRADER_RESULTS='" + (root / "results").string() +
                      "' AUTOGRADER_CHAPTER=" + ch.id + " ";
    std::string cmd = env + "bash '" + (root / "source/autograder/setup.sh").string() + "' > '" +
                      (root / "setup.log").string() + "' 2>&1 && " + env + "bash '" +
                      (root / "source/autograder/run_autograder").string() + "' > '" +
                      (root / "run.log").string() + "' 2>&1";
    int status = std::system(cmd.c_str());
    std::ifstream log(root / "run.log");
    std::string run_log((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    ASSERT_EQ(WEXITSTATUS(status), 0) << run_log;
    std::ifstream in(root / "results" / "results.json");
    nlohmann::json r = nlohmann::json::parse(in, nullptr, false);
    ASSERT_FALSE(r.is_discarded()) << run_log;
    double chapter_score = 0, chapter_points = 0;
    int other_tests = 0;
    for (const auto& t : r.at("tests")) {
        if (t.at("name").get<std::string>().rfind(ch.id + " ", 0) == 0)
            chapter_score += t.at("score").get<double>();
        else
            ++other_tests;
    }
    for (const auto& c : ch.checks)
        chapter_points += c.points;
    EXPECT_DOUBLE_EQ(chapter_score, chapter_points) << r.dump(2);
    EXPECT_EQ(other_tests, 0) << "AUTOGRADER_CHAPTER=" << ch.id << " grades that chapter only";
    EXPECT_NE(run_log.find("graded: " + ch.exercise), std::string::npos) << run_log;
    fs::remove_all(root);
}

TEST(JUnit, OneTestCasePerCheckFromTheSameResults)
{
    const fs::path out =
        fs::temp_directory_path() / ("scratchnet-junit-" + std::to_string(getpid()) + ".xml");
    // A mutant of the first chapter: some checks pass, some fail. Every check appears once,
    // and a test case fails exactly when the JSON report of the same run says it did not pass.
    const Chapter& ch = manifest().chapters.front();
    std::string mutant;
    for (const auto& m : find_mutants())
        if (m.chapter == ch.id && mutant.empty())
            mutant = m.name;
    auto [status, json_out] = run_grade(ch.id + " --variant mutant-" + mutant +
                                        " --json --junit '" + out.string() + "' 2>/dev/null");
    ASSERT_EQ(status, 1) << json_out;
    nlohmann::json report = nlohmann::json::parse(json_out.substr(json_out.find('{')));
    std::map<std::string, std::string> expected;
    for (const auto& c : report.at("chapters").at(0).at("checks"))
        expected[c.at("name")] = c.at("status");

    tinyxml2::XMLDocument doc;
    ASSERT_EQ(doc.LoadFile(out.c_str()), tinyxml2::XML_SUCCESS) << "not well-formed XML";
    const tinyxml2::XMLElement* root = doc.FirstChildElement("testsuites");
    ASSERT_NE(root, nullptr);
    const tinyxml2::XMLElement* suite = root->FirstChildElement("testsuite");
    ASSERT_NE(suite, nullptr);
    std::size_t cases = 0, failures = 0;
    for (const auto* tc = suite->FirstChildElement("testcase"); tc;
         tc = tc->NextSiblingElement("testcase")) {
        std::string classname = tc->Attribute("classname");
        ASSERT_EQ(classname.rfind(ch.id + ".", 0), 0u) << classname;
        const std::string name = classname.substr(ch.id.size() + 1) + "." + tc->Attribute("name");
        ASSERT_TRUE(expected.count(name)) << name;
        const auto* failure = tc->FirstChildElement("failure");
        EXPECT_EQ(failure != nullptr, expected[name] != "passed")
            << name << " is " << expected[name];
        if (failure) {
            ++failures;
            EXPECT_NE(std::string(failure->GetText() ? failure->GetText() : "").find("hint:"),
                      std::string::npos)
                << name;
        }
        ++cases;
    }
    EXPECT_EQ(cases, ch.checks.size());
    EXPECT_GT(failures, 0u);
    EXPECT_EQ(suite->UnsignedAttribute("failures"), failures);
    EXPECT_EQ(suite->UnsignedAttribute("tests"), ch.checks.size());
    fs::remove(out);

    // A crash is an <error>, not a pass and not a plain failure.
    run_grade(ch.id + " --variant fixture-segfault --junit '" + out.string() + "'");
    tinyxml2::XMLDocument crashed;
    ASSERT_EQ(crashed.LoadFile(out.c_str()), tinyxml2::XML_SUCCESS);
    EXPECT_GT(crashed.FirstChildElement("testsuites")->UnsignedAttribute("errors"), 0u);
    fs::remove(out);
}
