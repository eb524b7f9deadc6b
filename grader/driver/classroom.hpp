// GitHub Classroom's autograding workflow (.github/workflows/classroom.yml), written from the
// course manifest: one test per chapter, `./grade NN`, worth the chapter's classroom points.
#pragma once

#include <string>

#include "manifest.hpp"

namespace grader {

/// The workflow's text. tools/classroom-workflow.sh writes it to .github/workflows/classroom.yml;
/// ./test checks that the committed file is this text and runs its commands on a copy.
std::string classroom_workflow(const Manifest& m);

/// The id of a chapter's step ("chapter-01"): the reporter reads its result from the variable
/// CHAPTER-01_RESULTS.
std::string classroom_step_id(const Chapter& ch);

}  // namespace grader
