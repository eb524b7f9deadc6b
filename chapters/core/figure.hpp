// What every figure program (chapters/NN/figures/NAME.cpp) shares: its one argument, the data
// file it writes there for gnuplot, and the clock whose seconds it reports on stderr.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace scratchnet::figure {

/// A figure program's data file. `Output fig(argc, argv)` first thing in `main`: without exactly
/// one argument (the path the docs build passes) it prints the usage and exits with status 2.
/// `fig.file()` opens the file on first use (it exits with status 1 when it cannot);
/// `fig.seconds()` is the time since the construction; `return fig.close();` ends `main` with 0
/// only when everything was written.
class Output {
public:
    Output(int argc, char** argv) : start_(std::chrono::steady_clock::now())
    {
        if (argc != 2) {
            std::fprintf(stderr, "usage: %s OUTPUT.dat\n", argc > 0 ? argv[0] : "figure");
            std::exit(2);
        }
        path_ = argv[1];
    }
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;
    ~Output()
    {
        if (file_)
            std::fclose(file_);
    }

    std::FILE* file()
    {
        if (!file_) {
            file_ = std::fopen(path_, "w");
            if (!file_) {
                std::fprintf(stderr, "cannot write %s\n", path_);
                std::exit(1);
            }
        }
        return file_;
    }

    double seconds() const
    {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

    /// Closes the file (opening it first if nothing was written): 0 when all went to disk, else 1.
    int close()
    {
        std::FILE* f = file();
        file_ = nullptr;
        return std::fclose(f) == 0 ? 0 : 1;
    }

private:
    std::chrono::steady_clock::time_point start_;
    const char* path_ = nullptr;
    std::FILE* file_ = nullptr;
};

}  // namespace scratchnet::figure
