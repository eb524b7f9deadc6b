#include "ask.hpp"

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <stdexcept>
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

std::string state_file(const std::string& name, const std::string& what)
{
    const char* state = std::getenv("XDG_STATE_HOME");
    if (state && *state == '/')  // the XDG spec: a relative path is invalid and ignored
        return std::string(state) + "/scratchnet/" + name;
    const char* home = std::getenv("HOME");
    if (!home || !*home)
        throw std::runtime_error(
            "neither XDG_STATE_HOME nor HOME is set: there is nowhere to keep " + what);
    return std::string(home) + "/.local/state/scratchnet/" + name;
}

}  // namespace grader
