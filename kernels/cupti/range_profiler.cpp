#include <cuda.h>  // CUDA_VERSION, CUcontext: declarations only, nothing links libcuda

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/cupti/pass_counters.hpp"

// CUPTI's range profiler (cupti_range_profiler.h, cupti_profiler_host.h) arrived in CUDA 12.6.
// Older toolkits, and builds without CUPTI, compile the stubs at the end of this file, which say
// why there are no counters. ROOF_CUPTI_NO_RANGE_PROFILER forces the stubs with any toolkit (a way
// out if a driver's profiler misbehaves, and how the stub is compiled and tested on CUDA 13).
#if defined(ROOF_HAVE_CUPTI) && CUDA_VERSION >= 12060 && !defined(ROOF_CUPTI_NO_RANGE_PROFILER)
#define ROOF_CUPTI_HAS_RANGE_PROFILER 1
#endif

#ifdef ROOF_CUPTI_HAS_RANGE_PROFILER
#include <cuda_runtime_api.h>
#include <cupti_profiler_host.h>
#include <cupti_profiler_target.h>
#include <cupti_range_profiler.h>
#include <cupti_target.h>

#include <cstdint>

#include "kernels/cuda/cuda_check.hpp"
#include "kernels/cupti/cupti_check.hpp"
#endif

namespace roof::cupti {

#ifdef ROOF_CUPTI_HAS_RANGE_PROFILER
namespace {

// At most this many runs of one pass: CUPTI needs 1 to 3 for kPassMetrics on Volta to Blackwell;
// more means the pass is not repeatable and the loop must not spin forever.
constexpr int kMaxReplays = 32;
constexpr const char* kRangeName = "roof_pass";

// The API takes `const char**`; kPassMetrics is an array of const pointers.
std::array<const char*, kPassMetrics.size()> metric_names() {
  return kPassMetrics;
}

// cuptiProfilerInitialize / cuptiProfilerDeInitialize.
class ProfilerInitialization {
 public:
  ProfilerInitialization() {
    CUpti_Profiler_Initialize_Params params{CUpti_Profiler_Initialize_Params_STRUCT_SIZE};
    ROOF_CUPTI_CHECK(cuptiProfilerInitialize(&params));
  }
  ~ProfilerInitialization() {
    CUpti_Profiler_DeInitialize_Params params{CUpti_Profiler_DeInitialize_Params_STRUCT_SIZE};
    ROOF_CUPTI_CHECK_NOTHROW(cuptiProfilerDeInitialize(&params));
  }
  ProfilerInitialization(const ProfilerInitialization&) = delete;
  ProfilerInitialization& operator=(const ProfilerInitialization&) = delete;
};

// The host object: metric configuration and evaluation for one chip, by name. Needs no GPU.
class ProfilerHost {
 public:
  explicit ProfilerHost(const std::string& chip) {
    CUpti_Profiler_Host_Initialize_Params params{CUpti_Profiler_Host_Initialize_Params_STRUCT_SIZE};
    params.profilerType = CUPTI_PROFILER_TYPE_RANGE_PROFILER;
    params.pChipName = chip.c_str();
    ROOF_CUPTI_CHECK(cuptiProfilerHostInitialize(&params));
    object_ = params.pHostObject;
  }
  ~ProfilerHost() {
    CUpti_Profiler_Host_Deinitialize_Params params{
        CUpti_Profiler_Host_Deinitialize_Params_STRUCT_SIZE};
    params.pHostObject = object_;
    ROOF_CUPTI_CHECK_NOTHROW(cuptiProfilerHostDeinitialize(&params));
  }
  ProfilerHost(const ProfilerHost&) = delete;
  ProfilerHost& operator=(const ProfilerHost&) = delete;

  // The configuration image that schedules kPassMetrics on the chip's counters.
  std::vector<std::uint8_t> config_image() {
    auto names = metric_names();
    CUpti_Profiler_Host_ConfigAddMetrics_Params add{
        CUpti_Profiler_Host_ConfigAddMetrics_Params_STRUCT_SIZE};
    add.pHostObject = object_;
    add.ppMetricNames = names.data();
    add.numMetrics = names.size();
    ROOF_CUPTI_CHECK(cuptiProfilerHostConfigAddMetrics(&add));
    CUpti_Profiler_Host_GetConfigImageSize_Params size{
        CUpti_Profiler_Host_GetConfigImageSize_Params_STRUCT_SIZE};
    size.pHostObject = object_;
    ROOF_CUPTI_CHECK(cuptiProfilerHostGetConfigImageSize(&size));
    std::vector<std::uint8_t> image(size.configImageSize);
    CUpti_Profiler_Host_GetConfigImage_Params get{
        CUpti_Profiler_Host_GetConfigImage_Params_STRUCT_SIZE};
    get.pHostObject = object_;
    get.configImageSize = image.size();
    get.pConfigImage = image.data();
    ROOF_CUPTI_CHECK(cuptiProfilerHostGetConfigImage(&get));
    return image;
  }

  PassCounters evaluate(std::vector<std::uint8_t>& counter_data) {
    auto names = metric_names();
    std::array<double, kPassMetrics.size()> values{};
    CUpti_Profiler_Host_EvaluateToGpuValues_Params params{
        CUpti_Profiler_Host_EvaluateToGpuValues_Params_STRUCT_SIZE};
    params.pHostObject = object_;
    params.pCounterDataImage = counter_data.data();
    params.counterDataImageSize = counter_data.size();
    params.rangeIndex = 0;
    params.ppMetricNames = names.data();
    params.numMetrics = names.size();
    params.pMetricValues = values.data();
    ROOF_CUPTI_CHECK(cuptiProfilerHostEvaluateToGpuValues(&params));
    return {values[0], values[1], values[2], values[3], values[4], values[5]};
  }

 private:
  CUpti_Profiler_Host_Object* object_ = nullptr;
};

std::size_t replays_of(std::vector<std::uint8_t>& config_image) {
  CUpti_Profiler_Host_GetNumOfPasses_Params params{
      CUpti_Profiler_Host_GetNumOfPasses_Params_STRUCT_SIZE};
  params.configImageSize = config_image.size();
  params.pConfigImage = config_image.data();
  ROOF_CUPTI_CHECK(cuptiProfilerHostGetNumOfPasses(&params));
  return params.numOfPasses;
}

// The current device's primary context (device_with_context made it current). The profiler wants
// it as a CUcontext, a driver API object; the runtime hands out the driver's cuCtxGetCurrent, so
// nothing links libcuda.
CUcontext current_context() {
  void* entry = nullptr;
  cudaDriverEntryPointQueryResult found = cudaDriverEntryPointSymbolNotFound;
  ROOF_CUDA_CHECK(cudaGetDriverEntryPointByVersion("cuCtxGetCurrent", &entry, 12000,
                                                   cudaEnableDefault, &found));
  if (found != cudaDriverEntryPointSuccess || entry == nullptr) {
    throw std::runtime_error("the CUDA driver has no cuCtxGetCurrent");
  }
  CUcontext context = nullptr;
  const CUresult status = reinterpret_cast<CUresult(CUDAAPI*)(CUcontext*)>(entry)(&context);
  if (status != CUDA_SUCCESS || context == nullptr) {
    throw std::runtime_error("cuCtxGetCurrent failed: CUresult " + std::to_string(status));
  }
  return context;
}

// The current device, with its primary context created: a CudaError here (no driver, no GPU) stops
// a profiler before any of CUPTI's target calls, one of which, cuptiDeviceGetChipName, crashes
// inside CUPTI 13.0 without a driver instead of failing.
int device_with_context() {
  ROOF_CUDA_CHECK(cudaFree(nullptr));
  int device = 0;
  ROOF_CUDA_CHECK(cudaGetDevice(&device));
  return device;
}

std::string chip_name(int device) {
  CUpti_Device_GetChipName_Params params{CUpti_Device_GetChipName_Params_STRUCT_SIZE};
  params.deviceIndex = static_cast<std::size_t>(device);
  ROOF_CUPTI_CHECK(cuptiDeviceGetChipName(&params));
  return params.pChipName;
}

// cuptiRangeProfilerEnable / Disable on a context.
class RangeProfiler {
 public:
  explicit RangeProfiler(CUcontext context) {
    CUpti_RangeProfiler_Enable_Params params{CUpti_RangeProfiler_Enable_Params_STRUCT_SIZE};
    params.ctx = context;
    ROOF_CUPTI_CHECK(cuptiRangeProfilerEnable(&params));
    object_ = params.pRangeProfilerObject;
  }
  ~RangeProfiler() {
    CUpti_RangeProfiler_Disable_Params params{CUpti_RangeProfiler_Disable_Params_STRUCT_SIZE};
    params.pRangeProfilerObject = object_;
    ROOF_CUPTI_CHECK_NOTHROW(cuptiRangeProfilerDisable(&params));
  }
  RangeProfiler(const RangeProfiler&) = delete;
  RangeProfiler& operator=(const RangeProfiler&) = delete;

  CUpti_RangeProfiler_Object* get() const { return object_; }

 private:
  CUpti_RangeProfiler_Object* object_ = nullptr;
};

std::vector<std::uint8_t> counter_data_image(CUpti_RangeProfiler_Object* profiler) {
  auto names = metric_names();
  CUpti_RangeProfiler_GetCounterDataSize_Params size{
      CUpti_RangeProfiler_GetCounterDataSize_Params_STRUCT_SIZE};
  size.pRangeProfilerObject = profiler;
  size.pMetricNames = names.data();
  size.numMetrics = names.size();
  size.maxNumOfRanges = 1;  // one range: the whole pass
  size.maxNumRangeTreeNodes = 1;
  ROOF_CUPTI_CHECK(cuptiRangeProfilerGetCounterDataSize(&size));
  return std::vector<std::uint8_t>(size.counterDataSize);
}

}  // namespace

struct PassCounterProfiler::Session {
  // Declared in the order they are acquired, so a constructor that throws half-way, and the
  // destructor, release them in reverse.
  int device = device_with_context();
  ProfilerInitialization initialization;
  std::string chip = chip_name(device);
  ProfilerHost host{chip};
  std::vector<std::uint8_t> config = host.config_image();
  RangeProfiler range{current_context()};
  std::vector<std::uint8_t> counter_data = counter_data_image(range.get());
};

bool pass_counters_compiled_in() {
  return true;
}

std::string pass_counters_unavailable_reason() {
  return "";
}

std::size_t pass_counter_replays(const std::string& chip) {
  ProfilerHost host(chip);
  std::vector<std::uint8_t> config = host.config_image();
  return replays_of(config);
}

PassCounterProfiler::PassCounterProfiler() : session_(std::make_unique<Session>()) {}

PassCounterProfiler::~PassCounterProfiler() = default;

const std::string& PassCounterProfiler::chip() const {
  return session_->chip;
}

PassCounters PassCounterProfiler::measure(const std::function<void()>& pass) {
  Session& s = *session_;
  ROOF_CUDA_CHECK(cudaDeviceSynchronize());  // nothing queued earlier may land in the range
  // A fresh image for every measurement: the range below is range 0.
  CUpti_RangeProfiler_CounterDataImage_Initialize_Params image{
      CUpti_RangeProfiler_CounterDataImage_Initialize_Params_STRUCT_SIZE};
  image.pRangeProfilerObject = s.range.get();
  image.counterDataSize = s.counter_data.size();
  image.pCounterData = s.counter_data.data();
  ROOF_CUPTI_CHECK(cuptiRangeProfilerCounterDataImageInitialize(&image));

  CUpti_RangeProfiler_SetConfig_Params config{CUpti_RangeProfiler_SetConfig_Params_STRUCT_SIZE};
  config.pRangeProfilerObject = s.range.get();
  config.configSize = s.config.size();
  config.pConfig = s.config.data();
  config.counterDataImageSize = s.counter_data.size();
  config.pCounterDataImage = s.counter_data.data();
  // A user range around the whole pass, replayed by us: the counters cover every kernel of the
  // pass together, whatever library launched them.
  config.range = CUPTI_UserRange;
  config.replayMode = CUPTI_UserReplay;
  config.maxRangesPerPass = 1;
  config.numNestingLevels = 1;
  config.minNestingLevel = 1;
  config.passIndex = 0;
  config.targetNestingLevel = 1;
  ROOF_CUPTI_CHECK(cuptiRangeProfilerSetConfig(&config));

  bool all_submitted = false;
  for (int replay = 0; !all_submitted; ++replay) {
    if (replay == kMaxReplays) {
      throw std::runtime_error("CUPTI asked for more than " + std::to_string(kMaxReplays) +
                               " runs of one pass");
    }
    CUpti_RangeProfiler_Start_Params start{CUpti_RangeProfiler_Start_Params_STRUCT_SIZE};
    start.pRangeProfilerObject = s.range.get();
    ROOF_CUPTI_CHECK(cuptiRangeProfilerStart(&start));
    CUpti_RangeProfiler_Stop_Params stop{CUpti_RangeProfiler_Stop_Params_STRUCT_SIZE};
    stop.pRangeProfilerObject = s.range.get();
    try {
      CUpti_RangeProfiler_PushRange_Params push{CUpti_RangeProfiler_PushRange_Params_STRUCT_SIZE};
      push.pRangeProfilerObject = s.range.get();
      push.pRangeName = kRangeName;
      ROOF_CUPTI_CHECK(cuptiRangeProfilerPushRange(&push));
      pass();
      ROOF_CUDA_CHECK(cudaDeviceSynchronize());
      CUpti_RangeProfiler_PopRange_Params pop{CUpti_RangeProfiler_PopRange_Params_STRUCT_SIZE};
      pop.pRangeProfilerObject = s.range.get();
      ROOF_CUPTI_CHECK(cuptiRangeProfilerPopRange(&pop));
    } catch (...) {
      ROOF_CUPTI_CHECK_NOTHROW(cuptiRangeProfilerStop(&stop));  // leave the profiler stopped
      throw;
    }
    ROOF_CUPTI_CHECK(cuptiRangeProfilerStop(&stop));
    all_submitted = stop.isAllPassSubmitted != 0;
  }

  CUpti_RangeProfiler_DecodeData_Params decode{CUpti_RangeProfiler_DecodeData_Params_STRUCT_SIZE};
  decode.pRangeProfilerObject = s.range.get();
  ROOF_CUPTI_CHECK(cuptiRangeProfilerDecodeData(&decode));
  CUpti_RangeProfiler_GetCounterDataInfo_Params info{
      CUpti_RangeProfiler_GetCounterDataInfo_Params_STRUCT_SIZE};
  info.pCounterDataImage = s.counter_data.data();
  info.counterDataImageSize = s.counter_data.size();
  ROOF_CUPTI_CHECK(cuptiRangeProfilerGetCounterDataInfo(&info));
  if (decode.numOfRangeDropped != 0 || info.numTotalRanges != 1) {
    throw std::runtime_error("CUPTI recorded " + std::to_string(info.numTotalRanges) +
                             " ranges and dropped " + std::to_string(decode.numOfRangeDropped) +
                             " for one pass; expected exactly one");
  }
  return s.host.evaluate(s.counter_data);
}

#else  // no range profiler in this build: the calls compile and say why

namespace {

std::string unavailable_reason() {
#if !defined(ROOF_HAVE_CUPTI)
  return "counters unavailable (built without CUPTI)";
#elif CUDA_VERSION < 12060
  return "counters unavailable (CUDA < 12.6)";
#else
  return "counters unavailable (built with ROOF_CUPTI_NO_RANGE_PROFILER)";
#endif
}

}  // namespace

struct PassCounterProfiler::Session {};

bool pass_counters_compiled_in() {
  return false;
}

std::string pass_counters_unavailable_reason() {
  return unavailable_reason();
}

std::size_t pass_counter_replays(const std::string& /*chip*/) {
  throw std::runtime_error(unavailable_reason());
}

PassCounterProfiler::PassCounterProfiler() {
  throw std::runtime_error(unavailable_reason());
}

PassCounterProfiler::~PassCounterProfiler() = default;

const std::string& PassCounterProfiler::chip() const {
  static const std::string none;
  return none;
}

PassCounters PassCounterProfiler::measure(const std::function<void()>& /*pass*/) {
  throw std::runtime_error(unavailable_reason());
}

#endif

PassCounterResult try_measure_pass_counters(const std::function<void()>& pass) {
  if (!pass_counters_compiled_in()) return {std::nullopt, pass_counters_unavailable_reason()};
  try {
    PassCounterProfiler profiler;
    return {profiler.measure(pass), ""};
  } catch (const std::exception& e) {
    return {std::nullopt, std::string("counters unavailable: ") + e.what()};
  }
}

}  // namespace roof::cupti
