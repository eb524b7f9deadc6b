#include "drill_command.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "ask.hpp"
#include "drill.hpp"
#include "report.hpp"

namespace grader::drill {

namespace {

namespace fs = std::filesystem;

std::int64_t now() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::string read_file(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string local_time(std::int64_t t, const char* format = "%H:%M:%S")
{
    std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

struct Files {
    fs::path practice;  ///< practice/<name>.cpp, the candidate's attempt
    fs::path blank;     ///< drills/<name>/blank.cpp, as shipped
    std::string practice_rel;
};

Files files_of(const Paths& paths, const Drill& d)
{
    Files f;
    f.practice_rel = "practice/" + d.name + ".cpp";
    f.practice = fs::path(paths.source_dir) / f.practice_rel;
    f.blank = fs::path(paths.source_dir) / "drills" / d.name / "blank.cpp";
    return f;
}

const Drill* find_drill(const Manifest& m, const std::string& name)
{
    if (const Drill* d = m.drill(name))
        return d;
    std::cerr << "grade drill: no drill \"" << name << "\". Drills:";
    for (const auto& d : m.drills)
        std::cerr << " " << d.name;
    std::cerr << "\n";
    return nullptr;
}

// The task statement: the comment block at the top of the blank file.
std::string task_statement(const fs::path& blank)
{
    std::istringstream in(read_file(blank));
    std::string out;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("//", 0) != 0)
            break;
        out += "  " + line.substr(line.size() > 2 && line[2] == ' ' ? 3 : 2) + "\n";
    }
    return out;
}

// ---- list -----------------------------------------------------------------------------------

int list(const Manifest& m, const Paths& paths, const History& h, bool json)
{
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& d : m.drills) {
            nlohmann::json checks = nlohmann::json::array();
            for (const auto& c : d.checks)
                checks.push_back(c.name);
            out.push_back({{"name", d.name},
                           {"title", d.title},
                           {"file", "practice/" + d.name + ".cpp"},
                           {"functions", d.functions},
                           {"par_seconds", d.par_seconds},
                           {"reference", "drills/" + d.name + "/solution.cpp"},
                           {"chapter", d.chapter},
                           {"checks", checks}});
        }
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    (void)paths;
    std::cout << "Interview drills: write it from a blank file against the clock; the hidden "
                 "checks grade it.\n\n"
              << "  " << pad("drill", 26) << pad("what you write", 58) << pad("par", 8)
              << pad("your best", 11) << "tries\n";
    for (const auto& d : m.drills) {
        auto best = h.best(d.name);
        std::cout << "  " << pad(d.name, 26) << pad(d.title, 58) << pad(clock(d.par_seconds), 8)
                  << pad(best ? clock(*best) : "—", 11) << h.tries(d.name) << "\n";
    }
    std::cout << "\nStart one: ./grade drill start NAME    What to practise now: ./grade drill "
                 "next\nHistory: "
              << h.path() << "\n";
    return 0;
}

// ---- start ----------------------------------------------------------------------------------

int start(const Manifest& m, const Paths& paths, History& h, const Drill& d, const Options& o)
{
    const Files f = files_of(paths, d);
    if (!o.no_build) {
        // Everything the checks need except the candidate's file (the chapters' references,
        // their records, the checks), built before the clock starts: on a fresh clone that is
        // a minute that should not count.
        std::cerr << "Preparing the drill's checks (the clock has not started)…" << std::endl;
        ChapterResult r;
        if (!build_chapter(paths, "drill-" + d.name + "-blank", r)) {
            std::cerr << r.cause << "\nBuilding the drill's checks failed (this is the course's "
                      << "fault, not yours); full output: " << r.log_path << "\n";
            return 2;
        }
    }
    const std::string blank = read_file(f.blank);
    if (blank.empty()) {
        std::cerr << "grade drill: the blank file " << f.blank.string()
                  << " is missing (is this a clone of the course?)\n";
        return 2;
    }
    std::error_code ec;
    if (fs::exists(f.practice, ec) && read_file(f.practice) != blank) {
        const fs::path backup =
            new_backup_folder(fs::path(paths.source_dir) / "practice" / "backups") /
            (d.name + ".cpp");
        std::cout << f.practice_rel << " holds work from an earlier start. It moves to\n  "
                  << backup.string() << "\nand a blank file takes its place.\n";
        if (!go_ahead(o.yes))
            return 1;
        fs::create_directories(backup.parent_path());
        fs::copy_file(f.practice, backup);  // copied before anything is overwritten
        std::cout << "Your previous file is in " << backup.string() << "\n";
    }
    fs::create_directories(f.practice.parent_path());
    {
        std::ofstream out(f.practice, std::ios::binary | std::ios::trunc);
        out << blank;
        if (!out) {
            std::cerr << "grade drill: cannot write " << f.practice.string() << "\n";
            return 2;
        }
    }
    if (Attempt* open = h.open_attempt(d.name))
        open->status = "abandoned";
    Attempt a;
    a.drill = d.name;
    a.started = now();
    a.par_seconds = d.par_seconds;
    a.course = paths.source_dir;
    h.attempts().push_back(a);
    h.save();
    (void)m;

    std::cout << "Drill " << d.name << ": " << d.title << "\n\n"
              << task_statement(f.blank) << "\nYour file: " << f.practice_rel
              << " (signatures that throw not_implemented; write the bodies)\n"
              << "Par " << clock(d.par_seconds) << ". The clock started at "
              << local_time(a.started) << " and stops at the first check that passes.\n"
              << "Check: ./grade drill check   (again on every save: ./grade drill check --watch;"
                 " a hint: ./grade drill hint)\n";
    return 0;
}

// ---- check ----------------------------------------------------------------------------------

struct Checked {
    int status = 2;
    bool passed = false;
};

Checked check_once(const Manifest& m, const Paths& paths, History& h, const Drill& d,
                   const Options& o)
{
    const Files f = files_of(paths, d);
    Checked result;
    std::error_code ec;
    if (o.variant.empty() && !fs::exists(f.practice, ec)) {
        std::cerr << "grade drill: " << f.practice_rel << " does not exist. ./grade drill start "
                  << d.name << " writes it.\n";
        return result;
    }
    const Chapter ch = as_chapter(m, paths, d);
    const std::string target = "drill-" + d.name + (o.variant.empty() ? "" : "-" + o.variant);
    ChapterResult r;
    r.chapter = &ch;
    bool built = true;
    if (!o.no_build) {
        std::cerr << "Building " << (o.variant.empty() ? f.practice_rel : target) << "…"
                  << std::endl;
        built = build_chapter(paths, target, r);
    }
    if (built)
        run_chapter(paths, drill_binary(paths, d, o.variant), o.limits, r, d.filter());
    Style style{isatty(1) != 0 && std::getenv("NO_COLOR") == nullptr};
    print_chapter(std::cout, r, style);
    result.passed = r.status == ChapterStatus::passed;
    result.status = result.passed ? 0 : 1;

    Attempt* open = h.open_attempt(d.name);
    if (!open) {
        auto best = h.best(d.name);
        std::cout << "\nNot timed: no attempt at " << d.name << " is in progress"
                  << (best ? " (your best: " + clock(*best) + ")" : "") << ". ./grade drill start "
                  << d.name << " starts one.\n";
        return result;
    }
    const auto previous_best = h.best(d.name);
    open->checks_runs += 1;
    open->failing.clear();
    for (const auto& c : r.checks)
        if (c.status != CheckStatus::passed)
            open->failing.push_back(c.name);
    const std::int64_t t = now();
    const std::int64_t elapsed = t - open->started;
    if (result.passed) {
        open->status = "passed";
        open->passed = t;
        h.save();
        const std::int64_t vs_par = elapsed - d.par_seconds;
        std::cout << "\n"
                  << paint(style, "32", "Passed in " + clock(elapsed)) << " — par "
                  << clock(d.par_seconds) << ", "
                  << (vs_par <= 0 ? clock(-vs_par) + " under par" : clock(vs_par) + " over par")
                  << "; " << open->checks_runs << " check run" << (open->checks_runs > 1 ? "s" : "")
                  << ", " << open->hints << " hint" << (open->hints == 1 ? "" : "s") << ".\n";
        if (!previous_best)
            std::cout << "Your first pass of this drill.\n";
        else if (elapsed < *previous_best)
            std::cout << "A personal best (it was " << clock(*previous_best) << ").\n";
        else
            std::cout << "Your best stays " << clock(*previous_best) << ".\n";
        if (!d.interview.empty())
            std::cout << "\nAn interviewer would ask next: " << d.interview << "\n";
        std::cout << "Compare with the reference: drills/" << d.name
                  << "/solution.cpp. History: ./grade drill history\n";
    } else {
        h.save();
        std::cout << "\nClock: " << clock(elapsed) << " (par " << clock(d.par_seconds)
                  << "), still running. Hints: ./grade drill hint (the record counts them).\n";
    }
    return result;
}

std::pair<fs::file_time_type, std::uintmax_t> stamp(const fs::path& p)
{
    std::error_code ec;
    return {fs::last_write_time(p, ec), fs::file_size(p, ec)};
}

int check(const Manifest& m, const Paths& paths, History& h, const Drill& d, const Options& o)
{
    if (!o.watch)
        return check_once(m, paths, h, d, o).status;
    const Files f = files_of(paths, d);
    const bool tty = isatty(1) != 0;
    for (int run = 1;; ++run) {
        Checked c = check_once(m, paths, h, d, o);
        if (c.passed || c.status == 2 || (o.watch_max_runs > 0 && run >= o.watch_max_runs))
            return c.status;
        const auto before = stamp(f.practice);
        std::cout << "\n[watch] waiting for you to save " << f.practice_rel << " (Ctrl-C to stop)"
                  << std::endl;
        for (int tick = 0; stamp(f.practice) == before; ++tick) {
            std::this_thread::sleep_for(std::chrono::milliseconds(250));
            if (tty && tick % 4 == 0)
                if (const Attempt* open = h.open_attempt(d.name))
                    std::cout << "\r[watch] clock " << clock(now() - open->started) << " (par "
                              << clock(d.par_seconds) << ")   " << std::flush;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(150));  // let the editor finish
        std::cout << (tty ? "\n" : "") << "\n[watch] change detected, checking again…\n"
                  << std::endl;
    }
}

// ---- hint, history, next ------------------------------------------------------------------

// The next hint: for the first check that failed in the last run whose hint was not taken yet
// (in the drill's check order), else for the first check not taken yet.
int hint(History& h, const Drill& d)
{
    Attempt* open = h.open_attempt(d.name);
    auto taken = [&](const CheckInfo& c) {
        if (!open)
            return false;
        for (const auto& name : open->hints_for)
            if (name == c.name)
                return true;
        return false;
    };
    auto failing = [&](const CheckInfo& c) {
        return open &&
               std::find(open->failing.begin(), open->failing.end(), c.name) != open->failing.end();
    };
    const CheckInfo* pick = nullptr;
    for (int pass = 0; pass < 2 && !pick; ++pass)
        for (const auto& c : d.checks)
            if (!pick && !c.hint.empty() && !taken(c) && (pass == 1 || failing(c)))
                pick = &c;
    if (!pick) {
        std::cout << "No hints left for drill " << d.name << ": you have seen them all.\n";
        return 0;
    }
    std::cout << "Hint for " << pick->name << " (" << pick->function << "):\n  " << pick->hint
              << "\n";
    if (open) {
        open->hints_for.push_back(pick->name);
        open->hints = static_cast<int>(open->hints_for.size());
        h.save();
        std::cout << "(recorded with this attempt: " << open->hints << " hint"
                  << (open->hints == 1 ? "" : "s") << " taken)\n";
    } else {
        std::cout << "(no attempt in progress: hints are counted once you start one)\n";
    }
    return 0;
}

std::string result_of(const Attempt& a)
{
    if (a.status == "passed")
        return "passed in " + clock(a.seconds());
    if (a.status == "open")
        return "in progress (" + clock(now() - a.started) + ")";
    return "abandoned";
}

int history(const Manifest& m, const History& h, const std::string& name, bool json)
{
    if (json) {
        std::cout << read_file(h.path());
        if (h.attempts().empty())
            std::cout << "{\"format\": \"scratchnet-drill-history/1\", \"attempts\": []}\n";
        return 0;
    }
    int shown = 0;
    std::cout << "  " << pad("started", 18) << pad("drill", 26) << pad("result", 22)
              << pad("checks runs", 13) << pad("hints", 7) << "par\n";
    for (const auto& a : h.attempts()) {
        if (!name.empty() && a.drill != name)
            continue;
        ++shown;
        std::cout << "  " << pad(local_time(a.started, "%Y-%m-%d %H:%M"), 18) << pad(a.drill, 26)
                  << pad(result_of(a), 22) << pad(std::to_string(a.checks_runs), 13)
                  << pad(std::to_string(a.hints), 7) << clock(a.par_seconds) << "\n";
    }
    if (shown == 0)
        std::cout << "  (no attempts" << (name.empty() ? "" : " at " + name)
                  << " yet: ./grade drill start NAME)\n";
    std::cout << "\nBest times:";
    bool any = false;
    for (const auto& d : m.drills)
        if (auto best = h.best(d.name); best && (name.empty() || name == d.name)) {
            std::cout << "\n  " << pad(d.name, 26) << clock(*best) << " (par "
                      << clock(d.par_seconds) << ")";
            any = true;
        }
    std::cout << (any ? "\n" : " none yet\n") << "History file: " << h.path() << "\n";
    return 0;
}

int next(const Manifest& m, const History& h)
{
    std::string why;
    const Drill* d = next_drill(m, h, why);
    if (!d) {
        std::cout << "The catalogue has no drills.\n";
        return 0;
    }
    std::cout << "Next: " << d->name << " — " << d->title << "\n  why: " << why << "\n  par "
              << clock(d->par_seconds) << "\nStart it: ./grade drill start " << d->name << "\n";
    return 0;
}

}  // namespace

int run(const Manifest& manifest, const Paths& paths, const Options& o)
{
    History h = History::load(history_path(), std::cerr);
    if (o.action == "list")
        return list(manifest, paths, h, o.json);
    if (o.action == "history") {
        if (!o.name.empty() && !find_drill(manifest, o.name))
            return 2;
        return history(manifest, h, o.name, o.json);
    }
    if (o.action == "next")
        return next(manifest, h);

    std::string name = o.name;
    if (name.empty()) {  // check and hint default to the attempt in progress
        if (const Attempt* open = h.latest_open())
            name = open->drill;
        else if (!h.attempts().empty())  // the last one tried, graded without a clock
            name = h.attempts().back().drill;
        else {
            std::cerr << "grade drill " << o.action
                      << ": no drill in progress. Start one with ./grade drill start NAME "
                         "(./grade drill lists them), or name one: ./grade drill "
                      << o.action << " NAME\n";
            return 2;
        }
    }
    const Drill* d = find_drill(manifest, name);
    if (!d)
        return 2;
    if (o.action == "start")
        return start(manifest, paths, h, *d, o);
    if (o.action == "check")
        return check(manifest, paths, h, *d, o);
    if (o.action == "hint")
        return hint(h, *d);
    std::cerr << "grade drill: unknown action " << o.action << "\n";
    return 2;
}

}  // namespace grader::drill
