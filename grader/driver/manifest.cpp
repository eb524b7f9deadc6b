#include "manifest.hpp"

#include <algorithm>
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

namespace {

// Gradescope's values of a test's "visibility" (its autograder specification, "Output format":
// https://gradescope-autograders.readthedocs.io/en/latest/specs/).
const char* const visibilities[] = {"visible", "hidden", "after_due_date", "after_published"};

double read_points(const nlohmann::json& v, const std::string& where)
{
    if (!v.is_number() || v.get<double>() < 0)
        throw std::runtime_error("course.json: " + where + ": \"points\" is " + v.dump() +
                                 "; it must be a number of points, 0 or more");
    return v.get<double>();
}

std::string read_visibility(const nlohmann::json& v, const std::string& where)
{
    for (const char* known : visibilities)
        if (v.is_string() && v.get<std::string>() == known)
            return known;
    throw std::runtime_error("course.json: " + where + ": \"visibility\" is " + v.dump() +
                             "; Gradescope knows \"visible\", \"hidden\", \"after_due_date\" "
                             "and \"after_published\"");
}

// A chapter's optional grading settings: "grading": {"points", "visibility" (the defaults of
// its checks), "classroom_points"}, and a check's own "points" and "visibility".
void read_grading(const nlohmann::json& c, Chapter& ch)
{
    const std::string where = "chapter " + ch.id;
    double points = 1;
    std::string visibility = "visible";
    const nlohmann::json grading = c.value("grading", nlohmann::json::object());
    if (!grading.is_object())
        throw std::runtime_error("course.json: " + where + ": \"grading\" must be an object");
    for (const auto& [key, value] : grading.items())
        if (key == "points")
            points = read_points(value, where + " (grading)");
        else if (key == "visibility")
            visibility = read_visibility(value, where + " (grading)");
        else if (key != "classroom_points")
            throw std::runtime_error("course.json: " + where +
                                     ": \"grading\" has an unknown key \"" + key +
                                     "\" (known: points, visibility, classroom_points)");
    double sum = 0;
    for (std::size_t i = 0; i < ch.checks.size(); ++i) {
        const nlohmann::json& k = c.at("checks").at(i);
        CheckInfo& info = ch.checks[i];
        const std::string at = where + ", check " + info.name;
        info.points = k.contains("points") ? read_points(k.at("points"), at) : points;
        info.visibility =
            k.contains("visibility") ? read_visibility(k.at("visibility"), at) : visibility;
        sum += info.points;
    }
    ch.classroom_points = static_cast<int>(sum + 0.5);
    if (grading.contains("classroom_points")) {
        const nlohmann::json& v = grading.at("classroom_points");
        if (!v.is_number_integer() || v.get<int>() < 0)
            throw std::runtime_error("course.json: " + where + ": \"classroom_points\" is " +
                                     v.dump() + "; it must be a whole number, 0 or more");
        ch.classroom_points = v.get<int>();
    }
}

}  // namespace

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
        read_grading(c, ch);
        m.chapters.push_back(std::move(ch));
    }
    for (const auto& d : j.value("drills", nlohmann::json::array())) {
        Drill drill;
        drill.name = d.at("name").get<std::string>();
        drill.title = d.at("title").get<std::string>();
        drill.chapter = d.at("chapter").get<std::string>();
        drill.functions = d.at("functions").get<std::vector<std::string>>();
        drill.par_seconds = d.at("par_seconds").get<int>();
        drill.interview = d.value("interview", "");
        for (const auto& name : d.at("checks")) {
            const CheckInfo* info = nullptr;
            for (const auto& ch : m.chapters)
                if ((info = ch.check(name.get<std::string>()))) {
                    if (std::find(drill.chapters.begin(), drill.chapters.end(), ch.id) ==
                        drill.chapters.end())
                        drill.chapters.push_back(ch.id);
                    break;
                }
            if (!info)
                throw std::runtime_error("course.json: drill " + drill.name + " names the check " +
                                         name.get<std::string>() + ", which no chapter has");
            drill.checks.push_back(*info);
        }
        for (const auto& k : d.value("own_checks", nlohmann::json::array())) {
            drill.checks.push_back(
                {k.at("name").get<std::string>(), k.value("function", ""), k.value("hint", "")});
            drill.own.push_back(drill.checks.back().name);
        }
        m.drills.push_back(std::move(drill));
    }
    for (const auto& d : j.value("milestones", nlohmann::json::array())) {
        Milestone ms;
        ms.name = d.at("name").get<std::string>();
        ms.title = d.at("title").get<std::string>();
        ms.program = d.at("program").get<std::string>();
        ms.chapters = d.at("chapters").get<std::vector<std::string>>();
        ms.metric = d.at("metric").get<std::string>();
        ms.at_least = d.at("at_least").get<double>();
        ms.target = d.at("target").get<std::string>();
        ms.needs_data = d.value("needs_data", false);
        ms.seconds_limit = d.value("seconds_limit", 600.0);
        for (const auto& s : d.at("shown"))
            ms.shown.push_back(
                {s.at(0).get<std::string>(), s.at(1).get<std::string>(), s.at(2).get<int>()});
        for (const auto& id : ms.chapters)
            if (!m.find(id))
                throw std::runtime_error("course.json: milestone " + ms.name + " needs chapter " +
                                         id + ", which does not exist");
        m.milestones.push_back(std::move(ms));
    }
    return m;
}

std::string Drill::filter() const
{
    std::string f;
    for (const auto& c : checks)
        f += (f.empty() ? "" : ":") + c.name;
    return f;
}

const Drill* Manifest::drill(const std::string& name) const
{
    for (const auto& d : drills)
        if (d.name == name)
            return &d;
    return nullptr;
}

const Milestone* Manifest::milestone(const std::string& name) const
{
    for (const auto& ms : milestones)
        if (ms.name == name)
            return &ms;
    return nullptr;
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
