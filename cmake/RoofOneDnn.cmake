# Resolves ROOF_WITH_ONEDNN into ROOF_HAVE_ONEDNN. Debian's oneDNN config also needs the OpenCL
# loader headers (ocl-icd-opencl-dev), which scripts/install-deps.sh installs.

set(ROOF_HAVE_ONEDNN OFF)
if(NOT ROOF_WITH_ONEDNN STREQUAL "OFF")
  if(ROOF_WITH_ONEDNN STREQUAL "ON")
    find_package(dnnl CONFIG REQUIRED)
  else()
    find_package(dnnl CONFIG QUIET)
  endif()
  if(dnnl_FOUND)
    set(ROOF_HAVE_ONEDNN ON)
  endif()
endif()
