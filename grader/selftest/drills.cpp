// The project's own tests of the timed drills (course.json "drills", drills/<name>/):
// - every drill's reference passes its hidden checks and its blank is "not started";
// - every drill mutant fails exactly the checks its "// rejected-by:" lines name;
// - the catalogue: at least 8 drills, 3 mutants each, par times set by the documented rule;
// - a candidate's session through the command: start, check, hint, a pass, a slower second
//   pass that keeps the best, a restart that backs up, a corrupt history kept aside — with the
//   history where it is documented and exercises/ byte-identical afterwards.
#include <cmath>
#include <regex>
#include <set>

#include <unistd.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common.hpp"
#include "drill.hpp"

namespace fs = std::filesystem;
using namespace grader;
using selftest::manifest;
using selftest::paths;
using selftest::read_file;
using selftest::report;
using selftest::run_command;

namespace {

const Drill& drill_named(const std::string& name)
{
    const Drill* d = manifest().drill(name);
    if (!d)
        throw std::runtime_error("no drill " + name);
    return *d;
}

std::vector<std::string> drill_names()
{
    std::vector<std::string> names;
    for (const auto& d : Manifest::load(paths.source_dir + "/course.json").drills)
        names.push_back(d.name);
    return names;
}

std::string param_name(std::string s)
{
    std::replace(s.begin(), s.end(), '-', '_');
    return s;
}

ChapterResult grade_drill(const Drill& d, const Chapter& ch, const std::string& variant)
{
    return selftest::grade_binary(ch, drill::drill_binary(paths, d, variant), d.filter());
}

fs::path drill_dir(const Drill& d) { return fs::path(paths.source_dir) / "drills" / d.name; }

// Code lines of a solution: not blank, not a comment, not an #include, not a lone brace.
int code_lines(const fs::path& file)
{
    std::istringstream in(read_file(file));
    static const std::regex skip(R"(^\s*(//.*|#include.*|[{}]+;?\s*(//.*)?)?$)");
    int n = 0;
    for (std::string line; std::getline(in, line);)
        n += !std::regex_match(line, skip);
    return n;
}

}  // namespace

class DrillTest : public testing::TestWithParam<std::string> {};

TEST_P(DrillTest, FilesAndCatalogueEntry)
{
    const Drill& d = drill_named(GetParam());
    for (const char* file : {"blank.cpp", "solution.cpp"})
        EXPECT_TRUE(fs::exists(drill_dir(d) / file)) << d.name << "/" << file << " is missing";
    EXPECT_FALSE(d.title.empty());
    std::size_t chars = 0;  // UTF-8 code points: the catalogue's column is 56 wide
    for (unsigned char c : d.title)
        chars += (c & 0xC0) != 0x80;
    EXPECT_LE(chars, 56u) << d.name << ": a title that fits the catalogue's column";
    EXPECT_FALSE(d.functions.empty());
    EXPECT_FALSE(d.checks.empty());
    EXPECT_FALSE(d.interview.empty()) << d.name << ": what does an interviewer ask next?";
    for (const auto& c : d.checks)
        EXPECT_FALSE(c.hint.empty()) << d.name << ": " << c.name << " has no hint";
    EXPECT_EQ(fs::exists(drill_dir(d) / "checks.cpp"), !d.own.empty())
        << d.name << ": own checks belong in course.json \"own_checks\" and drills/" << d.name
        << "/checks.cpp together";
    // The blank gives the task and the signatures, not the chapter's worked contract: it
    // includes core.hpp, the comment-free contract headers, its own header and libraries only.
    const std::string blank = read_file(drill_dir(d) / "blank.cpp");
    EXPECT_EQ(blank.rfind("// Drill: ", 0), 0u) << "the blank starts with its task statement";
    std::istringstream in(blank);
    static const std::regex include(R"(^#include [<"]([^>"]+)[>"])");
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, include))
            continue;
        const std::string header = m[1];
        bool ok = header == "core.hpp" || header.rfind("xtensor", 0) == 0 ||
                  header.find('.') == std::string::npos || fs::exists(drill_dir(d) / header);
        for (const auto& ch : manifest().chapters)
            ok = ok || header == ch.contract;  // resolves to build/drills/include/, comment-free
        EXPECT_TRUE(ok) << d.name << "/blank.cpp includes " << header;
    }
    for (const auto& f : d.functions)
        EXPECT_NE(blank.find("not_implemented(\"" + f + "\")"), std::string::npos)
            << d.name << "/blank.cpp has no stub that throws not_implemented(\"" << f << "\")";
}

TEST_P(DrillTest, ReferencePassesEveryCheck)
{
    const Drill& d = drill_named(GetParam());
    const Chapter ch = drill::as_chapter(manifest(), paths, d);
    ChapterResult r = grade_drill(d, ch, "reference");
    EXPECT_EQ(r.status, ChapterStatus::passed) << r.cause << "\n" << report(r);
    EXPECT_EQ(r.checks.size(), d.checks.size()) << report(r);
    for (const auto& c : r.checks)
        EXPECT_EQ(c.status, CheckStatus::passed) << c.name;
}

TEST_P(DrillTest, BlankIsNotStarted)
{
    const Drill& d = drill_named(GetParam());
    const Chapter ch = drill::as_chapter(manifest(), paths, d);
    ChapterResult r = grade_drill(d, ch, "blank");
    EXPECT_EQ(r.status, ChapterStatus::not_started) << report(r);
    for (const auto& c : r.checks)
        EXPECT_EQ(c.status, CheckStatus::not_implemented) << c.name << "\n" << report(r);
    EXPECT_EQ(r.checks.size(), d.checks.size());
}

// Par = 5 minutes to read the task + 1 minute per 4 lines of code in the reference solution,
// rounded up to whole 5 minutes (README, "Interview drills"). Kept in the catalogue so that a
// candidate sees it before starting; this test keeps the two in step.
TEST_P(DrillTest, ParTimeFollowsTheRule)
{
    const Drill& d = drill_named(GetParam());
    const int lines = code_lines(drill_dir(d) / "solution.cpp");
    const double minutes = 5.0 + lines / 4.0;
    const int par = static_cast<int>(std::ceil(minutes / 5.0)) * 5 * 60;
    EXPECT_EQ(d.par_seconds, par) << d.name << ": solution.cpp has " << lines
                                  << " lines of code, so par is " << par << " s";
}

INSTANTIATE_TEST_SUITE_P(Drills, DrillTest, testing::ValuesIn(drill_names()),
                         [](const auto& info) { return param_name(info.param); });

TEST(DrillCatalogue, EightDrillsWithThreeMutantsEach)
{
    EXPECT_GE(manifest().drills.size(), 8u);
    std::set<std::string> names;
    for (const auto& d : manifest().drills) {
        EXPECT_TRUE(names.insert(d.name).second) << d.name << " is listed twice";
        int mutants = 0;
        if (fs::exists(drill_dir(d) / "mutants"))
            for (const auto& e : fs::directory_iterator(drill_dir(d) / "mutants"))
                mutants += e.path().extension() == ".cpp";
        EXPECT_GE(mutants, 3) << d.name;
    }
}

// ---- mutants ------------------------------------------------------------------------------

namespace {
struct DrillMutant {
    std::string drill, name;
    std::vector<std::string> rejected_by;
    std::string description;
};
void PrintTo(const DrillMutant& m, std::ostream* os) { *os << m.drill << "/" << m.name; }

std::vector<DrillMutant> find_drill_mutants()
{
    std::vector<DrillMutant> found;
    for (const auto& d : Manifest::load(paths.source_dir + "/course.json").drills) {
        const fs::path dir = fs::path(paths.source_dir) / "drills" / d.name / "mutants";
        if (!fs::exists(dir))
            continue;
        for (const auto& e : fs::directory_iterator(dir)) {
            if (e.path().extension() != ".cpp")
                continue;
            const auto file = selftest::read_mutant_file(e.path());
            found.push_back({d.name, e.path().stem().string(), file.rejected_by, file.description});
        }
    }
    std::sort(found.begin(), found.end(), [](const DrillMutant& a, const DrillMutant& b) {
        return a.drill + a.name < b.drill + b.name;
    });
    return found;
}
}  // namespace

class DrillMutantTest : public testing::TestWithParam<DrillMutant> {};

// As for chapters: the mutant fails each check it names, with a FAIL line, and no other.
TEST_P(DrillMutantTest, FailsExactlyTheChecksItNames)
{
    const DrillMutant& m = GetParam();
    ASSERT_FALSE(m.rejected_by.empty()) << m.name << ".cpp has no '// rejected-by: Check' line";
    ASSERT_FALSE(m.description.empty()) << m.name << ".cpp has no '// mutant: what' line";
    const Drill& d = drill_named(m.drill);
    const Chapter ch = drill::as_chapter(manifest(), paths, d);
    for (const auto& name : m.rejected_by)
        ASSERT_NE(ch.check(name), nullptr) << name << " is not a check of drill " << d.name;
    ChapterResult r = grade_drill(d, ch, "mutant-" + m.name);
    EXPECT_NE(r.status, ChapterStatus::passed) << "mutant " << m.name << " passed every check";
    const std::string text = report(r);
    const std::set<std::string> named(m.rejected_by.begin(), m.rejected_by.end());
    std::set<std::string> failed;
    for (const auto& c : r.checks)
        if (c.status != CheckStatus::passed) {
            failed.insert(c.name);
            if (named.count(c.name))
                EXPECT_EQ(c.status, CheckStatus::failed) << c.name << "\n" << text;
        }
    EXPECT_EQ(failed, named) << "mutant " << m.drill << "/" << m.name << "\n" << text;
}

INSTANTIATE_TEST_SUITE_P(Drills, DrillMutantTest, testing::ValuesIn(find_drill_mutants()),
                         [](const auto& info) {
                             return param_name(info.param.drill + "_" + info.param.name);
                         });

// ---- the command, as a candidate uses it -----------------------------------------------------

namespace {
struct Session {
    fs::path clone, state;
    std::pair<int, std::string> grade(const std::string& args) const
    {
        return run_command("XDG_STATE_HOME='" + state.string() + "' " + paths.binary_dir +
                           "/scratchnet-grade --no-build --source-dir '" + clone.string() + "' " +
                           args + " 2>&1");
    }
    nlohmann::json history() const
    {
        return nlohmann::json::parse(read_file(state / "scratchnet" / "drills.json"));
    }
};
}  // namespace

TEST(DrillCommand, CandidateSession)
{
    // A throwaway clone (the real practice/ is never touched) and a throwaway state folder.
    Session s;
    const std::string tag = std::to_string(getpid());
    s.clone = fs::temp_directory_path() / ("scratchnet-drill-" + tag);
    s.state = fs::temp_directory_path() / ("scratchnet-drill-state-" + tag);
    fs::remove_all(s.clone);
    fs::remove_all(s.state);
    ASSERT_EQ(
        run_command("git clone -q '" + paths.source_dir + "' '" + s.clone.string() + "'").first, 0);
    const std::string exercises_before = selftest::fingerprint(s.clone / "exercises");
    const Drill& d = manifest().drills.front();
    const fs::path practice = s.clone / "practice" / (d.name + ".cpp");
    const std::string blank = read_file(drill_dir(d) / "blank.cpp");

    // The catalogue, for people and for scripts.
    auto [list_status, list] = s.grade("drill");
    EXPECT_EQ(list_status, 0) << list;
    for (const auto& each : manifest().drills)
        EXPECT_NE(list.find(each.name), std::string::npos) << list;
    auto [json_status, json_text] = s.grade("drill list --json");
    ASSERT_EQ(json_status, 0) << json_text;
    const auto catalogue = nlohmann::json::parse(json_text);
    ASSERT_EQ(catalogue.size(), manifest().drills.size());
    for (const auto& e : catalogue) {
        for (const char* key : {"name", "file", "functions", "par_seconds", "reference"})
            EXPECT_TRUE(e.contains(key)) << key << " missing in " << e;
        EXPECT_TRUE(fs::exists(fs::path(paths.source_dir) / e.at("reference").get<std::string>()));
    }
    auto [next_status, next] = s.grade("drill next");
    EXPECT_NE(next.find("Next: " + d.name), std::string::npos) << next;  // never tried, first

    // No attempt yet: check has nothing to check.
    EXPECT_EQ(s.grade("drill check").first, 2);

    // start: the blank, the task, the clock.
    auto [start_status, start] = s.grade("drill start " + d.name);
    ASSERT_EQ(start_status, 0) << start;
    EXPECT_EQ(read_file(practice), blank);
    EXPECT_NE(start.find("Par " + drill::clock(d.par_seconds)), std::string::npos) << start;
    EXPECT_TRUE(
        run_command("git -C '" + s.clone.string() + "' check-ignore -q '" + practice.string() + "'")
            .first == 0)
        << "practice/ must be ignored by git";
    auto h = s.history();
    EXPECT_EQ(h.at("format"), "scratchnet-drill-history/1");
    ASSERT_EQ(h.at("attempts").size(), 1u);
    EXPECT_EQ(h["attempts"][0].at("status"), "open");

    // A failing check and a hint are counted; the clock keeps running.
    auto [fail_status, fail] = s.grade("drill check --variant blank");
    EXPECT_EQ(fail_status, 1) << fail;
    EXPECT_NE(fail.find("still running"), std::string::npos) << fail;
    EXPECT_EQ(fail.find("hint: "), std::string::npos) << "drill reports keep hints back\n" << fail;
    // A hint is for a check that failed in the last run: run a mutant, ask, get its check's.
    std::vector<DrillMutant> mutants;
    for (const auto& m : find_drill_mutants())
        if (m.drill == d.name)
            mutants.push_back(m);
    ASSERT_FALSE(mutants.empty());
    EXPECT_EQ(s.grade("drill check --variant mutant-" + mutants.front().name).first, 1);
    auto [hint_status, hint] = s.grade("drill hint");
    EXPECT_EQ(hint_status, 0) << hint;
    bool for_a_failing_check = false;
    for (const auto& name : mutants.front().rejected_by)
        for_a_failing_check |= hint.find("Hint for " + name + " ") != std::string::npos;
    EXPECT_TRUE(for_a_failing_check) << "a hint for a check the mutant fails\n" << hint;
    // The first pass stops the clock and is recorded.
    auto [pass_status, pass] = s.grade("drill check --variant reference");
    EXPECT_EQ(pass_status, 0) << pass;
    EXPECT_NE(pass.find("Passed in"), std::string::npos) << pass;
    h = s.history();
    ASSERT_EQ(h.at("attempts").size(), 1u);
    auto first = h["attempts"][0];
    EXPECT_EQ(first.at("status"), "passed");
    EXPECT_EQ(first.at("checks_runs"), 3);
    EXPECT_EQ(first.at("hints"), 1);
    EXPECT_GE(first.at("seconds").get<int>(), 0);
    // Checking again after the pass grades but records nothing.
    auto [again_status, again] = s.grade("drill check --variant reference");
    EXPECT_EQ(again_status, 0);
    EXPECT_NE(again.find("Not timed"), std::string::npos) << again;

    // Starting over unfinished work: no terminal and no --yes does nothing; --yes backs it up.
    std::ofstream(practice, std::ios::app) << "// my work\n";
    const std::string work = read_file(practice);
    auto [no_status, no] = s.grade("drill start " + d.name + " </dev/null");
    EXPECT_EQ(no_status, 1) << no;
    EXPECT_NE(no.find("Nothing done"), std::string::npos) << no;
    EXPECT_EQ(read_file(practice), work);
    auto [yes_status, yes] = s.grade("drill start " + d.name + " --yes");
    EXPECT_EQ(yes_status, 0) << yes;
    EXPECT_EQ(read_file(practice), blank);
    int backups = 0;
    for (const auto& e : fs::recursive_directory_iterator(s.clone / "practice" / "backups"))
        if (e.is_regular_file()) {
            EXPECT_EQ(read_file(e.path()), work);
            ++backups;
        }
    EXPECT_EQ(backups, 1);

    // A slower second pass keeps the best: move the new attempt's start 20 minutes back.
    h = s.history();
    ASSERT_EQ(h.at("attempts").size(), 2u);
    h["attempts"][1]["started"] =
        drill::iso_time(drill::parse_iso_time(h["attempts"][1]["started"]) - 1200);
    std::ofstream(s.state / "scratchnet" / "drills.json") << h.dump(2);
    auto [slow_status, slow] = s.grade("drill check --variant reference");
    EXPECT_EQ(slow_status, 0) << slow;
    EXPECT_NE(slow.find("Your best stays " + drill::clock(first.at("seconds").get<int>())),
              std::string::npos)
        << slow;
    h = s.history();
    ASSERT_EQ(h.at("attempts").size(), 2u);
    EXPECT_EQ(h["attempts"][0], first) << "the first attempt's record changed";
    EXPECT_GE(h["attempts"][1].at("seconds").get<int>(), 1200);
    auto [hist_status, hist] = s.grade("drill history " + d.name);
    EXPECT_EQ(hist_status, 0);
    EXPECT_NE(hist.find("passed in " + drill::clock(first.at("seconds").get<int>())),
              std::string::npos)
        << hist;

    // A corrupt history is reported and kept aside, unchanged, never overwritten.
    const fs::path file = s.state / "scratchnet" / "drills.json";
    std::ofstream(file) << "{ not json";
    auto [corrupt_status, corrupt] = s.grade("drill history");
    EXPECT_EQ(corrupt_status, 0) << corrupt;
    EXPECT_NE(corrupt.find("could not be read"), std::string::npos) << corrupt;
    int aside = 0;
    for (const auto& e : fs::directory_iterator(s.state / "scratchnet"))
        if (e.path().filename().string().find("drills.json.corrupt-") == 0) {
            EXPECT_EQ(read_file(e.path()), "{ not json");
            ++aside;
        }
    EXPECT_EQ(aside, 1);

    EXPECT_EQ(selftest::fingerprint(s.clone / "exercises"), exercises_before)
        << "a drill command changed files under exercises/";
    fs::remove_all(s.clone);
    fs::remove_all(s.state);
}

TEST(DrillCommand, WatchStopsAtThePass)
{
    Session s;
    const std::string tag = std::to_string(getpid());
    s.clone = fs::temp_directory_path() / ("scratchnet-drill-watch-" + tag);
    s.state = fs::temp_directory_path() / ("scratchnet-drill-watch-state-" + tag);
    fs::remove_all(s.clone);
    fs::remove_all(s.state);
    fs::create_directories(s.clone / "drills");
    fs::copy(paths.source_dir + "/course.json", s.clone / "course.json");
    fs::copy(paths.source_dir + "/drills", s.clone / "drills", fs::copy_options::recursive);
    const Drill& d = manifest().drills.front();
    ASSERT_EQ(s.grade("drill start " + d.name).first, 0);
    auto [status, out] = s.grade("drill check --watch --variant reference");
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("Passed in"), std::string::npos) << out;
    EXPECT_EQ(out.find("[watch] waiting"), std::string::npos) << "it should stop at the pass";
    fs::remove_all(s.clone);
    fs::remove_all(s.state);
}
