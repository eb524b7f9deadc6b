// The course's set-ups for a class and for other systems:
// - the dev container (.devcontainer/): its configuration parses, builds its Dockerfile, and the
//   Dockerfile installs exactly the packages of tools/deps.sh's tiers;
// - GitHub Classroom (.github/workflows/classroom.yml): the committed workflow is what
//   tools/classroom-workflow.sh writes from course.json, has one test per chapter with its
//   points, and its commands grade a throwaway copy of the course;
// - Gradescope: the points and the visibility of each check come from course.json.
// ctest -L setup runs these (with setup.LearnerPathWithoutTestPackages).
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "classroom.hpp"
#include "common.hpp"
#include "manifest.hpp"
#include "report.hpp"
#include "runner.hpp"

namespace fs = std::filesystem;
using namespace grader;
using selftest::manifest;
using selftest::paths;
using selftest::read_file;
using selftest::run_command;

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

std::vector<std::string> words(const std::string& text)
{
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;)
        out.push_back(w);
    return out;
}

std::set<std::string> set_of(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

std::string joined(const std::set<std::string>& s)
{
    std::string out;
    for (const auto& w : s)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

// What `tools/deps.sh list TIER` prints.
std::vector<std::string> deps_tier(const std::string& tier)
{
    auto [status, out] = run_command(quote(paths.source_dir + "/tools/deps.sh") + " list " + tier);
    EXPECT_EQ(status, 0) << "tools/deps.sh list " << tier << ":\n" << out;
    return words(out);
}

// ---- the dev container ---------------------------------------------------------------------

const fs::path devcontainer_dir() { return fs::path(paths.source_dir) / ".devcontainer"; }

nlohmann::json devcontainer_json()
{
    const std::string text = read_file(devcontainer_dir() / "devcontainer.json");
    // devcontainer.json is "JSON with comments": the parser drops // and /* */ comments.
    return nlohmann::json::parse(text, nullptr, false, /*ignore_comments=*/true);
}

// The Dockerfile as instructions: continuation lines joined, comments dropped.
std::vector<std::string> dockerfile_instructions(const fs::path& file)
{
    std::istringstream in(read_file(file));
    std::vector<std::string> out;
    std::string pending;
    for (std::string line; std::getline(in, line);) {
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#')
            continue;
        const bool continued = !line.empty() && line.back() == '\\';
        pending += (pending.empty() ? "" : " ") + line.substr(0, line.size() - continued);
        if (!continued) {
            out.push_back(pending);
            pending.clear();
        }
    }
    if (!pending.empty())
        out.push_back(pending);
    return out;
}

// The dev container's configuration uses only properties of the Dev Container specification
// (containers.dev, "devcontainer.json reference"), so a misspelt one is not silently ignored.
TEST(DevContainer, ConfigIsValidAndBuildsTheDockerfile)
{
    const fs::path config = devcontainer_dir() / "devcontainer.json";
    ASSERT_TRUE(fs::is_regular_file(config)) << config << " is missing";
    const nlohmann::json j = devcontainer_json();
    ASSERT_FALSE(j.is_discarded()) << config << " is not valid JSON (comments are allowed)";
    ASSERT_TRUE(j.is_object());
    static const std::set<std::string> known = {"name",
                                                "build",
                                                "image",
                                                "dockerComposeFile",
                                                "service",
                                                "runServices",
                                                "workspaceFolder",
                                                "workspaceMount",
                                                "remoteUser",
                                                "containerUser",
                                                "updateRemoteUserUID",
                                                "remoteEnv",
                                                "containerEnv",
                                                "mounts",
                                                "runArgs",
                                                "forwardPorts",
                                                "portsAttributes",
                                                "features",
                                                "overrideFeatureInstallOrder",
                                                "initializeCommand",
                                                "onCreateCommand",
                                                "updateContentCommand",
                                                "postCreateCommand",
                                                "postStartCommand",
                                                "postAttachCommand",
                                                "waitFor",
                                                "customizations",
                                                "hostRequirements",
                                                "shutdownAction",
                                                "overrideCommand",
                                                "init",
                                                "privileged",
                                                "capAdd",
                                                "securityOpt",
                                                "userEnvProbe",
                                                "appPort"};
    for (const auto& [key, value] : j.items())
        EXPECT_TRUE(known.count(key))
            << config << ": \"" << key << "\" is not a property of the Dev Container specification";

    ASSERT_TRUE(j.contains("build") && j.at("build").contains("dockerfile"))
        << config << " must build the image from a Dockerfile (\"build\": {\"dockerfile\": …})";
    EXPECT_FALSE(j.contains("image")) << "the image is built from the Dockerfile, not pulled";
    const fs::path dockerfile =
        devcontainer_dir() / j.at("build").at("dockerfile").get<std::string>();
    EXPECT_TRUE(fs::is_regular_file(dockerfile))
        << config << " names " << dockerfile << ", which does not exist";

    // VS Code gets the clangd extension, which reads the repository's .clangd.
    const auto pointer = "/customizations/vscode/extensions"_json_pointer;
    const auto extensions = j.contains(pointer) ? j.at(pointer).get<std::vector<std::string>>()
                                                : std::vector<std::string>{};
    EXPECT_TRUE(set_of(extensions).count("llvm-vs-code-extensions.vscode-clangd"))
        << config << " does not recommend the clangd extension (customizations.vscode.extensions)";

    // The user it works as is the one the Dockerfile creates and switches to.
    std::string created, user;
    for (const auto& line : dockerfile_instructions(dockerfile)) {
        if (line.rfind("ARG USERNAME=", 0) == 0)
            created = line.substr(13);
        if (line.rfind("USER ", 0) == 0)
            user = line.substr(5);
    }
    EXPECT_EQ(user, "$USERNAME") << dockerfile << " must end as the user it creates";
    EXPECT_EQ(j.value("remoteUser", ""), created)
        << config << "'s remoteUser is not the user " << dockerfile << " creates";
    EXPECT_NE(j.value("postCreateCommand", "").find("./grade"), std::string::npos)
        << "the container should set up the build once it is created (./grade --help)";

    // A clone on Windows keeps the scripts' Unix line endings (.gitattributes), or bash in the
    // container stops at "bash\r: No such file or directory".
    auto [status, out] = run_command("git -C " + quote(paths.source_dir) +
                                     " check-attr eol -- grade test tools/deps.sh 2>&1");
    EXPECT_EQ(status, 0) << out;
    EXPECT_EQ(out, "grade: eol: lf\ntest: eol: lf\ntools/deps.sh: eol: lf\n")
        << "add `* text=auto eol=lf` to .gitattributes";
}

// The Dockerfile names the packages of tools/deps.sh's tiers, in lists the test can compare:
// ARG GRADE_PACKAGES="…" (the grade tier), SANITIZE_PACKAGES and MILESTONE_PACKAGES (those
// tiers less the grade packages), EDITOR_PACKAGES (some of the test-only tier: clangd) and
// CONTAINER_PACKAGES (the container's own, none of deps.sh's). Every package the image
// installs comes through one of these lists.
TEST(DevContainer, PackagesAreTheTiersOfDepsSh)
{
    const fs::path dockerfile = devcontainer_dir() / "Dockerfile";
    ASSERT_TRUE(fs::is_regular_file(dockerfile)) << dockerfile << " is missing";
    std::map<std::string, std::vector<std::string>> lists;
    std::string from, install;
    for (const auto& line : dockerfile_instructions(dockerfile)) {
        std::smatch m;
        static const std::regex arg(R"re(^ARG ([A-Z]+)_PACKAGES="([^"]*)"$)re");
        if (std::regex_match(line, m, arg))
            lists[m[1]] = words(m[2]);
        else if (line.rfind("ARG ", 0) == 0 && line.find("_PACKAGES") != std::string::npos)
            ADD_FAILURE() << dockerfile
                          << ": write a package list as ARG NAME_PACKAGES=\"a b c\": " << line;
        if (line.rfind("FROM ", 0) == 0)
            from = line.substr(5);
        if (line.find("apt-get install") != std::string::npos) {
            EXPECT_TRUE(install.empty()) << dockerfile << " installs packages in two places";
            install = line.substr(line.find("apt-get install") + 15);
        }
    }
    EXPECT_TRUE(from == "debian:12" || from == "debian:bookworm")
        << dockerfile << " starts FROM " << from << "; the course's system is Debian 12";
    const std::set<std::string> names = {"GRADE", "SANITIZE", "MILESTONE", "EDITOR", "CONTAINER"};
    for (const auto& [name, list] : lists)
        EXPECT_TRUE(names.count(name))
            << dockerfile << ": " << name << "_PACKAGES is not one of the lists this test compares";
    for (const auto& name : names)
        ASSERT_TRUE(lists.count(name)) << dockerfile << " has no ARG " << name << "_PACKAGES";

    // The install line takes every list, and no package outside them.
    std::set<std::string> used;
    std::size_t end = install.find("&&");
    for (const auto& w : words(install.substr(0, end))) {
        std::smatch m;
        static const std::regex var(R"(^\$\{?([A-Z]+)_PACKAGES\}?$)");
        if (std::regex_match(w, m, var))
            used.insert(m[1]);
        else
            EXPECT_EQ(w[0], '-') << dockerfile << " installs " << w
                                 << " outside the package lists: add it to one of them";
    }
    EXPECT_EQ(used, names) << dockerfile << "'s apt-get install does not take every list";

    auto expect_tier = [&](const std::set<std::string>& have, const std::string& tier,
                           const std::string& list) {
        const std::set<std::string> want = set_of(deps_tier(tier));
        std::set<std::string> missing, extra;
        for (const auto& p : want)
            if (!have.count(p))
                missing.insert(p);
        for (const auto& p : have)
            if (!want.count(p))
                extra.insert(p);
        EXPECT_TRUE(missing.empty() && extra.empty())
            << ".devcontainer/Dockerfile and `tools/deps.sh list " << tier << "` differ."
            << (missing.empty() ? "" : " Only deps.sh has: " + joined(missing) + ".")
            << (extra.empty() ? "" : " Only the Dockerfile has: " + joined(extra) + ".")
            << " Make ARG " << list << "_PACKAGES in .devcontainer/Dockerfile list what deps.sh"
            << (list == "GRADE" ? " lists" : " adds to the grade tier") << ".";
    };
    const std::set<std::string> grade = set_of(lists["GRADE"]);
    EXPECT_EQ(grade.size(), lists["GRADE"].size()) << "GRADE_PACKAGES names a package twice";
    expect_tier(grade, "grade", "GRADE");
    for (const auto& [name, tier] : {std::pair<std::string, std::string>{"SANITIZE", "sanitize"},
                                     {"MILESTONE", "milestone"}}) {
        std::set<std::string> all = grade;
        for (const auto& p : lists[name]) {
            EXPECT_FALSE(grade.count(p)) << name << "_PACKAGES repeats " << p
                                         << " of GRADE_PACKAGES: list only what the tier adds";
            all.insert(p);
        }
        expect_tier(all, tier, name);
    }
    const std::set<std::string> test_only = set_of(deps_tier("test-only"));
    for (const auto& p : lists["EDITOR"])
        EXPECT_TRUE(test_only.count(p))
            << "EDITOR_PACKAGES names " << p << ", which `tools/deps.sh list test-only` does not";
    EXPECT_TRUE(set_of(lists["EDITOR"]).count("clangd")) << "the editor needs clangd";
    const std::set<std::string> every = set_of(deps_tier("test"));
    for (const auto& p : lists["CONTAINER"])
        EXPECT_FALSE(every.count(p) || set_of(deps_tier("bench")).count(p) ||
                     set_of(deps_tier("milestone")).count(p))
            << "CONTAINER_PACKAGES names " << p
            << ", a package of tools/deps.sh: put it in its tier's list";
}

// ---- GitHub Classroom ----------------------------------------------------------------------

const fs::path workflow_path = ".github/workflows/classroom.yml";

// One step of the workflow, read line by line: the file is written by classroom_workflow()
// in a fixed shape (WorkflowIsWrittenFromCourseJson), so a line that fits no known shape is
// an error rather than something to skip.
struct Step {
    std::string name, id, uses, run;
    std::map<std::string, std::string> with, env;
};

struct Workflow {
    std::map<std::string, std::string> job;  // runs-on, container, if
    std::vector<Step> steps;
    std::vector<std::string> errors;
};

std::string unquoted(std::string v)
{
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
        std::string out;
        for (std::size_t i = 1; i + 1 < v.size(); ++i) {
            if (v[i] == '\\' && i + 2 < v.size())
                ++i;
            out += v[i];
        }
        return out;
    }
    return v;
}

Workflow parse_workflow(const std::string& text)
{
    Workflow w;
    std::istringstream in(text);
    static const std::regex job_key(R"(^    (runs-on|container|if): (.+)$)");
    static const std::regex step_start(R"(^    - name: (.+)$)");
    static const std::regex step_key(R"(^      (id|uses|run): (.+)$)");
    static const std::regex section(R"(^      (with|env):$)");
    static const std::regex entry(R"(^        ([A-Za-z0-9_-]+): (.+)$)");
    bool in_steps = false;
    std::string current_section;
    int n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        std::smatch m;
        if (!in_steps) {
            if (line == "    steps:")
                in_steps = true;
            else if (std::regex_match(line, m, job_key))
                w.job[m[1]] = m[2];
            continue;
        }
        if (std::regex_match(line, m, step_start)) {
            w.steps.push_back({});
            w.steps.back().name = unquoted(m[1]);
            current_section.clear();
        } else if (!w.steps.empty() && std::regex_match(line, m, step_key)) {
            Step& s = w.steps.back();
            (m[1] == "id" ? s.id : m[1] == "uses" ? s.uses : s.run) = unquoted(m[2]);
            current_section.clear();
        } else if (!w.steps.empty() && std::regex_match(line, m, section)) {
            current_section = m[1];
        } else if (!current_section.empty() && std::regex_match(line, m, entry)) {
            Step& s = w.steps.back();
            (current_section == "with" ? s.with : s.env)[m[1]] = unquoted(m[2]);
        } else {
            w.errors.push_back("line " + std::to_string(n) + ": " + line);
        }
    }
    return w;
}

std::string upper(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// One source of truth: the committed workflow is exactly what the generator writes from
// course.json (the points of each chapter, its title, the list of chapters).
TEST(Classroom, WorkflowIsWrittenFromCourseJson)
{
    const fs::path file = fs::path(paths.source_dir) / workflow_path;
    ASSERT_TRUE(fs::is_regular_file(file))
        << file << " is missing: run tools/classroom-workflow.sh to write it";
    EXPECT_EQ(read_file(file), classroom_workflow(manifest()))
        << workflow_path.string()
        << " is not what course.json gives: run tools/classroom-workflow.sh and commit the file";
}

// The workflow, read as GitHub reads it: a Debian 12 container, the checkout, the set-up, one
// command-grader test per chapter of course.json in order (`./grade NN`, its points), and the
// reporter, which reads every test's result.
TEST(Classroom, WorkflowHasOneTestPerChapterWithItsPoints)
{
    const Workflow w = parse_workflow(read_file(fs::path(paths.source_dir) / workflow_path));
    for (const auto& e : w.errors)
        ADD_FAILURE() << workflow_path << ": a line of no known shape, " << e;
    EXPECT_EQ(w.job.count("container") ? w.job.at("container") : "", "debian:12");
    const auto& chapters = manifest().chapters;
    ASSERT_EQ(w.steps.size(), chapters.size() + 3) << "checkout, set-up, one per chapter, reporter";
    EXPECT_EQ(w.steps.front().uses, "actions/checkout@v4");
    EXPECT_FALSE(w.steps[1].run.empty()) << "the second step sets up (packages, the grader)";
    std::string runners;
    const Step& reporter = w.steps.back();
    EXPECT_EQ(reporter.uses, "classroom-resources/autograding-grading-reporter@v1");
    for (std::size_t i = 0; i < chapters.size(); ++i) {
        const Chapter& ch = chapters[i];
        const Step& s = w.steps[i + 2];
        SCOPED_TRACE("chapter " + ch.id);
        EXPECT_EQ(s.uses, "classroom-resources/autograding-command-grader@v1");
        EXPECT_EQ(s.id, "chapter-" + ch.id);
        EXPECT_EQ(s.with.count("command") ? s.with.at("command") : "", "./grade " + ch.id);
        EXPECT_EQ(s.with.count("test-name") ? s.with.at("test-name") : "", ch.id + " " + ch.title);
        EXPECT_EQ(s.with.count("max-score") ? s.with.at("max-score") : "",
                  std::to_string(ch.classroom_points));
        const int timeout = std::atoi(s.with.count("timeout") ? s.with.at("timeout").c_str() : "");
        EXPECT_TRUE(timeout >= 1 && timeout <= 60) << "timeout is in minutes";
        const std::string var = upper(s.id) + "_RESULTS";
        EXPECT_EQ(reporter.env.count(var) ? reporter.env.at(var) : "",
                  "${{steps." + s.id + ".outputs.result}}")
            << "the reporter does not read " << s.id << "'s result";
        runners += (runners.empty() ? "" : ",") + s.id;
    }
    EXPECT_EQ(reporter.with.count("runners") ? reporter.with.at("runners") : "", runners);

    // Where a YAML parser is at hand (python3-yaml, not one of the test packages), the file
    // must also read the same way through it.
    auto [has_yaml, ignored] = run_command("/usr/bin/python3 -c 'import yaml' 2>&1");
    if (has_yaml != 0) {
        std::cout << "[ note ] python3-yaml is not installed: the YAML parse is skipped\n";
        return;
    }
    auto [status, out] = run_command(
        "/usr/bin/python3 -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))' " +
        quote((fs::path(paths.source_dir) / workflow_path).string()) + " 2>&1");
    ASSERT_EQ(status, 0) << workflow_path << " is not valid YAML:\n" << out;
    const nlohmann::json y = nlohmann::json::parse(out);
    const auto& steps = y.at("jobs").at("run-autograding-tests").at("steps");
    ASSERT_EQ(steps.size(), w.steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        EXPECT_EQ(steps[i].at("name"), w.steps[i].name);
        for (const auto& [key, value] : w.steps[i].with) {
            const auto& v = steps[i].at("with").at(key);
            EXPECT_EQ(v.is_string() ? v.get<std::string>() : v.dump(), value) << key;
        }
    }
    EXPECT_EQ(y.at("jobs").at("run-autograding-tests").at("container"), "debian:12");
}

// The workflow's commands themselves run in tools/learner-path-test.sh
// (setup.LearnerPathWithoutTestPackages), on its copy of the course, which is built already: each
// chapter's command must exit 1 on its stub and chapter 01's 0 on its reference.

// ---- Gradescope's points and visibility ----------------------------------------------------

// course.json with a few grading settings, written beside a copy of the real one.
fs::path write_course(const std::string& name,
                      const std::function<void(nlohmann::ordered_json&)>& edit)
{
    nlohmann::ordered_json j =
        nlohmann::ordered_json::parse(read_file(fs::path(paths.source_dir) / "course.json"));
    edit(j);
    const fs::path dir =
        fs::temp_directory_path() / ("scratchnet-grading-" + std::to_string(getpid()) + "-" + name);
    fs::create_directories(dir);
    std::ofstream(dir / "course.json") << j.dump(2) << "\n";
    return dir / "course.json";
}

TEST(Gradescope, PointsAndVisibilityComeFromCourseJson)
{
    const fs::path file = write_course("ok", [](nlohmann::ordered_json& j) {
        auto& ch1 = j["chapters"][0];
        ch1["grading"] = {{"points", 2}};
        ch1["checks"][1]["points"] = 0.5;
        ch1["checks"][1]["visibility"] = "hidden";
        j["chapters"][1]["grading"] = {{"visibility", "after_due_date"}, {"classroom_points", 10}};
    });
    const Manifest m = Manifest::load(file.string());
    fs::remove_all(file.parent_path());
    const Chapter& ch1 = m.chapters.at(0);
    const Chapter& ch2 = m.chapters.at(1);
    const std::size_t n1 = ch1.checks.size();
    EXPECT_EQ(ch1.checks[0].points, 2);
    EXPECT_EQ(ch1.checks[0].visibility, "visible");
    EXPECT_EQ(ch1.checks[1].points, 0.5);
    EXPECT_EQ(ch1.checks[1].visibility, "hidden");
    EXPECT_EQ(ch2.checks[0].points, 1);
    EXPECT_EQ(ch2.checks[0].visibility, "after_due_date");
    // Classroom: the checks' points added up (2 × (n1 − 1) + 0.5, rounded), or classroom_points.
    EXPECT_EQ(ch1.classroom_points, static_cast<int>(std::lround(2.0 * (n1 - 1) + 0.5)));
    EXPECT_EQ(ch2.classroom_points, 10);
    EXPECT_EQ(m.chapters.at(2).classroom_points, static_cast<int>(m.chapters.at(2).checks.size()));

    // Chapter 01 graded: every check passes but the hidden one and the third.
    ChapterResult r;
    r.chapter = &ch1;
    r.status = ChapterStatus::failing;
    for (std::size_t i = 0; i < n1; ++i) {
        CheckResult c;
        c.name = ch1.checks[i].name;
        c.status = i == 1 || i == 2 ? CheckStatus::failed : CheckStatus::passed;
        if (i == 1)
            c.messages = {"what-the-hidden-check-found"};
        r.checks.push_back(c);
    }
    const std::string table = "the table quotes " + ch1.checks[1].name;
    nlohmann::json gs = to_gradescope({r}, table, 1.0);
    ASSERT_EQ(gs.at("tests").size(), n1);
    double sum = 0;
    for (std::size_t i = 0; i < n1; ++i) {
        const auto& t = gs.at("tests")[i];
        SCOPED_TRACE(t.dump());
        EXPECT_EQ(t.at("max_score").get<double>(), ch1.checks[i].points);
        EXPECT_EQ(t.at("score").get<double>(), i == 1 || i == 2 ? 0 : ch1.checks[i].points);
        EXPECT_EQ(t.at("visibility"), i == 1 ? "hidden" : "visible");
        sum += t.at("score").get<double>();
    }
    EXPECT_EQ(gs.at("score").get<double>(), sum);
    EXPECT_EQ(gs.at("max_score").get<double>(), 2.0 * (n1 - 1) + 0.5);
    EXPECT_EQ(gs.at("tests")[0].at("max_score").dump(), "2") << "whole points print as integers";
    // A hidden check's result shows nowhere else: not in the overall output (which counts the
    // visible checks only), not in run_autograder's stdout (hidden).
    const std::string output = gs.at("output");
    EXPECT_EQ(output.find(ch1.checks[1].name), std::string::npos) << output;
    EXPECT_EQ(output.find("what-the-hidden-check-found"), std::string::npos) << output;
    EXPECT_NE(output.find(std::to_string(n1 - 2) + " of " + std::to_string(n1 - 1) +
                          " checks passed (and 1 check whose results are shown later or not at "
                          "all)"),
              std::string::npos)
        << output;
    EXPECT_EQ(gs.at("stdout_visibility"), "hidden");

    // With every check visible, the output is the table and stdout is shown.
    ChapterResult r2;
    r2.chapter = &m.chapters.at(2);
    r2.status = ChapterStatus::not_started;
    gs = to_gradescope({r2}, table, 1.0);
    EXPECT_EQ(gs.at("output"), table);
    EXPECT_EQ(gs.at("stdout_visibility"), "visible");
    EXPECT_EQ(gs.at("score"), 0);
    EXPECT_EQ(gs.at("max_score"), m.chapters.at(2).checks.size());
}

// A wrong grading setting stops the grader with a message naming the chapter, the check and
// what is allowed, rather than being ignored.
TEST(Gradescope, BadGradingSettingsAreNamed)
{
    struct Bad {
        std::string name;
        std::function<void(nlohmann::ordered_json&)> edit;
        std::vector<std::string> says;
    };
    const std::string check = manifest().chapters.at(0).checks.at(3).name;
    const std::vector<Bad> cases = {
        {"visibility",
         [](auto& j) { j["chapters"][0]["checks"][3]["visibility"] = "after_deadline"; },
         {"chapter 01", check, "after_deadline", "after_due_date", "after_published"}},
        {"chapter-visibility",
         [](auto& j) {
             j["chapters"][2]["grading"] = {{"visibility", "Hidden"}};
         },
         {"chapter 03", "Hidden", "\"hidden\""}},
        {"points",
         [](auto& j) { j["chapters"][0]["checks"][3]["points"] = -1; },
         {"chapter 01", check, "-1", "0 or more"}},
        {"points-text",
         [](auto& j) {
             j["chapters"][1]["grading"] = {{"points", "2"}};
         },
         {"chapter 02", "\"2\"", "number"}},
        {"key",
         [](auto& j) {
             j["chapters"][1]["grading"] = {{"point", 2}};
         },
         {"chapter 02", "unknown key \"point\"", "classroom_points"}},
        {"classroom",
         [](auto& j) {
             j["chapters"][1]["grading"] = {{"classroom_points", 2.5}};
         },
         {"chapter 02", "classroom_points", "2.5", "whole number"}},
    };
    for (const auto& bad : cases) {
        SCOPED_TRACE(bad.name);
        const fs::path file = write_course(bad.name, bad.edit);
        std::string message;
        try {
            Manifest::load(file.string());
        } catch (const std::runtime_error& e) {
            message = e.what();
        }
        fs::remove_all(file.parent_path());
        ASSERT_FALSE(message.empty()) << "the manifest was accepted";
        for (const auto& word : bad.says)
            EXPECT_NE(message.find(word), std::string::npos) << message;
    }
}

}  // namespace
