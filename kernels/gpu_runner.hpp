#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/cpu/verify.hpp"
#include "kernels/runner.hpp"
#include "networks/dtype.hpp"

// The GPU counterpart of LayerRunner (kernels/runner.hpp): the same layers, passes and plain fp32
// tensors in and out, with the work split so that CUDA events can time it (docs/gpu.md).

namespace roof::kernels {

struct GpuRunnerOptions {
  // What the arithmetic may do to fp32 data:
  //   default_math  fp32 on the FMA units: what kRelativeTolerance is set for. (cuDNN's own
  //                 CUDNN_DEFAULT_MATH would let Ampere and newer round fp32 inputs to TF32, so
  //                 this is CUDNN_FMA_MATH there.)
  //   tf32          tensor cores with inputs rounded to TF32 (10-bit mantissa), fp32 sums;
  //                 fp32 data only.
  //   tensor_op     tensor cores in fp16: fp16 data as it is, fp32 data converted by the library.
  enum class MathMode { default_math, tf32, tensor_op };
  // Activations (and cuDNN's weights) on the device: plain NCHW/KCRS, or channels-last
  // NHWC/KRSC, which tensor cores prefer. Host tensors are always plain; conversions are untimed.
  enum class Layout { nchw, nhwc };

  // fp32, or fp16: converted on the host to __half, summed in fp32 where the library allows.
  DType dtype = DType::fp32;
  MathMode math = MathMode::default_math;
  Layout layout = Layout::nchw;
  // The most workspace cuDNN's algorithm search may consider (cudnnFind*AlgorithmEx).
  std::size_t workspace_limit_bytes = std::size_t{256} << 20;
};

std::string_view to_string(GpuRunnerOptions::MathMode math);
std::string_view to_string(GpuRunnerOptions::Layout layout);
// Throw std::invalid_argument naming the accepted values.
GpuRunnerOptions::MathMode parse_math_mode(std::string_view text);
GpuRunnerOptions::Layout parse_layout(std::string_view text);
// "fp32 nchw default_math, workspace limit 256 MiB", for descriptions and benchmark context.
std::string describe(const GpuRunnerOptions& options);
// Throws std::invalid_argument for what no runner accepts: bf16 data, tf32 math on fp16 data.
void validate(const GpuRunnerOptions& options);

// The relative tolerance (verify.hpp) a result computed under these options is held to:
// kRelativeTolerance for fp32 on the FMA units, kReducedPrecisionTolerance when inputs are rounded
// to fp16 or TF32. Rounding each input of a product to a 10-bit mantissa moves the product by at
// most 2 x 2^-11 of itself (round to nearest; 2 x 2^-10 if the hardware truncates), so the sum by
// at most 2^-9 = 2e-3 of its term magnitude; fp16 results add one rounding of 2^-11 of the value.
// Twice that leaves room for fp32 summation and for algorithms that round transformed values.
inline constexpr double kReducedPrecisionTolerance = 4e-3;
double relative_tolerance(const GpuRunnerOptions& options);
// Whether a verification passes at `relative_tolerance`: every checked point's error within that
// fraction of its term magnitude (Verification::max_relative_error). At kRelativeTolerance this is
// exactly Verification::passed.
bool passes(const Verification& verification, double relative_tolerance);

// One GPU implementation of conv and fc passes ("cudnn", "cublas", "cuda"). The benchmark
// prepares a (layer, pass) once, enqueues it, checks result() against the float64 reference
// (relative_tolerance above), then times enqueue() alone between CUDA events. Runners throw
// std::runtime_error (CudaError, CudnnError, CublasError with the library's own words) on failure.
// Construction touches no GPU, so runners can be listed and asked supports() on any machine.
class GpuLayerRunner {
 public:
  virtual ~GpuLayerRunner() = default;

  virtual std::string_view name() const = 0;
  // One line for the benchmark context: library and version, dtype, layout, math, what is timed.
  virtual std::string description() const = 0;
  virtual bool supports(const Layer& layer, Pass pass) const = 0;

  // Library handles, device buffers, host-to-device copies (converted to the runner's dtype and
  // layout), descriptors, the algorithm choice and its workspace. Not timed; returns when the
  // copies on `stream` are complete.
  virtual void prepare(const Layer& layer, Pass pass, const PassTensors& inputs,
                       cudaStream_t stream) = 0;
  // The timed part: queues one complete execution of the pass on `stream` and returns without
  // synchronising. Every launch's status is checked; errors of the execution itself surface at
  // the next synchronisation (result(), or the benchmark's event).
  virtual void enqueue(cudaStream_t stream) = 0;
  // Waits for the last enqueue's stream, copies the result back and returns it as fp32 in the
  // plain layout (y, dx or dw), for verification. Not timed.
  virtual std::vector<float> result() = 0;
  // What prepare() chose, e.g. "CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED, workspace 12.3 MiB";
  // empty for a runner that has no choice to report.
  virtual std::string algorithm() const = 0;
};

// The runners this build has, in a stable order: "cudnn" (when built with cuDNN), "cublas",
// "cuda". Calls validate(options) first.
std::vector<std::unique_ptr<GpuLayerRunner>> make_gpu_runners(const GpuRunnerOptions& options);

}  // namespace roof::kernels
