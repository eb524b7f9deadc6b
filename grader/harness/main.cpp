// main() of every chapter's test binary: GoogleTest plus the grader's result channel.
#include <gtest/gtest.h>

#include "results.hpp"

int main(int argc, char** argv)
{
    testing::InitGoogleTest(&argc, argv);
    grader::results::start(argc, argv);
    int status = RUN_ALL_TESTS();
    return grader::results::finish(status);
}
