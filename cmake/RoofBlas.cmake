# Resolves ROOF_WITH_BLAS into ROOF_HAVE_BLAS and, when found, the interface target roof::blas: a
# BLAS library with the CBLAS interface plus the directory of its cblas.h. OpenBLAS is tried
# first (it threads its sgemm and can say how it was built, openblas_get_config()); any other
# BLAS that carries the CBLAS symbols works too. A BLA_VENDOR given by the user is respected.

set(ROOF_HAVE_BLAS OFF)
if(NOT ROOF_WITH_BLAS STREQUAL "OFF")
  set(ROOF_BLAS_IS_OPENBLAS OFF)
  if(NOT DEFINED BLA_VENDOR)
    set(BLA_VENDOR OpenBLAS)
    find_package(BLAS QUIET)
    unset(BLA_VENDOR)
    set(ROOF_BLAS_IS_OPENBLAS ${BLAS_FOUND})
  else()
    find_package(BLAS QUIET)
    if(BLA_VENDOR STREQUAL "OpenBLAS")
      set(ROOF_BLAS_IS_OPENBLAS ${BLAS_FOUND})
    endif()
  endif()
  if(NOT BLAS_FOUND AND NOT DEFINED BLA_VENDOR)
    find_package(BLAS QUIET)
  endif()
  # Debian puts the header of the selected BLAS (update-alternatives) under the multiarch
  # directory; other systems keep OpenBLAS's in include/openblas.
  find_path(ROOF_CBLAS_INCLUDE_DIR cblas.h PATH_SUFFIXES openblas
            DOC "Directory of the cblas.h that matches the BLAS library")
  if(BLAS_FOUND AND ROOF_CBLAS_INCLUDE_DIR)
    add_library(roof_blas INTERFACE)
    add_library(roof::blas ALIAS roof_blas)
    target_link_libraries(roof_blas INTERFACE BLAS::BLAS)
    target_include_directories(roof_blas SYSTEM INTERFACE "${ROOF_CBLAS_INCLUDE_DIR}")
    # The library, not the header, decides: Debian's cblas.h may be OpenBLAS's while the
    # generic libblas.so lacks openblas_get_config().
    if(ROOF_BLAS_IS_OPENBLAS)
      target_compile_definitions(roof_blas INTERFACE ROOF_BLAS_IS_OPENBLAS=1)
    endif()
    list(GET BLAS_LIBRARIES 0 ROOF_BLAS_LIBRARY)
    target_compile_definitions(roof_blas INTERFACE ROOF_BLAS_LIBRARY="${ROOF_BLAS_LIBRARY}")
    set(ROOF_HAVE_BLAS ON)
  elseif(ROOF_WITH_BLAS STREQUAL "ON")
    message(FATAL_ERROR "ROOF_WITH_BLAS=ON but no BLAS library with cblas.h was found "
                        "(BLAS_FOUND=${BLAS_FOUND}, cblas.h: ${ROOF_CBLAS_INCLUDE_DIR})")
  endif()
endif()
