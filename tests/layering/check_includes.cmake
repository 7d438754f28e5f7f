# Fails when a folder of the suite includes a header of a folder above it: data flows one way
# (ARCHITECTURE.md), support/ below everything, cli/ above everything. Invoked by CTest as
#   cmake -DROOT=<source tree> -P check_includes.cmake
# Each folder may include its own headers and those of the folders listed for it here.
cmake_minimum_required(VERSION 3.25)

set(allowed_support "")
set(allowed_networks support)
set(allowed_results support)
set(allowed_roofline support networks results)
set(allowed_calibration support networks results roofline)
set(allowed_kernels support networks)
set(allowed_reports support networks results roofline)
set(allowed_bench support networks results roofline kernels)
set(allowed_cli support networks results roofline reports)
set(folders support networks results roofline calibration kernels reports bench cli)

set(violations "")
set(checked 0)
foreach(folder IN LISTS folders)
  file(GLOB_RECURSE sources "${ROOT}/${folder}/*.hpp" "${ROOT}/${folder}/*.cpp"
       "${ROOT}/${folder}/*.cu" "${ROOT}/${folder}/*.cuh" "${ROOT}/${folder}/*.in")
  foreach(source IN LISTS sources)
    math(EXPR checked "${checked} + 1")
    file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"[a-z_]+/")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([a-z_]+)/.*" "\\1" included "${line}")
      if(included STREQUAL folder OR NOT included IN_LIST folders)
        continue()  # its own header, or a path of another kind (tests/, a generated file)
      endif()
      if(NOT included IN_LIST allowed_${folder})
        file(RELATIVE_PATH where "${ROOT}" "${source}")
        string(APPEND violations "  ${where}: ${line} (${folder}/ may include: "
               "${allowed_${folder}})\n")
      endif()
    endforeach()
  endforeach()
endforeach()

if(checked EQUAL 0)
  message(FATAL_ERROR "no sources found under '${ROOT}'")
endif()
if(violations)
  message(FATAL_ERROR "a lower folder includes a higher one:\n${violations}")
endif()
message(STATUS "${checked} files, every include goes down the layers")
