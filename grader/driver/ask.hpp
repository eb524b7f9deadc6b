// What `grade reset` and `grade drill start` share before they replace a learner's files: a
// backup folder no earlier backup uses, and the question asked before anything is touched.
#pragma once

#include <filesystem>

namespace grader {

/// `root`/<local time, YYYYmmdd-HHMMSS>, or with "-2", "-3", … appended when that exists
/// already (two backups in one second keep both). Nothing is created.
std::filesystem::path new_backup_folder(const std::filesystem::path& root);

/// True when the caller may go ahead: `yes` was given, or the learner answered y on the
/// terminal. Otherwise says "Nothing done" (and why, when there is no terminal to ask on).
bool go_ahead(bool yes);

}  // namespace grader
