# Resolves ROOF_WITH_CUDA into ROOF_HAVE_CUDA, ROOF_WITH_CUDNN into ROOF_HAVE_CUDNN and the
# imported target roof::cudnn, and ROOF_WITH_CUPTI into ROOF_HAVE_CUPTI and the imported target
# roof::nvperf_host (CUPTI itself is FindCUDAToolkit's CUDA::cupti).
# The toolkit is enough: no GPU or driver is needed to build, and nothing links libcuda, so every
# binary starts on a machine without a driver (docs/gpu.md).

set(ROOF_HAVE_CUDA OFF)
set(ROOF_HAVE_CUDNN OFF)
set(ROOF_HAVE_CUPTI OFF)
if(NOT ROOF_WITH_CUDA STREQUAL "OFF")
  # nvcc is often installed outside PATH; look where the toolkit installs it.
  if(NOT CMAKE_CUDA_COMPILER AND NOT DEFINED ENV{CUDACXX})
    find_program(ROOF_NVCC nvcc HINTS ENV CUDA_PATH PATH_SUFFIXES bin
                 PATHS /usr/local/cuda/bin /opt/cuda/bin)
    if(ROOF_NVCC)
      set(CMAKE_CUDA_COMPILER "${ROOF_NVCC}")
    endif()
  endif()
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    # The user's architectures (the cache variable, or CMake's CUDAARCHS environment variable)
    # are never overridden. Without them: the GPUs of this machine when it has one, else SASS for
    # every major architecture the toolkit supports plus PTX for the newest, so the binary runs
    # on whatever GPU the build is later copied to. CMake passes all-major to nvcc >= 11.5 as
    # -arch=all-major, which nvcc expands for its own version (CUDA 13: sm_75 to sm_120), and
    # expands it from its own table for older nvcc.
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES AND NOT DEFINED ENV{CUDAARCHS})
      set(roof_default_architectures all-major)
      find_program(ROOF_NVIDIA_SMI nvidia-smi)
      if(ROOF_NVIDIA_SMI)
        execute_process(COMMAND "${ROOF_NVIDIA_SMI}" -L RESULT_VARIABLE roof_smi_status
                        OUTPUT_VARIABLE roof_smi_gpus ERROR_QUIET TIMEOUT 30)
        if(roof_smi_status EQUAL 0 AND roof_smi_gpus MATCHES "^GPU [0-9]")
          set(roof_default_architectures native)
        endif()
      endif()
      set(CMAKE_CUDA_ARCHITECTURES ${roof_default_architectures} CACHE STRING
          "CUDA architectures to build (default: native with a GPU, else all-major)")
      message(STATUS "CUDA architectures not set: using ${roof_default_architectures}")
    endif()
    # C++17 for device code: CMake 3.25 knows no C++20 flag for nvcc, and the CUDA 11 toolkits
    # of the K80/P100 clusters stop at C++17. The .cu files include no C++20 header.
    set(CMAKE_CUDA_STANDARD 17)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    enable_language(CUDA)
    find_package(CUDAToolkit REQUIRED)
    set(ROOF_HAVE_CUDA ON)

    # cuDNN ships apart from the toolkit (a module of its own on clusters): look in CUDNN_ROOT,
    # then next to the toolkit. Without it the build has the cuBLAS and our own runners only.
    set(ROOF_WITH_CUDNN AUTO CACHE STRING "Build the cuDNN runner (AUTO: when cuDNN is found)")
    set_property(CACHE ROOF_WITH_CUDNN PROPERTY STRINGS AUTO ON OFF)
    if(NOT ROOF_WITH_CUDNN MATCHES "^(AUTO|ON|OFF)$")
      message(FATAL_ERROR "ROOF_WITH_CUDNN must be AUTO, ON or OFF, not '${ROOF_WITH_CUDNN}'")
    endif()
    set(CUDNN_ROOT "$ENV{CUDNN_ROOT}" CACHE PATH "cuDNN install prefix (optional)")
    if(NOT ROOF_WITH_CUDNN STREQUAL "OFF")
      find_path(ROOF_CUDNN_INCLUDE_DIR cudnn.h
                HINTS "${CUDNN_ROOT}" ${CUDAToolkit_INCLUDE_DIRS} "${CUDAToolkit_LIBRARY_ROOT}"
                PATH_SUFFIXES include)
      find_library(ROOF_CUDNN_LIBRARY cudnn
                   HINTS "${CUDNN_ROOT}" "${CUDAToolkit_LIBRARY_DIR}" "${CUDAToolkit_LIBRARY_ROOT}"
                   PATH_SUFFIXES lib64 lib)
      if(ROOF_CUDNN_INCLUDE_DIR AND ROOF_CUDNN_LIBRARY)
        add_library(roof::cudnn UNKNOWN IMPORTED)
        set_target_properties(roof::cudnn PROPERTIES
          IMPORTED_LOCATION "${ROOF_CUDNN_LIBRARY}"
          INTERFACE_INCLUDE_DIRECTORIES "${ROOF_CUDNN_INCLUDE_DIR}")
        set(ROOF_HAVE_CUDNN ON)
      elseif(ROOF_WITH_CUDNN STREQUAL "ON")
        message(FATAL_ERROR "ROOF_WITH_CUDNN=ON but cudnn.h or libcudnn was not found "
                            "(set CUDNN_ROOT)")
      endif()
    endif()
    if(ROOF_HAVE_CUDNN)
      message(STATUS "cuDNN (ROOF_WITH_CUDNN=${ROOF_WITH_CUDNN}): ${ROOF_CUDNN_LIBRARY}")
    else()
      message(STATUS "cuDNN (ROOF_WITH_CUDNN=${ROOF_WITH_CUDNN}): not used, so no cudnn runner")
    endif()

    # CUPTI and NVPW's host library (libnvperf_host) ship with every toolkit since CUDA 10, in
    # lib64 or extras/CUPTI/lib64; some packagings leave them out. Without them the suite builds
    # and reports kernels and counters as unavailable. Neither library needs libcuda to load.
    set(ROOF_WITH_CUPTI AUTO CACHE STRING
        "Record kernels and counters with CUPTI (AUTO: when found)")
    set_property(CACHE ROOF_WITH_CUPTI PROPERTY STRINGS AUTO ON OFF)
    if(NOT ROOF_WITH_CUPTI MATCHES "^(AUTO|ON|OFF)$")
      message(FATAL_ERROR "ROOF_WITH_CUPTI must be AUTO, ON or OFF, not '${ROOF_WITH_CUPTI}'")
    endif()
    if(NOT ROOF_WITH_CUPTI STREQUAL "OFF")
      set(roof_cupti_library_dirs "${CUDAToolkit_LIBRARY_DIR}")
      if(TARGET CUDA::cupti)
        get_target_property(roof_cupti_location CUDA::cupti IMPORTED_LOCATION)
        get_filename_component(roof_cupti_dir "${roof_cupti_location}" DIRECTORY)
        list(PREPEND roof_cupti_library_dirs "${roof_cupti_dir}")
      endif()
      find_library(ROOF_NVPERF_HOST_LIBRARY nvperf_host
                   HINTS ${roof_cupti_library_dirs} "${CUDAToolkit_LIBRARY_ROOT}"
                   PATH_SUFFIXES extras/CUPTI/lib64 extras/CUPTI/lib lib64 lib)
      find_path(ROOF_NVPERF_INCLUDE_DIR nvperf_host.h
                HINTS "${CUDAToolkit_CUPTI_INCLUDE_DIR}" ${CUDAToolkit_INCLUDE_DIRS}
                      "${CUDAToolkit_LIBRARY_ROOT}"
                PATH_SUFFIXES extras/CUPTI/include include)
      if(TARGET CUDA::cupti AND ROOF_NVPERF_HOST_LIBRARY AND ROOF_NVPERF_INCLUDE_DIR)
        add_library(roof::nvperf_host UNKNOWN IMPORTED)
        set_target_properties(roof::nvperf_host PROPERTIES
          IMPORTED_LOCATION "${ROOF_NVPERF_HOST_LIBRARY}"
          INTERFACE_INCLUDE_DIRECTORIES "${ROOF_NVPERF_INCLUDE_DIR}")
        set(ROOF_HAVE_CUPTI ON)
      elseif(ROOF_WITH_CUPTI STREQUAL "ON")
        message(FATAL_ERROR "ROOF_WITH_CUPTI=ON but CUPTI (libcupti, cupti.h) or NVPW "
                            "(libnvperf_host, nvperf_host.h) was not found next to the toolkit")
      endif()
    endif()
    if(ROOF_HAVE_CUPTI)
      if(CUDAToolkit_VERSION VERSION_LESS 12.6)
        set(roof_counters "no counters (range profiler needs CUDA 12.6)")
      else()
        set(roof_counters "range profiler counters")
      endif()
      message(STATUS "CUPTI (ROOF_WITH_CUPTI=${ROOF_WITH_CUPTI}): kernel records, "
                     "${roof_counters}, metric tables; ${ROOF_NVPERF_HOST_LIBRARY}")
    else()
      message(STATUS "CUPTI (ROOF_WITH_CUPTI=${ROOF_WITH_CUPTI}): not used, so kernels and "
                     "counters are reported unavailable")
    endif()
  elseif(ROOF_WITH_CUDA STREQUAL "ON")
    message(FATAL_ERROR "ROOF_WITH_CUDA=ON but no CUDA compiler was found (set CUDACXX or PATH)")
  endif()
endif()
