// mutant: warm-up test e <= warmup: right at e = warmup (both pieces give lr), but with warmup 0 epoch 0 divides 0 by 0.
// rejected-by: CosineWithWarmup.JoinsAndTail
// rejected-by: CosineWithWarmup.MatchesPyTorch
#include "learning_rate_decay.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

namespace scratchnet {
Schedule cosine_with_warmup(double lr, std::size_t warmup, std::size_t total, double min_lr,
                            double start_factor)
{
    if (!(lr > 0.0) || std::isinf(lr)) {
        std::ostringstream m;
        m << "cosine_with_warmup: lr must be a finite number > 0, not " << lr;
        throw std::invalid_argument(m.str());
    }
    if (warmup >= total)
        throw std::invalid_argument("cosine_with_warmup: warmup (" + std::to_string(warmup) +
                                    ") must be smaller than total (" + std::to_string(total) + ")");
    if (!(min_lr >= 0.0 && min_lr <= lr)) {
        std::ostringstream m;
        m << "cosine_with_warmup: min_lr must be in [0, lr], not " << min_lr;
        throw std::invalid_argument(m.str());
    }
    if (!(start_factor > 0.0 && start_factor <= 1.0)) {
        std::ostringstream m;
        m << "cosine_with_warmup: start_factor must be in (0, 1], not " << start_factor;
        throw std::invalid_argument(m.str());
    }
    return [=](std::size_t e) {
        if (e <= warmup)
            return lr * (start_factor + (1.0 - start_factor) * static_cast<double>(e) /
                                            static_cast<double>(warmup));
        if (e >= total)
            return min_lr;
        const double t = static_cast<double>(e) - static_cast<double>(warmup);
        return min_lr + 0.5 * (lr - min_lr) *
                            (1.0 + std::cos(M_PI * t / static_cast<double>(total - warmup)));
    };
}
}  // namespace scratchnet
