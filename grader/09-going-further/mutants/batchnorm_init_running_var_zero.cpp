// mutant: batchnorm_init starts the running variance at 0 instead of 1.
// rejected-by: BatchNormInit.PyTorchDefaults
// rejected-by: ModernMlp.InitFollowsTheDrawOrder
#include "going_further.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

namespace scratchnet {

BatchNorm batchnorm_init(std::size_t H)
{
    if (H == 0)
        throw std::invalid_argument("batchnorm_init: H must be at least 1");
    BatchNorm bn;
    bn.gamma = xt::ones<double>({H});
    bn.beta = xt::zeros<double>({H});
    bn.running_mean = xt::zeros<double>({H});
    bn.running_var = xt::zeros<double>({H});
    return bn;
}

}  // namespace scratchnet
