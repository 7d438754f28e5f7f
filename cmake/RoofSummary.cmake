# One block at the end of the configure that says what this build will contain.
message(STATUS "roofline suite ${PROJECT_VERSION} configuration:")
message(STATUS "  CUDA   (ROOF_WITH_CUDA=${ROOF_WITH_CUDA})   : ${ROOF_HAVE_CUDA}"
               " ${CMAKE_CUDA_COMPILER_VERSION} archs=${CMAKE_CUDA_ARCHITECTURES}")
message(STATUS "  oneDNN (ROOF_WITH_ONEDNN=${ROOF_WITH_ONEDNN}) : ${ROOF_HAVE_ONEDNN}"
               " ${dnnl_VERSION}")
message(STATUS "  BLAS   (ROOF_WITH_BLAS=${ROOF_WITH_BLAS})   : ${ROOF_HAVE_BLAS}"
               " ${ROOF_BLAS_LIBRARY}")
message(STATUS "  NCCL   (ROOF_WITH_NCCL=${ROOF_WITH_NCCL})   : ${ROOF_HAVE_NCCL}"
               " ${NCCL_VERSION}")
message(STATUS "  MPI    (ROOF_WITH_MPI=${ROOF_WITH_MPI})    : ${ROOF_HAVE_MPI}"
               " ${ROOF_MPI_LIBRARY}")
message(STATUS "  tests ${ROOF_BUILD_TESTS}, benchmarks ${ROOF_BUILD_BENCHMARKS}")
