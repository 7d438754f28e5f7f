# Installs the built suite into a fresh prefix, then configures, builds and runs the consumer
# project against it. Invoked by CTest as
#   cmake -DBUILD_DIR=<suite build> -DWORK=<scratch dir> -DSOURCE=<tests/package> -P ...
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE "${WORK}")
set(prefix "${WORK}/prefix")
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
foreach(installed IN ITEMS lib/cmake/roofline_suite/roofline_suiteConfig.cmake
                           lib/cmake/roofline_suite/roofline_suiteConfigVersion.cmake
                           include/roofline_suite/networks/network.hpp bin/roofline)
  if(NOT EXISTS "${prefix}/${installed}")
    message(FATAL_ERROR "the install has no ${installed}")
  endif()
endforeach()
run(${CMAKE_COMMAND} -S "${SOURCE}/consumer" -B "${WORK}/consumer" -G Ninja
    "-DCMAKE_PREFIX_PATH=${prefix}")
run(${CMAKE_COMMAND} --build "${WORK}/consumer")
run("${WORK}/consumer/consumer")
message(STATUS "${run_output}")
# A version the package does not promise (another minor version) is refused.
execute_process(COMMAND ${CMAKE_COMMAND} -S "${SOURCE}/consumer" -B "${WORK}/other_version"
                -G Ninja "-DCMAKE_PREFIX_PATH=${prefix}" -DROOF_WANTED_VERSION=0.2
                RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE err)
if(status EQUAL 0 OR NOT err MATCHES "roofline_suite")
  message(FATAL_ERROR "find_package(roofline_suite 0.2) did not fail:\n${err}")
endif()
