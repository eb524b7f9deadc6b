#include "runner.hpp"

#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace grader {

const char* to_string(CheckStatus s)
{
    switch (s) {
    case CheckStatus::passed: return "passed";
    case CheckStatus::failed: return "failed";
    case CheckStatus::not_implemented: return "not_implemented";
    case CheckStatus::crashed: return "crashed";
    case CheckStatus::not_run: return "not_run";
    }
    return "?";
}

const char* to_string(ChapterStatus s)
{
    switch (s) {
    case ChapterStatus::passed: return "passed";
    case ChapterStatus::failing: return "failing";
    case ChapterStatus::not_started: return "not_started";
    case ChapterStatus::does_not_compile: return "does_not_compile";
    case ChapterStatus::crashed: return "crashed";
    case ChapterStatus::output_flood: return "output_flood";
    case ChapterStatus::not_built: return "not_built";
    }
    return "?";
}

int ChapterResult::count(CheckStatus s) const
{
    int n = 0;
    for (const auto& c : checks)
        n += c.status == s;
    return n;
}

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Child {
    int status = 0;
    bool timed_out = false;
};

// Runs argv with stdout+stderr to log_path, in its own process group, under the limits.
Child run_process(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                  const std::string& log_path, const Limits* limits)
{
    pid_t pid = fork();
    if (pid < 0)
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    if (pid == 0) {
        setpgid(0, 0);
        int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
            close(fd);
        }
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        if (limits) {
            if (limits->limit_address_space) {
                rlimit as{limits->memory_mb << 20, limits->memory_mb << 20};
                setrlimit(RLIMIT_AS, &as);
            }
            rlimit core{0, 0};
            setrlimit(RLIMIT_CORE, &core);
            // Writes past the output cap fail (EFBIG) instead of filling the disk; ignoring
            // SIGXFSZ keeps the program running, so its checks still finish.
            rlim_t cap = static_cast<rlim_t>(limits->output_mb) << 20;
            rlimit fsize{cap, cap};
            setrlimit(RLIMIT_FSIZE, &fsize);
            signal(SIGXFSZ, SIG_IGN);
        }
        for (const auto& e : env)
            putenv(const_cast<char*>(e.c_str()));
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid);
    Child child;
    auto t0 = Clock::now();
    for (;;) {
        pid_t done = waitpid(pid, &child.status, WNOHANG);
        if (done == pid)
            break;
        if (limits && since(t0) > limits->seconds) {
            child.timed_out = true;
            kill(-pid, SIGKILL);
            waitpid(pid, &child.status, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (limits)
        kill(-pid, SIGKILL);  // anything the child left running in its group
    return child;
}

std::string relative(const std::string& path, const std::string& root)
{
    std::string prefix = root.back() == '/' ? root : root + "/";
    return path.rfind(prefix, 0) == 0 ? path.substr(prefix.size()) : path;
}

std::string describe_signal(int sig)
{
    switch (sig) {
    case SIGSEGV: return "a segmentation fault (SIGSEGV: memory read or written out of bounds)";
    case SIGABRT: return "abort (SIGABRT: an assertion, std::terminate, or an uncaught exception)";
    case SIGFPE: return "an arithmetic exception (SIGFPE, e.g. an integer division by zero)";
    case SIGBUS: return "a bus error (SIGBUS)";
    case SIGILL: return "an illegal instruction (SIGILL)";
    case SIGKILL: return "SIGKILL (killed, perhaps for using too much memory)";
    default: return std::string("signal ") + std::to_string(sig) + " (" + strsignal(sig) + ")";
    }
}

// Turns a sanitizer's report in the child's output into one line: what went wrong, in which
// function, at which line of the learner's file (the first stack frame under exercises/, else
// the first frame outside system headers).
std::string sanitizer_cause(const std::string& log_path, const std::string& source_dir)
{
    std::ifstream in(log_path);
    std::string what, where;
    static const std::regex asan(R"(ERROR: AddressSanitizer: ([\w-]+))");
    // A failed request for a made-up size (see grader/harness/traps.cpp for the plain build).
    static const std::regex too_big(
        R"(AddressSanitizer: (requested allocation size|out of memory: allocator is trying to allocate) (0x[0-9a-f]+))");
    static const std::regex access(R"(^(READ|WRITE) of size (\d+))");
    static const std::regex ubsan(R"(^(.+?):(\d+):\d+: runtime error: (.*)$)");
    static const std::regex frame(R"(^\s*#\d+ 0x[0-9a-f]+ in (.+?) (/\S+?):(\d+)(:\d+)?$)");
    std::string fallback;
    int lines = 0;
    for (std::string line; std::getline(in, line) && ++lines < 20000;) {
        std::smatch m;
        if (what.empty() && std::regex_search(line, m, too_big)) {
            const double bytes = static_cast<double>(std::stoull(m[2].str(), nullptr, 16));
            char size[32];
            std::snprintf(size, sizeof size, "%.3g", bytes);
            what = "AddressSanitizer: asked for " + std::string(size) +
                   " bytes at once (allocation-size-too-big). A size this large is made up: "
                   "almost always a 1-D result stored in a 2-D Matrix, or a Matrix read past the "
                   "end of a std::vector (an unsigned index loop that wraps below 0); see "
                   "\"Traps\" in chapter 01's xtensor notes "
                   "(chapters/01-forward-propagation/README.md, chapter01.html#chapter01-traps)";
        } else if (what.empty() && std::regex_search(line, m, asan)) {
            what = "AddressSanitizer: " + m[1].str();
        } else if (!what.empty() && what.rfind("AddressSanitizer", 0) == 0 &&
                   what.find(" (") == std::string::npos && std::regex_search(line, m, access)) {
            what += " (" + m[1].str() + " of " + m[2].str() + " bytes)";
        } else if (what.empty() && std::regex_match(line, m, ubsan)) {
            what = "UndefinedBehaviorSanitizer: " + m[3].str();
            if (what.find("addition of unsigned offset") != std::string::npos)
                what += " (an index went below 0 and wrapped around: an unsigned loop counter "
                        "tested with >= 0?)";
            // In a system header (std::vector's operator[]): the stack names the learner's line.
            if (m[1].str().find("/include/") == std::string::npos)
                where = " at " + relative(m[1].str(), source_dir) + ":" + m[2].str();
        } else if (!what.empty() && where.empty() && std::regex_match(line, m, frame)) {
            std::string function = m[1].str().substr(0, m[1].str().find('('));
            std::string at =
                function + " at " + relative(m[2].str(), source_dir) + ":" + m[3].str();
            if (m[2].str().find("/exercises/") != std::string::npos ||
                m[2].str().find("/fixtures/") != std::string::npos)
                where = " in " + at;
            else if (fallback.empty() && m[2].str().rfind("/usr/", 0) != 0)
                fallback = " in " + at;
        }
    }
    if (what.empty())
        return "";
    return what + (where.empty() ? fallback : where);
}

std::string random_token()
{
    std::random_device rd;
    std::ostringstream s;
    s << std::hex << rd() << rd() << rd() << rd();
    return s.str();
}

}  // namespace

std::string chapter_binary(const Paths& paths, const Chapter& ch, const std::string& variant)
{
    return paths.binary_dir + "/grader/" + ch.folder + "/grade-" + ch.id + "-" + variant;
}

bool build_chapter(const Paths& paths, const std::string& target, ChapterResult& result)
{
    std::string logs = paths.logs();
    std::filesystem::create_directories(logs);
    std::vector<std::string> argv = {"cmake", "--build", paths.binary_dir, "--target"};
    std::istringstream names(target);
    for (std::string name; names >> name;)
        argv.push_back(name);
    result.log_path =
        logs + "/" + argv[4] + (argv.size() > 5 ? "-" + argv.back() : "") + "-build.log";
    auto t0 = Clock::now();
    Child child = run_process(argv, {}, result.log_path, nullptr);
    result.build_seconds = since(t0);
    if (WIFEXITED(child.status) && WEXITSTATUS(child.status) == 0)
        return true;

    result.status = ChapterStatus::does_not_compile;
    std::ifstream log(result.log_path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(log, line);)
        lines.push_back(line);
    static const std::regex error_line(R"(^(.+?):(\d+):(\d+): (fatal )?error: (.*)$)");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::smatch m;
        if (std::regex_match(lines[i], m, error_line)) {
            result.cause =
                relative(m[1].str(), paths.source_dir) + ":" + m[2].str() + ": " + m[5].str();
            for (std::size_t k = i + 1; k < lines.size() && k <= i + 2; ++k)
                result.compiler_context += lines[k] + "\n";
            return false;
        }
    }
    for (const auto& line : lines)  // a link error, or something else
        if (line.find("undefined reference") != std::string::npos ||
            line.find("error") != std::string::npos) {
            result.cause = line;
            return false;
        }
    result.cause = "the build failed; see " + result.log_path;
    return false;
}

void run_chapter(const Paths& paths, const std::string& binary, const Limits& limits,
                 ChapterResult& result, const std::string& only)
{
    const Chapter& ch = *result.chapter;
    std::string logs = paths.logs();
    std::filesystem::create_directories(logs);
    const std::string name = std::filesystem::path(binary).filename().string();
    // Unique per grader process: two graders may run the same binary at once.
    std::string results_path = logs + "/" + name + "-" + std::to_string(getpid()) + ".results";
    result.log_path = logs + "/" + name + "-output.log";
    std::string token = random_token();
    std::vector<std::string> env = {
        "OPENBLAS_NUM_THREADS=1",
        // glibc fills new blocks with 0xfe bytes (about -3e303 as a double) and freed ones with
        // 0x01 (about 8e-304): a matrix read before it is written (`Matrix Z(shape); Z += …`)
        // or after it was freed gives values far from the expected ones in a plain ./grade,
        // every time, instead of passing by luck with leftovers or fresh zero pages. (No byte
        // makes both NaN: the new-block fill is the freed one XOR 0xff.) glibc's per-thread
        // cache skips the fill, hence tcache_count=0.
        "MALLOC_PERTURB_=1",
        "GLIBC_TUNABLES=glibc.malloc.tcache_count=0",
        "ASAN_OPTIONS=detect_leaks=0:halt_on_error=1:abort_on_error=0",
        "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1",
        "SCRATCHNET_MEMORY_MB=" + std::to_string(limits.memory_mb),
        "SCRATCHNET_CHAPTER=" + ch.id,
        "SCRATCHNET_RESULTS=" + results_path,
        "SCRATCHNET_RESULT_TOKEN=" + token,
        "SCRATCHNET_EXPECTED=" + (ch.expected_records.empty() ? paths.binary_dir + "/grader/" +
                                                                    ch.folder + "/reference.cbor"
                                                              : ch.expected_records),
    };
    unlink(results_path.c_str());

    auto t0 = Clock::now();
    std::vector<std::string> argv = {binary, "--gtest_brief=1"};
    if (!only.empty())
        argv.push_back("--gtest_filter=" + only);
    Child child = run_process(argv, env, result.log_path, &limits);
    result.run_seconds = since(t0);

    struct stat st {};
    result.output_truncated = stat(result.log_path.c_str(), &st) == 0 &&
                              static_cast<std::size_t>(st.st_size) >= (limits.output_mb << 20);

    // Read the events the child wrote.
    std::map<std::string, CheckResult> seen;
    std::vector<std::string> order;
    std::string running, running_case;
    bool complete = false;
    std::ifstream in(results_path);
    for (std::string line; std::getline(in, line);) {
        nlohmann::json e = nlohmann::json::parse(line, nullptr, false);
        if (e.is_discarded() || !e.contains("event"))
            continue;
        const std::string kind = e["event"].get<std::string>();
        if (kind == "start") {
            for (const auto& name : e["checks"])
                order.push_back(name.get<std::string>());
        } else if (kind == "check") {
            running = e.value("check", "");
            running_case.clear();
        } else if (kind == "case") {
            char seed[32];
            std::snprintf(seed, sizeof seed, "0x%016llx", e.value("seed", 0ULL));
            running_case = "case " + std::to_string(e.value("case", 0)) + " of " +
                           std::to_string(e.value("of", 0)) + " (seed " + seed + ")";
        } else if (kind == "result") {
            CheckResult r;
            r.name = e.value("check", "");
            std::string s = e.value("status", "failed");
            r.status = s == "passed"            ? CheckStatus::passed
                       : s == "not_implemented" ? CheckStatus::not_implemented
                                                : CheckStatus::failed;
            r.messages = e.value("messages", std::vector<std::string>{});
            r.missing_function = e.value("missing_function", "");
            seen[r.name] = r;
            running.clear();
        } else if (kind == "end") {
            complete = e.value("token", "") == token;
        }
    }

    in.close();
    unlink(results_path.c_str());

    if (!complete) {
        std::string how =
            limits.limit_address_space ? "" : sanitizer_cause(result.log_path, paths.source_dir);
        if (!how.empty())
            ;  // the sanitizer said what went wrong
        else if (child.timed_out)
            how = "did not finish within " + std::to_string(static_cast<int>(limits.seconds)) +
                  " s (time limit): an endless loop?";
        else if (WIFSIGNALED(child.status)) {
            const int sig = WTERMSIG(child.status);
            how = "crashed with " + describe_signal(sig);
            if ((sig == SIGSEGV || sig == SIGBUS) && limits.limit_address_space)
                how += "; ./grade --sanitize " + ch.id + " names the line that did it";
        } else if (WIFEXITED(child.status))
            how = "exited with status " + std::to_string(WEXITSTATUS(child.status)) +
                  " before the grader finished (exit() or quick_exit() called from your code?)";
        result.cause =
            running.empty()
                ? how
                : "in " + running + (running_case.empty() ? "" : ", " + running_case) + ": " + how;
        if (!running.empty()) {
            CheckResult r;
            r.name = running;
            r.status = CheckStatus::crashed;
            r.messages.push_back((running_case.empty() ? "" : running_case + ": ") + how);
            seen[running] = r;
        }
    }

    // Manifest order first, then anything the binary ran that the manifest does not list.
    result.checks.clear();
    const std::string listed = ":" + only + ":";
    for (const auto& info : ch.checks) {
        if (!only.empty() && listed.find(":" + info.name + ":") == std::string::npos)
            continue;
        auto found = seen.find(info.name);
        CheckResult r = found != seen.end() ? found->second : CheckResult{info.name};
        result.checks.push_back(r);
        seen.erase(info.name);
    }
    for (const auto& name : order)
        if (seen.count(name)) {
            result.checks.push_back(seen[name]);
            seen.erase(name);
        }

    const int n = static_cast<int>(result.checks.size());
    if (!complete)
        result.status = ChapterStatus::crashed;
    else if (result.count(CheckStatus::passed) == n)
        result.status = ChapterStatus::passed;
    else if (result.count(CheckStatus::not_implemented) == n)
        result.status = ChapterStatus::not_started;
    else
        result.status = ChapterStatus::failing;
    if (result.output_truncated && result.status != ChapterStatus::crashed) {
        if (result.status == ChapterStatus::passed)
            result.status = ChapterStatus::output_flood;
        result.cause = "your code printed more than " + std::to_string(limits.output_mb) +
                       " MB; the output was cut there and kept in " + result.log_path +
                       " (leftover debug printing?)";
    }
}

}  // namespace grader
