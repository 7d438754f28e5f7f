# ROOF_SANITIZE: AddressSanitizer and UndefinedBehaviorSanitizer on every target of the suite
# (any undefined behaviour stops the program, so a test that meets one fails). ROOF_BUILD_FUZZERS:
# libFuzzer targets for the parsers (tests/fuzz), with clang only; the suite's code is then also
# compiled with libFuzzer's coverage instrumentation. The `sanitize` preset turns on both.
option(ROOF_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(ROOF_BUILD_FUZZERS "Build the libFuzzer targets of tests/fuzz (clang)" OFF)

if(ROOF_BUILD_FUZZERS AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "ROOF_BUILD_FUZZERS needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}")
endif()

if(ROOF_SANITIZE)
  set(roof_sanitizers -fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:${roof_sanitizers}>")
  # The instrumented code often keeps `omp simd` loops from vectorising, which clang reports as
  # a warning; speed is not what this build is for.
  add_compile_options("$<$<COMPILE_LANG_AND_ID:CXX,Clang>:-Wno-pass-failed>")
  add_link_options(-fsanitize=address,undefined)
endif()
if(ROOF_BUILD_FUZZERS)
  add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:-fsanitize=fuzzer-no-link>")
endif()
