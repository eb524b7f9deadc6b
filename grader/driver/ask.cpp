#include "ask.hpp"

#include <ctime>
#include <iostream>
#include <string>

#include <unistd.h>

namespace grader {

std::filesystem::path new_backup_folder(const std::filesystem::path& root)
{
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    std::filesystem::path folder = root / stamp;
    for (int n = 2; std::filesystem::exists(folder); ++n)
        folder = root / (std::string(stamp) + "-" + std::to_string(n));
    return folder;
}

bool go_ahead(bool yes)
{
    if (yes)
        return true;
    if (!isatty(0)) {
        std::cout << "Nothing done: no terminal to confirm on. Run again with --yes.\n";
        return false;
    }
    std::cout << "Go ahead? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer == "y" || answer == "Y" || answer == "yes")
        return true;
    std::cout << "Nothing done.\n";
    return false;
}

}  // namespace grader
