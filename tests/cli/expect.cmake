# Runs one command-line case and checks its contract. Invoked by CTest as
#   cmake -DCOMMAND=<words joined by |> -DEXIT=<code> [-DSTDOUT=<regex>] [-DSTDERR=<regex>]
#         [-DONE_LINE_STDERR=ON] [-DSTDOUT_FILE=<path>] -P expect.cmake
# Bad input must give exactly one line on stderr and a non-zero status; good input status 0.
cmake_minimum_required(VERSION 3.25)

string(REPLACE "|" ";" COMMAND "${COMMAND}")
execute_process(COMMAND ${COMMAND}
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(STDOUT_FILE)
  file(WRITE "${STDOUT_FILE}" "${out}")
endif()

set(problems "")
if(NOT status STREQUAL EXIT)
  string(APPEND problems "exit status ${status}, expected ${EXIT}\n")
endif()
if(DEFINED STDOUT AND NOT out MATCHES "${STDOUT}")
  string(APPEND problems "stdout does not match '${STDOUT}'\n")
endif()
if(DEFINED STDERR AND NOT err MATCHES "${STDERR}")
  string(APPEND problems "stderr does not match '${STDERR}'\n")
endif()
if(ONE_LINE_STDERR)
  string(REGEX MATCHALL "\n" newlines "${err}")
  list(LENGTH newlines lines)
  if(NOT lines EQUAL 1)
    string(APPEND problems "stderr has ${lines} lines, expected exactly one\n")
  endif()
endif()
if(problems)
  string(SUBSTRING "${out}" 0 2000 out_head)
  message(FATAL_ERROR
          "${problems}--- command: ${COMMAND}\n--- stdout:\n${out_head}\n--- stderr:\n${err}")
endif()
