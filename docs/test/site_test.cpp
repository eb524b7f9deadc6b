// The course site as a reader sees it: every page the manifest promises is rendered by headless
// Chromium, MathJax has typeset the maths (no raw TeX left), snippets and figures are there, and
// no internal link is broken.
//
// How: the built site (SITE_DIR) is copied to a fresh temporary folder; into a second copy of
// each checked page, site_check.js is injected before </body>. Chromium loads each page with
// --dump-dom, and the script's JSON report (in <pre id="site-check">) is read back. All pages
// are rendered once per run, concurrently, in SetUpTestSuite; the tests only read the reports.
//
// Inputs (compile definitions from docs/test/CMakeLists.txt, each overridable by an environment
// variable of the same name): SITE_DIR, SOURCE_DIR, ARTIFACT_DIR; CHROMIUM names the browser.
// SITE_TEST_KEEP=1 keeps the temporary folder (site copies, dumped DOMs, chromium's stderr).
// Left in ARTIFACT_DIR: a screenshot of the first chapter and every page's report (site-check/).

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <iterator>
#include <map>
#include <mutex>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// ---- small text helpers ------------------------------------------------------------------

std::string read_text(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const fs::path& file, const std::string& text)
{
    std::ofstream(file, std::ios::binary) << text;
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to)
{
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// --dump-dom escapes text with the first few of these entities (the report is ASCII-only JSON,
// site_check.js escapes the rest); Doxygen's attribute values may use any of them. &amp; last.
std::string html_unescape(std::string text)
{
    for (auto [entity, character] : {std::pair{"&lt;", "<"},
                                     {"&gt;", ">"},
                                     {"&quot;", "\""},
                                     {"&#39;", "'"},
                                     {"&nbsp;", "\u00a0"},
                                     {"&amp;", "&"}})
        text = replace_all(std::move(text), entity, character);
    return text;
}

std::size_t count_matches(const std::string& text, const std::regex& pattern)
{
    return static_cast<std::size_t>(std::distance(
        std::sregex_iterator(text.begin(), text.end(), pattern), std::sregex_iterator()));
}

std::string percent_decode(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() &&
            std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// A file:// URL for an absolute path: everything but unreserved characters and '/' escaped.
std::string file_url(const fs::path& file)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string url = "file://";
    for (unsigned char c : fs::absolute(file).string()) {
        if (std::isalnum(c) || contains("/-._~", std::string(1, static_cast<char>(c)))) {
            url += static_cast<char>(c);
        } else {
            url += '%';
            url += hex[c >> 4];
            url += hex[c & 15];
        }
    }
    return url;
}

// The last few lines of chromium's stderr that say something: the Debian launcher's
// "[: ... unexpected operator" and the D-Bus complaints of a machine without a bus are noise.
std::string stderr_tail(const fs::path& file)
{
    std::istringstream in(read_text(file));
    std::vector<std::string> kept;
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && !contains(line, "unexpected operator") && !contains(line, "dbus"))
            kept.push_back(line);
    std::string tail;
    for (std::size_t i = kept.size() > 5 ? kept.size() - 5 : 0; i < kept.size(); ++i)
        tail += "\n    " + kept[i];
    return tail;
}

// ---- settings -----------------------------------------------------------------------------

fs::path setting(const char* name, const char* built_in)
{
    const char* value = std::getenv(name);
    return value && *value ? fs::path(value) : fs::path(built_in);
}

fs::path find_on_path(const std::vector<std::string>& names)
{
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin:/bin");
    std::vector<fs::path> folders;
    for (std::string dir; std::getline(dirs, dir, ':');)
        folders.emplace_back(dir.empty() ? "." : dir);
    for (const auto& name : names)
        for (const auto& folder : folders)
            if (::access((folder / name).c_str(), X_OK) == 0)
                return folder / name;
    return {};
}

fs::path make_temp_dir(const fs::path& parent, const std::string& prefix)
{
    std::string pattern = (parent / (prefix + "XXXXXX")).string();
    if (!::mkdtemp(pattern.data()))
        throw std::runtime_error("cannot create a folder in " + parent.string());
    return pattern;
}

// ---- running a program with a time limit ---------------------------------------------------

struct ProcessResult {
    bool started = false;
    bool timed_out = false;
    int exit_code = -1;
    double seconds = 0;
};

// posix_spawn (safe from many threads, unlike fork) in a process group of its own, so that on a
// hang the browser and all its helper processes are killed together.
ProcessResult run_with_limit(const std::vector<std::string>& args, const fs::path& out,
                             const fs::path& err, std::chrono::seconds limit)
{
    std::vector<char*> argv;
    for (const auto& arg : args)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);

    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&files, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);

    ProcessResult run;
    const auto start = Clock::now();
    pid_t pid = -1;
    run.started = posix_spawn(&pid, argv[0], &files, &attributes, argv.data(), environ) == 0;
    posix_spawn_file_actions_destroy(&files);
    posix_spawnattr_destroy(&attributes);
    if (!run.started)
        return run;

    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (Clock::now() - start > limit) {
            ::kill(-pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            run.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return run;
}

// ---- the course ----------------------------------------------------------------------------

struct Chapter {
    std::string id, folder, title;
};

std::vector<Chapter> manifest_chapters(const fs::path& source)
{
    const json manifest = json::parse(read_text(source / "course.json"));
    std::vector<Chapter> chapters;
    for (const auto& chapter : manifest.at("chapters"))
        chapters.push_back({chapter.at("id"), chapter.at("folder"), chapter.at("title")});
    return chapters;
}

// A page the browser checks, and the Markdown it is generated from (empty when not ours).
struct Page {
    std::string name;
    fs::path source;
};

// What Chromium made of one page: site_check.js's report, or why there is none.
struct Rendered {
    json report;
    std::string dom;
    std::string problem;
};

struct Screenshot {
    fs::path png;
    std::string problem;
};

// ---- the fixture: one browser run per page, shared by every test ---------------------------

// A hung browser is killed after this long (SITE_TEST_TIMEOUT seconds overrides it).
std::chrono::seconds browser_limit()
{
    const char* value = std::getenv("SITE_TEST_TIMEOUT");
    return std::chrono::seconds(value && std::atoi(value) > 0 ? std::atoi(value) : 60);
}

class Site : public ::testing::Test {
protected:
    static void SetUpTestSuite();
    static void TearDownTestSuite();

    static inline fs::path site_, source_, artifacts_, chromium_, temp_;
    static inline std::string setup_problem_;  // set when nothing could be rendered at all
    static inline std::vector<Chapter> chapters_;
    static inline std::vector<Page> pages_;  // the checked pages that exist in the site
    static inline std::map<std::string, Rendered> rendered_;
    static inline Screenshot screenshot_;
    static inline std::atomic<bool> hung_{false};  // after one hang, start no more browsers

    static fs::path copy() { return temp_ / "site"; }  // the pristine copy
    static const Rendered& rendered(const std::string& page) { return rendered_.at(page); }
    // The page's report, or null after a failure saying why the browser could not render it.
    static const Rendered* rendered_or_fail(const std::string& page)
    {
        const Rendered& r = rendered(page);
        if (r.problem.empty())
            return &r;
        ADD_FAILURE() << page << ": " << r.problem;
        return nullptr;
    }
    static bool exists(const std::string& page) { return fs::is_regular_file(copy() / page); }
    // False for a page SITE_TEST_PAGES left out (choose_pages()).
    static bool was_rendered(const std::string& page) { return rendered_.count(page) > 0; }

    void SetUp() override { ASSERT_TRUE(setup_problem_.empty()) << setup_problem_; }

private:
    static void choose_pages();
    static void render_all();
    static Rendered render(const Page& page, int job);
    static Screenshot take_screenshot(const std::string& page, int job);
    static std::vector<std::string> chromium_args(int job);
    static std::string hang_message()
    {
        return "chromium did not finish within " + std::to_string(browser_limit().count()) +
               " s and was killed";
    }
};

std::vector<std::string> Site::chromium_args(int job)
{
    const fs::path profile = temp_ / ("profile-" + std::to_string(job));
    fs::create_directories(profile);
    return {chromium_.string(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--user-data-dir=" + profile.string(),
            "--virtual-time-budget=10000"};
}

void Site::SetUpTestSuite()
{
    const auto start = Clock::now();
    site_ = setting("SITE_DIR", SITE_DIR);
    source_ = setting("SOURCE_DIR", SOURCE_DIR);
    artifacts_ = setting("ARTIFACT_DIR", ARTIFACT_DIR);
    chromium_ = std::getenv("CHROMIUM") && *std::getenv("CHROMIUM")
                    ? fs::path(std::getenv("CHROMIUM"))
                    : find_on_path({"chromium", "chromium-browser", "google-chrome"});
    if (!fs::is_regular_file(site_ / "index.html")) {
        setup_problem_ =
            "no site at " + site_.string() + " (build it: cmake --build build --target docs)";
        return;
    }
    if (chromium_.empty()) {
        setup_problem_ = "chromium not found on PATH (apt-get install chromium, or set CHROMIUM)";
        return;
    }
    rendered_.clear();  // (under --gtest_repeat the suite is set up again)
    hung_ = false;
    try {
        chapters_ = manifest_chapters(source_);
        const char* tmp = std::getenv("TMPDIR");
        temp_ = make_temp_dir(tmp && *tmp ? tmp : "/tmp", "site-test-");
        // A snapshot: a docs rebuild during the run cannot change what is checked, and the
        // build's own site is never touched.
        fs::copy(site_, copy(), fs::copy_options::recursive);
        fs::create_directories(artifacts_ / "site-check");
        choose_pages();
        render_all();
    } catch (const std::exception& e) {
        setup_problem_ = std::string("setting up the site check failed: ") + e.what();
        return;
    }
    const auto reports = std::count_if(rendered_.begin(), rendered_.end(), [](const auto& page) {
        return page.second.problem.empty();
    });
    std::cout << "[ site     ] " << reports << " of " << rendered_.size()
              << " pages rendered, and a screenshot, in "
              << std::chrono::duration<double>(Clock::now() - start).count() << " s; reports in "
              << (artifacts_ / "site-check").string() << "\n";
}

void Site::TearDownTestSuite()
{
    if (!temp_.empty() && !std::getenv("SITE_TEST_KEEP")) {
        std::error_code ignored;
        fs::remove_all(temp_, ignored);
    }
}

// The main page, the chapters page, and each manifest chapter's text and solution, when built;
// a missing one is reported by EveryManifestChapterHasAPage, not by every test.
void Site::choose_pages()
{
    pages_ = {{"index.html", {}}};
    if (exists("chapters.html"))
        pages_.push_back({"chapters.html", {}});
    for (const auto& chapter : chapters_) {
        const fs::path folder = source_ / "chapters" / chapter.folder;
        if (exists("chapter" + chapter.id + ".html"))
            pages_.push_back({"chapter" + chapter.id + ".html", folder / "README.md"});
        const fs::path solution =
            fs::exists(folder / "solution.md") ? folder / "solution.md" : fs::path();
        if (exists("solution" + chapter.id + ".html"))
            pages_.push_back({"solution" + chapter.id + ".html", solution});
    }
    // SITE_TEST_PAGES="chapter01.html …": render only these (the broken-site test breaks one
    // chapter's page and need not render the other twenty; the checks that read no rendered
    // page, such as a missing solution page, still see the whole site).
    if (const char* only = std::getenv("SITE_TEST_PAGES"); only && *only) {
        std::istringstream names(only);
        std::vector<std::string> wanted{std::istream_iterator<std::string>(names), {}};
        std::vector<Page> kept;
        for (const Page& page : pages_)
            if (std::find(wanted.begin(), wanted.end(), page.name) != wanted.end())
                kept.push_back(page);
        pages_ = kept;
    }
}

// One browser per core: measured on 2 cores, a page costs ~1.4 s of CPU (start-up, MathJax), and
// more browsers at once do not finish sooner.
void Site::render_all()
{
    const fs::path checked = temp_ / "checked";
    fs::copy(copy(), checked, fs::copy_options::recursive);
    const std::string script = read_text(SITE_CHECK_JS);
    for (const auto& page : pages_) {
        std::string html = read_text(checked / page.name);
        const auto body_end = html.rfind("</body>");
        html.insert(body_end == std::string::npos ? html.size() : body_end,
                    "<script>" + script + "</script>\n");
        write_text(checked / page.name, html);
    }

    std::vector<std::function<void()>> jobs;
    std::mutex lock;
    for (std::size_t i = 0; i < pages_.size(); ++i)
        jobs.emplace_back([i, &lock] {
            Rendered result = render(pages_[i], static_cast<int>(i));
            std::lock_guard<std::mutex> guard(lock);
            rendered_[pages_[i].name] = std::move(result);
        });
    const std::string first = chapters_.empty() ? "index" : "chapter" + chapters_.front().id;
    jobs.emplace_back(
        [&] { screenshot_ = take_screenshot(first, static_cast<int>(pages_.size())); });

    std::atomic<std::size_t> next{0};
    const unsigned workers = std::max(2u, std::thread::hardware_concurrency());
    std::vector<std::future<void>> running;
    for (unsigned w = 0; w < std::min<std::size_t>(workers, jobs.size()); ++w)
        running.push_back(std::async(std::launch::async, [&] {
            for (std::size_t j = next++; j < jobs.size(); j = next++)
                jobs[j]();
        }));
    for (auto& worker : running)
        worker.get();
}

Rendered Site::render(const Page& page, int job)
{
    const fs::path out = temp_ / (page.name + ".dom"), err = temp_ / (page.name + ".err");
    auto args = chromium_args(job);
    args.push_back("--dump-dom");
    args.push_back(file_url(temp_ / "checked" / page.name));
    Rendered result;
    if (hung_) {
        result.problem = "not rendered: chromium hung on another page, and after a hang no more "
                         "browsers are started";
        return result;
    }
    const ProcessResult run = run_with_limit(args, out, err, browser_limit());
    if (!run.started) {
        result.problem = "could not start " + chromium_.string();
        return result;
    }
    if (run.timed_out) {
        hung_ = true;
        result.problem = hang_message();
        return result;
    }
    result.dom = read_text(out);
    const std::string open = "<pre id=\"site-check\">";
    const auto begin = result.dom.rfind(open);
    const auto end = begin == std::string::npos ? begin : result.dom.find("</pre>", begin);
    if (end == std::string::npos) {
        result.problem = "no site-check report in chromium's DOM (exit code " +
                         std::to_string(run.exit_code) +
                         "; the page's scripts did not run or never finished)" + stderr_tail(err);
        return result;
    }
    const std::string text =
        html_unescape(result.dom.substr(begin + open.size(), end - begin - open.size()));
    try {
        result.report = json::parse(text);
    } catch (const json::exception& e) {
        result.problem = std::string("the site-check report is not JSON: ") + e.what();
        return result;
    }
    write_text(artifacts_ / "site-check" / (page.name + ".json"), result.report.dump(2));
    return result;
}

Screenshot Site::take_screenshot(const std::string& page, int job)
{
    Screenshot shot{artifacts_ / (page + ".png"), {}};
    std::error_code ignored;
    fs::remove(shot.png, ignored);  // a stale picture from an earlier run must not pass
    auto args = chromium_args(job);
    args.push_back("--screenshot=" + shot.png.string());
    args.push_back("--window-size=1280,1600");
    args.push_back(file_url(copy() / (page + ".html")));  // the page as published, no checker
    const fs::path err = temp_ / (page + ".screenshot.err");
    if (hung_) {
        shot.problem = "not taken: chromium hung on another page, and after a hang no more "
                       "browsers are started";
        return shot;
    }
    const ProcessResult run =
        run_with_limit(args, temp_ / (page + ".screenshot.out"), err, browser_limit());
    if (!run.started) {
        shot.problem = "could not start " + chromium_.string();
    } else if (run.timed_out) {
        hung_ = true;
        shot.problem = hang_message();
    } else if (run.exit_code != 0) {
        shot.problem = "chromium exited with " + std::to_string(run.exit_code) + stderr_tail(err);
    }
    return shot;
}

// ---- links ---------------------------------------------------------------------------------

// Where a relative link of page `from` leads, or why it leads nowhere ("" when it is fine).
// `rendered_dom` is the page as the browser left it, for same-page anchors that scripts add.
std::string broken_link(const fs::path& site, const std::string& from, const std::string& href,
                        const std::string& rendered_dom = {})
{
    static const std::regex scheme("^[A-Za-z][A-Za-z0-9+.-]*:");
    std::smatch found;
    if (href.empty() || href == "#")
        return {};
    if (std::regex_search(href, found, scheme)) {
        const std::string name = lower(found.str());
        for (const char* external : {"http:", "https:", "mailto:", "javascript:", "data:"})
            if (name == external)
                return {};
        return "a " + name + " link does not work on the published site";
    }
    if (href.front() == '/')
        return "an absolute path does not work on the published site";

    const auto hash = href.find('#');
    std::string path = percent_decode(href.substr(0, std::min(hash, href.find('?'))));
    const std::string anchor =
        hash == std::string::npos ? "" : percent_decode(href.substr(hash + 1));
    const fs::path target = path.empty() ? site / from : (site / from).parent_path() / path;
    if (!fs::is_regular_file(target))
        return "no such file";
    if (anchor.empty())
        return {};

    // Reading each target once: a few hundred links point into the same few dozen pages.
    static std::map<fs::path, std::string> cache;
    static std::mutex lock;
    std::string text;
    {
        std::lock_guard<std::mutex> guard(lock);
        auto it = cache.find(target);
        if (it == cache.end())
            it = cache.emplace(target, read_text(target)).first;
        text = it->second;
    }
    for (const std::string& page : {text, path.empty() ? rendered_dom : std::string()})
        if (contains(page, "id=\"" + anchor + "\"") || contains(page, "name=\"" + anchor + "\""))
            return {};
    return "the target has no id or name \"" + anchor + "\"";
}

// ---- the sources ---------------------------------------------------------------------------

std::string source_text(const Page& page)
{
    return page.source.empty() || !fs::exists(page.source) ? std::string() : read_text(page.source);
}

bool has_maths(const std::string& markdown)
{
    return contains(markdown, "\\f$") || contains(markdown, "\\f[") || contains(markdown, "\\f{");
}

bool is_chapter_or_solution(const Page& page) { return !page.source.empty(); }

// Up to `shown` items, one per line, and how many more: one readable failure per page rather
// than hundreds when something breaks everywhere.
std::string listing(const std::vector<std::string>& items, std::size_t shown = 12)
{
    std::string text;
    for (std::size_t i = 0; i < items.size() && i < shown; ++i)
        text += "\n    " + items[i];
    if (items.size() > shown)
        text += "\n    ... and " + std::to_string(items.size() - shown) + " more";
    return text;
}

std::vector<std::string> strings(const json& array)
{
    std::vector<std::string> list;
    for (const auto& item : array)
        list.push_back(item.get<std::string>());
    return list;
}

std::string first_lines(const json& fragments)
{
    std::string list;
    for (const auto& fragment : fragments)
        list += "\n    " + fragment.value("first_line", std::string());
    return list.empty() ? " (none)" : list;
}

// ---- the tests -----------------------------------------------------------------------------

TEST_F(Site, EveryManifestChapterHasAPage)
{
    ASSERT_FALSE(chapters_.empty()) << "course.json lists no chapters";
    const Rendered& index = rendered("index.html");
    ASSERT_TRUE(index.problem.empty()) << "index.html: " << index.problem;
    std::vector<std::string> index_links;
    for (const auto& href : index.report.at("content_links"))
        index_links.push_back(href.get<std::string>().substr(0, href.get<std::string>().find('#')));

    for (const auto& chapter : chapters_) {
        const std::string page = "chapter" + chapter.id + ".html",
                          solution = "solution" + chapter.id + ".html";
        if (!exists(page)) {
            ADD_FAILURE() << page << " is missing from the site: chapter " << chapter.id << " (\""
                          << chapter.title << "\") needs a page with id chapter" << chapter.id
                          << " in chapters/" << chapter.folder << "/README.md";
        } else if (!was_rendered(page)) {
            // left out by SITE_TEST_PAGES
        } else if (const Rendered& r = rendered(page); !r.problem.empty()) {
            ADD_FAILURE() << page << ": " << r.problem;
        } else {
            const std::string heading = r.report.value("heading", ""),
                              title = r.report.value("title", "");
            EXPECT_TRUE(contains(heading, chapter.title) || contains(title, chapter.title))
                << page << ": the page's heading \"" << heading << "\" (title \"" << title
                << "\") does not contain the manifest's title \"" << chapter.title << "\"";
        }

        if (!exists(solution)) {
            ADD_FAILURE() << solution << " is missing from the site: chapter " << chapter.id
                          << " needs a reference-solution page with id solution" << chapter.id;
        } else if (!was_rendered(solution)) {
            // left out by SITE_TEST_PAGES
        } else if (const Rendered& r = rendered(solution); !r.problem.empty()) {
            ADD_FAILURE() << solution << ": " << r.problem;
        } else {
            const std::string start =
                r.report.value("heading", "") + " " + r.report.value("contents_start", "");
            EXPECT_TRUE(contains(lower(start), "solution"))
                << solution
                << " is not marked as a solution: neither its heading nor the start of its text "
                << "says \"solution\" (spoiler warning expected). It starts: \""
                << start.substr(0, 300) << "\"";
        }

        EXPECT_NE(std::find(index_links.begin(), index_links.end(), page), index_links.end())
            << "index.html does not link to " << page << " (chapter " << chapter.id << ", \""
            << chapter.title << "\")";
    }
}

TEST_F(Site, MathsIsTypesetByMathJax)
{
    for (const auto& page : pages_) {
        const Rendered* shown = rendered_or_fail(page.name);
        if (!shown)
            continue;
        const Rendered& r = *shown;
        const json& mathjax = r.report.at("mathjax");
        EXPECT_TRUE(mathjax.value("present", false))
            << page.name << ": MathJax is not loaded on the page";
        EXPECT_TRUE(mathjax.value("finished", false))
            << page.name
            << ": MathJax did not finish typesetting within chromium's virtual time budget";
        if (has_maths(source_text(page))) {
            EXPECT_GT(r.report.value("maths", 0), 0)
                << page.name << ": " << page.source.string()
                << " has \\f$ or \\f[ maths, but the page shows "
                << "no MathJax-rendered maths (elements of class MathJax)";
        }
        const auto raw = strings(r.report.at("raw_tex")),
                   untypeset = strings(r.report.at("untypeset")),
                   errors = strings(r.report.at("tex_errors"));
        EXPECT_TRUE(raw.empty()) << page.name << ": raw TeX left in the page's text (" << raw.size()
                                 << " places):" << listing(raw);
        EXPECT_TRUE(untypeset.empty())
            << page.name << ": " << untypeset.size()
            << " formulas were not typeset by MathJax:" << listing(untypeset);
        EXPECT_TRUE(errors.empty()) << page.name << ": MathJax shows " << errors.size()
                                    << " TeX errors:" << listing(errors);
    }
}

TEST_F(Site, SnippetsArePresent)
{
    static const std::regex snippet(R"(\\snippet(lineno)?\b)");
    for (const auto& page : pages_) {
        if (!is_chapter_or_solution(page))
            continue;
        const Rendered* shown = rendered_or_fail(page.name);
        if (!shown)
            continue;
        const Rendered& r = *shown;
        const json& fragments = r.report.at("fragments");
        const std::size_t wanted = count_matches(source_text(page), snippet);
        EXPECT_GE(fragments.size(), wanted)
            << page.name << ": " << page.source.string() << " has " << wanted
            << " \\snippet commands but the page "
            << "shows only " << fragments.size()
            << " code blocks (div.fragment); their first lines:" << first_lines(fragments);
        for (std::size_t i = 0; i < fragments.size(); ++i)
            EXPECT_GT(fragments[i].value("chars", 0), 0)
                << page.name << ": code block " << i + 1 << " is empty";
    }
}

TEST_F(Site, ImagesLoad)
{
    static const std::regex image(R"(\\image(\{[^}]*\})?\s+html\b)");
    for (const auto& page : pages_) {
        const Rendered* shown = rendered_or_fail(page.name);
        if (!shown)
            continue;
        const Rendered& r = *shown;
        std::size_t in_contents = 0;
        for (const auto& img : r.report.at("images")) {
            const std::string tag = img.value("tag", ""), src = img.value("src", "");
            in_contents += img.value("in_contents", false);
            const std::string broken = broken_link(copy(), page.name, src);
            EXPECT_TRUE(broken.empty())
                << page.name << ": <" << tag << "> " << src << ": " << broken;
            if (img.at("loaded").is_boolean()) {
                EXPECT_TRUE(img.at("loaded").get<bool>())
                    << page.name << ": <" << tag << "> " << src << " did not load";
            } else {  // an <object> whose document the browser does not expose (file:// origins)
                EXPECT_TRUE(img.value("width", 0.0) > 0 && img.value("height", 0.0) > 0)
                    << page.name << ": <" << tag << "> " << src << " shows nothing (its box is "
                    << img.value("width", 0.0) << " x " << img.value("height", 0.0) << ")";
            }
        }
        const std::size_t wanted = count_matches(source_text(page), image);
        EXPECT_GE(in_contents, wanted)
            << page.name << ": " << page.source.string() << " has " << wanted
            << " \\image html commands but the page's text shows " << in_contents << " images";
    }
}

TEST_F(Site, NoBrokenInternalLinks)
{
    // In the browser: the links of the checked pages, including those scripts add (the tree).
    for (const auto& page : pages_) {
        const Rendered* shown = rendered_or_fail(page.name);
        if (!shown)
            continue;
        const Rendered& r = *shown;
        std::vector<std::string> broken;
        for (const auto& href : strings(r.report.at("links")))
            if (const std::string why = broken_link(copy(), page.name, href, r.dom); !why.empty())
                broken.push_back(href + ": " + why);
        EXPECT_TRUE(broken.empty()) << page.name << " in the browser: " << broken.size()
                                    << " broken links:" << listing(broken);
    }
    // In the files: every href and src of every page of the site.
    static const std::regex attribute(R"re(\b(?:href|src)\s*=\s*"([^"]*)")re");
    std::size_t checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(copy())) {
        if (entry.path().extension() != ".html")
            continue;
        const std::string page = fs::relative(entry.path(), copy()).string(),
                          text = read_text(entry.path());
        std::vector<std::string> broken;
        for (std::sregex_iterator it(text.begin(), text.end(), attribute), end; it != end;
             ++it, ++checked) {
            const std::string href = html_unescape((*it)[1].str());
            if (const std::string why = broken_link(copy(), page, href); !why.empty())
                broken.push_back(href + ": " + why);
        }
        EXPECT_TRUE(broken.empty())
            << page << ": " << broken.size() << " broken links or sources:" << listing(broken);
    }
    EXPECT_GT(checked, 0u) << "no links found in the site's files";
}

TEST_F(Site, ScreenshotOfAChapterPage)
{
    ASSERT_TRUE(screenshot_.problem.empty())
        << screenshot_.png.filename().string() << ": " << screenshot_.problem;
    ASSERT_TRUE(fs::is_regular_file(screenshot_.png))
        << "chromium wrote no screenshot at " << screenshot_.png;
    const std::string png = read_text(screenshot_.png);
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8))
        << screenshot_.png << " is not a PNG file";
    // A blank or error page compresses to a few kB; a page of text and maths does not.
    EXPECT_GT(png.size(), 20u * 1024)
        << screenshot_.png << " is only " << png.size() << " bytes: a blank page?";
    std::cout << "[ site     ] screenshot: " << screenshot_.png.string() << " ("
              << png.size() / 1024 << " kB)\n";
}

}  // namespace
