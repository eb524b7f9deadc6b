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
};

struct Chapter {
    std::string id;      ///< "01"
    std::string folder;  ///< "01-forward-propagation"
    std::string title;
    std::string contract;  ///< header name in chapters/<folder>/
    std::string exercise;  ///< file name in exercises/<folder>/ and solutions/<folder>/
    std::vector<CheckInfo> checks;
    std::vector<std::string> hints;

    std::string slug() const;  ///< "forward-propagation"
    const CheckInfo* check(const std::string& name) const;
};

struct Manifest {
    std::string title;
    std::vector<Chapter> chapters;

    static Manifest load(const std::string& path);  ///< throws std::runtime_error
    /// Finds a chapter by "01", "1", "forward-propagation" or "01-forward-propagation".
    const Chapter* find(const std::string& key) const;
};

}  // namespace grader
