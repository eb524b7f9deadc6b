// scratchnet-grade: the learner's grader. Run through ./grade at the repository root.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/wait.h>
#include <thread>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "ask.hpp"
#include "drill_command.hpp"
#include "manifest.hpp"
#include "milestone_command.hpp"
#include "report.hpp"
#include "runner.hpp"
#include "solution_command.hpp"

using namespace grader;

namespace {

int show_hint(const Manifest& manifest, const Paths& paths, const std::string& key)
{
    const Chapter* ch = manifest.find(key);
    if (!ch) {
        std::cerr << "grade: no chapter \"" << key << "\"\n";
        return 2;
    }
    if (ch->hints.empty()) {
        std::cout << "Chapter " << ch->id << " has no hints yet.\n";
        return 0;
    }
    // How many hints were shown is kept in the build folder, never in exercises/.
    const std::string state_path = paths.binary_dir + "/grader-hints.json";
    nlohmann::json state = nlohmann::json::object();
    if (std::ifstream in(state_path); in)
        state = nlohmann::json::parse(in, nullptr, false);
    if (!state.is_object())
        state = nlohmann::json::object();
    std::size_t shown = state.value(ch->id, 0);
    std::size_t next = std::min(shown, ch->hints.size() - 1);
    std::cout << "Chapter " << ch->id << " hint " << next + 1 << " of " << ch->hints.size()
              << ":\n  " << ch->hints[next] << "\n";
    if (next + 1 < ch->hints.size())
        std::cout << "(run it again for the next hint)\n";
    state[ch->id] = next + 1;
    std::ofstream(state_path) << state.dump(2) << "\n";
    return 0;
}

std::string run_capture(const std::string& command, int& status)
{
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    if (!p) {
        status = -1;
        return out;
    }
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    int raw = pclose(p);
    status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return out;
}

// `grade reset NN`: the only time the grader writes into exercises/. The learner's files are
// moved to a timestamped backup first, and the stub as shipped (origin's version, or HEAD's
// when there is no origin) is written back.
int reset_chapter(const Manifest& manifest, const Paths& paths, const std::string& key, bool yes)
{
    namespace fs = std::filesystem;
    const Chapter* ch = manifest.find(key);
    if (!ch) {
        std::cerr << "grade: no chapter \"" << key << "\"\n";
        return 2;
    }
    const std::string rel = "exercises/" + ch->folder + "/" + ch->exercise;
    const fs::path dir = fs::path(paths.source_dir) / "exercises" / ch->folder;

    int status = 0;
    std::string stub;
    std::string from;
    for (const std::string rev : {"origin/HEAD", "HEAD"}) {
        stub = run_capture(
            "git -C '" + paths.source_dir + "' show '" + rev + ":" + rel + "' 2>/dev/null", status);
        if (status == 0) {
            from = rev;
            break;
        }
    }
    if (status != 0 || stub.empty()) {
        std::cerr << "grade reset: cannot find the shipped stub of " << rel
                  << " in git (is this a clone of the course?). Nothing was changed.\n";
        return 2;
    }

    const fs::path backup =
        new_backup_folder(fs::path(paths.source_dir) / "exercise-backups") / ch->folder;
    std::cout << "Reset chapter " << ch->id << " (" << ch->title << "): your files in exercises/"
              << ch->folder << "/ move to\n  " << backup.string() << "\nand " << rel
              << " becomes the stub again (from git " << from << ").\n";
    if (!go_ahead(yes))
        return 1;
    fs::create_directories(backup);
    for (const auto& entry : fs::directory_iterator(dir))
        fs::copy(entry.path(), backup / entry.path().filename(), fs::copy_options::recursive);
    // Only once every file is safely copied is anything removed.
    for (const auto& entry : fs::directory_iterator(dir))
        fs::remove_all(entry.path());
    std::ofstream(fs::path(paths.source_dir) / rel, std::ios::binary) << stub;
    std::cout << "Done. Your previous files are in " << backup.string() << "\n";
    return 0;
}

struct Options {
    std::string chapter_key;
    Limits limits;
    std::string variant = "exercise";
    bool no_build = false;
    bool json = false;
    bool sanitize = false;
    std::string gradescope;  ///< write Gradescope's results.json here
    std::string junit;       ///< write a JUnit XML report here
    std::string only;        ///< grade just this check (course developers)
};

// The milestones whose chapters all pass in `results`: the learner's code can run them now.
void print_ready_milestones(std::ostream& out, const Manifest& manifest,
                            const std::vector<ChapterResult>& results)
{
    std::string ready;
    for (const auto& ms : manifest.milestones) {
        bool all = true;
        for (const auto& id : ms.chapters) {
            bool passed = false;
            for (const auto& r : results)
                passed = passed || (r.chapter->id == id && r.status == ChapterStatus::passed);
            all = all && passed;
        }
        if (all)
            ready += "\n  " + pad("./grade milestone run " + ms.name, 38) + ms.title;
    }
    if (!ready.empty())
        out << "\nMilestones your code can run now:" << ready << "\n";
}

int grade_once(const Manifest& manifest, const Paths& paths, const Options& o)
{
    std::vector<const Chapter*> chosen;
    if (!o.chapter_key.empty()) {
        const Chapter* ch = manifest.find(o.chapter_key);
        if (!ch) {
            std::cerr << "grade: no chapter \"" << o.chapter_key << "\". Chapters:";
            for (const auto& c : manifest.chapters)
                std::cerr << " " << c.id << " (" << c.slug() << ")";
            std::cerr << "\n";
            return 2;
        }
        chosen.push_back(ch);
    } else {
        for (const auto& c : manifest.chapters)
            chosen.push_back(&c);
    }

    Style style{isatty(1) != 0 && std::getenv("NO_COLOR") == nullptr};
    std::vector<ChapterResult> results;
    for (const Chapter* ch : chosen) {
        ChapterResult r;
        r.chapter = ch;
        if (!o.no_build) {
            std::cerr << "Building chapter " << ch->id << " (" << ch->title << ")"
                      << (o.sanitize ? " with sanitizers" : "") << "…" << std::endl;
            std::string targets = "grade-" + ch->id;  // the exercise and the reference record
            if (o.variant != "exercise")
                targets += " grade-" + ch->id + "-" + o.variant;
            if (!build_chapter(paths, targets, r)) {
                results.push_back(r);
                continue;
            }
        }
        run_chapter(paths, chapter_binary(paths, *ch, o.variant), o.limits, r, o.only);
        results.push_back(r);
    }

    if (!o.gradescope.empty()) {
        std::ostringstream table;
        print_table(table, manifest, results, Style{});
        double seconds = 0;
        for (const auto& r : results)
            seconds += r.build_seconds + r.run_seconds;
        std::ofstream out(o.gradescope);
        out << to_gradescope(results, table.str(), seconds).dump(2) << "\n";
        if (!out) {
            std::cerr << "grade: cannot write " << o.gradescope << "\n";
            return 2;
        }
    }
    if (!o.junit.empty()) {
        std::ofstream out(o.junit);
        out << to_junit(results);
        if (!out) {
            std::cerr << "grade: cannot write " << o.junit << "\n";
            return 2;
        }
        std::cerr << "JUnit report: " << o.junit << "\n";
    }
    if (o.json)
        std::cout << to_json(results).dump(2) << "\n";
    else if (o.chapter_key.empty()) {
        print_table(std::cout, manifest, results, style);
        print_next_step(std::cout, results, false);
        print_ready_milestones(std::cout, manifest, results);
    } else {
        print_chapter(std::cout, results.front(), style);
        print_next_step(std::cout, results, true);
    }
    if (!o.json)
        solution::print_offer(std::cout, paths, results);

    for (const auto& r : results)
        if (r.status != ChapterStatus::passed)
            return 1;
    return 0;
}

// Modification stamps of every file under exercises/: a change to any of them re-grades.
std::map<std::string, std::pair<std::filesystem::file_time_type, std::uintmax_t>> snapshot(
    const Paths& paths)
{
    namespace fs = std::filesystem;
    std::map<std::string, std::pair<fs::file_time_type, std::uintmax_t>> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(fs::path(paths.source_dir) / "exercises", ec), end;
         it != end; it.increment(ec))
        if (it->is_regular_file(ec))
            files[it->path().string()] = {it->last_write_time(ec), it->file_size(ec)};
    return files;
}

int watch_loop(const Manifest&, const Paths& paths, const std::function<int()>& grade, int max_runs)
{
    int status = 0;
    for (int run = 1;; ++run) {
        auto t0 = std::chrono::steady_clock::now();
        status = grade();
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::cout << "\n[watch] graded in " << std::fixed << std::setprecision(1) << seconds
                  << " s; waiting for a change under exercises/ (Ctrl-C to stop)" << std::endl;
        if (max_runs > 0 && run >= max_runs)
            return status;
        auto before = snapshot(paths);
        while (snapshot(paths) == before)
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
        std::this_thread::sleep_for(std::chrono::milliseconds(150));  // let the editor finish
        std::cout << "\n[watch] change detected, grading again…\n" << std::endl;
    }
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"scratchnet grader: builds your exercises and runs the hidden checks.\n"
                 "  ./grade            progress table of every chapter\n"
                 "  ./grade 01         one chapter's checks, with failures and hints\n"
                 "  ./grade hint 01    the next hint for a chapter (all of them after a pass)\n"
                 "  ./grade solution 01  yours beside the reference (asks first before a pass)\n"
                 "  ./grade reset 01   put the stub back (your files are backed up first)\n"
                 "  ./grade drill      timed interview drills (start, check, hint, history, next)\n"
                 "  ./grade milestone  historic results re-run by your own code (list, run NAME)\n"
                 "  ./grade doctor     check this machine: packages, compiler, data, editor, disk",
                 "grade"};
    Options options;
    std::string& chapter_key = options.chapter_key;
    Limits& limits = options.limits;
    Paths paths{SCRATCHNET_SOURCE_DIR, SCRATCHNET_BINARY_DIR};
    std::string& variant = options.variant;
    bool& no_build = options.no_build;
    bool watch = false;
    int watch_max_runs = 0;
    app.add_option("--junit", options.junit,
                   "also write a JUnit XML report (one test case per check)");
    app.add_option("--only", options.only, "grade only this check of the chapter")
        ->group("Course developers");
    app.add_option("--gradescope", options.gradescope,
                   "also write Gradescope's results.json to this path (see autograder/)");
    app.add_flag("--sanitize", options.sanitize,
                 "build with AddressSanitizer, UBSan and xtensor's bound checks (folder "
                 "build-sanitize/; no memory limit)");
    app.add_flag("--watch", watch, "grade again whenever a file under exercises/ changes");
    app.add_option("--watch-max-runs", watch_max_runs, "stop watching after this many gradings")
        ->group("Course developers");
    app.add_option("chapter", chapter_key, "a chapter: 01, 1, forward-propagation, …");
    app.add_option("--timeout", limits.seconds, "seconds each chapter's checks may run")
        ->capture_default_str();
    app.add_option("--memory", limits.memory_mb, "megabytes of memory each chapter may use")
        ->capture_default_str();
    app.add_option("--variant", variant,
                   "what to grade: exercise, reference, or mutant-NAME (for course developers)")
        ->group("Course developers");
    app.add_flag("--no-build", no_build, "grade the binaries as they are")
        ->group("Course developers");
    app.add_option("--source-dir", paths.source_dir, "the course checkout to work on")
        ->group("Course developers");
    app.fallthrough();  // options like --timeout may follow a subcommand's arguments
    bool& json = options.json;
    app.add_flag("--json", json, "print the report as JSON (schema in README.md)");
    auto* hint = app.add_subcommand("hint", "show the next hint for a chapter");
    std::string hint_key;
    hint->add_option("chapter", hint_key, "the chapter")->required();
    auto* reset = app.add_subcommand(
        "reset", "put a chapter's stub back; your files move to exercise-backups/ first");
    std::string reset_key;
    bool yes = false;
    reset->add_option("chapter", reset_key, "the chapter")->required();
    reset->add_flag("--yes,-y", yes, "do not ask for confirmation");
    auto* solution_cmd = app.add_subcommand(
        "solution", "your file beside the reference; before a pass it asks first (spoiler)");
    solution::Options solution_options;
    solution_cmd->add_option("chapter", solution_options.chapter, "the chapter")->required();
    solution_cmd->add_flag("--side-by-side", solution_options.side_by_side,
                           "two columns (yours, the reference) instead of a unified diff");
    solution_cmd->add_option("--width", solution_options.width,
                             "columns for --side-by-side (default: the terminal's)");
    solution_cmd->add_flag("--yes,-y", solution_options.yes,
                           "show it before the chapter passes without asking");
    // ./grade drill …: timed interview drills (grader/driver/drill_command.cpp).
    auto* drill = app.add_subcommand(
        "drill", "timed interview drills from a blank file: ./grade drill lists them");
    drill::Options drill_options;
    auto* drill_list = drill->add_subcommand("list", "the catalogue (with --json: for scripts)");
    auto* drill_start = drill->add_subcommand(
        "start", "write the drill's blank file to practice/, print the task, start the clock");
    drill_start->add_option("name", drill_options.name, "the drill")->required();
    drill_start->add_flag("--yes,-y", drill_options.yes,
                          "replace unfinished work without asking (it is backed up first)");
    auto* drill_check = drill->add_subcommand(
        "check", "build the drill and run its hidden checks; the first pass stops the clock");
    drill_check->add_option("name", drill_options.name, "the drill (default: the one in progress)");
    auto* drill_hint = drill->add_subcommand("hint", "the next hint (the record counts them)");
    drill_hint->add_option("name", drill_options.name, "the drill (default: the one in progress)");
    auto* drill_history =
        drill->add_subcommand("history", "every attempt: date, time to pass, checks runs, hints");
    drill_history->add_option("name", drill_options.name, "only this drill");
    auto* drill_next = drill->add_subcommand(
        "next", "what to practise now: never tried, then furthest over par, then oldest");
    (void)drill_list;
    // ./grade milestone …: historic results re-run by the learner's code
    // (grader/driver/milestone_command.cpp).
    auto* milestone = app.add_subcommand(
        "milestone", "historic results re-run by your own code: ./grade milestone lists them");
    milestone::Options milestone_options;
    auto* milestone_list = milestone->add_subcommand("list", "the milestones and your results");
    auto* milestone_run = milestone->add_subcommand(
        "run", "grade the chapters it needs, build it optimized with your code, run it");
    milestone_run->add_option("name", milestone_options.name, "the milestone")->required();
    milestone_run->add_flag("--reference", milestone_options.reference,
                            "run the course's reference solutions instead of your code");
    milestone_run
        ->add_flag("--record", milestone_options.record,
                   "with --reference: write milestones/results/NAME.json")
        ->group("Course developers");
    milestone_run
        ->add_option("--epochs", milestone_options.epochs,
                     "a shorter run (the target is then not judged)")
        ->group("Course developers");
    milestone_run
        ->add_option("--train-limit", milestone_options.train_limit,
                     "train on the first N samples only (the target is then not judged)")
        ->group("Course developers");
    milestone_run
        ->add_flag("--course-build", milestone_options.course_build,
                   "build in the -O0 course build (build/) instead of build-milestone/")
        ->group("Course developers");
    (void)milestone_list;
    CLI11_PARSE(app, argc, argv);

    try {
        Manifest manifest = Manifest::load(paths.source_dir + "/course.json");
        const solution::Grading grading{variant, no_build, limits};
        if (*hint)
            return solution::show_all_hints_if_passed(manifest, paths, hint_key, grading)
                       ? 0
                       : show_hint(manifest, paths, hint_key);
        if (*solution_cmd) {
            solution_options.grading = grading;
            return solution::run(manifest, paths, solution_options);
        }
        if (*reset)
            return reset_chapter(manifest, paths, reset_key, yes);
        if (options.sanitize) {
            paths.binary_dir = paths.source_dir + "/build-sanitize";
            options.limits.limit_address_space = false;
            if (!std::filesystem::exists(paths.binary_dir + "/build.ninja")) {
                std::cerr << "Configuring the sanitizer build in build-sanitize/ (once)…"
                          << std::endl;
                int status = 0;
                std::string out = run_capture(
                    "cd '" + paths.source_dir + "' && cmake --preset sanitize 2>&1", status);
                if (status != 0) {
                    std::cerr << out << "grade: configuring the sanitizer build failed\n";
                    return 2;
                }
            }
        }

        if (*drill) {
            drill_options.action = *drill_start     ? "start"
                                   : *drill_check   ? "check"
                                   : *drill_hint    ? "hint"
                                   : *drill_history ? "history"
                                   : *drill_next    ? "next"
                                                    : "list";
            drill_options.json = json;
            drill_options.watch = watch;
            drill_options.watch_max_runs = watch_max_runs;
            drill_options.no_build = no_build;
            drill_options.variant = variant == "exercise" ? "" : variant;
            drill_options.limits = limits;
            return drill::run(manifest, paths, drill_options);
        }

        if (*milestone) {
            milestone_options.action = *milestone_run ? "run" : "list";
            milestone_options.json = json;
            milestone_options.no_build = no_build;
            milestone_options.limits = limits;
            return milestone::run(manifest, paths, milestone_options);
        }

        if (watch)
            return watch_loop(
                manifest, paths, [&] { return grade_once(manifest, paths, options); },
                watch_max_runs);
        return grade_once(manifest, paths, options);

    } catch (const std::exception& e) {
        std::cerr << "grade: " << e.what() << "\n";
        return 2;
    }
}
