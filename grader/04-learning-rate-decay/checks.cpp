// Chapter 04 hidden checks (being written).
#include "harness.hpp"
#include "learning_rate_decay.hpp"

namespace {
const grader::ChapterSeed seed{0x04c1d2e3f4a5b697ULL};
}
