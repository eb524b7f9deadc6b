// The course manifest (course.json): chapters in order, their checks, hints and files.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace grader {

struct CheckInfo {
    std::string name;      ///< GoogleTest name, "Suite.Test"
    std::string function;  ///< the function it is mostly about
    std::string hint;
    /// Gradescope (`grade --gradescope`): the check's points and who sees its result. From the
    /// check's own "points" / "visibility" in course.json, else its chapter's "grading".
    double points = 1;
    std::string visibility = "visible";  ///< visible, hidden, after_due_date, after_published
};

struct Chapter {
    std::string id;      ///< "01"
    std::string folder;  ///< "01-forward-propagation"
    std::string title;
    std::string contract;  ///< header name in chapters/<folder>/
    std::string exercise;  ///< file name in exercises/<folder>/ and solutions/<folder>/
    std::vector<CheckInfo> checks;
    std::vector<std::string> hints;
    /// GitHub Classroom (.github/workflows/classroom.yml): the points of the chapter's test,
    /// all or nothing. course.json's "grading": {"classroom_points": N}, else the sum of its
    /// checks' points, rounded.
    int classroom_points = 0;
    /// The reference records the checks compare with, ':'-separated; empty means the chapter's
    /// own (build/grader/<folder>/reference.cbor). A drill uses those of every chapter.
    std::string expected_records;
    /// Set for a drill graded like a chapter: the report names the practice file and leaves
    /// the hints to `./grade drill hint`, which counts them.
    bool is_drill = false;

    std::string slug() const;  ///< "forward-propagation"
    const CheckInfo* check(const std::string& name) const;
};

/// A timed drill (`./grade drill`): functions written from a blank file, graded by the checks
/// of the chapters they come from and, where the drill is a whole program, by its own.
struct Drill {
    std::string name;     ///< "softmax-cross-entropy"; files in drills/<name>/
    std::string title;    ///< one line: what the candidate writes
    std::string chapter;  ///< id of the chapter that teaches it (its text, interview corner)
    std::vector<std::string> functions;
    std::vector<CheckInfo> checks;      ///< every hidden check it runs, with its hint
    std::vector<std::string> own;       ///< the names of the drill's own checks among them
    std::vector<std::string> chapters;  ///< ids of the chapters its other checks come from
    int par_seconds = 0;
    std::string interview;  ///< what an interviewer asks next

    /// Its hidden checks as a GoogleTest filter ("A.B:C.D").
    std::string filter() const;
};

/// A milestone (`./grade milestone`): a historic result re-run by the learner's own code of some
/// chapters, in an optimized build. Its program is milestones/<program>; it writes a result record
/// (JSON) whose `metric` is compared with `at_least`.
struct Milestone {
    std::string name;                   ///< "fashion-mnist"
    std::string title;                  ///< one line: what is re-run, and whose result it was
    std::string program;                ///< file name in milestones/
    std::vector<std::string> chapters;  ///< ids of the chapters whose learner code it runs
    std::string metric;                 ///< the result record's key the target is about
    double at_least = 0.0;              ///< the target: metric >= at_least
    std::string target;                 ///< the target in words
    bool needs_data = false;            ///< reads Fashion-MNIST (tools/deps.sh milestone)
    double seconds_limit = 600;         ///< stopped after this long
    /// The record's entries shown side by side with the reference's: key, label, decimals.
    struct Shown {
        std::string key, label;
        int decimals = 0;
    };
    std::vector<Shown> shown;
};

struct Manifest {
    std::string title;
    std::vector<Chapter> chapters;
    std::vector<Drill> drills;
    std::vector<Milestone> milestones;

    static Manifest load(const std::string& path);  ///< throws std::runtime_error
    /// Finds a chapter by "01", "1", "forward-propagation" or "01-forward-propagation".
    const Chapter* find(const std::string& key) const;
    const Drill* drill(const std::string& name) const;
    const Milestone* milestone(const std::string& name) const;
};

}  // namespace grader
