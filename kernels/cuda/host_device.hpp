#pragma once

// The per-thread functions of our kernels compile twice: by nvcc for the GPU, and by the plain
// host compiler for tests/gpu, which runs every (block, thread) of a real launch on the CPU. Only
// nvcc knows __host__ __device__.
#if defined(__CUDACC__)
#define ROOF_HOST_DEVICE __host__ __device__
#else
#define ROOF_HOST_DEVICE
#endif
