# Resolves ROOF_WITH_CUDA into ROOF_HAVE_CUDA. The toolkit is enough: no GPU or driver is needed
# to build, and nothing links libcuda, so every binary starts on a machine without a driver.

set(ROOF_HAVE_CUDA OFF)
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
    # Respect the user's architectures; pick a default only when none was given. CUDA 13 builds
    # sm_75 and newer; older toolkits (the K80/P100 clusters' CUDA 11/12) also get Pascal.
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES 75 90 CACHE STRING "CUDA architectures to build")
    endif()
    # C++17 for device code: CMake 3.25 knows no C++20 flag for nvcc, and the CUDA 11 toolkits
    # of the K80/P100 clusters stop at C++17.
    set(CMAKE_CUDA_STANDARD 17)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    enable_language(CUDA)
    find_package(CUDAToolkit REQUIRED)
    if(CMAKE_CUDA_COMPILER_VERSION VERSION_LESS 13 AND CMAKE_CUDA_ARCHITECTURES STREQUAL "75;90")
      message(STATUS "CUDA ${CMAKE_CUDA_COMPILER_VERSION}: for P100 and V100 set "
                     "-DCMAKE_CUDA_ARCHITECTURES=60;70")
    endif()
    set(ROOF_HAVE_CUDA ON)
  elseif(ROOF_WITH_CUDA STREQUAL "ON")
    message(FATAL_ERROR "ROOF_WITH_CUDA=ON but no CUDA compiler was found (set CUDACXX or PATH)")
  endif()
endif()
