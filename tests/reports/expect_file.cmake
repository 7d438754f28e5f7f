# Fails unless FILE holds the text TEXT and, when AFTER is given, the text AFTER somewhere after it
# (plain text, not regular expressions: the report's Markdown is full of | and \).
#   cmake -DFILE=path -DTEXT=text [-DAFTER=text] -P expect_file.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT EXISTS "${FILE}")
  message(FATAL_ERROR "${FILE} was not written")
endif()
file(READ "${FILE}" content)
string(FIND "${content}" "${TEXT}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${FILE} does not hold '${TEXT}'")
endif()
if(DEFINED AFTER)
  string(SUBSTRING "${content}" ${at} -1 rest)
  string(FIND "${rest}" "${AFTER}" later)
  if(later EQUAL -1)
    message(FATAL_ERROR "${FILE} does not hold '${AFTER}' after '${TEXT}'")
  endif()
endif()
