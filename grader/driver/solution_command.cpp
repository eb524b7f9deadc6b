#include "solution_command.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report.hpp"

namespace grader::solution {

namespace {

namespace fs = std::filesystem;

bool color_on_stdout() { return isatty(1) != 0 && std::getenv("NO_COLOR") == nullptr; }

std::string quote(const std::string& s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// `p` relative to the repository root when it lies inside it (the learner runs ./grade there).
std::string shown_path(const Paths& paths, const fs::path& p)
{
    const std::string root = fs::path(paths.source_dir).lexically_normal().string();
    const std::string s = p.lexically_normal().string();
    if (s.rfind(root + "/", 0) == 0)
        return s.substr(root.size() + 1);
    return s;
}

fs::path page_html(const Paths& paths, const Chapter& ch)
{
    return fs::path(paths.binary_dir) / "docs" / "html" / ("solution" + ch.id + ".html");
}

// The chapter's build, then its checks, with nothing printed: does it pass now?
ChapterResult grade_quietly(const Paths& paths, const Chapter& ch, const Grading& g)
{
    std::cerr << "Grading chapter " << ch.id << " to see whether it passes…" << std::endl;
    ChapterResult r;
    r.chapter = &ch;
    if (!g.no_build) {
        std::string targets = "grade-" + ch.id;  // the exercise and the reference record
        if (g.variant != "exercise")
            targets += " grade-" + ch.id + "-" + g.variant;
        if (!build_chapter(paths, targets, r))
            return r;
    }
    run_chapter(paths, chapter_binary(paths, ch, g.variant), g.limits, r);
    return r;
}

// Asks on the terminal; with none, says how to go on without asking.
bool confirmed(const ChapterResult& r, const Options& o)
{
    const Chapter& ch = *r.chapter;
    std::cerr << "Chapter " << ch.id << " does not pass yet (" << status_text(r)
              << "): the reference is a spoiler.";
    if (!isatty(0)) {
        std::cerr << "\nNothing shown: there is no terminal to confirm on. To see it anyway, run:\n"
                  << "  ./grade solution " << ch.id << (o.side_by_side ? " --side-by-side" : "")
                  << " --yes\n";
        return false;
    }
    std::cerr << " Show it anyway? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer == "y" || answer == "Y" || answer == "yes")
        return true;
    std::cerr << "Nothing shown. ./grade " << ch.id << " says what still fails; ./grade hint "
              << ch.id << " gives a hint.\n";
    return false;
}

// `diff -u` of the two files; status 0 (the same), 1 (they differ) or 2 (trouble).
std::string unified_diff(const fs::path& a, const std::string& a_label, const fs::path& b,
                         const std::string& b_label, int& status)
{
    const std::string cmd = "diff -u --label " + quote(a_label) + " --label " + quote(b_label) +
                            " " + quote(a.string()) + " " + quote(b.string()) + " 2>&1";
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) {
        status = 2;
        return "cannot run diff";
    }
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, p))
        out.append(buf, n);
    const int raw = pclose(p);
    status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 2;
    return out;
}

std::string paint_unified(const std::string& diff, bool color)
{
    if (!color)
        return diff;
    const Style style{true};
    std::istringstream in(diff);
    std::string out;
    int header = 2;  // "--- yours" and "+++ reference" come first
    for (std::string line; std::getline(in, line);) {
        if (header > 0 && (line.rfind("--- ", 0) == 0 || line.rfind("+++ ", 0) == 0)) {
            --header;
            out += paint(style, "1", line);
        } else if (line.rfind("@@", 0) == 0)
            out += paint(style, "36", line);
        else if (!line.empty() && line[0] == '-')
            out += paint(style, "31", line);
        else if (!line.empty() && line[0] == '+')
            out += paint(style, "32", line);
        else
            out += line;
        out += "\n";
    }
    return out;
}

int terminal_width(int asked)
{
    if (asked > 0)
        return asked;
    winsize ws{};
    for (int fd : {1, 2})
        if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
            return ws.ws_col;
    if (const char* columns = std::getenv("COLUMNS"))
        if (int n = std::atoi(columns); n > 0)
            return n;
    return 120;
}

// `text` with tabs expanded, cut (with "…") to `width` code points, and padded with spaces to
// that width when `pad` (the right-hand column is not: no trailing spaces).
std::string fit(const std::string& text, std::size_t width, bool pad = true)
{
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\r')
            continue;
        if (c == '\t') {
            do {
                out += ' ';
                ++chars;
            } while (chars % 4 != 0);
            continue;
        }
        if ((c & 0xC0) != 0x80)
            ++chars;
        out += static_cast<char>(c);
    }
    if (chars <= width)
        return pad ? out + std::string(width - chars, ' ') : out;
    // Cut to width - 1 code points, then "…".
    std::string cut;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(out[i]);
        if ((c & 0xC0) != 0x80 && ++kept > width - 1)
            break;
        cut += static_cast<char>(c);
    }
    return cut + "…";
}

}  // namespace

std::string side_by_side(const std::string& unified, const std::string& left,
                         const std::string& right, int width, bool color)
{
    const Style style{color};
    // The left column gets half of what the gutter (3 characters) leaves, the right the rest.
    const std::size_t all = static_cast<std::size_t>(std::max(width, 40));
    const std::size_t cells[2] = {(all - 3) / 2, all - 3 - (all - 3) / 2};
    const std::size_t number = 4;

    std::ostringstream out;
    out << paint(style, "1", fit(left, cells[0])) << "   "
        << paint(style, "1", fit(right, cells[1], false)) << "\n";
    std::string rule;
    for (std::size_t i = 0; i < all; ++i)
        rule += "─";
    out << rule << "\n";

    // One column's cell: the line number, then the text cut or padded to the column's width.
    auto side = [&](int which, int n, const std::string& line, const char* code) {
        if (n == 0)
            return std::string(which == 0 ? cells[0] : 0, ' ');
        std::string num = std::to_string(n);
        num = std::string(num.size() < number ? number - num.size() : 0, ' ') + num;
        const std::string text = fit(line, cells[which] - number - 1, which == 0);
        return paint(style, "2", num) + " " + (code ? paint(style, code, text) : text);
    };
    auto gap = [&](int which) {
        return paint(style, "2", fit(std::string(number - 1, ' ') + "⋯", cells[which], which == 0));
    };
    std::vector<std::string> removed, added;
    int ln = 0, rn = 0;  // the next line number on each side
    auto flush = [&]() {
        for (std::size_t i = 0; i < std::max(removed.size(), added.size()); ++i) {
            const bool l = i < removed.size(), r = i < added.size();
            const char* gutter = l && r ? " | " : l ? " < " : " > ";
            out << side(0, l ? ln++ : 0, l ? removed[i] : "", "31") << paint(style, "33", gutter)
                << side(1, r ? rn++ : 0, r ? added[i] : "", "32") << "\n";
        }
        removed.clear();
        added.clear();
    };

    std::istringstream in(unified);
    bool in_hunk = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("@@ ", 0) == 0) {
            flush();
            int a = 0, c = 0;
            std::sscanf(line.c_str(), "@@ -%d", &a);
            if (auto plus = line.find(" +"); plus != std::string::npos)
                c = std::atoi(line.c_str() + plus + 2);
            // An empty side reads "-0,0": its first line is then line 1.
            ln = std::max(a, 1);
            rn = std::max(c, 1);
            if (in_hunk || a > 1 || c > 1)
                out << gap(0) << "   " << gap(1) << "\n";
            in_hunk = true;
            continue;
        }
        if (!in_hunk || line.empty() || line[0] == '\\')  // headers; "\ No newline at end of file"
            continue;
        if (line[0] == '-') {
            if (!added.empty())
                flush();
            removed.push_back(line.substr(1));
        } else if (line[0] == '+')
            added.push_back(line.substr(1));
        else {
            flush();
            const std::string same = line.substr(1);
            out << side(0, ln++, same, nullptr) << "   " << side(1, rn++, same, nullptr) << "\n";
        }
    }
    flush();
    // No trailing spaces (a blank right-hand side leaves some after the gutter).
    std::istringstream rows(out.str());
    std::string trimmed;
    for (std::string row; std::getline(rows, row);)
        trimmed += row.substr(0, row.find_last_not_of(' ') + 1) + "\n";
    return trimmed;
}

int run(const Manifest& manifest, const Paths& paths, const Options& o)
{
    const Chapter* ch = manifest.find(o.chapter);
    if (!ch) {
        std::cerr << "grade solution: no chapter \"" << o.chapter << "\". Chapters:";
        for (const auto& c : manifest.chapters)
            std::cerr << " " << c.id << " (" << c.slug() << ")";
        std::cerr << "\n";
        return 2;
    }
    const std::string mine_rel = "exercises/" + ch->folder + "/" + ch->exercise;
    const std::string theirs_rel = "solutions/" + ch->folder + "/" + ch->exercise;
    const fs::path mine = fs::path(paths.source_dir) / mine_rel;
    const fs::path theirs = fs::path(paths.source_dir) / theirs_rel;
    if (!fs::exists(theirs)) {
        std::cerr << "grade solution: the reference " << theirs_rel
                  << " is missing from this copy of the course. git checkout -- " << theirs_rel
                  << " brings it back.\n";
        return 2;
    }
    if (!fs::exists(mine)) {
        std::cerr << "grade solution: your file " << mine_rel << " is missing. ./grade reset "
                  << ch->id << " puts the stub back (it backs up the folder first).\n";
        return 2;
    }

    bool passes = false;
    if (!o.yes) {
        const ChapterResult r = grade_quietly(paths, *ch, o.grading);
        passes = r.status == ChapterStatus::passed;
        if (!passes && !confirmed(r, o))
            return 1;
    }

    const bool color = color_on_stdout();
    int status = 0;
    const std::string diff =
        unified_diff(mine, mine_rel + " (yours)", theirs, theirs_rel + " (reference)", status);
    if (status > 1) {
        std::cerr << "grade solution: diff failed:\n" << diff;
        return 2;
    }
    std::cout << "Chapter " << ch->id << " — " << ch->title << (passes ? " passes. " : ". ");
    if (status == 0)
        std::cout << "Your file is the same as the reference.\n";
    else if (o.side_by_side) {
        // Column heads: the paths, or only "yours" / "reference" and the file when too narrow.
        const int width = terminal_width(o.width);
        std::string left = mine_rel + " (yours)", right = theirs_rel + " (reference)";
        if (right.size() + 3 > static_cast<std::size_t>(width) / 2) {
            left = "yours: " + ch->exercise;
            right = "reference: " + ch->exercise;
        }
        std::cout << "Your file (left) beside the reference (right):\n\n"
                  << side_by_side(diff, left, right, width, color);
    } else
        std::cout << "Your file (-) against the reference (+):\n\n" << paint_unified(diff, color);

    const fs::path html = page_html(paths, *ch);
    std::cout << "\nWhat the reference does, and why: ";
    if (fs::exists(html))
        std::cout << shown_path(paths, html) << "\n  open in a browser: file://"
                  << fs::absolute(html).lexically_normal().string() << "\n";
    else
        std::cout << "chapters/" << ch->folder << "/solution.md\n"
                  << "  The course site is not built. Build it with: cmake --build "
                  << shown_path(paths, paths.binary_dir) << " --target docs\n"
                  << "  then open " << shown_path(paths, html) << " in a browser.\n";
    return 0;
}

bool show_all_hints_if_passed(const Manifest& manifest, const Paths& paths, const std::string& key,
                              const Grading& grading)
{
    const Chapter* ch = manifest.find(key);
    if (!ch || ch->is_drill)
        return false;
    if (grade_quietly(paths, *ch, grading).status != ChapterStatus::passed)
        return false;

    std::cout << "Chapter " << ch->id << " passes, so every hint is shown at once.\n";
    if (!ch->hints.empty()) {
        std::cout << "\nThe chapter's hints:\n";
        for (std::size_t i = 0; i < ch->hints.size(); ++i)
            std::cout << "  " << i + 1 << ". " << ch->hints[i] << "\n";
    }
    // The checks' own hints (the ones a FAIL shows), grouped by the function they are about.
    std::vector<std::string> functions;
    for (const auto& c : ch->checks)
        if (!c.hint.empty() &&
            std::find(functions.begin(), functions.end(), c.function) == functions.end())
            functions.push_back(c.function);
    if (!functions.empty())
        std::cout << "\nThe checks' hints, by function:\n";
    for (const auto& f : functions) {
        std::cout << "  " << (f.empty() ? "(other)" : f) << "\n";
        for (const auto& c : ch->checks)
            if (c.function == f && !c.hint.empty())
                std::cout << "    " << c.name << ": " << c.hint << "\n";
    }
    std::cout << "\nCompare with the reference: ./grade solution " << ch->id << "\n";
    return true;
}

void print_offer(std::ostream& out, const Paths& paths, const std::vector<ChapterResult>& results)
{
    std::vector<const Chapter*> passed;
    for (const auto& r : results)
        if (r.status == ChapterStatus::passed && r.chapter && !r.chapter->is_drill)
            passed.push_back(r.chapter);
    if (passed.empty())
        return;
    const fs::path site = fs::path(paths.binary_dir) / "docs" / "html";
    const bool built = fs::exists(site / "index.html");
    if (passed.size() == 1) {
        const Chapter& ch = *passed.front();
        out << "\nCompare with the reference: ./grade solution " << ch.id
            << " (two columns: --side-by-side); every hint: ./grade hint " << ch.id << "\n";
        out << "Solution page: "
            << (built ? shown_path(paths, page_html(paths, ch))
                      : "chapters/" + ch.folder + "/solution.md")
            << "\n";
        return;
    }
    std::string ids;
    for (const Chapter* ch : passed)
        ids += (ids.empty() ? "" : ", ") + ch->id;
    out << "\nCompare a passed chapter with the reference: ./grade solution NN (passed: " << ids
        << ")\n";
    out << "Solution pages: "
        << (built ? shown_path(paths, site / "solutions.html") : "chapters/NN-name/solution.md")
        << "\n";
}

}  // namespace grader::solution
