#include "traps.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <stdexcept>

#include <unistd.h>
#include <xtensor/xexception.hpp>

#include "core.hpp"

namespace grader::traps {

const char* const where_explained =
    "see \"Traps\" in chapter 01's xtensor notes (chapters/01-forward-propagation/README.md, "
    "section \"xtensor for NumPy users\"; chapter01.html#chapter01-traps on the course site)";

namespace {

std::atomic<std::size_t> last_failed{0};

std::string bytes_str(double bytes)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3g", bytes);
    return buf;
}

double physical_memory()
{
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) : 0.0;
}

// The same words for every made-up size, from wherever it was noticed.
std::string made_up_size(const std::string& asked)
{
    return asked +
           ", far more than this machine has: the size is made up, not a slow leak. Almost "
           "always a 1-D result stored in a 2-D Matrix, e.g. `Matrix lse = "
           "xt::log(xt::sum(xt::exp(S), {1}));` (xtensor 0.24 invents the missing size): store "
           "it in a Vector, or keep the axis with xt::keep_dims to get (N, 1). Or a Matrix read "
           "past the end of a std::vector (an index loop `for (std::size_t l = L - 1; l >= 0; "
           "--l)` never stops: unsigned numbers are never below 0); " +
           where_explained;
}

}  // namespace

void forget_failed_allocation() { last_failed = 0; }

std::size_t failed_allocation() { return last_failed; }

bool absurd_size(double bytes)
{
    double most = physical_memory();
    if (const char* limit = std::getenv("SCRATCHNET_MEMORY_MB"))
        most = std::max(most, std::atof(limit) * 1048576.0);
    return bytes > 16.0 * std::max(most, 1073741824.0);
}

std::string fill_value_cause(double value)
{
    if (!std::getenv("MALLOC_PERTURB_"))
        return "";
    auto fill = [](std::uint64_t bits) {
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    };
    const double never_written = fill(0xfefefefefefefefeULL), freed = fill(0x0101010101010101ULL);
    const char* chapter = std::getenv("SCRATCHNET_CHAPTER");
    if (std::abs(value - never_written) <= 0.1 * std::abs(never_written))
        return "About -5.5e+303 is what the grader puts in memory that was never written: a "
               "matrix read before it was given values (`Matrix Z(shape);` leaves the entries "
               "as they were; start from xt::zeros<double>(shape) when you add into it)";
    const bool subnormal = value != 0.0 && std::abs(value) < std::numeric_limits<double>::min();
    if (std::abs(value - freed) <= 1e-6 * freed || subnormal)
        return "A number as tiny as " + bytes_str(value) +
               " is what freed memory, or a pointer, reads as: your code most likely read memory "
               "after it was freed (a pointer or an `auto` expression that refers to a local "
               "matrix that no longer exists); ./grade --sanitize " +
               (chapter ? chapter : std::string("NN")) + " names the line";
    return "";
}

std::string cause_of_current_exception()
{
    try {
        throw;
    } catch (const std::bad_array_new_length&) {
        // std::allocator refuses before asking operator new: more than 2^64 bytes.
        return made_up_size("asked for more than 1.8e19 bytes at once");
    } catch (const std::bad_alloc&) {
        const std::size_t failed = last_failed;
        if (failed == 0)  // std::allocator refused before asking operator new: over 2^63 bytes
            return made_up_size("asked for more than 9.2e18 bytes at once");
        if (absurd_size(static_cast<double>(failed)))
            return made_up_size("asked for " + bytes_str(static_cast<double>(failed)) +
                                " bytes at once");
        return "";
    } catch (const scratchnet::dimension_mismatch&) {
        return where_explained;
    } catch (const xt::broadcast_error&) {
        return "two shapes that do not broadcast met in one element-wise expression. `*` "
               "multiplies entry by entry (as in NumPy): the matrix product is dot(A, B), and "
               "dot(transposed(A), B) is A^T B. A per-row Vector (N) against an (N, C) Matrix "
               "needs xt::view(v, xt::all(), xt::newaxis()); " +
               std::string(where_explained);
    } catch (const std::runtime_error& e) {
        // The sanitizer build's xtensor assertions (XTENSOR_ENABLE_ASSERT) for the
        // dimension_mismatch trap: they fire before core.hpp's check.
        const std::string what = e.what();
        if (what.find("Cannot change dimension of xtensor") != std::string::npos ||
            what.find("cannot change the number of dimensions") != std::string::npos)
            return "an expression was stored in a container with another number of dimensions, "
                   "e.g. a 1-D reduction `Matrix m = xt::amax(S, {1});` (store it in a Vector, "
                   "or keep the axis with xt::keep_dims) or a (1, H) `xt::keep_dims` sum in a "
                   "Vector; " +
                   std::string(where_explained);
        return "";
    } catch (...) {
        return "";
    }
}

}  // namespace grader::traps

// ---- global operator new: remembers the size of a request that failed -----------------------
//
// Forwarding versions of every replaceable allocation function (malloc / posix_memalign and
// free, as libstdc++'s own do), so that a std::bad_alloc can say how much was asked for at once.
// The sanitizer build keeps AddressSanitizer's, which report a failed request themselves.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCRATCHNET_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SCRATCHNET_ASAN 1
#endif

#ifndef SCRATCHNET_ASAN
namespace {

void* allocate(std::size_t size, std::size_t alignment, bool nothrow)
{
    if (size == 0)
        size = 1;
    for (;;) {
        void* p = nullptr;
        if (alignment <= alignof(std::max_align_t))
            p = std::malloc(size);
        else if (posix_memalign(&p, alignment, size) != 0)
            p = nullptr;
        if (p)
            return p;
        std::new_handler handler = std::get_new_handler();
        if (!handler) {
            if (nothrow)
                return nullptr;
            grader::traps::last_failed = size;
            throw std::bad_alloc();
        }
        handler();
    }
}

void* allocate_nothrow(std::size_t size, std::size_t alignment) noexcept
{
    try {
        return allocate(size, alignment, true);
    } catch (...) {  // a new_handler that throws
        return nullptr;
    }
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size, 0, false); }
void* operator new[](std::size_t size) { return allocate(size, 0, false); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept
{
    return allocate_nothrow(size, 0);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept
{
    return allocate_nothrow(size, 0);
}
void* operator new(std::size_t size, std::align_val_t a)
{
    return allocate(size, static_cast<std::size_t>(a), false);
}
void* operator new[](std::size_t size, std::align_val_t a)
{
    return allocate(size, static_cast<std::size_t>(a), false);
}
void* operator new(std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept
{
    return allocate_nothrow(size, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t size, std::align_val_t a, const std::nothrow_t&) noexcept
{
    return allocate_nothrow(size, static_cast<std::size_t>(a));
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
#endif
