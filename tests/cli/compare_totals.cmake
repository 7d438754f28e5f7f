# Compares the "totals" objects of two `roofline layers --format json` outputs, key by key:
#   cmake -DLEFT=<file> -DRIGHT=<file> -DKEYS=<keys joined by |> -P compare_totals.cmake
cmake_minimum_required(VERSION 3.25)
string(REPLACE "|" ";" KEYS "${KEYS}")
file(READ "${LEFT}" left)
file(READ "${RIGHT}" right)
foreach(key IN LISTS KEYS)
  string(JSON a GET "${left}" totals ${key})
  string(JSON b GET "${right}" totals ${key})
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "totals.${key} differs: ${a} (${LEFT}) vs ${b} (${RIGHT})")
  endif()
endforeach()
