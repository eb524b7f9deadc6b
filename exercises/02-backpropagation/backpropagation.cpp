// Chapter 02 — backpropagation. Your file: replace each `throw not_implemented(...)` with your
// code, then run `./grade 02`. The contract (what each function takes and returns, with shapes)
// is in chapters/02-backpropagation/backpropagation.hpp; the text is
// chapters/02-backpropagation/README.md. `./grade hint 02` gives hints one at a time.
// Chapter 01's functions (forward, activation, dense_forward, make_network) are available.
#include "backpropagation.hpp"

#include <cmath>

#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

Matrix softmax(const Matrix& S)
{
    // TODO: exponentiate and normalise each ROW. Try a row of logits around 1000 on paper:
    // what does exp give, and which shift of the row changes nothing mathematically?
    // xtensor trap (chapter 01's text): evaluate a row reduction before you broadcast it.
    throw not_implemented("softmax");
}

Matrix one_hot(const Labels& y, std::size_t classes)
{
    // TODO: a matrix of zeros with a single 1 per row; reject labels that do not fit.
    throw not_implemented("one_hot");
}

double cross_entropy(const Matrix& S, const Labels& y)
{
    // TODO: validate the labels first (how many, and how large). Then average, over the rows,
    // minus the log of the probability of the right class — but never take log of a softmax
    // that may have underflowed to 0: the text shows the log-sum-exp form.
    throw not_implemented("cross_entropy");
}

Matrix cross_entropy_gradient(const Matrix& S, const Labels& y)
{
    // TODO: the text derives this gradient; remember the loss is a mean. Don't modify S.
    throw not_implemented("cross_entropy_gradient");
}

DenseGradients dense_backward(const Matrix& dZ, const Matrix& X, const Matrix& W,
                              bool input_gradient)
{
    // TODO: three matrix expressions. Let the shapes guide you: each gradient has the shape
    // of the thing it is the gradient of. dot(transposed(A), B) is A^T B without copying A;
    // xt::sum(..., {axis}) sums over an axis. dX only when input_gradient is true.
    throw not_implemented("dense_backward");
}

Matrix activation_backward(const Matrix& dA, const Matrix& Z, const std::string& activation)
{
    // TODO: the element-wise chain rule. Chapter 01 already wrote every derivative you need.
    throw not_implemented("activation_backward");
}

LossAndGradients loss_and_gradients(const Network& net, const Matrix& X, const Labels& y)
{
    // TODO: one forward pass (keep its cache), the loss on its output, then walk the layers
    // from the last to the first, turning the gradient of each layer's output into the
    // gradients of its W, its b and its input.
    throw not_implemented("loss_and_gradients");
}

void sgd_step(Network& net, const Gradients& grads, double lr)
{
    // TODO: move every parameter a small step in the direction that lowers the loss.
    throw not_implemented("sgd_step");
}

std::vector<double> train(Network& net, const Matrix& X, const Labels& y, double lr,
                          std::size_t epochs)
{
    // TODO: loop over the epochs; the contract says which loss goes into the history.
    throw not_implemented("train");
}

Labels predict(const Network& net, const Matrix& X)
{
    // TODO: the class with the largest score in each row (xt::argmax can help).
    throw not_implemented("predict");
}

GradCheck gradient_check(const std::function<double(const Matrix&)>& f, const Matrix& x,
                         const Matrix& analytic, double h)
{
    // TODO: nudge one entry of a copy of x at a time, in both directions; compare the slope
    // you measure with the analytic entry using the relative error from the contract; keep
    // the worst one and where it was.
    throw not_implemented("gradient_check");
}

}  // namespace scratchnet
