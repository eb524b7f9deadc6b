// scratchnet-classroom [FILE]: writes GitHub Classroom's autograding workflow, made from
// course.json, to FILE (default: standard output). tools/classroom-workflow.sh runs it.
#include <fstream>
#include <iostream>

#include "classroom.hpp"

int main(int argc, char** argv)
{
    try {
        const auto manifest =
            grader::Manifest::load(std::string(SCRATCHNET_SOURCE_DIR) + "/course.json");
        const std::string text = grader::classroom_workflow(manifest);
        if (argc < 2) {
            std::cout << text;
            return 0;
        }
        std::ofstream out(argv[1]);
        out << text;
        if (!out) {
            std::cerr << "scratchnet-classroom: cannot write " << argv[1] << "\n";
            return 1;
        }
    } catch (const std::exception& e) {
        std::cerr << "scratchnet-classroom: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
