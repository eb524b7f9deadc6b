// The channel from a chapter's test process to the grader, and the reference record.
//
// Events are appended as JSON lines to the file named by SCRATCHNET_RESULTS, each written with
// one write(2) so that a crash leaves every earlier line intact. The last line, "end", carries
// the token the grader put in SCRATCHNET_RESULT_TOKEN: a run without it did not finish,
// whatever its exit status — so exit(0) in learner code can never read as a pass.
#pragma once

#include <cstdint>
#include <string>

#include <xtensor/xarray.hpp>

namespace grader::results {

void case_started(const std::string& check, int index, int count, std::uint64_t seed);
/// A stub's not_implemented stopped the current check: the next failure reported is that one
/// (its status is "not_implemented", not "failed").
void not_implemented(const std::string& function);

bool recording();
void record_reference(const std::string& key, const xt::xarray<double>& value);
const xt::xarray<double>* reference(const std::string& key);

/// Reads the environment, installs the GoogleTest listener; call before RUN_ALL_TESTS.
void start(int argc, char** argv);
/// Writes the reference record (record mode) and the end line; returns the exit status.
int finish(int gtest_status);

}  // namespace grader::results
