#pragma once

#include <memory>

#include "kernels/runner.hpp"

namespace roof::kernels {

// "onednn": oneDNN's convolution and inner-product primitives (the C++ API of oneDNN 2.x), in
// the blocked layouts the library prefers for the problem (format_tag::any). prepare() creates
// the primitive and reorders the plain inputs into its layouts; run() executes the primitive
// alone and waits; result() reorders the output back to plain. Only run() is timed. The oneDNN
// types stay in the .cpp so that users of this header need no oneDNN headers.
class OneDnnRunner final : public LayerRunner {
 public:
  OneDnnRunner();
  ~OneDnnRunner() override;
  OneDnnRunner(const OneDnnRunner&) = delete;
  OneDnnRunner& operator=(const OneDnnRunner&) = delete;

  std::string_view name() const override { return "onednn"; }
  // Names the implementation oneDNN picked once prepare() has run.
  std::string description() const override;
  bool supports(const Layer& layer, Pass pass) const override;

  void prepare(const Layer& layer, Pass pass, const PassTensors& inputs) override;
  void run() override;
  std::vector<float> result() override;

  // The prepared primitive's implementation (impl_info_str(), e.g. "jit:avx512_core"); empty
  // before prepare().
  std::string implementation() const;

 private:
  struct Problem;  // engine, stream, primitive and its memories
  std::unique_ptr<Problem> problem_;
};

}  // namespace roof::kernels
