// The xtensor idioms the chapters teach, instantiated once in the precompiled header.
//
// Compiling an exercise is mostly instantiating xtensor's expression templates for the
// expressions it contains (clang's -ftime-trace: ~80 % of the time). The expressions below —
// the ones the chapter texts and reference solutions use — are instantiated here, in the PCH
// (-fpch-instantiate-templates), and compiled to machine code once (-fpch-codegen; the object
// is part of scratchnet_core), so an exercise written with them compiles about 3x faster.
//
// Keep the list SHORT: measured, every specialization in the PCH also slows the lookup of
// the ones it does not have (a 90-idiom list made a chapter written in another style 15 %
// slower than no list; this one leaves such a file as fast as before). Add the idioms a new
// chapter's text teaches, then run bench/edit_to_verdict.sh. The types must be exactly the
// learner's: a literal (`1.0 - Z`) gives xscalar<double>, a named double (`lr * dW`)
// xscalar<const double&>, a function's result (`softmax(S) - Y`) is held by value; `Matrix m =
// expr` and `return expr` use the converting constructor, `m = expr` the assignment (each idiom
// is instantiated both ways).
#pragma once

#include "core.hpp"

// Instantiates `expr` as a Type built from it and assigned from it.
#define SCRATCHNET_IDIOM(Type, expr)                                                               \
    {                                                                                              \
        Type built = (expr);                                                                       \
        built = (expr);                                                                            \
        (void)built;                                                                               \
    }

namespace scratchnet::pch_idioms {
// A matrix returned by a function (softmax(S), one_hot(y, C)): an rvalue.
inline Matrix result(const Matrix& A) { return A; }
inline void matrices(const Matrix& A, const Matrix& B, const Vector& v, double s, std::size_t n)
{
    // chapter 01: activations, their derivatives, the dense layer
    SCRATCHNET_IDIOM(Matrix, xt::ones_like(A))
    SCRATCHNET_IDIOM(Matrix, xt::exp(-xt::abs(A)))
    SCRATCHNET_IDIOM(Matrix, xt::where(A >= 0.0, 1.0 / (1.0 + B), B / (1.0 + B)))
    SCRATCHNET_IDIOM(Matrix, A * (1.0 - A))
    SCRATCHNET_IDIOM(Matrix, xt::tanh(A))
    SCRATCHNET_IDIOM(Matrix, 1.0 - A * A)
    SCRATCHNET_IDIOM(Matrix, xt::maximum(A, 0.0))
    SCRATCHNET_IDIOM(Matrix, xt::where(A > 0.0, 1.0, 0.0))
    SCRATCHNET_IDIOM(Matrix, dot(A, B) + v)
    SCRATCHNET_IDIOM(Matrix, xt::zeros<double>({n, n}))
    // chapter 02: softmax, log-sum-exp, (P - Y) / N, the dense backward pass, SGD
    Matrix M = A;
    Vector big = xt::amax(A, {1});
    Vector rows = xt::sum(M, {1});
    SCRATCHNET_IDIOM(Matrix, xt::exp(A - xt::view(big, xt::all(), xt::newaxis())))
    SCRATCHNET_IDIOM(Matrix, M / xt::view(rows, xt::all(), xt::newaxis()))
    SCRATCHNET_IDIOM(Matrix, A - xt::view(big, xt::all(), xt::newaxis()))
    SCRATCHNET_IDIOM(Vector, big + xt::log(xt::sum(xt::exp(M), {1})))
    SCRATCHNET_IDIOM(Matrix, (result(A) - result(B)) / s)
    SCRATCHNET_IDIOM(Matrix, dot(A, xt::transpose(B)))
    SCRATCHNET_IDIOM(Matrix, dot(xt::transpose(A), B))
    SCRATCHNET_IDIOM(Vector, xt::sum(A, {0}))
    SCRATCHNET_IDIOM(Matrix, A * result(B))
    M -= s * B;
    Vector w = v;
    w -= s * v;
    auto best = xt::argmax(A, 1);
    (void)best;
    // chapter 03: the mean and standard deviation of a layer, a Frobenius norm
    const double mean = xt::mean(A)();
    SCRATCHNET_IDIOM(double, xt::mean(xt::square(A - mean))())
    SCRATCHNET_IDIOM(double, xt::sum(xt::square(A))())
    SCRATCHNET_IDIOM(Vector, xt::zeros<double>({n}))
}
}  // namespace scratchnet::pch_idioms
#undef SCRATCHNET_IDIOM
