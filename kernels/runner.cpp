#include "kernels/runner.hpp"

#include "kernels/cpu/blocked_direct_runner.hpp"
#include "kernels/cpu/brgemm_runner.hpp"
#include "kernels/cpu/direct_runner.hpp"
#include "kernels/cpu/packed_gemm_runner.hpp"
#include "kernels/cpu/winograd_runner.hpp"
#include "kernels/op_tensors.hpp"
#ifdef ROOF_HAVE_BLAS
#include "kernels/blas/blas_runner.hpp"
#endif
#ifdef ROOF_HAVE_ONEDNN
#include "kernels/onednn/onednn_runner.hpp"
#endif

namespace roof::kernels {

std::int64_t input_elements(const Layer& layer) {
  const Shape& s = layer.shape;
  return s.N * s.C * s.H * s.W;
}

std::int64_t output_elements(const Layer& layer) {
  const Shape& s = layer.shape;
  return s.N * s.K * s.P * s.Q;
}

std::int64_t weight_elements(const Layer& layer) {
  if (layer.op != Op::conv && layer.op != Op::fc) return 0;
  const Shape& s = layer.shape;
  return s.K * (s.C / s.groups) * s.R * s.S;
}

std::int64_t result_elements(const Layer& layer, Pass pass) {
  switch (pass) {
    case Pass::fwd:
      return output_elements(layer);
    case Pass::bwd_data:
      return input_elements(layer);
    case Pass::bwd_weights:
      return weight_elements(layer);
  }
  return 0;
}

namespace {

// splitmix64 (Steele, Lea, Flood 2014): one 64-bit state, a full period, and outputs good
// enough for test data; the same seed gives the same tensors on every platform, which
// std::uniform_real_distribution does not promise.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // The top 24 bits scaled to [-1, 1): every value is exactly a float.
  float next_signed_unit() {
    const auto top = static_cast<std::int32_t>(next() >> 40);  // [0, 2^24)
    return static_cast<float>(top - (1 << 23)) / static_cast<float>(1 << 23);
  }

 private:
  std::uint64_t state_;
};

// Each tensor has its own stream, derived from the seed and the tensor's role, so x is the same
// for fwd and bwd_weights under one seed, whatever else the pass reads.
enum class Role : std::uint64_t { x = 1, w = 2, bias = 3, dy = 4 };

std::vector<float> random_tensor(std::int64_t elements, std::uint64_t seed, Role role) {
  SplitMix64 stream(seed ^ (static_cast<std::uint64_t>(role) * 0xd1b54a32d192ed03ULL));
  std::vector<float> values(static_cast<std::size_t>(elements));
  for (float& value : values) value = stream.next_signed_unit();
  return values;
}

// Distinct values for max pooling's input, so that no window holds two equal maxima and every
// implementation routes each gradient to the same element: i -> i x an odd constant is a
// bijection modulo 2^24, so values repeat only 2^24 elements apart, never within a window.
std::vector<float> distinct_tensor(std::int64_t elements, std::uint64_t seed) {
  std::vector<float> values(static_cast<std::size_t>(elements));
  const std::uint64_t offset = seed * 0x9e3779b97f4a7c15ULL;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto code = static_cast<std::int32_t>(((i + offset) * 2654435761ULL) & 0xffffff);
    values[i] = static_cast<float>(code - (1 << 23)) / static_cast<float>(1 << 23);
  }
  return values;
}

// A memory op's tensors (op_tensors.hpp): x, dy, and batch norm's gamma and beta in w.
PassTensors random_op_tensors(const Layer& layer, Pass pass, std::uint64_t seed) {
  PassTensors tensors;
  const bool fwd = pass == Pass::fwd;
  const std::int64_t x = op_x_elements(layer, fwd);
  tensors.x = layer.op == Op::max_pool ? distinct_tensor(x, seed) : random_tensor(x, seed, Role::x);
  tensors.dy = random_tensor(op_dy_elements(layer, fwd), seed, Role::dy);
  tensors.w = random_tensor(op_w_elements(layer), seed, Role::w);
  return tensors;
}

}  // namespace

PassTensors random_pass_tensors(const Layer& layer, Pass pass, std::uint64_t seed) {
  if (is_memory_op(layer)) return random_op_tensors(layer, pass, seed);
  PassTensors tensors;
  const bool reads_x = pass == Pass::fwd || pass == Pass::bwd_weights;
  const bool reads_w = pass == Pass::fwd || pass == Pass::bwd_data;
  const bool reads_dy = pass == Pass::bwd_data || pass == Pass::bwd_weights;
  if (reads_x) tensors.x = random_tensor(input_elements(layer), seed, Role::x);
  if (reads_w) tensors.w = random_tensor(weight_elements(layer), seed, Role::w);
  if (pass == Pass::fwd && layer.bias) {
    tensors.bias = random_tensor(layer.shape.K, seed, Role::bias);
  }
  if (reads_dy) tensors.dy = random_tensor(output_elements(layer), seed, Role::dy);
  return tensors;
}

std::vector<std::unique_ptr<LayerRunner>> make_cpu_runners() {
  std::vector<std::unique_ptr<LayerRunner>> runners;
  runners.push_back(std::make_unique<DirectRunner>());
  runners.push_back(std::make_unique<BlockedDirectRunner>());
  runners.push_back(std::make_unique<BrgemmRunner>());
  runners.push_back(std::make_unique<PackedGemmRunner>());
  runners.push_back(std::make_unique<WinogradRunner>());
#ifdef ROOF_HAVE_BLAS
  runners.push_back(std::make_unique<BlasRunner>());
#endif
#ifdef ROOF_HAVE_ONEDNN
  runners.push_back(std::make_unique<OneDnnRunner>());
#endif
  return runners;
}

}  // namespace roof::kernels
