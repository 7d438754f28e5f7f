# Every option of the suite starts with ROOF_. Optional back ends take AUTO (use it when found),
# ON (fail the configure without it) or OFF.

set(ROOF_WITH_CUDA AUTO CACHE STRING "Build the CUDA code (AUTO: when a CUDA toolkit is found)")
set_property(CACHE ROOF_WITH_CUDA PROPERTY STRINGS AUTO ON OFF)

set(ROOF_WITH_ONEDNN AUTO CACHE STRING "Build the oneDNN runners (AUTO: when oneDNN is found)")
set_property(CACHE ROOF_WITH_ONEDNN PROPERTY STRINGS AUTO ON OFF)

set(ROOF_WITH_BLAS AUTO CACHE STRING "Build the BLAS (im2col + sgemm) runner (AUTO: when found)")
set_property(CACHE ROOF_WITH_BLAS PROPERTY STRINGS AUTO ON OFF)

set(ROOF_WITH_NCCL AUTO CACHE STRING
    "Build bench_comm, NCCL's collectives measured (AUTO: when CUDA and NCCL are found)")
set_property(CACHE ROOF_WITH_NCCL PROPERTY STRINGS AUTO ON OFF)

set(ROOF_WITH_MPI AUTO CACHE STRING
    "Let bench_comm span processes and nodes under mpirun (AUTO: when MPI is found)")
set_property(CACHE ROOF_WITH_MPI PROPERTY STRINGS AUTO ON OFF)

# On by default when the suite is the project being built, off when another project adds it
# with add_subdirectory and wants the libraries.
option(ROOF_BUILD_TESTS "Build the GoogleTest suite and register it with CTest"
       ${PROJECT_IS_TOP_LEVEL})
option(ROOF_BUILD_BENCHMARKS "Build the Google Benchmark programs" ${PROJECT_IS_TOP_LEVEL})
option(ROOF_WARNINGS_AS_ERRORS "Treat compiler warnings as errors" OFF)

foreach(choice IN ITEMS ROOF_WITH_CUDA ROOF_WITH_ONEDNN ROOF_WITH_BLAS ROOF_WITH_NCCL
                        ROOF_WITH_MPI)
  if(NOT ${choice} MATCHES "^(AUTO|ON|OFF)$")
    message(FATAL_ERROR "${choice} must be AUTO, ON or OFF, not '${${choice}}'")
  endif()
endforeach()
