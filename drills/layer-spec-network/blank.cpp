// Drill: a network built from a layer spec ("plug and play").      ./grade drill check
//
// Row convention: a batch X (N, D), one input per row; a layer's W (inputs, outputs) and
// b (outputs), b added to every row.
//
// Write:
//   activation(name)    the Activation {name, function, derivative} of "identity", "sigmoid",
//                       "tanh" or "relu". Its function and derivative are the course's own
//                       activations::identity, activations::identity_derivative,
//                       activations::sigmoid, ... (call them, do not rewrite them). The returned
//                       reference stays valid, and unchanged, for the whole program, whatever is
//                       looked up after it.
//   make_network(spec)  one Layer per LayerSpec, in order: W all zeros (inputs, outputs), b all
//                       zeros (outputs), the activation's name copied.
//   forward(net, X)     the ForwardCache of one forward pass: A[0] = X; for each layer l,
//                       Z[l] = A[l] W_l + b_l and A[l + 1] = g_l(Z[l]), g_l being the activation
//                       the layer names. Z holds L matrices, A holds L + 1; output() is A[L].
//
// Errors, all std::invalid_argument:
//   activation    any other name: names are exact and case-sensitive ("ReLU", "relu ", "rel"
//                 and "" are unknown). The message contains the name as given and every known
//                 name.
//   make_network  an empty spec; a layer with 0 inputs or 0 outputs (also where two layers
//                 agree on a size of 0); a layer l whose inputs differ from layer l - 1's
//                 outputs, larger or smaller, at any position: the message contains both
//                 indices, l and l - 1, counting from 0; an unknown activation name in any
//                 layer, layer 0 included: the message contains that name.
//   forward       X's columns differ from the first layer's inputs: the message contains X's
//                 shape, written the way shape_str (core.hpp) writes it, e.g. "(3, 5)".
// Valid inputs next to the errors must not throw: one layer, sizes of 1, every activation.
//
// The hidden checks: every layer built exactly zero with its name; forward's output, every Z[l]
// and A[l + 1] against the course's reference (about 1e-9 absolute + 1e-7 relative), A[0] equal
// to X; networks of one layer, of widths 1, of all-zero weights, batches of one row.
//
// Matrix is xt::xtensor<double, 2>, Vector xt::xtensor<double, 1> (core.hpp); dot(A, B) is the
// matrix product; xt::zeros<double>({rows, cols}) a matrix of zeros; + broadcasts like NumPy.
#include "core.hpp"
#include "forward_propagation.hpp"

#include <string>
#include <vector>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet {

const Activation& activation(const std::string& name)
{
    // your code
    throw not_implemented("activation");
}

Network make_network(const std::vector<LayerSpec>& spec)
{
    // your code
    throw not_implemented("make_network");
}

ForwardCache forward(const Network& net, const Matrix& X)
{
    // your code
    throw not_implemented("forward");
}

}  // namespace scratchnet
