// What every milestone program shares: its few options, a clock, a progress bar and the result
// record the grader reads (`./grade milestone run NAME` builds and runs these programs; see
// milestones/README.md).
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include <nlohmann/json.hpp>

namespace milestone {

/// The options the grader (and the course's tests) pass: `--out FILE` (the result record),
/// `--epochs N` and `--train-limit N` (a shorter run, for tests), `--seed S`.
struct Options {
    std::string out;
    long epochs = -1;       ///< -1: the milestone's own number
    long train_limit = -1;  ///< -1: the whole training set
    long seed = -1;         ///< -1: the milestone's own seed

    static Options parse(int argc, char** argv)
    {
        Options o;
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            if (i + 1 >= argc)
                throw std::invalid_argument("option " + arg + " needs a value");
            const std::string value = argv[++i];
            if (arg == "--out")
                o.out = value;
            else if (arg == "--epochs")
                o.epochs = std::stol(value);
            else if (arg == "--train-limit")
                o.train_limit = std::stol(value);
            else if (arg == "--seed")
                o.seed = std::stol(value);
            else
                throw std::invalid_argument("unknown option " + arg);
        }
        return o;
    }
};

/// Seconds since construction.
class Clock {
public:
    double seconds() const
    {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

/// One line redrawn in place on a terminal (`\r`); elsewhere (a log, a pipe) only the final
/// line of each bar is printed.
class ProgressBar {
public:
    explicit ProgressBar(std::string label, std::size_t total)
        : label_(std::move(label)), total_(total), tty_(isatty(1) != 0)
    {}

    /// Redraws the bar at `done` of `total`, with text after it (at most ~10 times a second).
    void update(std::size_t done, const std::string& text)
    {
        if (!tty_ || (done < total_ && clock_.seconds() - last_ < 0.1))
            return;
        last_ = clock_.seconds();
        std::cout << "\r" << line(done, text) << std::flush;
    }

    /// The bar's final state, ending the line.
    void finish(const std::string& text)
    {
        std::cout << (tty_ ? "\r" : "") << line(total_, text) << (tty_ ? "\033[K\n" : "\n")
                  << std::flush;
    }

private:
    std::string line(std::size_t done, const std::string& text) const
    {
        const int width = 24;
        const int filled = total_ ? static_cast<int>(width * done / total_) : width;
        std::string bar = label_ + " [";
        for (int i = 0; i < width; ++i)
            bar += i < filled ? "#" : (i == filled ? ">" : ".");
        return bar + "] " + text;
    }

    std::string label_;
    std::size_t total_;
    bool tty_;
    Clock clock_;
    double last_ = -1.0;
};

/// printf into a std::string.
template <class... Args>
std::string format(const char* fmt, Args... args)
{
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, fmt, args...);
    return buffer;
}

/// Writes the result record the grader reads; `--out` unset writes nothing.
inline void write_result(const Options& o, const nlohmann::json& result)
{
    if (o.out.empty())
        return;
    std::ofstream file(o.out);
    file << result.dump(2) << "\n";
    if (!file)
        throw std::runtime_error("cannot write " + o.out);
}

/// Runs a milestone's body, turning an exception (from the learner's code too) into a clear
/// message and exit status 3.
template <class Body>
int run(int argc, char** argv, Body body)
{
    try {
        body(Options::parse(argc, argv));
        return 0;
    } catch (const std::exception& e) {
        std::cout << std::flush;
        std::cerr << "\nThe milestone stopped: " << e.what() << "\n";
        return 3;
    }
}

}  // namespace milestone
