#include "classroom.hpp"

#include <sstream>

namespace grader {

namespace {

// A YAML double-quoted scalar: safe for any title (a colon, a '#', quotes).
std::string quoted(const std::string& s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string upper(std::string s)
{
    for (char& c : s)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return s;
}

}  // namespace

std::string classroom_step_id(const Chapter& ch) { return "chapter-" + ch.id; }

std::string classroom_workflow(const Manifest& m)
{
    std::ostringstream y;
    y << "# GitHub Classroom's autograding: one test per chapter, `./grade NN`, worth the chapter's\n"
         "# points when it passes (exit status 0) and nothing otherwise.\n"
         "#\n"
         "# Written from course.json by tools/classroom-workflow.sh: do not edit it by hand. The\n"
         "# points are a chapter's \"grading\": {\"classroom_points\": N}, else the sum of its checks'\n"
         "# points (1 each unless course.json says otherwise). ./test checks that this file is what\n"
         "# the script writes, and runs its commands on a copy of the course.\n"
         "#\n"
         "# The format is the one GitHub Classroom writes itself: each test is a step of\n"
         "# classroom-resources/autograding-command-grader@v1 (inputs test-name, command, timeout in\n"
         "# minutes, max-score: the points given when the command exits 0), and\n"
         "# classroom-resources/autograding-grading-reporter@v1 adds them up, reading each test's\n"
         "# result from <ID>_RESULTS and the tests' ids from `runners` (its README, \"Usage\":\n"
         "# https://github.com/classroom-resources/autograding-grading-reporter).\n"
         "#\n"
         "# The job runs in Debian 12, the course's system, as root: ./grade installs the packages\n"
         "# it needs (tools/deps.sh grade) in the first step.\n"
         "name: Autograding Tests\n"
         "'on':\n"
         "- push\n"
         "- repository_dispatch\n"
         "permissions:\n"
         "  checks: write\n"
         "  actions: read\n"
         "  contents: read\n"
         "jobs:\n"
         "  run-autograding-tests:\n"
         "    runs-on: ubuntu-latest\n"
         "    container: debian:12\n"
         "    if: github.actor != 'github-classroom[bot]'\n"
         "    steps:\n"
         "    - name: Checkout code\n"
         "      uses: actions/checkout@v4\n"
         "    - name: Install the packages and build the grader\n"
         "      run: ./grade --help > /dev/null\n";
    std::string runners;
    for (const auto& ch : m.chapters) {
        const std::string title = ch.id + " " + ch.title;
        y << "    - name: " << quoted(title) << "\n"
          << "      id: " << classroom_step_id(ch) << "\n"
          << "      uses: classroom-resources/autograding-command-grader@v1\n"
          << "      with:\n"
          << "        test-name: " << quoted(title) << "\n"
          << "        command: ./grade " << ch.id << "\n"
          << "        timeout: 10\n"
          << "        max-score: " << ch.classroom_points << "\n";
        runners += (runners.empty() ? "" : ",") + classroom_step_id(ch);
    }
    y << "    - name: Autograding Reporter\n"
         "      uses: classroom-resources/autograding-grading-reporter@v1\n"
         "      env:\n";
    for (const auto& ch : m.chapters)
        y << "        " << upper(classroom_step_id(ch)) << "_RESULTS: \"${{steps."
          << classroom_step_id(ch) << ".outputs.result}}\"\n";
    y << "      with:\n"
         "        runners: "
      << runners << "\n";
    return y.str();
}

}  // namespace grader
