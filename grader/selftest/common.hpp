// Helpers shared by the self-test's files (selftest.cpp: chapters and the grader; drills.cpp).
#pragma once

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "manifest.hpp"
#include "report.hpp"
#include "runner.hpp"

namespace selftest {

namespace fs = std::filesystem;

inline const grader::Paths paths{SCRATCHNET_SOURCE_DIR, SCRATCHNET_BINARY_DIR};

inline const grader::Manifest& manifest()
{
    static const grader::Manifest m = grader::Manifest::load(paths.source_dir + "/course.json");
    return m;
}

/// Runs `binary` for `ch` with generous limits and this test's own log folder (ctest runs the
/// tests in parallel on 2 cores); `only` as run_chapter's.
inline grader::ChapterResult grade_binary(const grader::Chapter& ch, const std::string& binary,
                                          const std::string& only = "")
{
    grader::ChapterResult r;
    r.chapter = &ch;
    grader::Limits limits;
    limits.seconds = 60;
    grader::Paths own = paths;
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    std::string test = std::string(info->test_suite_name()) + "." + info->name();
    std::replace(test.begin(), test.end(), '/', '_');
    own.logs_dir = paths.binary_dir + "/selftest-logs/" + test;
    grader::run_chapter(own, binary, limits, r, only);
    return r;
}

/// The learner's report of a result, as `./grade 01` prints it.
inline std::string report(const grader::ChapterResult& r)
{
    std::ostringstream out;
    grader::print_chapter(out, r, grader::Style{});
    return out.str();
}

/// Runs a shell command; returns its exit status and what it printed.
inline std::pair<int, std::string> run_command(const std::string& cmd)
{
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf{};
    while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p))
        out.append(buf.data(), n);
    int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline std::string read_file(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// What a mutant file says of itself: one "// rejected-by: Check" line per check it must fail
/// (and no other), and a "// mutant: what" line.
struct MutantFile {
    std::vector<std::string> rejected_by;
    std::string description;
};

inline MutantFile read_mutant_file(const fs::path& p)
{
    MutantFile m;
    std::istringstream in(read_file(p));
    static const std::regex rejected(R"(^// rejected-by: (\S+))");
    static const std::regex what(R"(^// mutant: (.*))");
    for (std::string line; std::getline(in, line);) {
        std::smatch sm;
        if (std::regex_search(line, sm, rejected))
            m.rejected_by.push_back(sm[1]);
        else if (std::regex_search(line, sm, what))
            m.description = sm[1];
    }
    return m;
}

/// A fingerprint of every file under a folder: names, sizes, contents, modes.
inline std::string fingerprint(const fs::path& dir)
{
    std::vector<std::string> parts;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file())
            continue;
        parts.push_back(entry.path().string() + "|" +
                        std::to_string(static_cast<int>(entry.status().permissions())) + "|" +
                        std::to_string(std::hash<std::string>{}(read_file(entry.path()))));
    }
    std::sort(parts.begin(), parts.end());
    std::string all;
    for (const auto& p : parts)
        all += p + "\n";
    return all;
}

}  // namespace selftest
