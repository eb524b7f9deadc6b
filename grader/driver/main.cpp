// scratchnet-grade: the learner's grader. Run through ./grade at the repository root.
#include <fstream>
#include <iostream>

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "manifest.hpp"
#include "report.hpp"
#include "runner.hpp"

using namespace grader;

namespace {

int show_hint(const Manifest& manifest, const Paths& paths, const std::string& key)
{
    const Chapter* ch = manifest.find(key);
    if (!ch) {
        std::cerr << "grade: no chapter \"" << key << "\"\n";
        return 2;
    }
    if (ch->hints.empty()) {
        std::cout << "Chapter " << ch->id << " has no hints yet.\n";
        return 0;
    }
    // How many hints were shown is kept in the build folder, never in exercises/.
    const std::string state_path = paths.binary_dir + "/grader-hints.json";
    nlohmann::json state = nlohmann::json::object();
    if (std::ifstream in(state_path); in)
        state = nlohmann::json::parse(in, nullptr, false);
    if (!state.is_object())
        state = nlohmann::json::object();
    std::size_t shown = state.value(ch->id, 0);
    std::size_t next = std::min(shown, ch->hints.size() - 1);
    std::cout << "Chapter " << ch->id << " hint " << next + 1 << " of " << ch->hints.size()
              << ":\n  " << ch->hints[next] << "\n";
    if (next + 1 < ch->hints.size())
        std::cout << "(run it again for the next hint)\n";
    state[ch->id] = next + 1;
    std::ofstream(state_path) << state.dump(2) << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"scratchnet grader: builds your exercises and runs the hidden checks.\n"
                 "  ./grade            progress table of every chapter\n"
                 "  ./grade 01         one chapter's checks, with failures and hints\n"
                 "  ./grade hint 01    the next hint for a chapter",
                 "grade"};
    std::string chapter_key;
    Limits limits;
    Paths paths{SCRATCHNET_SOURCE_DIR, SCRATCHNET_BINARY_DIR};
    std::string variant = "exercise";
    bool no_build = false;
    app.add_option("chapter", chapter_key, "a chapter: 01, 1, forward-propagation, …");
    app.add_option("--timeout", limits.seconds, "seconds each chapter's checks may run")
        ->capture_default_str();
    app.add_option("--memory", limits.memory_mb, "megabytes of memory each chapter may use")
        ->capture_default_str();
    app.add_option("--variant", variant,
                   "what to grade: exercise, reference, or mutant-NAME (for course developers)")
        ->group("Course developers");
    app.add_flag("--no-build", no_build, "grade the binaries as they are")
        ->group("Course developers");
    auto* hint = app.add_subcommand("hint", "show the next hint for a chapter");
    std::string hint_key;
    hint->add_option("chapter", hint_key, "the chapter")->required();
    CLI11_PARSE(app, argc, argv);

    try {
        Manifest manifest = Manifest::load(paths.source_dir + "/course.json");
        if (*hint)
            return show_hint(manifest, paths, hint_key);

        std::vector<const Chapter*> chosen;
        if (!chapter_key.empty()) {
            const Chapter* ch = manifest.find(chapter_key);
            if (!ch) {
                std::cerr << "grade: no chapter \"" << chapter_key << "\". Chapters:";
                for (const auto& c : manifest.chapters)
                    std::cerr << " " << c.id << " (" << c.slug() << ")";
                std::cerr << "\n";
                return 2;
            }
            chosen.push_back(ch);
        } else {
            for (const auto& c : manifest.chapters)
                chosen.push_back(&c);
        }

        Style style{isatty(1) != 0 && std::getenv("NO_COLOR") == nullptr};
        std::vector<ChapterResult> results;
        for (const Chapter* ch : chosen) {
            ChapterResult r;
            r.chapter = ch;
            if (!no_build && variant == "exercise") {
                std::cerr << "Building chapter " << ch->id << " (" << ch->title << ")…\n";
                if (!build_chapter(paths, "grade-" + ch->id, r)) {
                    results.push_back(r);
                    continue;
                }
            }
            run_chapter(paths, chapter_binary(paths, *ch, variant), limits, r);
            results.push_back(r);
        }

        if (chapter_key.empty())
            print_table(std::cout, manifest, results, style);
        else
            print_chapter(std::cout, results.front(), style);
        print_next_step(std::cout, results, !chapter_key.empty());

        for (const auto& r : results)
            if (r.status != ChapterStatus::passed)
                return 1;
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "grade: " << e.what() << "\n";
        return 2;
    }
}
