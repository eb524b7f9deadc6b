#include "report.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace grader {

std::string paint(const Style& s, const char* code, const std::string& text)
{
    return s.color ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
}

std::string pad(const std::string& s, std::size_t width)
{
    // Count UTF-8 code points, not bytes, so that "—" pads like one character.
    std::size_t chars = 0;
    for (unsigned char c : s)
        chars += (c & 0xC0) != 0x80;
    return chars >= width ? s + " " : s + std::string(width - chars, ' ');
}

namespace {

// A chapter's "NN title" in the table's first column (34 wide): a longer title is cut at a
// word boundary and ends with "…", so that the status column stays where it is.
std::string chapter_cell(const Chapter& ch)
{
    constexpr std::size_t width = 32;
    std::string text = ch.id + " " + ch.title;
    std::size_t chars = 0, cut = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80)
            continue;
        if (text[i] == ' ' && chars < width)
            cut = i;
        if (++chars > width)
            return text.substr(0, cut) + " …";
    }
    return text;
}

std::string first_unfinished_function(const ChapterResult& r)
{
    for (const auto& c : r.checks)
        if (c.status == CheckStatus::not_implemented && !c.missing_function.empty())
            return c.missing_function;
    return "";
}

}  // namespace

std::string status_text(const ChapterResult& r)
{
    const int n = static_cast<int>(r.checks.size());
    const int bad = n - r.count(CheckStatus::passed);
    switch (r.status) {
    case ChapterStatus::passed: return "passed";
    case ChapterStatus::not_started: return "not started";
    case ChapterStatus::does_not_compile: return "does not compile";
    case ChapterStatus::crashed: return "crashed";
    case ChapterStatus::output_flood: return "printed too much";
    case ChapterStatus::not_built: return "not graded";
    case ChapterStatus::failing: {
        std::string s = "failing " + std::to_string(bad) + " of " + std::to_string(n) + " checks";
        if (int todo = r.count(CheckStatus::not_implemented))
            s += " (" + std::to_string(todo) + " not started)";
        return s;
    }
    }
    return "?";
}

void print_table(std::ostream& out, const Manifest& m, const std::vector<ChapterResult>& results,
                 const Style& style)
{
    out << m.title << "\n\n";
    out << "  " << pad("chapter", 34) << pad("status", 46) << "checks passed\n";
    for (const auto& r : results) {
        std::string status = status_text(r);
        const char* color = r.status == ChapterStatus::passed        ? "32"
                            : r.status == ChapterStatus::not_started ? "2"
                                                                     : "31";
        std::ostringstream counts;
        if (!r.checks.empty())
            counts << r.count(CheckStatus::passed) << "/" << r.checks.size();
        else
            counts << "-";
        out << "  " << pad(chapter_cell(*r.chapter), 34) << paint(style, color, pad(status, 46))
            << counts.str() << "\n";
        if (!r.cause.empty())
            out << "      " << r.cause << "\n";
        else if (r.status == ChapterStatus::failing)
            for (const auto& c : r.checks)
                if (c.status == CheckStatus::failed && !c.messages.empty()) {
                    std::string line = c.name + ": " + c.messages.front();
                    if (line.size() > 200)
                        line = line.substr(0, 197) + "...";
                    out << "      " << line << "\n";
                    break;
                }
    }
}

void print_chapter(std::ostream& out, const ChapterResult& r, const Style& style)
{
    const Chapter& ch = *r.chapter;
    if (ch.is_drill) {
        out << "Drill " << ch.id << " — " << ch.title << ": " << status_text(r) << "\n";
        out << "Your file: " << ch.exercise << "\n\n";
    } else {
        out << "Chapter " << ch.id << " — " << ch.title << ": " << status_text(r) << "\n";
        out << "Your file: exercises/" << ch.folder << "/" << ch.exercise << "\n\n";
    }
    if (r.status == ChapterStatus::does_not_compile) {
        out << paint(style, "31", "  does not compile: ") << r.cause << "\n";
        std::istringstream context(r.compiler_context);
        for (std::string line; std::getline(context, line);)
            out << "      " << line << "\n";
        out << "  full compiler output: " << r.log_path << "\n";
        return;
    }
    for (const auto& c : r.checks) {
        const CheckInfo* info = ch.check(c.name);
        std::string function = info ? info->function : "";
        switch (c.status) {
        case CheckStatus::passed:
            out << "  " << paint(style, "32", "PASS") << "  " << c.name << "\n";
            break;
        case CheckStatus::not_implemented:
            out << "  " << paint(style, "2", "TODO") << "  " << pad(c.name, 52)
                << c.missing_function << " is not implemented yet\n";
            break;
        case CheckStatus::not_run:
            out << "  " << paint(style, "33", "SKIP") << "  " << pad(c.name, 52)
                << "not run (the run stopped before it)\n";
            break;
        case CheckStatus::failed:
        case CheckStatus::crashed: {
            out << "  " << paint(style, "31", c.status == CheckStatus::failed ? "FAIL" : "CRASH")
                << "  " << pad(c.name, 52) << function << "\n";
            std::size_t shown = 0;
            for (const auto& msg : c.messages) {
                if (shown == 3)
                    break;
                out << "        " << msg << "\n";
                ++shown;
            }
            if (c.messages.size() > shown)
                out << "        … and " << c.messages.size() - shown << " more\n";
            if (info && !info->hint.empty() && !ch.is_drill)
                out << "        " << paint(style, "36", "hint: ") << info->hint << "\n";
            break;
        }
        }
    }
    out << "\n"
        << r.checks.size() << " checks: " << r.count(CheckStatus::passed) << " passed, "
        << r.count(CheckStatus::failed) + r.count(CheckStatus::crashed) << " failed, "
        << r.count(CheckStatus::not_implemented) << " not started";
    if (int skipped = r.count(CheckStatus::not_run))
        out << ", " << skipped << " not run";
    out << std::fixed << std::setprecision(1) << "  (build " << r.build_seconds << " s, run "
        << r.run_seconds << " s)\n";
    if (r.status == ChapterStatus::crashed)
        out << paint(style, "31", "The run stopped early: ") << r.cause << "\n";
    if (r.output_truncated)
        out << paint(style, "31", "Too much output: ") << r.cause << "\n";
}

void print_next_step(std::ostream& out, const std::vector<ChapterResult>& results, bool detailed)
{
    for (const auto& r : results) {
        if (r.status == ChapterStatus::passed)
            continue;
        const Chapter& ch = *r.chapter;
        const std::string file = "exercises/" + ch.folder + "/" + ch.exercise;
        out << "\nNext: ";
        if (r.status == ChapterStatus::does_not_compile)
            out << "fix the compile error in " << file << ", then run ./grade " << ch.id << ".\n";
        else if (r.status == ChapterStatus::output_flood)
            out << "remove the printing from " << file << ", then run ./grade " << ch.id << ".\n";
        else if (r.status == ChapterStatus::not_started)
            out << "read chapters/" << ch.folder << "/README.md, then open " << file
                << " and write " << first_unfinished_function(r) << ". Run ./grade " << ch.id
                << " after each edit.\n";
        else if (!detailed)
            out << "run ./grade " << ch.id << " to see which checks fail and why.\n";
        else {
            std::string todo = first_unfinished_function(r);
            out << "fix the first FAIL above" << (todo.empty() ? "" : ", or write " + todo)
                << "; ./grade hint " << ch.id << " gives a hint.\n";
        }
        return;
    }
    if (results.size() == 1)
        out << "\nChapter " << results.front().chapter->id << " passes. Well done!\n";
    else
        out << "\nEvery chapter passes. Well done!\n";
}

nlohmann::json to_json(const std::vector<ChapterResult>& results)
{
    nlohmann::json chapters = nlohmann::json::array();
    bool all_passed = true;
    for (const auto& r : results) {
        nlohmann::json checks = nlohmann::json::array();
        for (const auto& c : r.checks) {
            const CheckInfo* info = r.chapter->check(c.name);
            nlohmann::json check = {{"name", c.name},
                                    {"function", info ? info->function : ""},
                                    {"status", to_string(c.status)},
                                    {"messages", c.messages},
                                    {"hint", info ? info->hint : ""}};
            if (!c.missing_function.empty())
                check["missing_function"] = c.missing_function;
            checks.push_back(check);
        }
        all_passed = all_passed && r.status == ChapterStatus::passed;
        chapters.push_back({{"id", r.chapter->id},
                            {"folder", r.chapter->folder},
                            {"title", r.chapter->title},
                            {"status", to_string(r.status)},
                            {"summary", status_text(r)},
                            {"cause", r.cause},
                            {"checks_passed", r.count(CheckStatus::passed)},
                            {"checks_total", r.checks.size()},
                            {"build_seconds", r.build_seconds},
                            {"run_seconds", r.run_seconds},
                            {"log", r.log_path},
                            {"output_truncated", r.output_truncated},
                            {"checks", checks}});
    }
    return {{"schema", "scratchnet-grade/1"}, {"passed", all_passed}, {"chapters", chapters}};
}

namespace {

const CheckResult* find_check(const ChapterResult& r, const std::string& name)
{
    for (const auto& found : r.checks)
        if (found.name == name)
            return &found;
    return nullptr;
}

// What a report for one check says (Gradescope's output, JUnit's failure text).
std::string check_output(const ChapterResult& r, const CheckInfo& info, const CheckResult* c)
{
    const bool passed = c && c->status == CheckStatus::passed;
    std::string output;
    if (r.status == ChapterStatus::does_not_compile)
        output = "does not compile: " + r.cause;
    else if (!c || c->status == CheckStatus::not_run)
        output = "not run: " + r.cause;
    else if (c->status == CheckStatus::not_implemented)
        output = c->missing_function + " is not implemented yet";
    else
        for (const auto& m : c->messages)
            output += m + "\n";
    if (!passed && !info.hint.empty())
        output += "\nhint: " + info.hint;
    return output;
}

std::string xml_escape(const std::string& text)
{
    std::string out;
    for (unsigned char ch : text) {
        switch (ch) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\n':
        case '\t':
        case '\r': out += static_cast<char>(ch); break;
        default:
            if (ch >= 0x20)  // XML 1.0 has no other control characters
                out += static_cast<char>(ch);
        }
    }
    return out;
}

}  // namespace

namespace {

// A number of points as JSON: 2 rather than 2.0 when it is whole.
nlohmann::json points_json(double points)
{
    const double whole = std::round(points);
    if (whole == points)
        return static_cast<long long>(whole);
    return points;
}

}  // namespace

nlohmann::json to_gradescope(const std::vector<ChapterResult>& results, const std::string& table,
                             double seconds)
{
    nlohmann::json tests = nlohmann::json::array();
    double score = 0, max_score = 0;
    bool all_visible = true;
    std::ostringstream visible_only;  // the table without what a check that is not visible says
    for (const auto& r : results) {
        const Chapter& ch = *r.chapter;
        int shown = 0, shown_passed = 0;
        for (const auto& info : ch.checks) {
            const CheckResult* c = find_check(r, info.name);
            const bool passed = c && c->status == CheckStatus::passed;
            tests.push_back({{"name", ch.id + " " + ch.title + ": " + info.name},
                             {"score", points_json(passed ? info.points : 0)},
                             {"max_score", points_json(info.points)},
                             {"status", passed ? "passed" : "failed"},
                             {"visibility", info.visibility},
                             {"output", check_output(r, info, c)}});
            score += passed ? info.points : 0;
            max_score += info.points;
            if (info.visibility == "visible") {
                ++shown;
                shown_passed += passed;
            }
        }
        const int kept = static_cast<int>(ch.checks.size()) - shown;
        all_visible = all_visible && kept == 0;
        visible_only << "  " << pad(chapter_cell(ch), 34) << shown_passed << " of " << shown
                     << " checks passed";
        if (kept)
            visible_only << " (and " << kept << " check" << (kept == 1 ? "" : "s")
                         << " whose results are shown later or not at all)";
        visible_only << "\n";
    }
    // Some checks are not visible: neither the table (it quotes a failing check) nor the
    // command's own output (run_autograder's stdout) may show what they found.
    return {{"score", points_json(score)},
            {"max_score", points_json(max_score)},
            {"execution_time", static_cast<int>(seconds + 0.5)},
            {"output", all_visible ? table : visible_only.str()},
            {"stdout_visibility", all_visible ? "visible" : "hidden"},
            {"tests", tests}};
}

std::string to_junit(const std::vector<ChapterResult>& results)
{
    std::ostringstream suites;
    int all_tests = 0, all_failures = 0, all_errors = 0;
    for (const auto& r : results) {
        const Chapter& ch = *r.chapter;
        std::ostringstream cases;
        int failures = 0, errors = 0;
        for (const auto& info : ch.checks) {
            const CheckResult* c = find_check(r, info.name);
            const CheckStatus status = c ? c->status : CheckStatus::not_run;
            const auto dot = info.name.find('.');
            cases << "    <testcase classname=\""
                  << xml_escape(ch.id + "." + info.name.substr(0, dot)) << "\" name=\""
                  << xml_escape(info.name.substr(dot + 1)) << "\"";
            if (status == CheckStatus::passed) {
                cases << "/>\n";
                continue;
            }
            // A check that did not run to its end (crash, time-out, compile error) is an
            // error; one that ran and found a problem, or is not written yet, a failure.
            const bool error = status == CheckStatus::crashed || status == CheckStatus::not_run;
            (error ? errors : failures)++;
            const std::string tag = error ? "error" : "failure";
            cases << ">\n      <" << tag << " type=\"" << to_string(status) << "\" message=\""
                  << xml_escape(status_text(r)) << "\">" << xml_escape(check_output(r, info, c))
                  << "</" << tag << ">\n    </testcase>\n";
        }
        suites << "  <testsuite name=\"" << xml_escape(ch.id + " " + ch.title) << "\" tests=\""
               << ch.checks.size() << "\" failures=\"" << failures << "\" errors=\"" << errors
               << "\" time=\"" << r.build_seconds + r.run_seconds << "\">\n"
               << cases.str() << "  </testsuite>\n";
        all_tests += static_cast<int>(ch.checks.size());
        all_failures += failures;
        all_errors += errors;
    }
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"scratchnet\" tests=\""
        << all_tests << "\" failures=\"" << all_failures << "\" errors=\"" << all_errors << "\">\n"
        << suites.str() << "</testsuites>\n";
    return out.str();
}

}  // namespace grader
