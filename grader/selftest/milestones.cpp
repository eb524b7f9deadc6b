// `./grade milestone`: the list, the run (in the -O0 course build, as far as the course's tests
// can afford: the real thing, optimized, is run by hand and by the fresh-machine check), the
// refusal to run learner code of chapters that do not pass, and the learner's results kept
// outside the repository.
#include <cstdlib>
#include <regex>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "common.hpp"

using namespace selftest;

namespace {

// A history folder of the test's own, so that the tests never read or write the real one.
struct StateHome {
    fs::path dir;
    StateHome()
        : dir(fs::temp_directory_path() /
              ("scratchnet-milestones-" + std::to_string(getpid()) + "-" +
               testing::UnitTest::GetInstance()->current_test_info()->name()))
    {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~StateHome() { fs::remove_all(dir); }
};

std::pair<int, std::string> milestone(const StateHome& state, const std::string& args)
{
    return run_command("XDG_STATE_HOME='" + state.dir.string() + "' " + paths.binary_dir +
                       "/scratchnet-grade --no-build milestone " + args + " 2>&1");
}

bool has_fashion_mnist()
{
    return fs::exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
}

}  // namespace

TEST(Milestones, ListNamesEachWithItsChaptersTargetAndStatus)
{
    StateHome state;
    auto [status, out] = milestone(state, "");
    ASSERT_EQ(status, 0) << out;
    ASSERT_FALSE(manifest().milestones.empty());
    for (const auto& ms : manifest().milestones) {
        std::string chapters;
        for (const auto& id : ms.chapters)
            chapters += (chapters.empty() ? "" : " ") + id;
        EXPECT_TRUE(std::regex_search(out, std::regex(ms.name + " +" + chapters + " +")))
            << ms.name << " with chapters " << chapters << " in:\n"
            << out;
        EXPECT_NE(out.find(ms.target), std::string::npos) << out;
        EXPECT_NE(out.find(ms.title), std::string::npos) << out;
        EXPECT_TRUE(fs::exists(paths.source_dir + "/milestones/results/" + ms.name + ".json"))
            << "the reference's result should be recorded (./grade milestone run " << ms.name
            << " --reference --record)";
    }
    EXPECT_NE(out.find("not run yet"), std::string::npos) << out;
    // Chapter 09's milestone, which needs the most chapters of all.
    EXPECT_TRUE(std::regex_search(out, std::regex("modern-mlp +01 02 03 04 06 08 09 +"))) << out;

    auto [json_status, json_out] = milestone(state, "list --json");
    ASSERT_EQ(json_status, 0) << json_out;
    auto list = nlohmann::json::parse(json_out, nullptr, false);
    ASSERT_TRUE(list.is_array()) << json_out;
    EXPECT_EQ(list.size(), manifest().milestones.size());
}

TEST(Milestones, ListShowsTheBestResultFromTheHistory)
{
    StateHome state;
    const auto& ms = manifest().milestones.back();
    fs::create_directories(state.dir / "scratchnet");
    std::ofstream(state.dir / "scratchnet" / "milestones.json") << nlohmann::json{
        {ms.name,
         {{"best", {{ms.metric, 0.8731}, {"reached", true}, {"date", "2026-01-02"}}},
          {"runs", 2}}}}.dump();
    auto [status, out] = milestone(state, "");
    ASSERT_EQ(status, 0) << out;
    EXPECT_NE(out.find("reached: 0.87"), std::string::npos) << out;
    EXPECT_NE(out.find("2026-01-02"), std::string::npos) << out;
}

TEST(Milestones, UnknownNameIsAUsageError)
{
    StateHome state;
    auto [status, out] = milestone(state, "run no-such-milestone");
    EXPECT_EQ(status, 2) << out;
    for (const auto& ms : manifest().milestones)
        EXPECT_NE(out.find(ms.name), std::string::npos) << "should list " << ms.name << ":\n"
                                                        << out;
}

TEST(Milestones, ChaptersThatDoNotPassComeFirst)
{
    // The shipped stubs pass nothing: the milestone names its chapters and runs nothing.
    StateHome state;
    const auto& ms = manifest().milestones.front();
    auto [status, out] = milestone(state, "run " + ms.name + " --course-build");
    EXPECT_EQ(status, 1) << out;
    EXPECT_NE(out.find("pass first"), std::string::npos) << out;
    EXPECT_NE(out.find("./grade " + ms.chapters.front()), std::string::npos) << out;
    EXPECT_NE(out.find("--reference"), std::string::npos) << out;
    EXPECT_EQ(out.find("Target:"), std::string::npos) << "it ran anyway:\n" << out;
    EXPECT_FALSE(fs::exists(state.dir / "scratchnet" / "milestones.json"));
}

TEST(Milestones, ExerciseBuildRunsTheLearnersCode)
{
    // Built against the stubs, the program stops at the first unwritten function and says so.
    const auto& ms = manifest().milestones.front();
    auto [status, out] = run_command(paths.binary_dir + "/milestones/milestone-" + ms.name +
                                     "-exercise --epochs 10 2>&1");
    EXPECT_EQ(status, 3) << out;
    EXPECT_NE(out.find("is not implemented yet"), std::string::npos) << out;
}

TEST(Milestones, XorWithTheReferencesReachesItsTarget)
{
    StateHome state;
    auto [status, out] = milestone(state, "run xor-1986 --reference --course-build");
    EXPECT_EQ(status, 0) << out;
    EXPECT_TRUE(std::regex_search(out, std::regex(R"(learned XOR from \d+ of 20 seeds)"))) << out;
    EXPECT_NE(out.find("— reached."), std::string::npos) << out;
    EXPECT_NE(out.find("reference (recorded"), std::string::npos) << out;
    EXPECT_FALSE(fs::exists(state.dir / "scratchnet" / "milestones.json"))
        << "a reference run is not the learner's result";
}

TEST(Milestones, FashionMnistShortRunPrintsTheLineScriptsRead)
{
    if (!has_fashion_mnist())
        GTEST_SKIP() << "dataset-fashion-mnist is not installed (./test installs it)";
    StateHome state;
    auto [status, out] = milestone(
        state, "run fashion-mnist --reference --course-build --epochs 1 --train-limit 1500");
    EXPECT_EQ(status, 0) << out;
    EXPECT_TRUE(std::regex_search(
        out, std::regex(R"(\ntest accuracy 0\.\d{4} after 1 epoch, \d+\.\d s\n)")))
        << out;
    EXPECT_TRUE(std::regex_search(out, std::regex(R"(epoch 1/1 \[#+\] +\d+ samples/s  loss )")))
        << out;
    EXPECT_NE(out.find("not judged"), std::string::npos) << out;
}

TEST(Milestones, ModernMlpShortRunPrintsTheLineScriptsRead)
{
    // One epoch on 200 images (180 trained on: two batches of 64, the partial one dropped; 20 for
    // validation), in the -O0 build: the line scripts read, the epoch's validation line, and no
    // verdict. Kept that small for CI's time: unoptimized, a batch of this model costs ~0.6 s of
    // CPU (Adam over 567 000 parameters, batch norm, dropout) and reading and evaluating the
    // 10 000 test images ~3 s; 1 500 images (21 batches) took 15 s.
    if (!has_fashion_mnist())
        GTEST_SKIP() << "dataset-fashion-mnist is not installed (./test installs it)";
    StateHome state;
    auto [status, out] =
        milestone(state, "run modern-mlp --reference --course-build --epochs 1 --train-limit 200");
    EXPECT_EQ(status, 0) << out;
    EXPECT_NE(out.find("Fashion-MNIST: 180 training, 20 validation and 10000 test images"),
              std::string::npos)
        << out;
    EXPECT_TRUE(std::regex_search(
        out, std::regex(R"(\ntest accuracy 0\.\d{4} after 1 epoch, \d+\.\d s\n)")))
        << out;
    EXPECT_TRUE(std::regex_search(
        out, std::regex(R"(epoch 1/1 \[#+\] +\d+ samples/s  loss \d\.\d{4}  validation loss )"
                        R"(\d\.\d{4} accuracy 0\.\d{4}  lr 0\.001)")))
        << out;
    EXPECT_NE(out.find("not judged"), std::string::npos) << out;
}
