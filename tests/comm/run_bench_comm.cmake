# Runs bench_comm and fails unless it exits 0 and its output matches PASS_REGEX without matching
# FAIL_REGEX: ctest's PASS_REGULAR_EXPRESSION alone ignores the exit status.
#
#   cmake -DPROGRAM=<bench_comm> -DPASS_REGEX=<regex> [-DFAIL_REGEX=<regex>]
#         -P run_bench_comm.cmake -- <bench_comm's arguments>...
if(NOT PROGRAM OR NOT PASS_REGEX)
  message(FATAL_ERROR "run_bench_comm.cmake needs -DPROGRAM=... and -DPASS_REGEX=...")
endif()

set(arguments "")
set(after_separator FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(after_separator)
    list(APPEND arguments "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "--")
    set(after_separator TRUE)
  endif()
endforeach()

execute_process(COMMAND "${PROGRAM}" ${arguments}
                RESULT_VARIABLE status
                OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
# Shown whatever happens, so that ctest --output-on-failure tells why.
message("${out}${err}")

if(NOT status STREQUAL "0")
  message(FATAL_ERROR "bench_comm exited with status ${status}")
endif()
if(FAIL_REGEX AND "${out}${err}" MATCHES "${FAIL_REGEX}")
  message(FATAL_ERROR "bench_comm's output matches ${FAIL_REGEX}")
endif()
if(NOT "${out}${err}" MATCHES "${PASS_REGEX}")
  message(FATAL_ERROR "bench_comm's output does not match ${PASS_REGEX}")
endif()
