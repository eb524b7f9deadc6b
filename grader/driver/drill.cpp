#include "drill.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ask.hpp"

namespace grader::drill {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const char* const format_name = "scratchnet-drill-history/1";

Attempt attempt_from(const json& a)
{
    Attempt t;
    t.drill = a.at("drill").get<std::string>();
    t.status = a.at("status").get<std::string>();
    if (t.status != "open" && t.status != "passed" && t.status != "abandoned")
        throw std::runtime_error("unknown status \"" + t.status + "\"");
    t.started = parse_iso_time(a.at("started").get<std::string>());
    if (t.status == "passed")
        t.passed = parse_iso_time(a.at("passed").get<std::string>());
    t.checks_runs = a.value("checks_runs", 0);
    t.hints = a.value("hints", 0);
    t.hints_for = a.value("hints_for", std::vector<std::string>{});
    t.failing = a.value("failing", std::vector<std::string>{});
    t.par_seconds = a.value("par_seconds", 0);
    t.course = a.value("course", "");
    return t;
}

nlohmann::ordered_json to_json(const Attempt& t)
{
    nlohmann::ordered_json a = nlohmann::ordered_json::object();
    a["drill"] = t.drill;
    a["status"] = t.status;
    a["started"] = iso_time(t.started);
    if (t.status == "passed") {
        a["passed"] = iso_time(t.passed);
        a["seconds"] = t.seconds();
    }
    a["checks_runs"] = t.checks_runs;
    a["hints"] = t.hints;
    a["hints_for"] = t.hints_for;
    a["failing"] = t.failing;
    a["par_seconds"] = t.par_seconds;
    a["course"] = t.course;
    return a;
}

}  // namespace

std::string history_path() { return state_file("drills.json", "your drill history"); }

std::string iso_time(std::int64_t unix_time)
{
    std::time_t t = static_cast<std::time_t>(unix_time);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::int64_t parse_iso_time(const std::string& text)
{
    std::tm tm{};
    const char* end = strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!end || *end != '\0')
        throw std::runtime_error("\"" + text + "\" is not a time like 2026-11-25T23:40:02Z");
    return static_cast<std::int64_t>(timegm(&tm));
}

std::string clock(std::int64_t seconds)
{
    std::string sign = seconds < 0 ? "-" : "";
    std::int64_t s = seconds < 0 ? -seconds : seconds;
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                      static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60),
                      static_cast<long long>(s % 60));
    return sign + buf;
}

History History::load(const std::string& path, std::ostream& warn)
{
    History h;
    h.path_ = path;
    std::error_code ec;
    if (!fs::exists(path, ec))
        return h;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read your drill history " + path + " (" +
                                 std::strerror(errno) +
                                 "); nothing was changed. Fix its permissions and run again.");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string problem;
    try {
        json j = json::parse(text);
        if (!j.is_object() || j.value("format", "") != format_name)
            throw std::runtime_error(std::string("it is not a \"") + format_name + "\" file");
        for (const auto& a : j.at("attempts"))
            h.attempts_.push_back(attempt_from(a));
    } catch (const std::exception& e) {
        problem = e.what();
    }
    if (problem.empty())
        return h;
    // Kept aside, never overwritten: the candidate may want to repair it by hand.
    const std::string stamp = iso_time(std::time(nullptr));
    std::string aside = path + ".corrupt-" + stamp;
    for (int n = 2; fs::exists(aside, ec); ++n)
        aside = path + ".corrupt-" + stamp + "-" + std::to_string(n);
    fs::rename(path, aside, ec);
    if (ec)
        throw std::runtime_error("your drill history " + path + " cannot be read (" + problem +
                                 ") nor moved aside (" + ec.message() + "); nothing was changed.");
    warn << "Your drill history " << path << " could not be read (" << problem
         << ").\nIt was moved, unchanged, to " << aside << "; a new history starts now.\n";
    h.attempts_.clear();
    return h;
}

void History::save() const
{
    fs::create_directories(fs::path(path_).parent_path());
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["format"] = format_name;
    j["attempts"] = nlohmann::ordered_json::array();
    for (const auto& a : attempts_)
        j["attempts"].push_back(to_json(a));
    const std::string tmp = path_ + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << j.dump(2) << "\n";
        if (!out)
            throw std::runtime_error("cannot write your drill history to " + tmp);
    }
    std::error_code ec;
    fs::rename(tmp, path_, ec);
    if (ec)
        throw std::runtime_error("cannot write your drill history " + path_ + ": " + ec.message());
}

Attempt* History::open_attempt(const std::string& drill)
{
    for (auto it = attempts_.rbegin(); it != attempts_.rend(); ++it)
        if (it->drill == drill && it->status == "open")
            return &*it;
    return nullptr;
}

Attempt* History::latest_open()
{
    Attempt* latest = nullptr;
    for (auto& a : attempts_)
        if (a.status == "open" && (!latest || a.started >= latest->started))
            latest = &a;
    return latest;
}

std::optional<std::int64_t> History::best(const std::string& drill) const
{
    std::optional<std::int64_t> best;
    for (const auto& a : attempts_)
        if (a.drill == drill && a.status == "passed" && (!best || a.seconds() < *best))
            best = a.seconds();
    return best;
}

int History::tries(const std::string& drill) const
{
    int n = 0;
    for (const auto& a : attempts_)
        n += a.drill == drill;
    return n;
}

std::int64_t History::last_tried(const std::string& drill) const
{
    std::int64_t last = 0;
    for (const auto& a : attempts_)
        if (a.drill == drill)
            last = std::max(last, a.started);
    return last;
}

Chapter as_chapter(const Manifest& m, const Paths& paths, const Drill& d)
{
    Chapter ch;
    ch.id = d.name;
    ch.folder = "drills/" + d.name;
    ch.title = d.title;
    ch.exercise = "practice/" + d.name + ".cpp";
    ch.checks = d.checks;
    ch.is_drill = true;
    for (const auto& c : m.chapters)  // every chapter's record: the binary holds every check
        ch.expected_records += (ch.expected_records.empty() ? "" : ":") + paths.binary_dir +
                               "/grader/" + c.folder + "/reference.cbor";
    return ch;
}

std::string drill_binary(const Paths& paths, const Drill& d, const std::string& variant)
{
    return paths.binary_dir + "/drills/" + d.name + "/drill-" + d.name +
           (variant.empty() ? "" : "-" + variant);
}

const Drill* next_drill(const Manifest& m, const History& h, std::string& why)
{
    for (const auto& d : m.drills)
        if (h.tries(d.name) == 0) {
            why = "never tried";
            return &d;
        }
    const Drill* worst = nullptr;
    double worst_over = 0;  // seconds over par; a drill never passed is "infinitely" over
    for (const auto& d : m.drills) {
        auto best = h.best(d.name);
        double over = best ? static_cast<double>(*best - d.par_seconds)
                           : std::numeric_limits<double>::infinity();
        if (over > worst_over) {
            worst = &d;
            worst_over = over;
        }
    }
    if (worst) {
        auto best = h.best(worst->name);
        why = best ? "your best, " + clock(*best) + ", is " + clock(*best - worst->par_seconds) +
                         " over par (" + clock(worst->par_seconds) + ")"
                   : "tried but never passed";
        return worst;
    }
    const Drill* oldest = nullptr;
    for (const auto& d : m.drills)
        if (!oldest || h.last_tried(d.name) < h.last_tried(oldest->name))
            oldest = &d;
    if (oldest)
        why = "every drill is at or under par; this one you tried longest ago (" +
              iso_time(h.last_tried(oldest->name)).substr(0, 10) + ")";
    return oldest;
}

}  // namespace grader::drill
