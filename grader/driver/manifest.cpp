#include "manifest.hpp"

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace grader {

std::string Chapter::slug() const
{
    auto dash = folder.find('-');
    return dash == std::string::npos ? folder : folder.substr(dash + 1);
}

const CheckInfo* Chapter::check(const std::string& name) const
{
    for (const auto& c : checks)
        if (c.name == name)
            return &c;
    return nullptr;
}

Manifest Manifest::load(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open the course manifest " + path);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("the course manifest " + path + " is not valid JSON: " + e.what());
    }
    Manifest m;
    m.title = j.value("title", "scratchnet");
    for (const auto& c : j.at("chapters")) {
        Chapter ch;
        ch.id = c.at("id").get<std::string>();
        ch.folder = c.at("folder").get<std::string>();
        ch.title = c.at("title").get<std::string>();
        ch.contract = c.at("contract").get<std::string>();
        ch.exercise = c.at("exercise").get<std::string>();
        for (const auto& k : c.at("checks"))
            ch.checks.push_back(
                {k.at("name").get<std::string>(), k.value("function", ""), k.value("hint", "")});
        ch.hints = c.value("hints", std::vector<std::string>{});
        m.chapters.push_back(std::move(ch));
    }
    return m;
}

const Chapter* Manifest::find(const std::string& key) const
{
    for (const auto& ch : chapters) {
        bool numeric = !key.empty() && key.find_first_not_of("0123456789") == std::string::npos;
        if (key == ch.id || key == ch.folder || key == ch.slug() ||
            (numeric && key.size() < 4 && std::stoi(key) == std::stoi(ch.id)))
            return &ch;
    }
    return nullptr;
}

}  // namespace grader
