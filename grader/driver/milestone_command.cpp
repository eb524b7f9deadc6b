// `./grade milestone`: list the milestones; `./grade milestone run NAME`: check that the
// chapters it needs pass, install its data when missing, build it optimized against the
// learner's code (or the references), run it with its output live, and compare the result
// with the target and with the reference's recorded result.
#include "milestone_command.hpp"

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "ask.hpp"
#include "report.hpp"

namespace grader::milestone {

namespace fs = std::filesystem;

namespace {

std::string join(const std::vector<std::string>& items, const std::string& sep = " ")
{
    std::string s;
    for (const auto& item : items)
        s += (s.empty() ? "" : sep) + item;
    return s;
}

std::string number(double value, int decimals)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    return out.str();
}

std::string today()
{
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

nlohmann::json read_json(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        return nullptr;
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    return j.is_discarded() ? nlohmann::json(nullptr) : j;
}

// The history keeps, per milestone, the learner's best and last full runs.
nlohmann::json load_history()
{
    nlohmann::json h = read_json(history_path());
    return h.is_object() ? h : nlohmann::json::object();
}

void save_history(const nlohmann::json& history)
{
    const std::string path = history_path();
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp);
        out << history.dump(2) << "\n";
        if (!out) {
            std::cerr << "(could not save your milestone result in " << path << ")\n";
            return;
        }
    }
    fs::rename(tmp, path, ec);
}

std::string status_of(const Milestone& ms, const nlohmann::json& history)
{
    if (!history.contains(ms.name))
        return "not run yet";
    const auto& best = history[ms.name]["best"];
    const double value = best.value(ms.metric, 0.0);
    int decimals = 4;
    for (const auto& s : ms.shown)
        if (s.key == ms.metric)
            decimals = s.decimals;
    return std::string(best.value("reached", false) ? "reached" : "not reached") + ": " +
           number(value, decimals) + " (" + best.value("date", std::string("?")) + ")";
}

int list(const Manifest& manifest, const Options& o)
{
    const nlohmann::json history = load_history();
    if (o.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& ms : manifest.milestones)
            out.push_back({{"name", ms.name},
                           {"title", ms.title},
                           {"chapters", ms.chapters},
                           {"target", ms.target},
                           {"status", status_of(ms, history)}});
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << "Milestones: historic results re-run by your own code, built optimized.\n\n  "
              << pad("name", 16) << pad("needs chapters", 16) << pad("target", 44) << "you\n";
    for (const auto& ms : manifest.milestones)
        std::cout << "  " << pad(ms.name, 16) << pad(join(ms.chapters), 16) << pad(ms.target, 44)
                  << status_of(ms, history) << "\n";
    std::cout << "\n";
    for (const auto& ms : manifest.milestones)
        std::cout << "  " << pad(ms.name, 16) << ms.title << "\n";
    std::cout << "\nRun one: ./grade milestone run NAME   (--reference: the course's solutions "
                 "instead of yours)\n";
    return 0;
}

// Grades the chapters the milestone runs; prints and returns those that do not pass.
std::vector<std::string> chapters_not_passing(const Manifest& manifest, const Paths& paths,
                                              const Milestone& ms, const Limits& limits,
                                              bool no_build)
{
    std::cout << "Grading chapters " << join(ms.chapters) << " first (the milestone runs your "
              << "code of them)…" << std::endl;
    std::vector<std::string> failing;
    for (const auto& id : ms.chapters) {
        const Chapter& ch = *manifest.find(id);
        ChapterResult r;
        r.chapter = &ch;
        if (no_build || build_chapter(paths, "grade-" + ch.id, r))
            run_chapter(paths, chapter_binary(paths, ch, "exercise"), limits, r);
        std::cout << "  " << pad(ch.id + " " + ch.title, 36) << status_text(r) << "\n";
        if (r.status != ChapterStatus::passed)
            failing.push_back(ch.id);
    }
    return failing;
}

// "<CPU model>, N cores": where a recorded reference run's seconds come from.
std::string machine()
{
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string model = "an unknown CPU";
    for (std::string line; std::getline(cpuinfo, line);)
        if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos) {
            model = line.substr(line.find(':') + 2);
            break;
        }
    return model + ", " + std::to_string(std::thread::hardware_concurrency()) + " cores";
}

int sh(const std::string& command) { return std::system(command.c_str()); }

// Runs the milestone program with the terminal as its output; stops it after `seconds`.
// Returns a description of what went wrong, or "" when it exited with status 0.
std::string run_live(const std::vector<std::string>& argv, double seconds)
{
    std::cout << std::flush;
    pid_t pid = fork();
    if (pid < 0)
        return std::string("cannot start it: ") + std::strerror(errno);
    if (pid == 0) {
        setpgid(0, 0);
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        std::perror("exec");
        _exit(127);
    }
    setpgid(pid, pid);
    const auto start = std::chrono::steady_clock::now();
    int status = 0;
    for (;;) {
        pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid)
            break;
        if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >
            seconds) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            return "it was stopped after " + number(seconds, 0) +
                   " s (the milestone's time limit): an endless loop, or code far slower than "
                   "the reference's";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (WIFSIGNALED(status))
        return std::string("it crashed: ") + strsignal(WTERMSIG(status)) +
               " (./grade --sanitize on its chapters finds most such bugs)";
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        return "it exited with status " + std::to_string(WEXITSTATUS(status));
    return "";
}

int run_one(const Manifest& manifest, const Paths& paths, const Options& o)
{
    const Milestone* found = manifest.milestone(o.name);
    if (!found) {
        std::cerr << "grade milestone: no milestone \"" << o.name << "\". Milestones:";
        for (const auto& ms : manifest.milestones)
            std::cerr << " " << ms.name;
        std::cerr << "\n";
        return 2;
    }
    const Milestone& ms = *found;
    const bool shortened = o.epochs > 0 || o.train_limit > 0;
    std::cout << "Milestone " << ms.name << ": " << ms.title << "\n";

    if (!o.reference) {
        auto failing = chapters_not_passing(manifest, paths, ms, o.limits, o.no_build);
        if (!failing.empty()) {
            std::cout << "\nThe milestone runs your code of chapters " << join(ms.chapters, ", ")
                      << "; make chapter" << (failing.size() > 1 ? "s " : " ")
                      << join(failing, ", ") << " pass first (./grade " << failing.front()
                      << " shows what is wrong). To see the milestone run the course's own "
                         "solutions: ./grade milestone run "
                      << ms.name << " --reference\n";
            return 1;
        }
    }

    if (ms.needs_data && sh("'" + paths.source_dir + "/tools/deps.sh' milestone") != 0)
        return 2;  // deps.sh said what to install (or that installing failed)

    // The optimized build lives in its own folder, configured once.
    Paths build = paths;
    if (!o.course_build) {
        build.binary_dir = paths.source_dir + "/build-milestone";
        build.logs_dir = paths.logs();
    }
    auto configure = [&] {
        std::cout << "Configuring the optimized build in build-milestone/…" << std::endl;
        return sh("cd '" + paths.source_dir + "' && cmake --preset milestone >'" + paths.logs() +
                  "/milestone-configure.log' 2>&1") == 0;
    };
    fs::create_directories(paths.logs());
    const std::string variant = o.reference ? "reference" : "exercise";
    const std::string target = "milestone-" + ms.name + "-" + variant;
    if (!o.no_build) {
        if (!o.course_build && !fs::exists(build.binary_dir + "/build.ninja") && !configure()) {
            std::cerr << "grade milestone: configuring build-milestone/ failed; see "
                      << paths.logs() << "/milestone-configure.log\n";
            return 2;
        }
        std::cout << "Building it with " << (o.reference ? "the references of" : "your")
                  << " chapters " << join(ms.chapters) << (o.course_build ? "" : ", optimized")
                  << " (the first time takes a minute or two)…" << std::endl;
        ChapterResult built;
        bool ok = build_chapter(build, target, built);
        if (!ok && !o.course_build) {
            // A build folder configured before the data loader's zlib was installed has no
            // such target yet: configure again, once.
            std::ifstream log(built.log_path);
            std::stringstream text;
            text << log.rdbuf();
            if (text.str().find("unknown target") != std::string::npos && configure())
                ok = build_chapter(build, target, built);
        }
        if (!ok) {
            std::cerr << "Building the milestone failed: " << built.cause << "\n"
                      << built.compiler_context << "(full output: " << built.log_path << ")\n";
            return 1;
        }
    }

    const std::string record = paths.logs() + "/milestone-" + ms.name + "-" + variant + "-" +
                               std::to_string(getpid()) + ".json";
    fs::remove(record);
    std::vector<std::string> argv = {build.binary_dir + "/milestones/" + target, "--out", record};
    if (o.epochs > 0)
        argv.insert(argv.end(), {"--epochs", std::to_string(o.epochs)});
    if (o.train_limit > 0)
        argv.insert(argv.end(), {"--train-limit", std::to_string(o.train_limit)});
    std::cout << "\n";
    const std::string problem = run_live(argv, ms.seconds_limit);
    const nlohmann::json result = read_json(record);
    fs::remove(record);
    if (!problem.empty() || !result.is_object()) {
        std::cout << "\nThe milestone did not finish: "
                  << (problem.empty() ? "it wrote no result" : problem) << ".\n";
        return 1;
    }

    // Side by side with the reference's recorded run.
    const std::string recorded_path = paths.source_dir + "/milestones/results/" + ms.name + ".json";
    const nlohmann::json recorded = read_json(recorded_path);
    std::cout << "\n  " << pad("", 32) << pad(o.reference ? "this run" : "yours", 12)
              << (recorded.is_object() ? "reference (recorded " + recorded.value("date", "?") + ")"
                                       : "")
              << "\n";
    for (const auto& s : ms.shown) {
        std::cout << "  " << pad(s.label, 32)
                  << pad(result.contains(s.key) ? number(result[s.key].get<double>(), s.decimals)
                                                : "-",
                         12);
        if (recorded.is_object() && recorded.contains(s.key))
            std::cout << number(recorded[s.key].get<double>(), s.decimals);
        std::cout << "\n";
    }
    if (recorded.is_object() && recorded.contains("machine"))
        std::cout << "  (the reference's seconds are from "
                  << recorded["machine"].get<std::string>() << ")\n";

    const double value = result.value(ms.metric, std::nan(""));
    const bool reached = value >= ms.at_least;
    std::cout << "\n";
    if (shortened) {
        std::cout << "A shortened run (--epochs / --train-limit): the target (" << ms.target
                  << ") is not judged.\n";
        return 0;
    }
    std::cout << "Target: " << ms.target << " — " << (reached ? "reached." : "NOT reached.")
              << "\n";
    if (o.reference) {
        if (o.record) {
            nlohmann::json keep = result;
            keep["date"] = today();
            keep["machine"] = machine();
            for (const auto& shown : ms.shown)  // as printed, for the course site's page
                if (result.contains(shown.key))
                    keep["shown"][shown.key] =
                        number(result[shown.key].get<double>(), shown.decimals);
            fs::create_directories(fs::path(recorded_path).parent_path());
            std::ofstream(recorded_path) << keep.dump(2) << "\n";
            std::cout << "Recorded in " << recorded_path << "\n";
        }
        return reached ? 0 : 1;
    }

    nlohmann::json history = load_history();
    nlohmann::json entry = {{ms.metric, value},
                            {"reached", reached},
                            {"date", today()},
                            {"seconds", result.value("seconds", 0.0)}};
    auto& h = history[ms.name];
    const bool best = !h.contains("best") || value > h["best"].value(ms.metric, -1e300);
    h["last"] = entry;
    if (best)
        h["best"] = entry;
    h["runs"] = h.value("runs", 0) + 1;
    save_history(history);
    if (reached)
        std::cout << "Well done: your own code of chapters " << join(ms.chapters, ", ")
                  << " reproduces it.\n";
    else
        std::cout << "Your chapters pass their checks, yet the run falls short: compare your "
                     "training loop's numbers epoch by epoch with the reference's (./grade "
                     "milestone run "
                  << ms.name << " --reference).\n";
    return reached ? 0 : 1;
}

}  // namespace

std::string history_path() { return state_file("milestones.json", "your milestone results"); }

int run(const Manifest& manifest, const Paths& paths, const Options& options)
{
    if (options.action == "run")
        return run_one(manifest, paths, options);
    return list(manifest, options);
}

}  // namespace grader::milestone
