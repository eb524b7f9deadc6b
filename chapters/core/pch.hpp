// Precompiled once and shared by every target: parsing xtensor dominates compile time.
// xtensor-blas is left out: only core.cpp (scratchnet::dot) instantiates it, and it would make
// the header larger for every exercise.
#pragma once
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xio.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xoperation.hpp>
#include <xtensor/xsort.hpp>
#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>
#include "pch_idioms.hpp"
