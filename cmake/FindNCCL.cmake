# FindNCCL: NVIDIA's collective communication library (nccl.h, libnccl).
#
# NCCL ships with the CUDA toolkit on some installs, as a package of its own (libnccl-dev), a
# cluster module or a pip wheel (nvidia-nccl-cu12: NCCL_ROOT=<site-packages>/nvidia/nccl) on others. Searched in NCCL_ROOT (CMake variable or environment; CMP0074), then
# next to the toolkit (CUDAToolkit_INCLUDE_DIRS, CUDAToolkit_LIBRARY_DIR, CUDAToolkit_LIBRARY_ROOT:
# call find_package(CUDAToolkit) first), then the system paths.
#
# Result variables: NCCL_FOUND, NCCL_VERSION (from NCCL_MAJOR, NCCL_MINOR and NCCL_PATCH in
# nccl.h), NCCL_INCLUDE_DIRS, NCCL_LIBRARIES. Imported target: NCCL::NCCL, the shared library,
# which needs no driver to load (it finds libcuda when a communicator is created).

find_path(NCCL_INCLUDE_DIR nccl.h
          HINTS ${CUDAToolkit_INCLUDE_DIRS} "${CUDAToolkit_LIBRARY_ROOT}"
          PATH_SUFFIXES include
          DOC "Directory of nccl.h")
# libnccl.so.2 alone: the nvidia-nccl-cu* pip wheels ship no unversioned libnccl.so. Both names
# in each directory before the next (NAMES_PER_DIR), so that NCCL_ROOT's wheel beats a system one.
find_library(NCCL_LIBRARY NAMES nccl libnccl.so.2 NAMES_PER_DIR
             HINTS "${CUDAToolkit_LIBRARY_DIR}" "${CUDAToolkit_LIBRARY_ROOT}"
             PATH_SUFFIXES lib64 lib
             DOC "The NCCL shared library")

if(NCCL_INCLUDE_DIR AND EXISTS "${NCCL_INCLUDE_DIR}/nccl.h")
  file(STRINGS "${NCCL_INCLUDE_DIR}/nccl.h" nccl_version_lines
       REGEX "^#define NCCL_(MAJOR|MINOR|PATCH)[ \t]+[0-9]+")
  foreach(part IN ITEMS MAJOR MINOR PATCH)
    string(REGEX REPLACE ".*#define NCCL_${part}[ \t]+([0-9]+).*" "\\1" nccl_${part}
           "${nccl_version_lines}")
  endforeach()
  if(nccl_MAJOR MATCHES "^[0-9]+$" AND nccl_MINOR MATCHES "^[0-9]+$"
     AND nccl_PATCH MATCHES "^[0-9]+$")
    set(NCCL_VERSION "${nccl_MAJOR}.${nccl_MINOR}.${nccl_PATCH}")
  endif()
  unset(nccl_version_lines)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(NCCL
  REQUIRED_VARS NCCL_LIBRARY NCCL_INCLUDE_DIR
  VERSION_VAR NCCL_VERSION)

if(NCCL_FOUND)
  set(NCCL_INCLUDE_DIRS "${NCCL_INCLUDE_DIR}")
  set(NCCL_LIBRARIES "${NCCL_LIBRARY}")
  if(NOT TARGET NCCL::NCCL)
    add_library(NCCL::NCCL UNKNOWN IMPORTED)
    set_target_properties(NCCL::NCCL PROPERTIES
      IMPORTED_LOCATION "${NCCL_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${NCCL_INCLUDE_DIR}")
  endif()
endif()

mark_as_advanced(NCCL_INCLUDE_DIR NCCL_LIBRARY)
