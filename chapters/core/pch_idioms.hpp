// The xtensor idioms the chapters teach, instantiated once in the precompiled header.
//
// Compiling an exercise is mostly instantiating xtensor's expression templates for the
// expressions it contains (measured with clang's -ftime-trace: ~80 % of the time). Every
// expression below is instantiated here, in the PCH (-fpch-instantiate-templates), and compiled
// to machine code once (-fpch-codegen, object linked into scratchnet_core), so an exercise
// that uses these idioms — or pieces of them: the assigners and steppers of a Matrix are
// shared — compiles much faster. Nothing here is called; it only has to be instantiated. Add
// an idiom when a chapter teaches a new one (bench/edit_to_verdict.sh measures the effect).
#pragma once

#include "core.hpp"

namespace scratchnet::pch_idioms {

inline void matrices(const Matrix& A, const Matrix& B, const Vector& v, double s)
{
    // element-wise maths
    Matrix r = -A;
    r = xt::exp(A);
    r = xt::exp(-A);
    r = xt::exp(-xt::abs(A));
    r = xt::log(A);
    r = xt::log1p(A);
    r = xt::tanh(A);
    r = xt::abs(A);
    r = xt::sqrt(A);
    r = xt::square(A);
    r = xt::maximum(A, s);
    r = xt::minimum(A, s);
    r = xt::maximum(A, B);
    // arithmetic: matrix with matrix, with a scalar on either side, with a row vector
    r = A + B;
    r = A - B;
    r = A * B;
    r = A / B;
    r = A + s;
    r = A - s;
    r = A * s;
    r = A / s;
    r = s + A;
    r = s - A;
    r = s * A;
    r = s / A;
    r = A + v;
    r = A - v;
    r = A * v;
    r = A / v;
    r = s - A * A;
    r = A * (s - A);
    r = s / (s + A);
    r = s / (s + xt::exp(-A));
    r = A - s * B;
    r += B;
    r -= B;
    r *= B;
    r /= B;
    r += s;
    r -= s;
    r *= s;
    r /= s;
    r -= s * B;
    // comparisons and selections
    r = xt::where(A > s, s, s);
    r = xt::where(A >= s, s, s);
    r = xt::where(A > s, A, s);
    r = xt::where(A >= s, B, A);
    r = xt::where(A > s, B, s);
    r = xt::where(A < s, A, B);
    r = B * (A > s);
    r = B * xt::where(A > s, s, s);
    bool any = xt::any(A < s) || xt::all(A > s) || xt::any(xt::isnan(A));
    (void)any;
    // construction
    r = xt::zeros_like(A);
    r = xt::ones_like(A);
    r = xt::zeros<double>({A.shape(0), A.shape(1)});
    r = xt::ones<double>({A.shape(0), A.shape(1)});
    Matrix e(A.shape());
    Matrix f = xt::empty<double>({A.shape(0), A.shape(1)});
    (void)e;
    (void)f;
    // reductions and row-wise broadcasting (evaluated first: see the keep_dims trap)
    double total = xt::sum(A)() + xt::mean(A)() + xt::amax(A)() + xt::sum(A * B)();
    (void)total;
    Vector rows = xt::sum(A, {1});
    Vector cols = xt::sum(A, {0});
    Vector big = xt::amax(A, {1});
    Vector small = xt::amin(A, {1});
    Vector mean = xt::mean(A, {0});
    r = A - xt::view(big, xt::all(), xt::newaxis());
    r = xt::exp(A - xt::view(big, xt::all(), xt::newaxis()));
    r = A / xt::view(rows, xt::all(), xt::newaxis());
    auto best = xt::argmax(A, 1);
    (void)best;
    (void)cols;
    (void)small;
    (void)mean;
    // views and transposes
    Vector row = xt::view(A, 0, xt::all());
    Vector col = xt::view(A, xt::all(), 0);
    Matrix some = xt::view(A, xt::range(0, 1), xt::all());
    xt::view(r, 0, xt::all()) = v;
    xt::view(r, 0, xt::all()) += v;
    r = xt::transpose(A);
    Matrix t = xt::transpose(A);
    r(0, 0) = A(0, 0) + row(0) + col(0) + some(0, 0) + t(0, 0);
}

inline void vectors(const Vector& a, const Vector& b, double s)
{
    Vector r = a + b;
    r = a - b;
    r = a * b;
    r = a / b;
    r = a * s;
    r = s * a;
    r = a - s * b;
    r -= s * b;
    r += b;
    r = xt::zeros_like(a);
    r = xt::exp(a);
    r = xt::maximum(a, s);
    double total = xt::sum(a)() + xt::sum(a * b)() + xt::amax(a)();
    r(0) = total;
}

}  // namespace scratchnet::pch_idioms
