#pragma once

#include "kernels/cuda/conv_geometry.hpp"
#include "networks/layer.hpp"

namespace roof::cuda {

// The conv or fc layer as our kernels see it (conv_geometry.hpp). Host side only: Layer is
// C++20, the .cu files are C++17.
ConvGeometry conv_geometry(const Layer& layer);

}  // namespace roof::cuda
