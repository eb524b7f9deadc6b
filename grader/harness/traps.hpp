// Traps: exceptions whose own text misleads a learner (std::bad_alloc for a made-up size,
// xtensor's broadcast error), and the cause each almost always has.
#pragma once

#include <cstddef>
#include <exception>
#include <string>

namespace grader::traps {

/// Where the text explains the traps, as a report line names it.
extern const char* const where_explained;

/// Forgets the size of the last allocation that failed (called when a case starts).
void forget_failed_allocation();

/// The size in bytes of the last `operator new` request that failed since the case started,
/// or 0 (none failed, or the sanitizer build, whose allocator is AddressSanitizer's).
std::size_t failed_allocation();

/// True when `bytes` is far more than this machine or the grader's limit could ever hold:
/// a size made up from a garbage shape, not a program that slowly ran out of memory.
bool absurd_size(double bytes);

/// When `value` is the grader's fill for memory never written (about -5.49e+303) or freed
/// (about 7.75e-304; see MALLOC_PERTURB_ in grader/driver/runner.cpp): the sentence that says
/// so and what usually causes it; else "".
std::string fill_value_cause(double value);

/// For the exception being handled (call inside a catch block): the sentence that names the
/// likely cause, or "" when it is not a known trap.
std::string cause_of_current_exception();

}  // namespace grader::traps
