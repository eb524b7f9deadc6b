// Chapter 01 — forward propagation. Your file: replace each `throw not_implemented(...)` with
// your code, then run `./grade 01`. The contract (what each function takes and returns, with
// shapes) is in chapters/01-forward-propagation/forward_propagation.hpp; the text is
// chapters/01-forward-propagation/README.md. `./grade hint 01` gives hints one at a time.
#include "forward_propagation.hpp"

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>

namespace scratchnet {

namespace activations {

Matrix identity(const Matrix& Z)
{
    // TODO: the easiest one — but return a value of the same shape as Z.
    throw not_implemented("activations::identity");
}

Matrix identity_derivative(const Matrix& Z)
{
    // TODO: the slope of g(z) = z, for every entry of Z.
    throw not_implemented("activations::identity_derivative");
}

Matrix sigmoid(const Matrix& Z)
{
    // TODO: element-wise 1 / (1 + e^-z). The grader feeds |z| up to 1e4: check what each
    // form you try gives for z = +1e4 and z = -1e4 before you trust it (NaN is a fail).
    throw not_implemented("activations::sigmoid");
}

Matrix sigmoid_derivative(const Matrix& Z)
{
    // TODO: the derivative with respect to z. Which value does the formula need: z or sigma(z)?
    throw not_implemented("activations::sigmoid_derivative");
}

Matrix tanh(const Matrix& Z)
{
    // TODO: xtensor has element-wise maths functions in the xt:: namespace.
    throw not_implemented("activations::tanh");
}

Matrix tanh_derivative(const Matrix& Z)
{
    // TODO: differentiate tanh on paper first; it can be written with tanh itself.
    throw not_implemented("activations::tanh_derivative");
}

Matrix relu(const Matrix& Z)
{
    // TODO: max(z, 0) element by element.
    throw not_implemented("activations::relu");
}

Matrix relu_derivative(const Matrix& Z)
{
    // TODO: a mask of 0s and 1s, not the ReLU's values. The contract says what happens at 0.
    throw not_implemented("activations::relu_derivative");
}

}  // namespace activations

const Activation& activation(const std::string& name)
{
    // TODO: map each known name to an Activation {name, function, derivative}. Build the table
    // once (a function-local static), return a reference into it, and for an unknown name throw
    // std::invalid_argument whose message lists the names you know.
    throw not_implemented("activation");
}

Matrix dense_forward(const Matrix& X, const Matrix& W, const Vector& b)
{
    // TODO: check the shapes first (shape_str() writes a shape for your message), then
    // compute Z = X W + b. dot() is the matrix product; b broadcasts over rows on its own.
    throw not_implemented("dense_forward");
}

Network make_network(const std::vector<LayerSpec>& spec)
{
    // TODO: validate the spec (see the contract for every error case), then give each layer
    // zero weights of shape (inputs, outputs) and a zero bias of shape (outputs).
    throw not_implemented("make_network");
}

ForwardCache forward(const Network& net, const Matrix& X)
{
    // TODO: keep every intermediate result: the contract's ForwardCache says exactly which
    // matrix goes where, and chapter 02's backward pass will rely on it.
    throw not_implemented("forward");
}

Network xor_network()
{
    // TODO: build a small network with make_network and choose its weights by hand so that
    // forward() gives 0, 1, 1, 0 on the four inputs. Work it out on paper first; the chapter's
    // section on XOR explains why one layer cannot do it.
    throw not_implemented("xor_network");
}

}  // namespace scratchnet
