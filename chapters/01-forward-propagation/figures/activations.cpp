// Data for the figure "activations.svg": each activation g and its derivative g' on z in [-5, 5],
// computed by the reference solution. Writes columns z, then g and g' for each activation.
#include <cstdio>
#include <string>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "figure.hpp"
#include "forward_propagation.hpp"

int main(int argc, char** argv)
{
    using namespace scratchnet;
    scratchnet::figure::Output fig(argc, argv);
    const char* names[] = {"identity", "sigmoid", "tanh", "relu"};
    // One column of 401 points; an odd count puts a point exactly on z = 0 (ReLU's kink).
    Matrix Z = xt::view(xt::linspace<double>(-5.0, 5.0, 401), xt::all(), xt::newaxis());
    std::FILE* out = fig.file();
    std::fprintf(out, "# z");
    for (const char* name : names)
        std::fprintf(out, " %s %s'", name, name);
    std::fprintf(out, "\n");
    Matrix columns[8];
    for (int k = 0; k < 4; ++k) {
        const Activation& g = activation(names[k]);
        columns[2 * k] = g.function(Z);
        columns[2 * k + 1] = g.derivative(Z);
    }
    for (std::size_t i = 0; i < Z.shape(0); ++i) {
        std::fprintf(out, "%.6f", Z(i, 0));
        for (const Matrix& c : columns)
            std::fprintf(out, " %.9f", c(i, 0));
        std::fprintf(out, "\n");
    }
    return fig.close();
}
