// What the commands that keep or replace a learner's files share: a backup folder no earlier
// backup uses and the question asked before anything is touched (`grade reset`, `grade drill
// start`), and where the learner's history lives outside the repository (drills, milestones).
#pragma once

#include <filesystem>
#include <string>

namespace grader {

/// `root`/<local time, YYYYmmdd-HHMMSS>, or with "-2", "-3", … appended when that exists
/// already (two backups in one second keep both). Nothing is created.
std::filesystem::path new_backup_folder(const std::filesystem::path& root);

/// True when the caller may go ahead: `yes` was given, or the learner answered y on the
/// terminal. Otherwise says "Nothing done" (and why, when there is no terminal to ask on).
bool go_ahead(bool yes);

/// $XDG_STATE_HOME/scratchnet/`name` (when XDG_STATE_HOME is an absolute path), else
/// ~/.local/state/scratchnet/`name`. Throws std::runtime_error naming `what` (e.g. "your drill
/// history") when neither variable is set. Nothing is created.
std::string state_file(const std::string& name, const std::string& what);

}  // namespace grader
